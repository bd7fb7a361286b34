"""Activation modules (wrappers of nn.functional): ReLU, Tanh, Sigmoid, Softmax, LogSoftmax,
Softmin, LeakyReLU, ELU, SELU, CELU, SiLU, Mish, Softplus, GELU, LogSigmoid, Hardtanh, ReLU6,
Hardsigmoid, Hardswish, Softsign, Tanhshrink, Softshrink, Hardshrink, GLU, Threshold.

    >>> import minigrad as torch
    >>> torch.nn.ReLU()(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
"""

from __future__ import annotations

from types import FunctionType
from typing import Any

from ..breadth import tensor_arguments
from ..tensor import Tensor
from . import functional as F
from .module import Module


def named_copy(function: FunctionType, qualname: str) -> FunctionType:
    """`function`'s code under another name: Python's errors name a method by its qualname
    ("Sigmoid.forward() takes 2 positional arguments but 3 were given"), and PyTorch's
    activations each have their forward where minigrad's share one."""
    copy = FunctionType(function.__code__, function.__globals__, function.__name__,
                        function.__defaults__, function.__closure__)
    copy.__qualname__ = qualname
    return copy


class _OwnForward(Module):
    """A base class whose forward its subclasses share: each gets its own named_copy of it
    (not "_Plain.forward() takes 2 positional arguments")."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "forward" not in vars(cls):
            cls.forward = named_copy(cls.forward, f"{cls.__qualname__}.forward")


class _WithInplace(_OwnForward):
    """An elementwise activation whose one option is inplace=True (overwrite the input)."""

    function = staticmethod(F.relu)

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return self.function(input, inplace=self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class ReLU(_WithInplace):
    """max(x, 0) elementwise."""

    function = staticmethod(F.relu)


class _Plain(_OwnForward):
    """An elementwise activation without options."""

    function = staticmethod(F.tanh)
    # The torch.* function PyTorch's module calls, whose TypeError a list or an array gets.
    torch_function: str | None = None

    def forward(self, input: Tensor) -> Tensor:
        try:
            return self.function(input)
        except AttributeError:
            if self.torch_function is not None:
                tensor_arguments.check(self.torch_function, input)
            raise


class Tanh(_Plain):
    function = staticmethod(F.tanh)
    torch_function = "tanh"


class Sigmoid(_Plain):
    function = staticmethod(F.sigmoid)
    torch_function = "sigmoid"


class Softmax(Module):
    """Softmax along `dim` (each slice along it sums to 1)."""

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Softmax):
    """log(softmax(x)) along `dim`, computed stably."""

    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim)


class LeakyReLU(Module):
    """x where x > 0, negative_slope * x elsewhere."""

    def __init__(self, negative_slope: float = 1e-2, inplace: bool = False) -> None:
        super().__init__()
        self.negative_slope, self.inplace = negative_slope, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class ELU(Module):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""

    function = staticmethod(F.elu)

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha, self.inplace = alpha, inplace

    def forward(self, input: Tensor) -> Tensor:
        return self.function(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class SiLU(_WithInplace):
    """x * sigmoid(x)."""

    function = staticmethod(F.silu)


class Softplus(Module):
    """log(1 + exp(beta * x)) / beta, a smooth relu."""

    def __init__(self, beta: float = 1.0, threshold: float = 20.0) -> None:
        super().__init__()
        self.beta, self.threshold = beta, threshold

    def forward(self, input: Tensor) -> Tensor:
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self) -> str:
        return f"beta={self.beta}, threshold={self.threshold}"


class GELU(Module):
    """x * Phi(x), Phi the standard normal CDF; approximate="tanh" for the tanh formula."""

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


class Softmin(Softmax):
    """softmax(-x) along `dim`: the smallest values get the largest weights."""

    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim)


class SELU(_WithInplace):
    """scale * elu(x, alpha) with the fixed constants that keep activations normalised."""

    function = staticmethod(F.selu)


class CELU(ELU):
    """x where x > 0, alpha * (exp(x / alpha) - 1) elsewhere."""

    function = staticmethod(F.celu)
    forward = named_copy(ELU.forward, "CELU.forward")


class Mish(_WithInplace):
    """x * tanh(softplus(x))."""

    function = staticmethod(F.mish)


class Hardtanh(Module):
    """x clamped to [min_val, max_val]."""

    def __init__(self, min_val: float = -1.0, max_val: float = 1.0,
                 inplace: bool = False) -> None:
        super().__init__()
        self.min_val, self.max_val, self.inplace = min_val, max_val, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self) -> str:
        return (f"min_val={self.min_val}, max_val={self.max_val}"
                + (", inplace=True" if self.inplace else ""))


class ReLU6(_WithInplace):
    """min(max(x, 0), 6)."""

    function = staticmethod(F.relu6)
    forward = named_copy(_WithInplace.forward, "Hardtanh.forward")  # (PyTorch's is a Hardtanh)


class LogSigmoid(_Plain):
    function = staticmethod(F.logsigmoid)


class Softsign(_Plain):
    function = staticmethod(F.softsign)


class Tanhshrink(_Plain):
    function = staticmethod(F.tanhshrink)


class Hardsigmoid(_WithInplace):
    """(x + 3) / 6 clamped to [0, 1]."""

    function = staticmethod(F.hardsigmoid)

    def extra_repr(self) -> str:
        return ""  # PyTorch does not show inplace for these two


class Hardswish(Hardsigmoid):
    """x * hardsigmoid(x)."""

    function = staticmethod(F.hardswish)


class Softshrink(Module):
    """x moved towards 0 by lambd, 0 within lambd of it."""

    function = staticmethod(F.softshrink)

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, input: Tensor) -> Tensor:
        return self.function(input, self.lambd)

    def extra_repr(self) -> str:
        return str(self.lambd)


class Hardshrink(Softshrink):
    """x, 0 within lambd of 0."""

    function = staticmethod(F.hardshrink)


class GLU(Module):
    """The gated linear unit: the first half of the input along `dim`, gated by the sigmoid
    of the second half.

    >>> import minigrad as torch
    >>> torch.nn.GLU()(torch.tensor([4.0, 0.0]))
    tensor([2.])
    """

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Threshold(Module):
    """x where x > threshold, value elsewhere.

    >>> import minigrad as torch
    >>> torch.nn.Threshold(0.5, -1.0)(torch.tensor([0.2, 0.8]))
    tensor([-1.0000,  0.8000])
    """

    def __init__(self, threshold: float, value: float, inplace: bool = False) -> None:
        super().__init__()
        self.threshold, self.value, self.inplace = threshold, value, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self) -> str:
        return (f"threshold={self.threshold}, value={self.value}"
                + (", inplace=True" if self.inplace else ""))
