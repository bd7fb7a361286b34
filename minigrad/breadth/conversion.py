"""dtype conversion: `x.to(torch.float64)`, `x.float()`, `x.long()`, recorded as
ToCopyBackward0. Its gradient is the incoming one converted back to the input's dtype, which
every op's gradient gets anyway (ops/op.py's reduce_grad): the formula itself is the identity.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.5, 2.5], requires_grad=True)
    >>> y = x.to(torch.float64); y.sum().backward()
    >>> y.grad_fn, x.grad.dtype
    (<ToCopyBackward0 object at ...>, minigrad.float32)
"""

from __future__ import annotations

from typing import Any

from ..ops.op import Op


class ToCopyBackward0(Op):
    def forward(self, x, dtype):
        return x._data.astype(dtype.numpy)

    def backward(self, grad):
        return grad  # (converted back to the input's dtype by reduce_grad)


def to_dtype(input: Any, dtype: Any) -> Any:
    if input.dtype is dtype:
        return input
    return ToCopyBackward0.apply(input, dtype=dtype)
