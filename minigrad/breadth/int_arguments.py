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
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import messages
from .factory_arguments import is_int
from .missing_arguments import install_wrappers

# Each one's int arguments after its tensor, in the order it takes them by position.
INTS: dict[str, tuple[str, ...]] = {
    "flatten": ("start_dim", "end_dim"),
    "diff": ("n", "dim"),
    **dict.fromkeys(("unsqueeze", "softmax", "log_softmax", "cumsum", "cumprod"), ("dim",)),
}


def ints_checked(name: str, function: Callable, ints: tuple[str, ...], method: bool
                 ) -> Callable:
    """`function(input, ...)`, refusing with PyTorch's TypeError what is not an int among
    the arguments `ints`, given by position or by keyword."""
    first = 1 if method else 2  # the position of the argument after the tensor

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        for index, value in enumerate(args[1:len(ints) + 1]):
            if not is_int(value):
                raise messages.wrong_argument_type(name, ints[index], first + index, value,
                                                   "int")
        for argument in ints:
            if argument in kwargs and not is_int(kwargs[argument]):
                raise messages.wrong_argument_type(name, argument, None, kwargs[argument],
                                                   "int")
        return function(*args, **kwargs)

    return call


def install(namespace: dict) -> None:
    """Wrap minigrad's functions and Tensor's methods of INTS."""
    install_wrappers(namespace, INTS, INTS, ints_checked, shared=False)
