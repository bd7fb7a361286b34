"""Matrix products. `a @ b` records what PyTorch records for each combination of ranks:
DotBackward0 (1-d @ 1-d), MvBackward0 (2-d @ 1-d), MmBackward0 (2-d @ 2-d) and, for batches,
a reshape to a single mm/bmm followed by UnsafeViewBackward0.

    >>> import minigrad as torch
    >>> w = torch.ones(2, 3, requires_grad=True)
    >>> (w @ torch.ones(3)).grad_fn
    <MvBackward0 object at ...>
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._dtype import c_type_name, message_name
from .formulas import t
from .op import Op
from .shape import SqueezeBackward4 as _Squeeze4
from .shape import UnsafeViewBackward0, expand, reshape, unsqueeze


class _Product(Op):
    def forward(self, a, b):
        a_needs_grad, b_needs_grad = self.needs_input_grad
        self.save_for_backward(b if a_needs_grad else None, a if b_needs_grad else None)
        return np.matmul(a._data, b._data)


class DotBackward0(_Product):
    on_arrays = True
    saved_names = ('tensor', 'self')

    def backward(self, grad):
        b, a = self.saved_like(grad)
        return (grad * b if b is not None else None), (grad * a if a is not None else None)


class MvBackward0(_Product):
    saved_names = ('vec', 'self')

    def backward(self, grad):
        v, m = self.saved_tensors
        return (grad.unsqueeze(1) * v if v is not None else None), \
            (m.t().mv(grad) if m is not None else None)


def column_major(array: np.ndarray) -> bool:
    """PyTorch's test for a column-major matrix, such as the weight.t() of a Linear layer."""
    return array.strides == (array.itemsize, array.itemsize * array.shape[0])


def mat1_grad(grad: Any, mat2: Any, is_column_major: bool) -> Any:
    """d(mat1 @ mat2)/d(mat1) = grad @ mat2.T, laid out in memory as mat1 is (see mat2_grad)."""
    return t(mat2 @ t(grad)) if is_column_major else grad @ t(mat2)


def mat2_grad(grad: Any, mat1: Any, is_column_major: bool) -> Any:
    """d(mat1 @ mat2)/d(mat2) = mat1.T @ grad, laid out in memory as mat2 is.

    A Linear layer multiplies by weight.t(), a column-major view of the weight. Computed as
    (grad.T @ mat1).T, its gradient is column-major too, so once TBackward0 has transposed it
    back it is row-major like the weight, and AccumulateGrad copies it straight instead of
    transposing it on the way (several times slower). PyTorch's mm backward does the same.
    """
    return t(t(grad) @ mat1) if is_column_major else t(mat1) @ grad


class MmBackward0(_Product):
    on_arrays = True
    __slots__ = ("column_major",)
    saved_names = ('mat2', 'self')

    def forward(self, a, b):
        self.column_major = (column_major(a._data), column_major(b._data))
        return super().forward(a, b)

    def backward(self, grad):
        b, a = self.saved_like(grad)
        return (mat1_grad(grad, b, self.column_major[0]) if b is not None else None), \
            (mat2_grad(grad, a, self.column_major[1]) if a is not None else None)


class BmmBackward0(_Product):
    saved_names = ('mat2', 'self')

    def backward(self, grad):
        b, a = self.saved_tensors
        return (grad.bmm(b.transpose(1, 2)) if b is not None else None), \
            (a.transpose(1, 2).bmm(grad) if a is not None else None)


def _check(a: Any, b: Any, name: str) -> None:
    """PyTorch's dtype errors: a product does not promote, its operands must agree."""
    if a.dtype is b.dtype:
        return
    if name == "dot" or (a.ndim == 1 and b.ndim == 1):
        raise RuntimeError("dot : expected both vectors to have same dtype, but found "
                           f"{message_name(a.dtype)} and {message_name(b.dtype)}")
    if name == "mv" or (a.ndim == 2 and b.ndim == 1):
        vec, mat = message_name(b.dtype), message_name(a.dtype)
        raise RuntimeError("addmv input tensors must have the same dtype, but got "
                           f"{vec}, {mat}, and {vec}")
    raise RuntimeError(
        f"expected m1 and m2 to have the same dtype, but got: {c_type_name(a.dtype)} != "
        f"{c_type_name(b.dtype)}"
    )


def _shape_error(a: Any, b: Any) -> RuntimeError:
    if a.ndim == 1 and b.ndim == 1:
        return RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] "
            "to have the same number of elements, but got "
            f"{a.shape[0]} and {b.shape[0]} elements respectively")
    if b.ndim == 1:
        return RuntimeError(f"size mismatch, got input ({a.shape[-2]}), mat ({a.shape[-2]}x"
                            f"{a.shape[-1]}), vec ({b.shape[0]})")
    rows = math.prod(a.shape[:-1])
    return RuntimeError(
        f"mat1 and mat2 shapes cannot be multiplied ({rows}x{a.shape[-1]} and "
        f"{b.shape[-2]}x{b.shape[-1]})"
    )


def matmul(a: Any, b: Any) -> Any:
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and "
            f"{b.ndim}D"
        )
    _check(a, b, "matmul")
    if a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        if a.ndim >= 3 and b.ndim >= 3:
            batch = math.prod(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, "
                f"{a.shape[-1]}] but got: [{batch}, {b.shape[-2]}].")
        raise _shape_error(a, b)
    if a.ndim == 1 and b.ndim == 1:
        return DotBackward0.apply(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return MvBackward0.apply(a, b)
    if a.ndim == 1 and b.ndim == 2:
        return _Squeeze4.apply(MmBackward0.apply(unsqueeze(a, 0), b), dims=(0,))
    if a.ndim == 2 and b.ndim == 2:
        return MmBackward0.apply(a, b)
    if a.ndim >= 3 and b.ndim <= 2:  # a batch of rows times one matrix: fold batch into rows
        rows = reshape(a, -1, a.shape[-1])
        out = (MmBackward0 if b.ndim == 2 else MvBackward0).apply(rows, b)
        return UnsafeViewBackward0.apply(out, shape=a.shape[:-1] + b.shape[1:])
    if a.ndim <= 2:  # one matrix (or vector) times a batch: (b^T a^T)^T, folding b's batch
        bt = reshape(b.transpose(-1, -2), -1, b.shape[-2])
        if a.ndim == 1:
            return UnsafeViewBackward0.apply(MvBackward0.apply(bt, a),
                                            shape=b.shape[:-2] + (b.shape[-1],))
        out = UnsafeViewBackward0.apply(MmBackward0.apply(bt, a.t()),
                                        shape=b.shape[:-2] + (b.shape[-1], a.shape[0]))
        return out.transpose(-1, -2).contiguous()
    # Batched: broadcast the batch dims, fold them into one, bmm, unfold.
    a2 = a if a.ndim > 1 else unsqueeze(a, 0)
    batch = np.broadcast_shapes(a2.shape[:-2], b.shape[:-2])
    a3 = reshape(expand(a2, *batch, *a2.shape[-2:]), -1, *a2.shape[-2:])
    b3 = reshape(expand(b, *batch, *b.shape[-2:]), -1, *b.shape[-2:])
    out = BmmBackward0.apply(a3, b3)
    shape = batch + ((a.shape[-2],) if a.ndim > 1 else ()) + (b.shape[-1],)
    return UnsafeViewBackward0.apply(out, shape=shape)


def mm(a: Any, b: Any) -> Any:
    if a.ndim != 2 or b.ndim != 2:
        raise RuntimeError("self must be a matrix")
    _check(a, b, "mm")
    if a.shape[1] != b.shape[0]:
        raise _shape_error(a, b)
    return MmBackward0.apply(a, b)


def mv(a: Any, v: Any) -> Any:
    _check(a, v, "mv")
    if a.shape[1] != v.shape[0]:
        raise _shape_error(a, v)
    return MvBackward0.apply(a, v)


def bmm(a: Any, b: Any) -> Any:
    _check(a, b, "bmm")
    return BmmBackward0.apply(a, b)


def outer(input: Any, vec2: Any) -> Any:
    """input[i] * vec2[j]: a column times a row, recorded as PyTorch computes it."""
    for name, v in (("self", input), ("vec2", vec2)):
        if v.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {v.ndim}-D")
    return reshape(input, -1, 1) * vec2


def dot(a: Any, b: Any) -> Any:
    _check(a, b, "dot")
    return DotBackward0.apply(a, b)
