"""tensor + number and tensor - number as PyTorch's own C++ code records them.

In Python `x + 0.5` records AddBackward0 (the number becomes a tensor). Inside PyTorch's C++
functions (pairwise_distance's `+ eps`, the margin losses' `+ margin`) the number stays a
number: the node is AddBackward1 / SubBackward1, with the number as a parameter, not an input.
(parity.py holds their siblings MulBackward1 and DivBackward1.)

    >>> import minigrad as torch
    >>> add_number(torch.tensor([1.0], requires_grad=True), 0.5)
    tensor([1.5000], grad_fn=<AddBackward1>)
"""

from __future__ import annotations

from numbers import Number

import numpy as np

from ..ops.arithmetic import promote
from ..ops.op import Op
from ..tensor import Tensor


class AddBackward1(Op):
    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, other):
        self.alpha = 1
        return np.asarray(a._data + other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad


class SubBackward1(AddBackward1):
    def forward(self, a, other):
        self.alpha = 1
        return np.asarray(a._data - other, dtype=a._data.dtype)


def add_number(input: Tensor, other: Number) -> Tensor:
    """input + other, in the dtype PyTorch promotes the pair to (an int tensor + 0.5 is float)."""
    return AddBackward1.apply(promote(input, other)[0], other=other)


def sub_number(input: Tensor, other: Number) -> Tensor:
    return SubBackward1.apply(promote(input, other)[0], other=other)
