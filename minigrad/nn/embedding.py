"""nn.Embedding: a learnable lookup table; row i of its weight is the vector for index i.

Looking rows up is indexing, so only the rows that were looked up get a gradient, added up
as many times as each was used. The row padding_idx (a "no token here" index) starts at zero
and never gets a gradient, so it stays zero while training.

    >>> import minigrad as torch
    >>> table = torch.nn.Embedding(4, 2)
    >>> table(torch.tensor([[0, 3, 3]])).shape
    minigrad.Size([1, 3, 2])
    >>> table(torch.tensor([3, 3])).sum().backward()
    >>> table.weight.grad
    tensor([[0., 0.],
            [0., 0.],
            [0., 0.],
            [2., 2.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype
from ..autograd.grad_mode import no_grad
from ..breadth import formulas
from ..breadth.gather import index_add
from ..ops.op import Op, constant
from ..tensor import Tensor
from . import init
from ._messages import scalar_kind
from .module import Module
from .parameter import Parameter


class EmbeddingBackward0(Op):
    """weight[indices]: one row per index."""

    on_arrays = True
    # PyTorch's names: _saved_indices, _saved_padding_idx (-1 for none) and the table's length.
    __slots__ = ("indices", "padding_idx", "weight_sym_argsize_0")

    def forward(self, weight, indices, padding_idx):
        self.indices, self.padding_idx = indices, padding_idx
        self.weight_sym_argsize_0 = weight._data.shape[0]
        return weight._data[indices._data]

    def backward(self, grad):
        rows = self.indices._data.reshape(-1)
        width = grad.shape[-1]
        shape = (self.weight_sym_argsize_0, width)
        if formulas.is_tensor(grad):
            used = grad.reshape(-1, width)
            if self.padding_idx >= 0:
                used = used * constant((rows != self.padding_idx)[:, None].astype(grad._data.dtype))
            return index_add(constant(np.zeros(shape, grad._data.dtype)), 0,
                             constant(rows), used)
        out = np.zeros(shape, grad.dtype)
        np.add.at(out, rows, grad.reshape(-1, width))
        if self.padding_idx >= 0:
            out[self.padding_idx] = 0
        return out


def _padding_index(padding_idx: int | None, num_embeddings: int) -> int:
    """padding_idx as a row number (negative counts from the end), -1 for none."""
    if padding_idx is None:
        return -1
    if not -num_embeddings <= padding_idx < num_embeddings:
        raise AssertionError("Padding_idx must be within num_embeddings")
    return padding_idx % num_embeddings


def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None,
              max_norm: float | None = None, norm_type: float = 2.0,
              scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """The rows of `weight` at the indices in `input`: shape input.shape + (embedding_dim,)."""
    _check_supported(max_norm, scale_grad_by_freq, sparse)
    if input.dtype not in (_dtype.int64, _dtype.int32):
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            f"types: Long, Int; but got minigrad.{scalar_kind(input)}Tensor instead (while "
            "checking arguments for embedding)")
    labels = input._data
    if labels.size and (labels.min() < 0 or labels.max() >= weight.shape[0]):
        raise IndexError("index out of range in self")
    return EmbeddingBackward0.apply(weight, indices=input,
                                    padding_idx=_padding_index(padding_idx, weight.shape[0]))


def _check_supported(max_norm: float | None, scale_grad_by_freq: bool, sparse: bool) -> None:
    """Options minigrad does not implement are refused, not ignored."""
    for name, value in (("max_norm", max_norm is not None),
                        ("scale_grad_by_freq", scale_grad_by_freq), ("sparse", sparse)):
        if value:
            raise NotImplementedError(f"minigrad's embedding does not support {name}")


class Embedding(Module):
    """A table of num_embeddings vectors of size embedding_dim, initialised from N(0, 1)."""

    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None,
                 max_norm: float | None = None, norm_type: float = 2.0,
                 scale_grad_by_freq: bool = False, sparse: bool = False,
                 _weight: Tensor | None = None, _freeze: bool = False, device: Any = None,
                 dtype: _dtype.dtype | None = None) -> None:
        super().__init__()
        _check_supported(max_norm, scale_grad_by_freq, sparse)
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        if padding_idx is not None:
            padding_idx = _padding_index(padding_idx, num_embeddings)
        self.padding_idx = padding_idx
        self.max_norm, self.norm_type = max_norm, norm_type
        self.scale_grad_by_freq, self.sparse = scale_grad_by_freq, sparse
        if _weight is None:
            dtype = _dtype.or_default(dtype)
            weight = Tensor._make(np.empty((num_embeddings, embedding_dim), dtype.numpy))
            self.weight = Parameter(weight, requires_grad=not _freeze)
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise AssertionError("Shape of weight does not match num_embeddings and "
                                     "embedding_dim")
            self.weight = Parameter(_weight, requires_grad=not _freeze)

    def reset_parameters(self) -> None:
        init.normal_(self.weight)
        if self.padding_idx is not None:
            with no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input: Tensor) -> Tensor:
        return embedding(input, self.weight, self.padding_idx)

    def extra_repr(self) -> str:
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        return text

    @classmethod
    def from_pretrained(cls, embeddings: Tensor, freeze: bool = True,
                        padding_idx: int | None = None, max_norm: float | None = None,
                        norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                        sparse: bool = False) -> Embedding:
        """An Embedding whose table is `embeddings` (frozen unless freeze=False)."""
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows, cols = embeddings.shape
        return cls(rows, cols, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse,
                   _weight=embeddings, _freeze=freeze)
