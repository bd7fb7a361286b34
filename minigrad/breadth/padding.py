"""pad: widen the last dims of a tensor. `pad` lists (before, after) amounts from the last dim
backwards: (1, 2) adds one element before and two after along the last dim; negative
amounts crop. The new elements are a constant, or come from the tensor itself: its mirror
image ("reflect", without repeating the edge), its edge ("replicate"), or its other end
("circular").

An element copied several times collects the gradient of every copy.

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
    >>> torch.nn.functional.pad(x, (2, 1), mode="replicate")
    tensor([[1., 1., 1., 2., 3., 3.]], grad_fn=<ReplicationPad1DBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.op import Op, constant
from . import formulas
from .gather import index_add


def _pairs(pad: tuple, ndim: int) -> list[tuple[int, int, int]]:
    """(dim, before, after) for each padded dim, the last dim first."""
    return [(ndim - 1 - i, pad[2 * i], pad[2 * i + 1]) for i in range(len(pad) // 2)]


def _constant_pad(a: np.ndarray, pad: tuple, value: Any) -> np.ndarray:
    for dim, before, after in _pairs(pad, a.ndim):
        # Negative amounts crop first; what remains to add is padded.
        size = a.shape[dim]
        a = a[(slice(None),) * dim + (slice(max(-before, 0), size - max(-after, 0)),)]
        widths = [(0, 0)] * a.ndim
        widths[dim] = (max(before, 0), max(after, 0))
        a = np.pad(a, widths, constant_values=value)
    return a


class ConstantPadNdBackward0(Op):
    on_arrays = True
    __slots__ = ("pad",)

    def forward(self, x, pad, value):
        self.pad = pad
        return _constant_pad(x._data, pad, x._data.dtype.type(value))

    def backward(self, grad):
        # Undo the padding: crop what was added (and add zeros where the forward cropped).
        back = tuple(-n for n in self.pad)
        if formulas.is_tensor(grad):
            return ConstantPadNdBackward0.apply(grad, pad=back, value=0)
        return _constant_pad(grad, back, 0)


class _CopyPad(Op):
    """Padding with elements of the tensor itself: each output element is a copy of one input
    element (numpy's np.pad mode `numpy_mode` says which)."""

    on_arrays = True
    __slots__ = ("padding", "self_shape")
    numpy_mode = "edge"

    def forward(self, x, padding):
        self.padding, self.self_shape = padding, x._data.shape
        data = x._data
        for dim, before, after in _pairs(padding, data.ndim):
            take = self._sources(data.shape[dim], before, after)
            data = np.take(data, take, axis=dim)
        return data

    def _sources(self, n: int, before: int, after: int) -> np.ndarray:
        """For each position along a padded dim, the input position it copies (negative
        amounts crop)."""
        kept = np.arange(n)[max(-before, 0):n - max(-after, 0)]
        return np.pad(kept, (max(before, 0), max(after, 0)), mode=self.numpy_mode)

    def backward(self, grad):
        # Along each padded dim, every output position adds its gradient to its source.
        for dim, before, after in _pairs(self.padding, len(self.self_shape)):
            n = self.self_shape[dim]
            sources = self._sources(n, before, after)
            shape = list(grad.shape)
            shape[dim] = n
            if formulas.is_tensor(grad):
                zeros = constant(np.zeros(shape, grad._data.dtype))
                grad = index_add(zeros, dim, constant(sources), grad)
            else:
                out = np.zeros(shape, grad.dtype)
                np.add.at(out, (slice(None),) * dim + (sources,), grad)
                grad = out
        return grad


def _copy_pad_node(kind: str, dims: int) -> type[Op]:
    """PyTorch's node for a mode and number of padded dims: ReflectionPad2DBackward0..."""
    name = f"{kind}Pad{dims}DBackward0"
    mode = "reflect" if kind == "Reflection" else "edge"
    return type(name, (_CopyPad,), {"__slots__": (), "numpy_mode": mode,
                                    "__module__": __name__})


_COPY_PADS = {(kind, dims): _copy_pad_node(kind, dims)
              for kind in ("Reflection", "Replication") for dims in (1, 2, 3)}


def pad(input: Any, pad: Any, mode: str = "constant", value: float | None = None) -> Any:
    pad = tuple(int(n) for n in pad)
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > input.ndim:
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but "
            f"got padding length {len(pad)} and input of dimension {input.ndim}")
    if mode == "constant":
        return ConstantPadNdBackward0.apply(input, pad=pad, value=0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    dims = len(pad) // 2
    if dims not in (1, 2, 3) or input.ndim not in (dims + 1, dims + 2):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {input.ndim}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
    if mode == "reflect":
        for dim, before, after in _pairs(pad, input.ndim):
            if before >= input.shape[dim] or after >= input.shape[dim]:
                raise RuntimeError(
                    f"Argument #4: Padding size should be less than the corresponding input "
                    f"dimension, but got: padding ({before}, {after}) at dimension {dim} of "
                    f"input {list(input.shape)}")
    if mode == "circular":
        return _circular(input, pad)
    kind = "Reflection" if mode == "reflect" else "Replication"
    return _COPY_PADS[(kind, dims)].apply(input, padding=pad)


def _circular(input: Any, pad: tuple) -> Any:
    """Circular padding as PyTorch builds it: a new tensor, written slice by slice (so its
    grad_fn is CopySlices): the input in the middle, then each end from the other."""
    for dim, before, after in _pairs(pad, input.ndim):
        if before > input.shape[dim] or after > input.shape[dim]:
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if before < 0 or after < 0:  # crop first
            size = input.shape[dim]
            input = input[(slice(None),) * dim + (slice(max(-before, 0),
                                                        size - max(-after, 0)),)]
    pad = tuple(max(n, 0) for n in pad)
    shape = list(input.shape)
    for dim, before, after in _pairs(pad, input.ndim):
        shape[dim] += before + after
    out = input.new_zeros(shape)
    middle = [slice(None)] * input.ndim
    for dim, before, _after in _pairs(pad, input.ndim):
        middle[dim] = slice(before, before + input.shape[dim])
    out[tuple(middle)] = input
    for dim, before, after in _pairs(pad, input.ndim):
        n = input.shape[dim]
        take = [slice(None)] * input.ndim
        if before:
            take[dim] = slice(before + n - before, before + n)
            put = list(take)
            put[dim] = slice(0, before)
            out[tuple(put)] = out[tuple(take)]
        if after:
            take[dim] = slice(before, before + after)
            put = list(take)
            put[dim] = slice(before + n, before + n + after)
            out[tuple(put)] = out[tuple(take)]
    return out
