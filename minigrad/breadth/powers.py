"""Powers beyond tensor ** number, and the reflected forms: x ** y, 2 ** x, 1 / x, x.square().

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> (3 ** x).grad_fn, (1 / x).grad_fn
    (<PowBackward2 object at ...>, <MulBackward0 object at ...>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, messages
from ..ops.arithmetic import _binary, mul, pow_scalar
from ..ops.op import Op, quiet
from ..tensor import Tensor
from . import formulas
from .selection import where
from .tensor_arguments import NUMBERS


class ReciprocalBackward0(Op):
    on_arrays = True
    save_output = True

    @quiet
    def forward(self, a):
        return 1 / a._data

    def backward(self, grad):
        (result,) = self.saved_tensors
        # -grad * (1/x)^2, the square first, as PyTorch rounds it (and records it)
        return -grad * (result * result)


def _power(base: Any, exponent: Any) -> Any:
    """base ** exponent. Integers to negative integer powers, which numpy refuses, give what
    PyTorch's integer pow gives: 1 and -1 keep a value of size 1, every other base gives 0."""
    if np.result_type(base, exponent).kind not in "iu" or not np.any(np.asarray(exponent) < 0):
        return base ** exponent
    base, exponent = np.broadcast_arrays(base, exponent)
    odd = exponent % 2 == 1
    tiny = np.where(base == 1, 1, np.where(base == -1, np.where(odd, -1, 1), 0))
    result = np.where(exponent < 0, tiny, base ** np.maximum(exponent, 0))
    return result.astype(np.result_type(base, exponent))


class PowBackward1(Op):
    """tensor ** tensor"""

    save_output = True

    saved_names = ('self', 'exponent')

    @quiet
    def forward(self, a, b):
        self.save_for_backward(a, b)
        return _power(a._data, b._data)

    def backward(self, grad):
        a, b, result = self.saved_tensors
        # PyTorch's conventions where the formulas meet 0 * inf: where b == 0, a**b is the
        # constant 1, so its gradient is 0 whatever a is (even 0 or inf); and d/db a**b =
        # a**b * log(a) is taken as 0 where a == 0 and b >= 0 (0**b is then 0 or 1).
        # Written as PyTorch writes them (the products grouped as its roundings are, and
        # WhereBackward0 under create_graph).
        zero = formulas.constant(np.zeros((), dtype=grad._data.dtype), grad)
        grad_a = where(b == 0, zero, grad * (b * a ** (b - 1)))
        grad_b = grad * where((a == 0) & (b >= 0), zero, result * a.log())
        return grad_a, grad_b


class PowBackward2(Op):
    """number ** tensor"""

    on_arrays = True

    __slots__ = ("base",)
    save_output = True
    saved_names = ('exponent',)

    @quiet
    def forward(self, b, base):
        self.base = base
        self.save_for_backward(b)
        return np.asarray(_power(base, b._data), dtype=b._data.dtype)

    def backward(self, grad):
        exponent, result = self.saved_tensors
        grad_b = grad * result * float(np.log(self.base))
        if self.base == 0:  # 0**b is 0 or 1 where b >= 0: gradient 0 there, as in PyTorch
            grad_b = formulas.masked_fill(grad_b, exponent >= 0, 0)
        return grad_b


def rdiv(input: Any, other: Any) -> Any:
    """number / tensor = number * reciprocal(tensor), recorded as PyTorch records it."""
    return mul(reciprocal(input), other)


def reciprocal(input: Any) -> Any:
    return ReciprocalBackward0.apply(input if input.dtype.is_floating_point else input._float())


def pow(input: Any, exponent: Any) -> Any:  # noqa: A001 - PyTorch's name
    if isinstance(input, Tensor) and isinstance(exponent, Tensor):
        _check_not_bool(input, exponent)
        return _binary(PowBackward1, input, exponent)
    if isinstance(input, Tensor):
        if not isinstance(exponent, NUMBERS):  # t.pow([2.0]): neither a tensor nor a number
            raise messages.invalid_arguments("pow", exponent)
        return pow_scalar(input, exponent)
    # number ** tensor computes in the dtype the two promote to: 2 ** bools is int64, 2.5 **
    # ints the default float (numpy would keep the exponent's dtype, bool or int)
    _check_not_bool(input, exponent)
    dtype = _dtype.result_type(input, exponent)
    if dtype != exponent.dtype:
        exponent = exponent.to(dtype)
    return PowBackward2.apply(exponent, base=input)


def _check_not_bool(input: Any, exponent: Any) -> None:
    """PyTorch has no pow kernel for bools (a bool tensor to a Python bool power is a copy,
    pow_scalar's business): bools to bool powers are refused, not computed as int8."""
    if _dtype.result_type(input, exponent) == _dtype.bool:
        raise messages.not_implemented("pow", _dtype.bool)


def square(input: Any) -> Any:
    return pow(input, 2)


def float_power(input: Any, exponent: Any) -> Any:
    """input ** exponent computed in float64 whatever the operands' dtypes, as PyTorch does:
    the tensors are converted first (ToCopyBackward0), then raised as pow does.

    >>> import minigrad as torch
    >>> torch.float_power(torch.tensor([2, 3]), 2)
    tensor([4., 9.], dtype=minigrad.float64)
    """
    if not isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        raise messages.invalid_arguments("float_power", input, exponent)
    input, exponent = (_double(v) for v in (input, exponent))
    return pow(input, exponent)


def _double(value: Any) -> Any:
    if isinstance(value, Tensor):
        return value if value.dtype == _dtype.float64 else value.to(_dtype.float64)
    return float(value)


def float_power_(self: Tensor, exponent: Any) -> Tensor:
    """In place: only a float64 tensor can hold float_power's result."""
    if self.dtype != _dtype.float64:
        raise RuntimeError(f"the base given to float_power_ has dtype "
                           f"{_dtype.message_name(self.dtype)} but the operation's result "
                           f"requires dtype Double")
    return self._inplace_op(float_power, exponent)
