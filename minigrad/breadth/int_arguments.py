"""PyTorch's TypeError for a bool or a float where it takes an int (`x.flatten(True)`,
`x.diff(1.0)`).

PyTorch's argument parser refuses them before anything runs; minigrad's code would take a bool
for 1 (Python's bool is an int) and give numpy's or Python's words for a float. The functions
and methods below check their int arguments first, as PyTorch's parser does, and name the
argument and its position (a method's counted from 1 after the tensor, a function's from 2).

    >>> import minigrad as torch
    >>> torch.ones(2, 3).flatten(True)
    Traceback (most recent call last):
    TypeError: flatten(): argument 'start_dim' (position 1) must be int, not bool

A dim that is a "tuple of ints" (`amax`, `flip`) takes one int too. A 0-d integer tensor passes
for an int (`x.softmax(torch.tensor(1))`, as PyTorch's parser calls its `__index__`), and is
given to minigrad's code as that int. The flags after the ints (`keepdim`, topk's `largest`)
take a bool only: minigrad's code would take `x.amax(1, 1)` for keepdim=True.

    >>> torch.ones(2, 3).amax(1, 1)
    Traceback (most recent call last):
    TypeError: amax(): argument 'keepdim' (position 2) must be bool, not int

Methods with several overloads (`sum`, `max`, `squeeze`...) are overloads.py's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .. import messages
from ..tensor import Tensor
from .factory_arguments import is_int
from .missing_arguments import install_wrappers

# Each one's int arguments after its tensor, then the flags that follow them, in the order it
# takes them by position, as PyTorch's signatures write them ("int? dim": None taken too).
INTS: dict[str, tuple[str, ...]] = {
    "flatten": ("int start_dim", "int end_dim"),
    "diff": ("int n", "int dim"),
    **dict.fromkeys(("unsqueeze", "softmax", "log_softmax", "cumsum", "cumprod", "gather",
                     "index_select", "unbind", "cummax", "cummin", "logcumsumexp"),
                    ("int dim",)),
    **dict.fromkeys(("median", "mode"), ("int dim", "bool keepdim")),
    **dict.fromkeys(("argmax", "argmin"), ("int? dim", "bool keepdim")),
    **dict.fromkeys(("amax", "amin", "logsumexp"), ("tuple of ints dim", "bool keepdim")),
    **dict.fromkeys(("nansum", "nanmean"), ("tuple of ints? dim", "bool keepdim")),
    "aminmax": ("int? dim", "bool keepdim"),  # (keyword-only: checked as keywords)
    "topk": ("int k", "int dim", "bool largest", "bool sorted"),
    "kthvalue": ("int k", "int dim", "bool keepdim"),
    "chunk": ("int chunks", "int dim"),
    "select": ("int dim", "int index"),
    "transpose": ("int dim0", "int dim1"),
    "flip": ("tuple of ints dims",),
    "roll": ("tuple of ints shifts", "tuple of ints dims"),
}


def refusal(name: str, spec: str, position: int | None, value: Any) -> TypeError | None:
    """PyTorch's TypeError if it refuses `value` for the parameter `spec` ("int dim") of
    `name` (None if it takes it)."""
    kind, _, argument = spec.rpartition(" ")
    if kind.endswith("?"):
        if value is None:
            return None
        kind = kind[:-1]
    if kind == "bool":  # (Python's bool only: an int is refused, though bool is one)
        return None if isinstance(value, bool) else messages.wrong_argument_type(
            name, argument, position, value, kind)
    if is_int(value) or kind == "tuple of ints" and is_index(value):
        return None
    if kind == "tuple of ints" and isinstance(value, (tuple, list)):
        if not value or is_int(value[0]):
            return None  # (what follows, minigrad's dims code words)
        where = "" if position is None else f" (position {position})"
        return TypeError(f"{name}(): argument '{argument}'{where} must be tuple of ints, but "
                         f"found element of type {messages.type_name(value[0])} at pos 0")
    return messages.wrong_argument_type(name, argument, position, value, kind)


def is_index(value: Any) -> bool:
    """Whether `value` is a tensor that PyTorch's parser takes for a dims list of one int (an
    IntArrayRef with a size, `sum`'s, `std`'s), through its __index__: one element, integer or
    bool (`x.sum(torch.tensor(True))` sums over dim 1)."""
    return (isinstance(value, Tensor) and value._data.size == 1
            and value._data.dtype.kind in "iub")


def as_int(value: Any) -> Any:
    """A 0-d integer tensor given for an int, or a tensor taken for a list of one int, as that
    int (anything else as it is)."""
    if isinstance(value, Tensor) and (value.ndim == 0 or is_index(value)):
        return int(value._data.reshape(-1)[0])
    return value


def ints_checked(name: str, function: Callable, ints: tuple[str, ...], method: bool
                 ) -> Callable:
    """`function(input, ...)`, refusing with PyTorch's TypeError what is not an int among
    the arguments `ints` (or not a bool among its flags), given by position or by keyword."""
    first = 1 if method else 2  # the position of the argument after the tensor
    names = [spec.rpartition(" ")[2] for spec in ints]
    count = sum(not spec.startswith("bool ") for spec in ints)  # (the flags come last)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        given = args[1:len(ints) + 1]
        if len(given) <= count and all(type(v) is int for v in given) and not kwargs:
            return function(*args)  # the everyday case: ints, no flag
        for index, value in enumerate(given):
            error = refusal(name, ints[index], first + index, value)
            if error:
                raise error
        for spec, argument in zip(ints, names, strict=True):
            if argument in kwargs:
                error = refusal(name, spec, None, kwargs[argument])
                if error:
                    raise error
                kwargs[argument] = as_int(kwargs[argument])
        return function(args[0], *map(as_int, given), *args[len(ints) + 1:], **kwargs)

    return call


def install(module: ModuleType) -> None:
    """Wrap minigrad's functions and Tensor's methods of INTS."""
    install_wrappers(module, INTS, INTS, ints_checked, shared=False)
