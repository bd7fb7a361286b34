"""PyTorch's TypeError for arguments that fit none of a method's overloads: a bool or a float
given as a dim (`x.sum(True)`, `x.max(1.0)`, `x.squeeze(dim=True)`) or arguments missing
(`x.narrow(0)`, `x.scatter(0, index)`); and a 0-d integer tensor taken as an int there
(`x.sum(torch.tensor(0))`).

Python's bool is an int, so minigrad's code would sum over dim 1 for `x.sum(True)`; PyTorch's
argument parser refuses it. When no overload takes the arguments, the parser names the argument
if only one overload could have applied by its number of arguments, and otherwise lists every
overload ("received an invalid combination of arguments"), with, under each one that has as
many parameters as the call has arguments, why it did not match:

    >>> import minigrad as torch
    >>> try:
    ...     torch.ones(2, 3).squeeze(True)
    ... except TypeError as error:
    ...     print(error)
    squeeze() received an invalid combination of arguments - got (bool), but expected one of:
     * ()
          didn't match because some of the arguments have invalid types: (!bool!)
     * (int dim)
          didn't match because some of the arguments have invalid types: (!bool!)
     * (tuple of ints dim)
          didn't match because some of the arguments have invalid types: (!bool!)
    <BLANKLINE>

Only a call given a bool, a float, a sequence or a tensor for an int, a number of arguments no
overload takes (`torch.where(c, x)`), or a list, tuple or string where no overload takes one
(`x.masked_fill(mask, [1])`) is parsed (x.sum(), x.sum(0), x.narrow(0, 1, 2) run as they
are).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .. import messages, overrides
from ..tensor import Tensor
from .factory_arguments import int_list, is_int
from .int_arguments import as_int, is_index, refusal
from .missing_arguments import install_wrappers
from .numpy_keywords import without_numpy_names
from .tensor_arguments import SIGNATURES, Parameter, Signature, extra_arguments, is_number

_REDUCTION = ("*, torch.dtype dtype=None",
              "tuple of ints dim, bool keepdim=False, *, torch.dtype dtype=None")
_EXTREMUM = ("", "Tensor other", "int dim, bool keepdim=False")
_SCATTER = ("int dim, Tensor index, Tensor src", "int dim, Tensor index, Tensor src, *, str reduce",
            "int dim, Tensor index, Number value",
            "int dim, Tensor index, Number value, *, str reduce")
_ALL = ("", "tuple of ints dim=None, bool keepdim=False", "int dim, bool keepdim=False")
_SORT = ("*, bool stable, int dim=-1, bool descending=False", "int dim=-1, bool descending=False")
_SPREAD = ("tuple of ints dim, bool unbiased=True, bool keepdim=False",
           "tuple of ints dim=None, *, Number correction=None, bool keepdim=False",
           "bool unbiased=True")

# Tensor's methods: the overloads PyTorch's parser lists (its hidden ones, on dimension names,
# left out), their arguments after the tensor.
METHODS: dict[str, tuple[str, ...]] = {
    "sum": _REDUCTION,
    "mean": _REDUCTION,
    "prod": ("*, torch.dtype dtype=None", "int dim, bool keepdim=False, *, torch.dtype dtype=None"),
    "max": _EXTREMUM,
    "min": _EXTREMUM,
    "squeeze": ("", "int dim", "tuple of ints dim"),
    "all": _ALL,
    "any": _ALL,
    "sort": _SORT,
    **dict.fromkeys(("std", "var"), _SPREAD),
    "count_nonzero": ("int dim=None", "tuple of ints dim"),
    "narrow": ("int dim, Tensor start, int length", "int dim, int start, int length"),
    "movedim": ("int source, int destination",
                "tuple of ints source, tuple of ints destination"),
    **dict.fromkeys(("scatter", "scatter_"), _SCATTER),
    "lerp": ("Tensor end, Tensor weight", "Tensor end, Number weight"),
    **dict.fromkeys(("masked_fill", "masked_fill_"),
                    ("Tensor mask, Tensor value", "Tensor mask, Number value")),
    "where": ("Tensor condition, Tensor other", "Tensor condition, Number other"),
    **dict.fromkeys(("index_fill", "index_fill_"),
                    ("int dim, Tensor index, Tensor value", "int dim, Tensor index, Number value")),
    "repeat_interleave": ("Tensor repeats, int dim=None, *, int output_size=None",
                          "int repeats, int dim=None, *, int output_size=None"),
}
# torch.<name>: the same with the tensor as `input` (and an `out`).
FUNCTIONS: dict[str, tuple[str, ...]] = {
    **{name: SIGNATURES[name] for name in ("sum", "mean", "max", "min", "where")},
    "squeeze": ("Tensor input", "Tensor input, int dim", "Tensor input, tuple of ints dim"),
    "prod": ("Tensor input, *, torch.dtype dtype=None",
             "Tensor input, int dim, bool keepdim=False, *, torch.dtype dtype=None, "
             "Tensor out=None"),
    **dict.fromkeys(("all", "any"), (
        "Tensor input, *, Tensor out=None",
        "Tensor input, tuple of ints dim=None, bool keepdim=False, *, Tensor out=None",
        "Tensor input, int dim, bool keepdim=False, *, Tensor out=None")),
    "sort": ("Tensor input, *, bool stable, int dim=-1, bool descending=False, "
             "tuple of Tensors out=None",
             "Tensor input, int dim=-1, bool descending=False, *, tuple of Tensors out=None"),
    **{name: tuple(f"Tensor input, {text}" for text in METHODS[name])
       for name in ("narrow", "movedim", "masked_fill")},
    **dict.fromkeys(("std", "var"), (
        "Tensor input, tuple of ints dim, bool unbiased=True, bool keepdim=False, *, "
        "Tensor out=None",
        "Tensor input, tuple of ints dim=None, *, Number correction=None, bool keepdim=False, "
        "Tensor out=None",
        "Tensor input, bool unbiased=True")),
    **dict.fromkeys(("std_mean", "var_mean"), (
        "Tensor input, tuple of ints dim, bool unbiased=True, bool keepdim=False",
        "Tensor input, tuple of ints dim=None, *, Number correction=None, bool keepdim=False",
        "Tensor input, bool unbiased=True")),
    "scatter": ("Tensor input, int dim, Tensor index, Tensor src, *, Tensor out=None",
                "Tensor input, int dim, Tensor index, Tensor src, *, str reduce, Tensor out=None",
                "Tensor input, int dim, Tensor index, Number value, *, Tensor out=None",
                "Tensor input, int dim, Tensor index, Number value, *, str reduce, "
                "Tensor out=None"),
}


# The types of arguments a call can give without being parsed (none that PyTorch refuses where
# minigrad's code would take it).
PLAIN = frozenset((int, str, type(None)))
INTS = frozenset((int,))


def _suspect(sequence: bool, value: Any) -> bool:
    """Whether an int argument's value may be one PyTorch's parser refuses or reads otherwise
    than minigrad's code: a bool, a float, a tensor, a sequence (of other things than ints
    where one may be given)."""
    kind = type(value)
    return (kind is bool or kind is float or isinstance(value, Tensor)
            or (kind is tuple or kind is list)
            and not (sequence and INTS.issuperset(map(type, value))))


# Whose optional dims list is an int[]? (PyTorch's parser takes no tensor for it; the
# reductions' int[1]? dim takes a one-element integer tensor as an int, as their int[1] does).
_INT_LIST_DIMS = frozenset(("all", "any"))


def _number_for_flag(value: Any) -> bool:
    """Whether a bool parameter's value is a Python int or float (which the parser refuses)."""
    return type(value) is int or type(value) is float


def _parser_takes(parameter: Parameter, value: Any, name: str = "") -> bool:
    """Whether the parser takes `value` for `parameter` of `name` (a 0-d integer tensor for an
    int; the kinds not listed, dtypes and outs, are minigrad's code's to check)."""
    if value is None and parameter.allow_none:
        return True
    if parameter.kind == "int":
        return is_int(value)
    if parameter.kind == "tuple of ints":  # (a sequence's first element decides: dims())
        return value is None or (is_int(value) and parameter.name != "size") \
            or (isinstance(value, (tuple, list)) and (not value or is_int(value[0]))) \
            or (parameter.name == "dim" and is_index(value)
                and not (parameter.allow_none and name in _INT_LIST_DIMS))
    # (movedim's lists take none; a factory's size list takes no int but as its only argument,
    # `torch.zeros(5)`, which minigrad's code reads)
    if parameter.kind == "Tensor":
        return isinstance(value, Tensor)
    if parameter.kind == "bool":
        return isinstance(value, bool)
    if parameter.kind == "Number":
        return is_number(value)
    if parameter.kind == "str":
        return isinstance(value, str)
    return True


def _described(value: Any) -> str:
    """A value as the didn't-match lines describe it: a sequence with its elements' types
    ("list of [int, float]", "tuple of (int,)")."""
    kind = type(value)
    if kind is not list and kind is not tuple:
        return messages.type_name(value)
    names = [messages.type_name(v) for v in value]
    return (f"list of [{', '.join(names)}]" if kind is list
            else f"tuple of ({', '.join(names)}{',' if len(names) == 1 else ''})")


def dims(name: str, parameter: Parameter, value: Any) -> Any:
    """The value of an int or a tuple of ints as minigrad's code takes it: a 0-d integer tensor
    as the int it holds, a sequence's elements as ints (PyTorch's refusal of one that is no
    int after the first, which may be a bool there)."""
    if parameter.kind == "tuple of ints" and is_index(value):
        return (int(value._data.reshape(-1)[0]),)
    if parameter.kind == "int" or (parameter.kind == "tuple of ints"
                                   and not isinstance(value, (tuple, list))):  # (or None)
        return as_int(value)
    if parameter.kind == "tuple of ints":
        return type(value)(int_list(name, parameter.name, (value,)))
    return value


def _matches(name: str, signature: Signature, args: tuple, kwargs: dict) -> bool:
    names = {p.name for p in signature.parameters}
    given = {p.name for _, p, _ in signature.arguments(args, kwargs)}
    return (len(args) <= signature.max_pos_args and names.issuperset(kwargs)
            and all(p.optional or p.name in given for p in signature.parameters)
            and all(_parser_takes(p, v, name) for _, p, v in signature.arguments(args, kwargs)))


def _why_not(text: str, signature: Signature, args: tuple, kwargs: dict) -> str:
    """The line PyTorch's error prints under an overload that has as many parameters (the `*`
    counted, and `()` as one) as the call has arguments; "" under the others."""
    if len(text.split(", ")) != len(args) + len(kwargs):
        return ""
    # PyTorch writes these lines by parsing its overloads' printed text again, where a default
    # (" = 0") spoils the parameter: its name is no keyword's and its type no value's (so
    # split's `int dim = 0` is marked `!int!`). A keyword is looked for among the last
    # parameters only, as many as there are keywords (one more where an `out` is not given).
    parameters = signature.parameters
    outs = any(p.name == "out" for p in parameters) and "out" not in kwargs
    last = parameters[max(len(parameters) - len(kwargs) - outs, 0):]
    unmatched = [k for k in reversed(kwargs)
                 if not any(p.name == k and not p.optional for p in last)]
    if unmatched:
        return ("      didn't match because some of the keywords were incorrect: "
                f"{', '.join(unmatched)}\n")
    positional = [p for p in parameters if p.positional]

    def mark(described: str, parameter: Parameter | None, value: Any) -> str:
        # (here "tuple of ints" is a tuple or list only, and a bool no int)
        fits = parameter is not None and not parameter.optional and (
            isinstance(value, (tuple, list)) if parameter.kind == "tuple of ints"
            else _parser_takes(parameter, value))
        return described if fits else f"!{described}!"

    marks = [mark(_described(v), positional[i] if i < len(positional) else None, v)
             for i, v in enumerate(args)]
    by_name = {p.name: p for p in signature.parameters}
    marks += [mark(f"{k}={_described(v)}", by_name[k], v) for k, v in kwargs.items()]
    described = ", ".join(marks) + (", " if kwargs and not args else "")
    return f"      didn't match because some of the arguments have invalid types: ({described})\n"


def _refusal(name: str, overloads: tuple[str, ...], args: tuple, kwargs: dict) -> TypeError:
    signatures = [Signature(text) for text in overloads]
    given = len(args) + len(kwargs)
    plausible = [s for s in signatures if s.min_args <= given <= s.max_args]
    if len(plausible) == 1 and len(args) > plausible[0].max_pos_args:
        return extra_arguments(name, plausible[0], len(args))
    if len(plausible) == 1:  # that overload's parser names the argument (or those missing)
        given_names = {p.name for _, p, _ in plausible[0].arguments(args, kwargs)}
        for position, parameter, value in plausible[0].arguments(args, kwargs):
            if not _parser_takes(parameter, value):
                if parameter.kind not in ("int", "tuple of ints") \
                        or (parameter.name == "size" and is_int(value)):
                    return messages.wrong_argument_type(name, parameter.name, position or None,
                                                        value, parameter.kind)
                spec = f"{parameter.kind} {parameter.name}"
                return refusal(name, spec, position or None, value) or TypeError(name)
        # PyTorch's parser lists every required parameter from the first one missing on,
        # given by keyword or not (randint(low=1, size=(3,)): "high", "size")
        required = [p.name for p in plausible[0].parameters if not p.optional]
        missing = [n for n in required if n not in given_names]
        if missing:
            return messages.missing_argument(name, *required[required.index(missing[0]):])
        known = {p.name for p in plausible[0].parameters}
        for keyword in (k for k in kwargs if k not in known):
            return TypeError(f"{name}() got an unexpected keyword argument '{keyword}'")
    header = str(messages.invalid_arguments(name, *args, **kwargs))
    if len(overloads) == 1:  # (its other overloads hidden: PyTorch's one-line form)
        if unmatched := _unmatched_keywords(signatures[0], kwargs):
            return TypeError(f"{name}() received an invalid combination of arguments - got "
                             f"unrecognized keyword arguments: {', '.join(unmatched)}")
        return TypeError(f"{header.removesuffix(' one of:')} ({_spaced(overloads[0])})")
    listed = "".join(f" * ({_spaced(text)})\n{_why_not(text, s, args, kwargs)}"
                     for text, s in zip(overloads, signatures, strict=True))
    return TypeError(f"{header}\n{listed}")


def _unmatched_keywords(signature: Signature, kwargs: dict) -> list[str]:
    """The keywords PyTorch's message for its one overload calls unrecognized, the last given
    first: it looks for each among the overload's last parameters only, as many as keywords
    given (one fewer before an `out`), and never finds one with a default (`value`), so
    `x.addcmul(tensor1=x)` and `x.addcmul(value=2)` have theirs unrecognized."""
    parameters = signature.parameters
    has_out = any(p.name == "out" for p in parameters)
    start = max(len(parameters) - len(kwargs) - has_out, 0)
    found = {p.name for p in parameters[start:] if not p.optional}
    return [keyword for keyword in reversed(kwargs) if keyword not in found]


def _spaced(text: str) -> str:
    return text.replace("=", " = ")


def _refusal_if_refused(name: str, overloads: tuple[str, ...], signatures: list[Signature],
                        args: tuple, kwargs: dict) -> TypeError | None:
    """PyTorch's TypeError if no overload takes the arguments (None if one does)."""
    if any(_matches(name, s, args, kwargs) for s in signatures):
        return None
    return _refusal(name, overloads, args, kwargs)


def refusal_if_refused(name: str, overloads: tuple[str, ...], args: tuple, kwargs: dict
                       ) -> TypeError | None:
    """The same, for a call that has failed (its overloads' text parsed now)."""
    signatures = [Signature(text) for text in overloads]
    return _refusal_if_refused(name, overloads, signatures, args, kwargs)


def parsed(name: str, function: Callable, overloads: tuple[str, ...], method: bool
           ) -> Callable:
    """`function(input, ...)`, its arguments parsed against `overloads` (a method's without
    the tensor) when one is a bool, a float or a tensor."""
    signatures = [Signature(text) for text in overloads]
    known = {p.name for s in signatures for p in s.parameters}
    skip = 1 if method else 0  # the tensor, not among a method's overloads' parameters
    fewest = min(s.min_args for s in signatures) + skip  # arguments, the tensor counted
    # how many arguments some overload takes (where(condition, x) is none's), the tensor counted
    counts = {n + skip for s in signatures for n in range(s.min_args, s.max_args + 1)}
    most_positional = max(s.max_pos_args for s in signatures) + skip
    ints = [p for s in signatures for p in s.parameters if p.kind in ("int", "tuple of ints")]
    names = {p.name for p in ints}
    # the types no overload takes anywhere (masked_fill(mask, [1]), masked_fill(mask, "a"))
    kinds = {p.kind for s in signatures for p in s.parameters}
    sequences = any("tuple" in k for k in kinds)
    strange = (set() if sequences else {list, tuple}) | (set() if "str" in kinds else {str})
    # the check of each argument that may be suspect, by position and by keyword: an int's
    # (a sequence may be given for a tuple of ints), and a flag's (a number is refused for one:
    # x.std(0, 1.0), x.max(1, keepdim=1))
    flags = [p for s in signatures for p in s.parameters if p.kind == "bool"]
    by_position = {p.index + skip: _number_for_flag for p in flags if p.positional}
    by_keyword = {p.name: _number_for_flag for p in flags}
    # the most arguments a call of plain types may give to run as it is, the tensor counted:
    # none reaching a flag (x.sum(0, 1) gives keepdim an int, which the parser refuses). (The
    # chained comparison below costs the micrograd demo's 3 x.sum(0) a step 0.4% of its
    # instructions; a range's `in` cost more.)
    before_flags = min(by_position, default=sys.maxsize)
    listed = ({p.index + skip for p in ints if p.positional and p.kind != "int"},
              {p.name for p in ints if p.kind != "int"})  # (in some overload)
    # (bound by position: a partial's keyword would build a dict at each call)
    by_position.update({p.index + skip: functools.partial(_suspect, p.index + skip in listed[0])
                        for p in ints if p.positional})
    by_keyword.update({p.name: functools.partial(_suspect, p.name in listed[1]) for p in ints})

    def unparsed(args: tuple, kwargs: dict) -> bool:
        """Whether the call can run as it is: all the arguments an overload requires, no
        suspect value for an int or a flag, and no keyword without the dim it goes with
        (x.sum(keepdim=True)) or of no overload (NumPy's: numpy_keywords.py's)."""
        if not known.issuperset(kwargs):
            return True
        return (len(args) + len(kwargs) >= fewest
                and not any(check(args[i]) for i, check in by_position.items()
                            if i < len(args))
                and not any(by_keyword[k](v) for k, v in kwargs.items() if k in by_keyword)
                and not (kwargs and len(args) == 1 and names.isdisjoint(kwargs))
                and not (strange and any(type(v) in strange
                                         for v in (*args, *kwargs.values()))))

    plain = without_numpy_names(function)  # (called without keywords, NumPy's are none)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if not kwargs and fewest <= len(args) <= before_flags \
                and PLAIN.issuperset(map(type, args[1:])):
            return plain(*args)  # (x.sum(), x.squeeze(1): checked at C speed)
        if unparsed(args, kwargs):
            try:
                return function(*args, **kwargs)
            except TypeError:  # (checked here, not before: the sum in broadcast gradients)
                if len(args) + len(kwargs) in counts and len(args) <= most_positional:
                    raise
                raise _refusal(name, overloads, args[skip:], kwargs) from None
        given = args[skip:]
        error = _refusal_if_refused(name, overloads, signatures, given, kwargs)
        if error is not None:
            raise error
        taking = next(s for s in signatures if _matches(name, s, given, kwargs))
        given = [dims(name, p, v) for _, p, v in taking.arguments(given, {})]
        by_name = {p.name: p for p in taking.parameters}
        kwargs = {k: dims(name, by_name[k], v) for k, v in kwargs.items()}
        return function(*args[:skip], *given, **kwargs)

    return call


# Those whose other overloads are hidden (deprecated ones, on a positional value): checked only
# when the call fails. (Not addcmul_ and addcdiv_: the wrapper's call alone, on Adam's
# addcmul_, added 1.7k instructions to the MLP benchmark's 16,803k; their own exception
# handler refuses, addc.in_place.)
ONE_OVERLOAD = {name: ("Tensor tensor1, Tensor tensor2, *, Number value=1",)
                for name in ("addcmul", "addcdiv")}
ON_FAILURE_FUNCTIONS = {name: ("Tensor input, Tensor tensor1, Tensor tensor2, *, "
                                "Number value=1, Tensor out=None",)
                        for name in ("addcmul", "addcdiv")}


def parsed_on_failure(name: str, function: Callable, overloads: tuple[str, ...],
                      method: bool) -> Callable:
    """`function`, whose failure is PyTorch's refusal where its parser refuses the arguments
    (`x.addcmul(x)`: an invalid combination, not Python's missing argument)."""
    signatures = [Signature(text) for text in overloads]
    skip = 1 if method else 0

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (TypeError, AttributeError):
            error = _refusal_if_refused(name, overloads, signatures, args[skip:], kwargs)
            if error is None:
                raise
            raise error from None

    return call


# The factories' overloads, for a call minigrad's code refused in Python's words
# (`torch.linspace(0, 1)`: steps, which PyTorch once defaulted to 100, left out) or would take
# (`torch.randn()`, a 0-d tensor). (zeros, ones and empty name their missing size: their
# other overload, hidden, takes names.)
_OPTIONS = ("torch.dtype dtype=None, torch.layout layout=None, torch.device device=None, "
            "bool pin_memory=False, bool requires_grad=False")
_FACTORY = f"*, Tensor out=None, {_OPTIONS}"
_SEEDED = f"*, torch.Generator generator, Tensor out=None, {_OPTIONS}"
FACTORIES: dict[str, tuple[str, ...]] = {
    "linspace": tuple(f"{a} start, {b} end, int steps, {_FACTORY}"
                      for a, b in (("Tensor", "Tensor"), ("Number", "Tensor"),
                                   ("Tensor", "Number"), ("Number", "Number"))),
    "arange": (f"Number end, {_FACTORY}", f"Number start, Number end, *, {_OPTIONS}",
               f"Number start, Number end, Number step=1, {_FACTORY}"),
    **dict.fromkeys(("rand", "randn"), (f"tuple of ints size, {_SEEDED}",
                                        f"tuple of ints size, {_FACTORY}")),
    "randint": (f"int high, tuple of ints size, {_SEEDED}",
                f"int high, tuple of ints size, {_FACTORY}",
                f"int low, int high, tuple of ints size, {_SEEDED}",
                f"int low, int high, tuple of ints size, {_FACTORY}"),
    "randperm": (f"int n, {_SEEDED}", f"int n, {_FACTORY}"),
    "eye": (f"int n, {_FACTORY}", f"int n, int m, {_FACTORY}"),
}
FACTORIES["logspace"] = tuple(text.replace("int steps, ", "int steps, float base=10.0, ")
                              for text in FACTORIES["linspace"])
# Those that take no size as a 0-d shape in minigrad's code.
_SIZED = frozenset(("zeros", "ones", "empty", "rand", "randn"))


def factory_refusal(name: str, args: tuple, kwargs: dict) -> TypeError | None:
    """PyTorch's TypeError for a factory call its parser refuses, None if it takes it (only
    missing and number-for-tensor arguments are looked at here)."""
    if name in _SIZED and not args and "size" not in kwargs and name not in FACTORIES:
        return messages.missing_argument(name, "size")
    if name not in FACTORIES or (name in _SIZED and (args or "size" in kwargs)):
        return None
    return refusal_if_refused(name, FACTORIES[name], args, kwargs)


# split is Python code in PyTorch (for the function and the method): it hands an int split
# size (a bool too) to the parser of split, sizes to that of split_with_sizes, and always its
# dim, by position, so their errors list the arguments so, the tensor counted.
SPLIT = ("Tensor input, int split_size, int dim=0",
         "Tensor input, tuple of ints split_size, int dim=0")
SPLIT_WITH_SIZES = ("Tensor input, tuple of ints split_sizes, int dim=0",)


def positional_split(function: Callable) -> Callable:
    """split(tensor, split_size_or_sections, dim=0), parsed as PyTorch's Tensor.split passes
    it on."""
    split = parsed("split", function, SPLIT, method=False)
    with_sizes = parsed("split_with_sizes", function, SPLIT_WITH_SIZES, method=False)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if len(args) == 2 and kwargs.keys() <= {"dim"}:
            args = (*args, kwargs.pop("dim", 0))
        if len(args) != 3 or kwargs:
            return function(*args, **kwargs)  # (minigrad's code words what is missing)
        size = args[1]
        by_size = isinstance(size, int) or isinstance(size, Tensor) and size.ndim == 0
        return (split if by_size else with_sizes)(*args)

    return call


def install(module: ModuleType) -> None:
    """Wrap minigrad's functions of FUNCTIONS, Tensor's methods of METHODS, those of one
    overload and split."""
    install_wrappers(module, FUNCTIONS, METHODS, parsed, shared=False)
    install_wrappers(module, ON_FAILURE_FUNCTIONS, ONE_OVERLOAD, parsed_on_failure,
                     shared=False)
    install_split(module)


def install_split(module: ModuleType) -> None:
    """torch.split and Tensor.split in positional_split, through overrides.wrap (the layer
    stays on whichever version readable_only() swaps in); the one function under both names
    gets one wrapper."""
    made: dict[int, tuple[Any, Any]] = {}
    for owner in (module, module.Tensor):
        overrides.wrap(owner, "split", overrides.once_each(positional_split, made))
