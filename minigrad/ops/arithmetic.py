"""Arithmetic: + - * / and tensor ** number, with broadcasting. Operands of two dtypes are
first brought to one (promotion.py: PyTorch's type promotion rules).

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (x * 3).sum().backward(); x.grad
    tensor([3., 3.])
"""

from __future__ import annotations

from numbers import Number
from typing import Any

import numpy as np

from .. import messages
from .._dtype import result_type
from ..promotion import is_wrapped_number, promote
from ..tensor import Tensor
from .op import Op, array_or_number, quiet


class AddBackward0(Op):
    # add(a, b, alpha=s) is a + s * b in one op (an SGD step: p.add_(p.grad, alpha=-lr)).
    # With alpha 1, the everyday +, nothing is multiplied, as in PyTorch.
    __slots__ = ("alpha",)

    def forward(self, a, b, alpha=1):
        self.alpha = alpha
        if alpha != 1:
            return array_or_number(a) + alpha * array_or_number(b)
        return array_or_number(a) + array_or_number(b)

    def backward(self, grad):
        return grad, grad * self.alpha if self.alpha != 1 else grad


class SubBackward0(Op):
    __slots__ = ("alpha",)

    def forward(self, a, b, alpha=1):
        self.alpha = alpha
        if alpha != 1:
            return array_or_number(a) - alpha * array_or_number(b)
        return array_or_number(a) - array_or_number(b)

    def backward(self, grad):
        return grad, grad * -self.alpha if self.alpha != 1 else -grad


class MulBackward0(Op):
    saved_names = ("other", "self")

    def forward(self, a, b):
        save_for_product(self, a, b)
        return array_or_number(a) * array_or_number(b)

    def backward(self, grad):
        b, a = self.saved_tensors
        return (grad * b if b is not None else None), (grad * a if a is not None else None)


def save_for_product(node: Op, a: Any, b: Any) -> None:
    """Save what a product's backward needs (a * b, a @ b): each input's gradient is grad
    times the *other* input, so b is kept only if a needs a gradient, and a only if b does.

    >>> import minigrad as torch
    >>> x, w = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0], requires_grad=True)
    >>> y = x * w              # only w needs a gradient, grad * x: x is kept, w is not
    >>> y.grad_fn._saved_self, y.grad_fn._saved_other
    (tensor([1., 2.]), None)
    """
    if node._saved is None:  # not recorded: nothing to save
        return
    a_needs_grad, b_needs_grad = node.needs_input_grad
    node.save_for_backward(b if a_needs_grad else None, a if b_needs_grad else None)


class DivBackward0(Op):
    saved_names = ("self", "other")

    @quiet
    def forward(self, a, b):
        # Both gradients divide by b (grad / b, -grad * a / b**2); only b's needs a.
        self.save_for_backward(a if self.needs_input_grad[1] else None, b)
        return array_or_number(a) / array_or_number(b)

    def backward(self, grad):
        a, b = self.saved_tensors
        # d(a/b)/db = -a / b**2, computed as PyTorch rounds it: a / b / b
        return grad / b, (-grad * (a / b / b) if a is not None else None)


class NegBackward0(Op):
    def forward(self, a):
        return -a._data

    def backward(self, grad):
        return -grad


class PowBackward0(Op):
    """tensor ** number (parity.py: x ** 0.5 as a square root, x ** 0's gradient at 0)."""

    __slots__ = ("exponent",)
    saved_names = ("self",)

    @quiet
    def forward(self, a, exponent):
        self.save_for_backward(a)
        self.exponent = exponent
        return np.asarray(a._data ** exponent, dtype=a._data.dtype)

    def backward(self, grad):
        (a,) = self.saved_tensors
        return grad * (self.exponent * a ** (self.exponent - 1))


def _binary(op: type[Op], a: Any, b: Any, **params: Any) -> Tensor:
    """a (op) b, promoted and checked to broadcast unless b is a wrapped number."""
    if not is_wrapped_number(a, b):
        a, b = promote(a, b)
        messages.check_broadcast(a, b)
    return op.apply(a, b, **params)


def add(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    messages.check_alpha(input, other, alpha)
    return _binary(AddBackward0, input, other, alpha=alpha)


def sub(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    messages.check_no_bool_subtraction(input, other)
    messages.check_alpha(input, other, alpha)
    return _binary(SubBackward0, input, other, alpha=alpha)


def mul(input: Any, other: Any) -> Tensor:
    return _binary(MulBackward0, input, other)


def div(input: Any, other: Any) -> Tensor:
    if not is_wrapped_number(input, other) and not result_type(input, other).is_floating_point:
        input, other = promote(input, other)
        other = other._float()  # true division of integers gives the default float
    return _binary(DivBackward0, input, other)


def neg(input: Tensor) -> Tensor:
    messages.check_no_bool_negation(input)
    return NegBackward0.apply(input)


def pow_scalar(input: Tensor, exponent: Number) -> Tensor:
    """input ** exponent for a Python number exponent, in the promoted dtype."""
    input = promote(input, exponent)[0]
    messages.check_integer_power(input, exponent)
    return PowBackward0.apply(input, exponent=exponent)
