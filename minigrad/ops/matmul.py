"""Matrix products of vectors and matrices: dot (1-d @ 1-d), mv (2-d @ 1-d), mm (2-d @ 2-d).

For out = A @ B, A's gradient is grad @ B.T and B's is A.T @ grad: the shapes say which way
round. Batches and vector @ matrix fold into these in breadth/products.py.

    >>> import minigrad as torch
    >>> w = torch.ones(2, 3, requires_grad=True)
    >>> (w @ torch.ones(3)).grad_fn
    <MvBackward0 object at ...>
"""

from __future__ import annotations

import numpy as np

from .. import messages
from ..tensor import Tensor
from .arithmetic import MulBackward0, save_for_product
from .op import Op


class _Product(Op):
    """The forward the three products share; each has its own backward."""

    def forward(self, a, b):
        save_for_product(self, a, b)
        return np.matmul(a._data, b._data)


class DotBackward0(_Product):
    saved_names = ("tensor", "self")
    # dot(a, b) is (a * b).sum(): grad is a number, and each input's gradient is grad times
    # the other input, exactly mul's (saved alike, by save_for_product).
    backward = MulBackward0.backward


class MvBackward0(_Product):
    saved_names = ("vec", "self")

    def backward(self, grad):
        v, m = self.saved_tensors
        # The matrix's gradient is the outer product of grad and v: a column times a row.
        return (grad.unsqueeze(1) * v if v is not None else None), \
            (m.t().mv(grad) if m is not None else None)


class MmBackward0(_Product):
    saved_names = ("mat2", "self")

    def backward(self, grad):
        b, a = self.saved_tensors
        return (grad @ b.t() if b is not None else None), (a.t() @ grad if a is not None else None)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """a @ b of vector and vector (dot), matrix and vector (mv), or matrix and matrix (mm)."""
    messages.check_product(a, b, "matmul")  # inner sizes that match, one dtype
    if a.ndim == 1 and b.ndim == 1:
        return DotBackward0.apply(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return MvBackward0.apply(a, b)
    return MmBackward0.apply(a, b)
