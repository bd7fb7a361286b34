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
first.

Tensor's methods of the same names (`t.add([1.0])`, `m.mm(array)`) and their in-place forms
(`t.add_`, `t.mul_`, `t.clamp_`...) give PyTorch's TypeError the same way. A method's arguments
are the function's without `input`, which is the tensor itself: positions count from the first
argument after it, and "got (...)" lists the arguments without it:

    >>> x = torch.ones(2)
    >>> x.add([1.0, 2.0])
    Traceback (most recent call last):
    TypeError: add(): argument 'other' (position 1) must be Tensor, not list
    >>> x.add(x, alpha=[1])
    Traceback (most recent call last):
    TypeError: add(): argument 'alpha' must be Number, not list

A method is checked as its function is: when it raises, or first (unless its arguments are
plainly taken) where numpy would take what PyTorch refuses (`t.add(t, alpha=[1])`,
`t.maximum(0.0)`). Operators are not
wrapped: `t + [1.0]` returns NotImplemented, and Python's own TypeError is PyTorch's too (see
operators.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from .. import messages, overrides
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
    "equal": ("Tensor input, Tensor other",),
    **dict.fromkeys(("isclose", "allclose"), (
        "Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False",)),
    "minimum": _BINARY,
    "atan2": _BINARY,
    "arctan2": _BINARY,
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
    "masked_fill": ("Tensor input, Tensor mask, Tensor value",
                    "Tensor input, Tensor mask, Number value"),
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


def _tensor_mask(args: tuple, kwargs: dict) -> bool:
    """A tensor mask and a tensor or number value, given by position (numpy would take a list
    for either)."""
    return not kwargs and len(args) == 3 and isinstance(args[1], Tensor) \
        and isinstance(args[2], (Tensor, *NUMBERS))


def _plain_alpha(args: tuple, kwargs: dict) -> bool:
    """No keyword, or only an int or float alpha (what the other arguments are, the call
    itself finds out)."""
    return not kwargs or (len(kwargs) == 1 and type(kwargs.get("alpha")) in (int, float))


# Those whose code would run on what PyTorch refuses (numbers for maximum's or atan2's tensors,
# a list as pow's exponent or clamp's bound, or as add's alpha): their arguments are checked
# before they run, unless they are plainly what PyTorch takes (parsing costs 2-4 us, as much as
# the call itself).
CHECKED_FIRST: dict[str, Callable[[tuple, dict], bool]] = {
    "maximum": _two_tensors, "minimum": _two_tensors, "atan2": _two_tensors,
    "arctan2": _two_tensors, "pow": _tensor_power,
    "clamp": _tensor_bounds, "clip": _tensor_bounds,
    "add": _plain_alpha, "sub": _plain_alpha, "subtract": _plain_alpha,
    "masked_fill": _tensor_mask}

# Tensor's methods of SIGNATURES' functions (the arguments without self) and their in-place
# forms: the function whose signatures each takes. The unary ones (x.exp()) take no argument,
# and those of sum, mean, max, min, argmax and softmax are dims, whose errors minigrad's dims
# code words (test_dims.py), so they are left as they are.
METHODS: dict[str, str] = {
    **{name: name for name in ("equal", "isclose", "allclose",
                               "matmul", "mm", "bmm", "mv", "dot", "add", "sub", "subtract",
                               "mul", "multiply", "div", "divide", "true_divide", "pow",
                               "maximum", "minimum", "atan2", "arctan2", "clamp", "clip",
                               "masked_fill")},
    **{f"{name}_": name for name in ("add", "sub", "subtract", "mul", "multiply", "div",
                                     "divide", "true_divide", "pow", "atan2", "arctan2",
                                     "clamp", "clip", "masked_fill")}}

# What PyTorch's parser takes for a Number (bool is an int).
NUMBERS = (int, float, complex, np.number, np.bool_)


@dataclass(frozen=True)
class Parameter:
    kind: str  # "Tensor", "Number", "tuple of Tensors", "int", or a type not checked here
    name: str
    index: int
    optional: bool  # has a default
    positional: bool
    allow_none: bool  # its default is None, so None is taken for it


class Signature:
    """One overload, parsed from PyTorch's text: "Tensor input, *, Tensor out=None"."""

    def __init__(self, text: str) -> None:
        self.parameters: list[Parameter] = []
        positional = True
        for item in text.split(", ") if text else ():
            if item == "*":
                positional = False
                continue
            declaration, _, default = item.partition("=")
            kind, _, name = declaration.rpartition(" ")
            self.parameters.append(Parameter(kind, name, len(self.parameters), bool(default),
                                             positional, default == "None"))
        self.min_args = sum(not p.optional for p in self.parameters)
        self.max_args = len(self.parameters)
        self.max_pos_args = sum(p.positional for p in self.parameters)

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
        names = {p.name for p in self.parameters}
        return (len(args) <= self.max_pos_args and names.issuperset(kwargs)
                and self.first_refused(args, kwargs, numbers) is None)

    def parse_error(self, name: str, args: tuple, kwargs: dict, numbers: bool
                    ) -> TypeError | None:
        """PyTorch's TypeError when this overload's parser refuses the arguments (None if it
        takes them), in the order its parser checks: too many positional arguments, then
        each parameter's (missing, or of a type it refuses), then keywords it does not know."""
        if len(args) > self.max_pos_args:
            return extra_arguments(name, self, len(args))
        keywords = dict(kwargs)  # (NumPy's `axis` for `dim` is no concern: no method of
        for parameter in self.parameters:  # METHODS has a dim)
            if parameter.index < len(args):
                position, value = parameter.index + 1, args[parameter.index]
            elif parameter.name in keywords:
                position, value = None, keywords.pop(parameter.name)
            elif parameter.optional:
                continue
            else:
                return _missing_arguments(name, self.parameters[parameter.index:])
            if not _accepts(parameter, value, numbers):
                return messages.wrong_argument_type(name, parameter.name, position, value,
                                                    parameter.kind)
        for keyword in keywords:
            given = {p.name for p in self.parameters[:len(args)]}
            return TypeError(f"{name}() got multiple values for argument '{keyword}'"
                             if keyword in given
                             else f"{name}() got an unexpected keyword argument '{keyword}'")
        return None


def extra_arguments(name: str, signature: Signature, given: int) -> TypeError:
    most = signature.max_pos_args
    if signature.min_args != most:
        return TypeError(f"{name}() takes from {signature.min_args} to {most} positional "
                         f"arguments but {given} were given")
    return TypeError(f"{name}() takes {most} positional argument{'' if most == 1 else 's'} "
                     f"but {given} {'was' if given == 1 else 'were'} given")


def _missing_arguments(name: str, parameters: list[Parameter]) -> TypeError:
    return messages.missing_argument(name, *(p.name for p in parameters if not p.optional))


def is_number(value: Any) -> bool:
    if isinstance(value, Tensor):  # a 0-d tensor outside autograd passes for a number
        return value.ndim == 0 and not value.requires_grad
    return isinstance(value, NUMBERS)


def _accepts(parameter: Parameter, value: Any, numbers: bool) -> bool:
    if value is None and parameter.allow_none:
        return True
    if parameter.kind == "Tensor":
        return isinstance(value, Tensor) or (numbers and isinstance(value, NUMBERS))
    if parameter.kind == "Number":
        return is_number(value)
    if parameter.kind == "int":  # a dim: torch.max(x, [1.0]) is no overload's
        return isinstance(value, (int, np.integer, Tensor))
    if parameter.kind == "str":  # div's rounding_mode (which strings, div's code checks)
        return isinstance(value, str)
    if parameter.kind == "tuple of Tensors":
        return isinstance(value, (list, tuple)) and all(isinstance(t, Tensor) for t in value)
    return True  # dims, flags and dtypes are minigrad's own code's to check


def method_refusal(name: str, args: tuple, kwargs: dict) -> TypeError | None:
    """PyTorch's TypeError if its argument parser refuses these arguments (self left out) to
    Tensor.<name>, a method of METHODS, for their types or their number (None when it would
    take them)."""
    function = METHODS[name]
    signatures = _parsed_method(function)
    numbers = function in NUMBERS_AS_TENSORS
    if any(s.parse_error(name, args, kwargs, numbers) is None for s in signatures):
        return None
    given = len(args) + len(kwargs)
    plausible = [s for s in signatures if s.min_args <= given <= s.max_args]
    if len(signatures) > 1 and len(plausible) != 1:
        return messages.invalid_arguments(name, *args, **kwargs)
    return (signatures[0] if len(signatures) == 1 else plausible[0]).parse_error(
        name, args, kwargs, numbers)


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


# The methods whose overloads are fewer than the function's less `input` (`out_dtype` is the
# functions' only).
_METHOD_SIGNATURES = {"mm": ("Tensor input, Tensor mat2",), "bmm": ("Tensor input, Tensor mat2",)}


@functools.cache
def _parsed_method(name: str) -> tuple[Signature, ...]:
    """The method's overloads: the function's that take a tensor `input` first, without it
    (pow's `Number self` overload is the function's only) and without `out`, which no method
    takes."""
    methods = []
    for text in _METHOD_SIGNATURES.get(name, SIGNATURES[name]):
        if text.startswith("Tensor input"):
            items = [item for item in text.split(", ")[1:] if not item.endswith(" out=None")]
            methods.append(Signature(", ".join(items[:-1] if items[-1:] == ["*"] else items)))
    return tuple(methods)


def check(name: str, /, *args: Any, **kwargs: Any) -> None:
    """Raise PyTorch's TypeError if torch.<name> refuses these arguments for their types; for
    the code that failed on them (it replaces what that code tripped on)."""
    if (error := refusal(name, args, kwargs)) is not None:
        raise error from None


def _guarded(function: Callable, refusal_of: Callable[[tuple, dict], TypeError | None],
             plainly_taken: Callable[[tuple, dict], bool] | None) -> Callable:
    """`function`, raising refusal_of(args, kwargs), PyTorch's TypeError, where its argument
    parser would refuse them: checked when the call raises, and first too unless
    `plainly_taken` (where there is one: CHECKED_FIRST) says the arguments are plainly fine."""

    def check(args: tuple, kwargs: dict) -> None:
        if (error := refusal_of(args, kwargs)) is not None:
            raise error from None

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if plainly_taken is not None and not plainly_taken(args, kwargs):
            check(args, kwargs)
        try:
            return function(*args, **kwargs)
        except Exception:
            check(args, kwargs)
            raise

    return call


def checked(name: str, function: Callable) -> Callable:
    """torch.<name>: `function`, with PyTorch's TypeError for arguments of the wrong type."""
    return _guarded(function, lambda args, kwargs: refusal(name, args, kwargs),
                    CHECKED_FIRST.get(name))


def checked_method(name: str, method: Callable) -> Callable:
    """Tensor.<name>: `method`, with PyTorch's TypeError for arguments of the wrong type (the
    arguments after self, the tensor)."""
    def refusal_of(args: tuple, kwargs: dict) -> TypeError | None:
        return method_refusal(name, args[1:], kwargs) if args and isinstance(args[0], Tensor) \
            else None

    # (Checked first as its function is: self is the first of the arguments both are given.)
    return _guarded(method, refusal_of, CHECKED_FIRST.get(METHODS[name]))


def install(module: ModuleType) -> None:
    """Wrap the functions of SIGNATURES that `module` (minigrad) has, and the methods of
    METHODS that its Tensor has, through overrides.wrap (readable_only() swaps the code under
    the check); an alias (torch.clip for clamp, Tensor.multiply for mul) gets its own wrapper,
    as its errors give its own name."""
    for name in SIGNATURES:
        if hasattr(module, name):
            overrides.wrap(module, name, functools.partial(checked, name))
    for name in METHODS:
        if name in vars(module.Tensor):
            overrides.wrap(module.Tensor, name, functools.partial(checked_method, name))
