"""Matrix products beyond two matrices: batches (bmm, and a @ b of any ranks) and outer;
mm, mv and dot by name.

`a @ b` records what PyTorch records for each combination of ranks: DotBackward0 (1-d @ 1-d),
MvBackward0 (2-d @ 1-d), MmBackward0 (2-d @ 2-d), all in ops/matmul.py, and, for batches, a
reshape to a single mm/bmm followed by UnsafeViewBackward0.

    >>> import minigrad as torch
    >>> (torch.ones(4, 2, 3) @ torch.ones(3)).shape
    minigrad.Size([4, 2])
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import messages
from .._dtype import c_type_name
from ..ops import matmul as two_d
from ..ops.matmul import DotBackward0, MmBackward0, MvBackward0, _Product
from ..ops.shape import UnsafeViewBackward0, expand, reshape, unsqueeze
from ..tensor import Tensor
from .inplace_views import SqueezeBackward4  # (PyTorch's matmul squeezes its result in place)


class BmmBackward0(_Product):
    saved_names = ('mat2', 'self')

    def backward(self, grad):
        b, a = self.saved_tensors
        return (grad.bmm(b.transpose(1, 2)) if b is not None else None), \
            (a.transpose(1, 2).bmm(grad) if a is not None else None)


def matmul(a: Any, b: Any) -> Any:
    """a @ b of any ranks: 1-d and 2-d operands in ops/matmul.py, batches here."""
    if not (isinstance(a, Tensor) and isinstance(b, Tensor)):  # (`@` then gives way: operators)
        raise messages.wrong_argument_type("matmul", "other", 1, a if isinstance(b, Tensor) else b)
    if a.ndim <= 2 and b.ndim <= 2 and not (a.ndim == 1 and b.ndim == 2):
        return two_d.matmul(a, b)
    if b.ndim >= 3:  # (the batch dims broadcast first: PyTorch's errors come in that order)
        error = messages.broadcast_mismatch(a.shape[:-2], b.shape[:-2])
        if error is not None:
            raise error
    messages.check_product(a, b, "matmul")
    if a.ndim == 1 and b.ndim == 2:
        return SqueezeBackward4.apply(MmBackward0.apply(unsqueeze(a, 0), b), dims=(0,))
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


def bmm(a: Any, b: Any) -> Any:
    for name, batch in (("batch1", a), ("batch2", b)):
        if batch.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    if b.shape[:2] != (a.shape[0], a.shape[2]):
        raise messages.batch2_shape((a.shape[0], a.shape[2]), b.shape[:2])
    if a.dtype is not b.dtype:
        raise messages.matmul_dtypes(a, b, "bmm")
    return BmmBackward0.apply(a, b)


# mm, mv and dot: matmul's three cases (ops/matmul.py) called by name, each taking only the
# ranks it is named for (PyTorch's errors, in its order).
def mm(a: Tensor, b: Tensor) -> Tensor:
    for name, m in (("self", a), ("mat2", b)):
        if m.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix")
    messages.check_product(a, b, "mm")
    return MmBackward0.apply(a, b)


def mv(a: Tensor, v: Tensor) -> Tensor:
    if a.ndim != 2 or v.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {v.ndim}")
    messages.check_product(a, v, "mv")
    return MvBackward0.apply(a, v)


def dot(a: Tensor, b: Tensor) -> Tensor:
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    messages.check_product(a, b, "dot")
    return DotBackward0.apply(a, b)


def outer(input: Any, vec2: Any) -> Any:
    """input[i] * vec2[j]: a column times a row, recorded as PyTorch computes it."""
    for name, v in (("self", input), ("vec2", vec2)):
        if v.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {v.ndim}-D")
    return reshape(input, -1, 1) * vec2


_warned_chain_matmul = False
CHAIN_MATMUL_DEPRECATED = (
    "torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use "
    "torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than "
    "multiple parameters.")


def _cheapest_order(shapes: list) -> Any:
    """The multiplication order with fewest scalar products (the classic matrix-chain dynamic
    programme), as a nested pair of indices: ((0, 1), 2) multiplies 0 and 1 first."""
    n = len(shapes)
    best = {(i, i): (0, i) for i in range(n)}
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            best[i, j] = min((best[i, k][0] + best[k + 1, j][0]
                              + shapes[i][0] * shapes[k][1] * shapes[j][1],
                              (best[i, k][1], best[k + 1, j][1])) for k in range(i, j))
    return best[0, n - 1][1]


def chain_matmul(*matrices: Any) -> Any:
    """The product of 2-D matrices, multiplied in the cheapest order (deprecated in PyTorch,
    which warns once: torch.linalg.multi_dot is its replacement).

    >>> import minigrad as torch, warnings
    >>> with warnings.catch_warnings():  # (its deprecation warning, once per process)
    ...     warnings.simplefilter("ignore")
    ...     torch.chain_matmul(torch.ones(2, 3), torch.ones(3, 1))
    tensor([[3.],
            [3.]])
    """
    global _warned_chain_matmul
    if not _warned_chain_matmul:
        _warned_chain_matmul = True
        warnings.warn(CHAIN_MATMUL_DEPRECATED, UserWarning, stacklevel=2)
    if not matrices:
        raise RuntimeError("chain_matmul(): Expected one or more matrices")
    for m in matrices:
        if m.ndim != 2:
            raise RuntimeError(f"Tensor dimension is {m.ndim}, expected 2 instead.")
    if len(matrices) == 1:
        return matrices[0].clone()
    for i, (a, b) in enumerate(zip(matrices, matrices[1:])):
        if a.dtype != b.dtype:
            raise RuntimeError(f"multi_dot(): all tensors must have be the same dtype but "
                               f"tensor 0 is {c_type_name(matrices[0].dtype)} and tensor {i + 1} "
                               f"{c_type_name(b.dtype)}")
        if a.shape[1] != b.shape[0]:
            raise RuntimeError(f"multi_dot(): tensors {i} and {i + 1} with shapes "
                               f"{list(a.shape)} and {list(b.shape)} cannot be multiplied")

    def multiply(order: Any) -> Any:
        return matrices[order] if isinstance(order, int) else \
            mm(multiply(order[0]), multiply(order[1]))

    result = multiply(_cheapest_order([tuple(m.shape) for m in matrices]))
    return result.view(result.shape)  # PyTorch's multi_dot ends on a view (ViewBackward0)
