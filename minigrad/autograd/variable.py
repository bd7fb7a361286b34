"""`torch.autograd.Variable`: PyTorch 0.3's tensor wrapper, kept by PyTorch 2 for old code.

Since PyTorch 0.4 every tensor is a Variable: `Variable(t, requires_grad=...)` returns a new
leaf tensor sharing `t`'s memory, and `isinstance(x, Variable)` holds for every tensor.

    >>> import minigrad as torch
    >>> from minigrad.autograd import Variable
    >>> x = Variable(torch.ones(2), requires_grad=True)
    >>> x, isinstance(x, Variable)
    (tensor([1., 1.], requires_grad=True), True)
"""

from __future__ import annotations

import warnings
from typing import Any

from ..tensor import Tensor


class VariableMeta(type):
    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, Tensor)


class Variable(metaclass=VariableMeta):
    def __new__(cls, data: Any, requires_grad: bool = False, volatile: bool = False) -> Any:
        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use `with "
                          "torch.no_grad():` instead.", UserWarning, stacklevel=2)
        return data.detach().requires_grad_(requires_grad)
