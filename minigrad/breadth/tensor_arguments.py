"""PyTorch's TypeError for a torch.* function given a list, a numpy array or a number where it
takes a tensor (`torch.exp([1.0, 2.0])`, `torch.matmul(np_array, w)`): a common slip while
moving code from numpy.

PyTorch's argument parser checks the types before anything runs. It knows each function by
its signatures (the ones its "expected one of:" errors list); when no signature takes the
arguments, the error names the argument when one signature could have applied, else it is
"received an invalid combination of arguments":

    >>> import minigrad as torch
    >>> torch.exp([1.0, 2.0])
    Traceback (most recent call last):
    TypeError: exp(): argument 'input' (position 1) must be Tensor, not list
    >>> torch.add(torch.ones(2), 2)   # add, sub, mul and div take numbers for tensors
    tensor([3., 3.])

The check costs nothing on the way that works: the torch.* function runs first, and only when
it raises are its arguments checked, so that PyTorch's TypeError replaces what minigrad's code
tripped on (`'list' object has no attribute 'dtype'`). The few functions whose numpy-backed
code would take what PyTorch refuses (`torch.maximum(x, 0.0)`, `torch.pow(x, [2])`) are checked
first. Only the torch.* functions are wrapped: Tensor methods and operators are unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor

_UNARY = ("Tensor input, *, Tensor out=None",)
_BINARY = ("Tensor input, Tensor other, *, Tensor out=None",)
_MATRIX_PRODUCT = ("Tensor input, Tensor mat2, *, Tensor out=None",
                   "Tensor input, Tensor mat2, torch.dtype out_dtype, *, Tensor out=None")
_REDUCTION = ("Tensor input, *, torch.dtype dtype=None",
              "Tensor input, tuple of ints dim, bool keepdim=False, *, torch.dtype dtype=None, "
              "Tensor out=None")
_EXTREMUM = ("Tensor input, *, Tensor out=None",
             "Tensor input, Tensor other, *, Tensor out=None",
             "Tensor input, int dim, bool keepdim=False, *, tuple of Tensors out=None")
_ADD = ("Tensor input, Tensor other, *, Number alpha=1, Tensor out=None",)
_DIV = ("Tensor input, Tensor other, *, Tensor out=None",
        "Tensor input, Tensor other, *, str rounding_mode, Tensor out=None")
_CLAMP = ("Tensor input, Tensor min=None, Tensor max=None, *, Tensor out=None",
          "Tensor input, Number min=None, Number max=None, *, Tensor out=None")
_JOIN = ("tuple of Tensors tensors, int dim=0, *, Tensor out=None",)
_SOFTMAX = ("Tensor input, int dim, torch.dtype dtype=None",)

# Each function's signatures as PyTorch prints them (its overloads on dimension names, which it
# does not list either, left out).
SIGNATURES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "abs", "neg",
                     "negative", "square"), _UNARY),
    "relu": ("Tensor input",),
    "sum": _REDUCTION,
    "mean": ("Tensor input, *, torch.dtype dtype=None, Tensor out=None", _REDUCTION[1]),
    "max": _EXTREMUM,
    "min": _EXTREMUM,
    "argmax": ("Tensor input, int dim=None, bool keepdim=False, *, Tensor out=None",),
    "matmul": _BINARY,
    "mm": _MATRIX_PRODUCT,
    "bmm": _MATRIX_PRODUCT,
    "mv": ("Tensor input, Tensor vec, *, Tensor out=None",),
    "dot": ("Tensor input, Tensor tensor, *, Tensor out=None",),
    "add": _ADD,
    "sub": _ADD,
    "subtract": (*_ADD, "Tensor input, Number other, Number alpha=1"),
    "mul": _BINARY,
    "multiply": (*_BINARY, "Tensor input, Number other"),
    "div": (*_DIV, "Tensor input, Number other, *, str rounding_mode"),
    "divide": (*_DIV, "Tensor input, Number other",
               "Tensor input, Number other, *, str rounding_mode"),
    "true_divide": (*_BINARY, "Tensor input, Number other"),
    "pow": ("Tensor input, Tensor exponent, *, Tensor out=None",
            "Number self, Tensor exponent, *, Tensor out=None",
            "Tensor input, Number exponent, *, Tensor out=None"),
    "maximum": _BINARY,
    "minimum": _BINARY,
    "clamp": _CLAMP,
    "clip": _CLAMP,
    "where": ("Tensor condition",
              "Tensor condition, Tensor input, Tensor other, *, Tensor out=None",
              "Tensor condition, Number self, Tensor other",
              "Tensor condition, Tensor input, Number other",
              "Tensor condition, Number self, Number other"),
    "cat": _JOIN,
    "concat": _JOIN,
    "concatenate": _JOIN,
    "stack": _JOIN,
    "softmax": _SOFTMAX,
    "log_softmax": _SOFTMAX,
}
# The functions whose Tensor arguments may also be numbers (torch.add(x, 2), torch.mul(2, x)).
NUMBERS_AS_TENSORS = {"add", "sub", "subtract", "mul", "multiply", "div", "divide",
                      "true_divide"}


def _two_tensors(args: tuple, kwargs: dict) -> bool:
    return not kwargs and len(args) == 2 and all(isinstance(a, Tensor) for a in args)


def _tensor_power(args: tuple, kwargs: dict) -> bool:
    return not kwargs and len(args) == 2 and isinstance(args[0], Tensor) \
        and isinstance(args[1], (Tensor, int, float))


def _tensor_bounds(args: tuple, kwargs: dict) -> bool:
    """A tensor and bounds that are all tensors or all numbers (None for either)."""
    if not args or not isinstance(args[0], Tensor) or not kwargs.keys() <= _BOUNDS:
        return False
    numbers = tensors = False
    for bound in (*args[1:], *kwargs.values()):
        if isinstance(bound, Tensor):
            tensors = True
        elif isinstance(bound, (int, float)):
            numbers = True
        elif bound is not None:
            return False
    return not (numbers and tensors)


_BOUNDS = frozenset(("min", "max"))


# Those whose code would run on what PyTorch refuses (numbers for maximum's tensors, a list as
# pow's exponent or clamp's bound): their arguments are checked before they run, unless they
# are plainly what PyTorch takes (parsing costs 2-4 us, as much as the call itself).
CHECKED_FIRST: dict[str, Callable[[tuple, dict], bool]] = {
    "maximum": _two_tensors, "minimum": _two_tensors, "pow": _tensor_power,
    "clamp": _tensor_bounds, "clip": _tensor_bounds}

# What PyTorch's parser takes for a Number (bool is an int).
NUMBERS = (int, float, complex, np.number, np.bool_)


@dataclass(frozen=True)
class Parameter:
    kind: str  # "Tensor", "Number", "tuple of Tensors", "int", or a type not checked here
    name: str
    index: int
    optional: bool  # has a default
    positional: bool


class Signature:
    """One overload, parsed from PyTorch's text: "Tensor input, *, Tensor out=None"."""

    def __init__(self, text: str) -> None:
        self.parameters: list[Parameter] = []
        positional = True
        for item in text.split(", "):
            if item == "*":
                positional = False
                continue
            declaration, _, default = item.partition("=")
            kind, _, name = declaration.rpartition(" ")
            self.parameters.append(Parameter(kind, name, len(self.parameters), bool(default),
                                             positional))
        self.min_args = sum(not p.optional for p in self.parameters)
        self.max_args = len(self.parameters)

    def arguments(self, args: tuple, kwargs: dict) -> list[tuple[int, Parameter, Any]]:
        """(position, parameter, value) of the arguments given, position 0 for a keyword."""
        given = []
        for i, parameter in enumerate(self.parameters):
            if parameter.positional and i < len(args):
                given.append((i + 1, parameter, args[i]))
            elif parameter.name in kwargs:
                given.append((0, parameter, kwargs[parameter.name]))
        return given

    def first_refused(self, args: tuple, kwargs: dict, numbers: bool
                      ) -> tuple[int, Parameter, Any] | None:
        """The first argument this overload refuses for its type (None if none is)."""
        for position, parameter, value in self.arguments(args, kwargs):
            if not _accepts(parameter, value, numbers):
                return position, parameter, value
        return None

    def takes(self, args: tuple, kwargs: dict, numbers: bool) -> bool:
        """Whether this overload takes the arguments, as far as the types checked here go
        (dims and flags are minigrad's code's to check)."""
        positional = sum(p.positional for p in self.parameters)
        names = {p.name for p in self.parameters}
        return (len(args) <= positional and names.issuperset(kwargs)
                and self.first_refused(args, kwargs, numbers) is None)


def _is_number(value: Any) -> bool:
    if isinstance(value, Tensor):  # a 0-d tensor outside autograd passes for a number
        return value.ndim == 0 and not value.requires_grad
    return isinstance(value, NUMBERS)


def _accepts(parameter: Parameter, value: Any, numbers: bool) -> bool:
    if value is None and parameter.optional:
        return True
    if parameter.kind == "Tensor":
        return isinstance(value, Tensor) or (numbers and isinstance(value, NUMBERS))
    if parameter.kind == "Number":
        return _is_number(value)
    if parameter.kind == "int":  # a dim: torch.max(x, [1.0]) is no overload's
        return isinstance(value, (int, np.integer, Tensor))
    if parameter.kind == "tuple of Tensors":
        return isinstance(value, (list, tuple)) and all(isinstance(t, Tensor) for t in value)
    return True  # dims, flags and dtypes are minigrad's own code's to check


def refusal(name: str, args: tuple, kwargs: dict) -> TypeError | None:
    """PyTorch's TypeError if its argument parser refuses these arguments to torch.<name>
    for their types (None when it would take them)."""
    signatures = _parsed(name)
    numbers = name in NUMBERS_AS_TENSORS
    if any(s.takes(args, kwargs, numbers) for s in signatures):
        return None
    # One overload that could have applied (by its number of arguments) names the argument.
    given = len(args) + len(kwargs)
    plausible = [s for s in signatures if s.min_args <= given <= s.max_args]
    if len(signatures) > 1 and len(plausible) != 1:
        if not any(s.first_refused(args, kwargs, numbers) for s in signatures):
            return None  # refused for their number or names: minigrad's code says so
        return messages.invalid_arguments(name, *args, **kwargs)
    refused = (signatures[0] if len(signatures) == 1 else plausible[0]).first_refused(
        args, kwargs, numbers)
    if refused is None:
        return None
    position, parameter, value = refused
    if parameter.kind == "tuple of Tensors" and isinstance(value, (list, tuple)):
        index = next(i for i, t in enumerate(value) if not isinstance(t, Tensor))
        return messages.tensor_list_element(index, parameter.index, value[index])
    return messages.wrong_argument_type(name, parameter.name, position or None, value,
                                        parameter.kind)


@functools.cache
def _parsed(name: str) -> tuple[Signature, ...]:
    return tuple(Signature(text) for text in SIGNATURES[name])


def check(name: str, /, *args: Any, **kwargs: Any) -> None:
    """Raise PyTorch's TypeError if torch.<name> refuses these arguments for their types; for
    the code that failed on them (it replaces what that code tripped on)."""
    if (error := refusal(name, args, kwargs)) is not None:
        raise error from None


def checked(name: str, function: Callable) -> Callable:
    """torch.<name>: `function`, with PyTorch's TypeError for arguments of the wrong type."""

    if name in CHECKED_FIRST:
        plainly_taken = CHECKED_FIRST[name]

        @functools.wraps(function)
        def check_then_call(*args: Any, **kwargs: Any) -> Any:
            if not plainly_taken(args, kwargs):
                check(name, *args, **kwargs)
            return function(*args, **kwargs)

        return check_then_call

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:
            check(name, *args, **kwargs)
            raise

    return call


def install(namespace: dict) -> None:
    """Wrap the functions of SIGNATURES that `namespace` (minigrad's) has; an alias (torch.clip
    for clamp) gets its own wrapper, as its errors give its own name."""
    for name in SIGNATURES:
        if name in namespace:
            namespace[name] = checked(name, namespace[name])
