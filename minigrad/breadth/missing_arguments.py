"""PyTorch's words for a call without an argument it requires (`x.softmax()`, `x.gather(0)`).

PyTorch's argument parser says it its own way (`softmax() missing 1 required positional
arguments: "dim"`), where Python's own message for minigrad's function would read
`softmax() missing 1 required positional argument: 'dim'`; a learner searching the error
should find PyTorch's. The functions and methods below are wrapped: when a call raises a
TypeError and lacks one of the arguments, PyTorch's TypeError replaces it (the call that works
pays a function call, nothing more). Functions of a variable number of sizes (`x.reshape()`,
`x.permute()`) run with none, so they are checked first, where they read their sizes
(factory_arguments.with_int_list).

    >>> import minigrad as torch
    >>> torch.ones(2, 3).gather(0)
    Traceback (most recent call last):
    TypeError: gather() missing 1 required positional arguments: "index"
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .. import messages, overrides

# The arguments each requires after its tensor (`input`, or self for a method), in order.
REQUIRED: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("softmax", "log_softmax", "unsqueeze", "cumsum", "cumprod"), ("dim",)),
    **dict.fromkeys(("gather", "select", "index_select"), ("dim", "index")),
    "transpose": ("dim0", "dim1"),
    "swapaxes": ("axis0", "axis1"),
    "roll": ("shifts",),
    "chunk": ("chunks",),
    "tile": ("dims",),
    "topk": ("k",),
    "index_add": ("dim", "index", "source"),
    "scatter_add": ("dim", "index", "src"),
}
# Tensor's methods only (torch.unflatten is PyTorch's parser's, Tensor.unflatten Python's).
METHODS = {**REQUIRED, **dict.fromkeys(("view_as", "expand_as", "reshape_as"), ("other",))}
FUNCTIONS = {**REQUIRED, "unflatten": ("dim", "sizes")}


def requiring(name: str, function: Callable, required: tuple[str, ...]) -> Callable:
    """`function(input, ...)`, raising PyTorch's TypeError for the `required` arguments a
    call that failed did not give."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError:
            # PyTorch's parser names the first argument missing and every required one after
            # it, given by keyword or not.
            given = max(len(args) - 1, 0)
            missing = next((required[i:] for i in range(given, len(required))
                            if required[i] not in kwargs), ())
            if missing:
                raise messages.missing_argument(name, *missing) from None
            raise

    return call


def install(module: ModuleType) -> None:
    """Wrap minigrad's functions of FUNCTIONS and its Tensor's methods of METHODS; a method
    that is the function itself (Tensor.transpose is torch.transpose) stays the same object."""
    install_wrappers(module, FUNCTIONS, METHODS,
                     lambda name, function, required, _: requiring(name, function, required),
                     shared=True)


def install_wrappers(module: ModuleType, functions: dict, methods: dict, wrap: Callable,
                     shared: bool) -> None:
    """module.<name> wrapped in wrap(name, function, functions[name], False), and Tensor's
    methods in wrap(name, method, methods[name], True), through overrides.wrap (the layer stays
    on whichever version readable_only() swaps in). A function bound to two names gets the
    first name's wrapper; with `shared`, so does a method that is the function itself (else
    each gets its own: PyTorch counts a method's argument positions from 1 after the tensor,
    a function's from 2)."""
    made_for_functions: dict[int, tuple[Any, Any]] = {}
    made_for_methods = made_for_functions if shared else {}
    for owner, table, made, method in ((module, functions, made_for_functions, False),
                                       (module.Tensor, methods, made_for_methods, True)):
        for name in table:
            layer = functools.partial(_wrapped, wrap, name, table[name], method)
            overrides.wrap(owner, name, overrides.once_each(layer, made))


def _wrapped(wrap: Callable, name: str, spec: Any, method: bool, function: Callable
             ) -> Callable:
    return wrap(name, function, spec, method)
