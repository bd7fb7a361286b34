"""diff: differences of neighbours along a dim, out[i] = x[i + 1] - x[i], n times over.

Built from the ops PyTorch records for it, so autograd comes for free: each difference is the
slice from the second element minus the slice up to the last (SubBackward0 of two
SliceBackward0), and prepend/append are joined on first (CatBackward0). Bool tensors differ
by logical_xor.

    >>> import minigrad as torch
    >>> torch.diff(torch.tensor([1, 4, 9, 16]))
    tensor([3, 5, 7])
"""

from __future__ import annotations

from .. import _dtype
from ..creation import zeros_like
from ..ops.dims import normalize_dim
from ..tensor import Tensor
from .comparison import logical_xor
from .join import cat


def _check_joinable(input: Tensor, other: Tensor | None, name: str, dim: int) -> None:
    """prepend/append: a tensor with input's number of dims and sizes except along dim."""
    if other is None:
        return
    if not isinstance(other, Tensor):
        raise TypeError(f"diff(): argument '{name}' must be Tensor, not {type(other).__name__}")
    if other.ndim != input.ndim:
        raise RuntimeError("diff expects prepend or append to be the same dimension as input")
    dim = normalize_dim(dim, input.ndim)
    for i, (n, m) in enumerate(zip(input.shape, other.shape)):
        if i != dim and n != m:
            raise RuntimeError(
                "diff expects the shape of tensor to prepend or append to match that of input "
                f"except along the differencing dimension; input.size({i}) = {n}, but got "
                f"tensor.size({i}) = {m}")


def diff(input: Tensor, n: int = 1, dim: int = -1, prepend: Tensor | None = None,
         append: Tensor | None = None) -> Tensor:
    """The n-th forward difference along dim, prepend and append joined to input first.

    >>> import minigrad as torch
    >>> torch.diff(torch.tensor([[1.0, 2.0], [4.0, 8.0]]), dim=0, prepend=torch.zeros(1, 2))
    tensor([[1., 2.],
            [3., 6.]])
    """
    if input.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    _check_joinable(input, prepend, "prepend", dim)
    _check_joinable(input, append, "append", dim)
    if n == 0:  # a copy (CopyBackwards, as PyTorch's); prepend and append are ignored then
        return zeros_like(input).copy_(input)
    if prepend is not None or append is not None:
        input = cat([t for t in (prepend, input, append) if t is not None], dim)
    result = input
    length = input.shape[normalize_dim(dim, input.ndim)]
    for _ in range(min(n, length)):  # n beyond the length leaves an empty result
        length -= 1
        later, earlier = result.narrow(dim, 1, length), result.narrow(dim, 0, length)
        result = logical_xor(later, earlier) if result.dtype is _dtype.bool else later - earlier
    return result
