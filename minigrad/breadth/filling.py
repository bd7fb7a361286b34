"""The nodes of in-place writes: x.copy_(src), x.fill_(value), x.zero_() (see inplace.py).

    >>> import minigrad as torch
    >>> x = torch.ones(2, requires_grad=True) * 1
    >>> x.fill_(3.0).grad_fn
    <FillBackward2 object at ...>
"""

from __future__ import annotations

from ..ops.op import Op
from . import formulas


class CopyBackwards(Op):
    """dst.copy_(src): the gradient goes to src; dst's old value was overwritten.

    AccumulateGrad also records one when it stores .grad under backward(create_graph=True)
    (parity.py).
    """

    on_arrays = True

    def name(self) -> str:
        return "minigrad::autograd::CopyBackwards"

    def forward(self, dst, src):
        # A copy in dst's dtype, as copy_ writes it (dst is None for a leaf's first gradient
        # under create_graph: parity.py).
        return src._data.copy() if dst is None else src._data.astype(dst._data.dtype)

    def backward(self, grad):
        return formulas.zeros_like(grad), grad


class FillBackward2(Op):
    """x.fill_(value): x's old value no longer matters, so its gradient is zero."""

    on_arrays = True

    def forward(self, x):
        return x._data

    def backward(self, grad):
        return formulas.zeros_like(grad)


class ZeroBackward0(FillBackward2):
    """x.zero_()"""


class FillBackward3(Op):
    """x.fill_(value) with a zero-dim tensor value, which gets the sum of the gradient."""

    on_arrays = True

    def forward(self, x, value):
        return x._data

    def backward(self, grad):
        return formulas.zeros_like(grad), grad.sum()
