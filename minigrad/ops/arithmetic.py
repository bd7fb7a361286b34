"""Arithmetic: + - * / ** and their reflected forms, with PyTorch's type promotion.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (x * 3).sum().backward(); x.grad
    tensor([3., 3.])
"""

from __future__ import annotations

from numbers import Number
from typing import Any

import numpy as np

from .._dtype import number_as, result_type
from ..tensor import Tensor
from . import formulas
from .op import Op, data, quiet


def promote(a: Any, b: Any) -> tuple[Any, Any]:
    """Both operands as tensors of their common dtype (PyTorch's type promotion rules).

    Python numbers become zero-dim tensors; tensors that do not require grad are cast.
    (Tensors that require grad are floating point, and numpy promotes float with float
    exactly as PyTorch does, so they are never cast here and their graph stays intact.)
    """
    # Every operation starts here, so the two everyday cases skip the promotion rules: two
    # tensors of one dtype keep it, and a float tensor keeps its dtype with a Python number
    # (a number only counts when it is of a higher category: int * 2.5 is float).
    if isinstance(a, Tensor):
        if isinstance(b, Tensor) and a._data.dtype == b._data.dtype:
            return a, b
        if (type(b) is float or type(b) is int) and a._data.dtype.kind == "f":
            return a, Tensor._make(np.array(b, dtype=a._data.dtype))
    dt = result_type(a, b)
    return _as(a, dt, Tensor), _as(b, dt, Tensor)


def _as(x: Any, dt: Any, tensor_type: type) -> Any:
    if isinstance(x, tensor_type):
        if x._data.dtype == dt.numpy or x.requires_grad:
            return x
        return tensor_type._make(x._data.astype(dt.numpy))
    if not isinstance(x, (Number, np.generic)):
        raise TypeError(f"unsupported operand type: '{type(x).__name__}'")
    return tensor_type._make(number_as(x, dt.numpy))  # (an int out of range wraps around)


def check_broadcast(a: Any, b: Any) -> None:
    """Raise PyTorch's message when two shapes do not broadcast."""
    sa, sb = a._data.shape, b._data.shape
    if sa == sb:
        return
    for i in range(1, min(len(sa), len(sb)) + 1):
        if sa[-i] != sb[-i] and sa[-i] != 1 and sb[-i] != 1:
            dim = max(len(sa), len(sb)) - i
            raise RuntimeError(
                f"The size of tensor a ({sa[-i]}) must match the size of tensor b ({sb[-i]}) "
                f"at non-singleton dimension {dim}"
            )


def wrapped_number(a: Any, b: Any) -> bool:
    """Whether `a (op) b` is a floating tensor with a Python number, as in x * 2 or v + 0.001.

    PyTorch keeps such a number as a "wrapped number": an input without an edge in the graph
    (next_functions shows (None, 0)) that takes the tensor's dtype. minigrad hands the number
    itself to the op: numpy computes in the tensor's dtype too, and no tensor is built for it.
    """
    return (type(b) is float or type(b) is int) and isinstance(a, Tensor) \
        and a._data.dtype.kind == "f"


def _binary(op: type[Op], a: Any, b: Any, **params: Any) -> Any:
    if not wrapped_number(a, b):
        a, b = promote(a, b)
        check_broadcast(a, b)
    return op.apply(a, b, **params)


class AddBackward0(Op):
    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, b, alpha=1):
        self.alpha = alpha
        return a._data + data(b) if alpha == 1 else a._data + alpha * data(b)

    def backward(self, grad):
        return grad, grad if self.alpha == 1 else grad * self.alpha


class SubBackward0(Op):
    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, b, alpha=1):
        self.alpha = alpha
        return a._data - data(b) if alpha == 1 else a._data - alpha * data(b)

    def backward(self, grad):
        return grad, -grad if self.alpha == 1 else grad * -self.alpha


class RsubBackward1(Op):
    """number - tensor: the number is not an input of the graph."""

    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, other):
        self.alpha = 1  # PyTorch's rsub(input, other, alpha) is other - alpha * input
        return np.asarray(other - a._data, dtype=a._data.dtype)

    def backward(self, grad):
        return -grad


class MulBackward0(Op):
    on_arrays = True
    saved_names = ('other', 'self')

    def forward(self, a, b):
        # Each input's gradient needs only the *other* input: save just what will be used.
        a_needs_grad, b_needs_grad = self.needs_input_grad
        self.save_for_backward(b if a_needs_grad else None, a if b_needs_grad else None)
        return a._data * data(b)

    def backward(self, grad):
        b, a = self.saved_like(grad)
        return (grad * b if b is not None else None), (grad * a if a is not None else None)


class DivBackward0(Op):
    on_arrays = True
    saved_names = ('self', 'other')

    @quiet
    def forward(self, a, b):
        self.save_for_backward(a if self.needs_input_grad[1] else None, b)
        return a._data / data(b)

    def backward(self, grad):
        a, b = self.saved_like(grad)
        grad_a = grad / b
        return grad_a, (-grad_a * a / b if a is not None else None)


class MulBackward1(Op):
    """tensor * scalar inside PyTorch's own C++ code (cross_entropy's label smoothing): the
    scalar is a parameter of the node, not an input, so it has no edge at all."""

    on_arrays = True
    __slots__ = ("other",)

    def forward(self, a, other):
        self.other = other
        return np.asarray(a._data * other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad * self.other


class DivBackward1(Op):
    """tensor / scalar inside PyTorch's own C++ code (cross_entropy's mean over samples)."""

    on_arrays = True
    __slots__ = ("other",)

    @quiet
    def forward(self, a, other):
        self.other = other
        return np.asarray(a._data / other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad / self.other


class NegBackward0(Op):
    on_arrays = True

    def forward(self, a):
        return -a._data

    def backward(self, grad):
        return -grad


class ReciprocalBackward0(Op):
    on_arrays = True
    save_output = True

    @quiet
    def forward(self, a):
        return 1 / a._data

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        return -grad * result * result


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


class PowBackward0(Op):
    """tensor ** number"""

    on_arrays = True

    __slots__ = ("exponent",)

    saved_names = ('self',)

    @quiet
    def forward(self, a, exponent):
        if a._data.dtype.kind in "iu" and isinstance(exponent, int) and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        self.save_for_backward(a)
        self.exponent = exponent
        return np.asarray(_scalar_power(a._data, exponent), dtype=a._data.dtype)

    def backward(self, grad):
        (a,) = self.saved_like(grad)
        if self.exponent == 0:
            return formulas.zeros_like(grad)
        e = self.exponent - 1
        return grad * (self.exponent * (a ** e if formulas.is_tensor(a) else _scalar_power(a, e)))


def _scalar_power(x: np.ndarray, exponent: Any) -> np.ndarray:
    """x ** exponent for a number exponent, as PyTorch's kernel computes it: 0.5 as a square
    root and -0.5 as one over it, so (-0.0) ** -0.5 is -inf (1 / sqrt(-0.0)) and
    (-inf) ** -0.5 is nan, where the general power gives inf and 0."""
    if exponent == 0.5:
        return np.sqrt(x)
    if exponent == -0.5:
        return 1 / np.sqrt(x)
    return x ** exponent


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
        grad_a = (grad * b * a ** (b - 1)).masked_fill(b == 0, 0)
        grad_b = (grad * result * a.log()).masked_fill((a == 0) & (b >= 0), 0)
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
        exponent, result = self.saved_like(grad)
        grad_b = grad * result * float(np.log(self.base))
        if self.base == 0:  # 0**b is 0 or 1 where b >= 0: gradient 0 there, as in PyTorch
            grad_b = formulas.masked_fill(grad_b, exponent >= 0, 0)
        return grad_b


def add(input: Any, other: Any, *, alpha: Number = 1) -> Any:
    # alpha is passed on only when it is not 1 (forward's default): `x + y` runs this for every
    # addition, and a keyword argument costs a dict at each of the three calls it goes through.
    if alpha == 1:
        return _binary(AddBackward0, input, other)
    return _binary(AddBackward0, input, other, alpha=alpha)


def sub(input: Any, other: Any, *, alpha: Number = 1) -> Any:
    _check_no_bool_subtraction(input, other)
    if alpha == 1:  # as in add
        return _binary(SubBackward0, input, other)
    return _binary(SubBackward0, input, other, alpha=alpha)


def _is_bool(x: Any) -> bool:
    if isinstance(x, Tensor):
        return x._data.dtype.kind == "b"
    return isinstance(x, (bool, np.bool_))


def _check_no_bool_subtraction(a: Any, b: Any) -> None:
    """PyTorch refuses `-` on bools (numpy computes 1 - True = 0): masks are inverted with ~."""
    a_bool, b_bool = _is_bool(a), _is_bool(b)
    if a_bool and b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if a_bool or b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If "
                           "you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def rsub(input: Any, other: Any) -> Any:
    """other - input, for `number - tensor`."""
    if isinstance(other, (Number, np.generic)):
        _check_no_bool_subtraction(other, input)
        (a, _) = promote(input, other)
        return RsubBackward1.apply(a, other=other)
    return sub(other, input)


def mul(input: Any, other: Any) -> Any:
    return _binary(MulBackward0, input, other)


def div(input: Any, other: Any) -> Any:
    if wrapped_number(input, other):
        return DivBackward0.apply(input, other)
    a, b = promote(input, other)
    if not a.dtype.is_floating_point and not b.dtype.is_floating_point:
        a, b = promote(a, b._float())  # true division of integers gives the default float
    check_broadcast(a, b)
    return DivBackward0.apply(a, b)


def rdiv(input: Any, other: Any) -> Any:
    """number / tensor = number * reciprocal(tensor), recorded as PyTorch records it."""
    return mul(reciprocal(input), other)


def neg(input: Any) -> Any:
    return NegBackward0.apply(input)


def reciprocal(input: Any) -> Any:
    return ReciprocalBackward0.apply(input if input.dtype.is_floating_point else input._float())


def pow(input: Any, exponent: Any) -> Any:  # noqa: A001 - PyTorch's name
    if isinstance(input, Tensor) and isinstance(exponent, Tensor):
        return _binary(PowBackward1, input, exponent)
    if isinstance(input, Tensor):
        if isinstance(exponent, float) and not input.dtype.is_floating_point:
            input = input._float()
        return PowBackward0.apply(input, exponent=exponent)
    if isinstance(input, float) and not exponent.dtype.is_floating_point:
        exponent = exponent._float()
    return PowBackward2.apply(exponent, base=input)


def square(input: Any) -> Any:
    return pow(input, 2)
