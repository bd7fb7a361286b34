"""`out=`: write a function's result into an existing tensor, as PyTorch's tutorials do with
`torch.matmul(a, b, out=c)` or `torch.rand(2, 3, out=t)`.

    >>> import minigrad as torch
    >>> c = torch.empty(2)
    >>> torch.add(torch.ones(2), 1, out=c) is c, c
    (True, tensor([2., 2.]))

As in PyTorch: the result is cast to out's dtype where the cast is safe (else "result type
Float can't be cast to the desired output type Long"); an out of another shape is resized
(with PyTorch's deprecation warning when it held elements); out's version goes up; and out=
refuses to run where a gradient would be needed, since an out tensor cannot be in the graph.
Factory functions (zeros, arange, rand...) make their numbers in out's dtype and resize
silently.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .. import _dtype
from .._size import bracketed
from ..autograd.grad_mode import is_grad_enabled
from ..tensor import Tensor

RESIZE_WARNING = (
    "An output with one or more elements was resized since it had shape {old}, which does not "
    "match the required output shape {new}. This behavior is deprecated, and in a future "
    "PyTorch release outputs will not be resized unless they have zero elements. You can "
    "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
    "t.resize_(0).")
NO_AUTOGRAD = ("{name}(): functions with out=... arguments don't support automatic "
               "differentiation, but one of the arguments requires grad.")

# The functions that take out=, by the name PyTorch's messages use; factories make their
# numbers directly in out's dtype.
OPERATIONS = ("add", "sub", "mul", "div", "pow", "matmul", "mm", "bmm", "mv", "dot", "outer",
              "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "abs", "neg", "clamp",
              "maximum", "minimum", "where", "cat", "stack", "cumsum")
FACTORIES = ("zeros", "ones", "empty", "full", "arange", "linspace", "logspace", "eye",
             "rand", "randn", "randint", "randperm")


def _tensors(values: Iterable[Any]) -> Iterable[Tensor]:
    for value in values:
        if isinstance(value, Tensor):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _tensors(value)


def write(out: Tensor, result: Tensor, *, warn: bool = True) -> Tensor:
    """Put `result` into `out` (cast, resized if need be) and count the change."""
    if not isinstance(out, Tensor):
        raise TypeError(f"argument 'out' must be Tensor, not {type(out).__name__}")
    if not np.can_cast(result._data.dtype, out._data.dtype, "same_kind"):
        raise RuntimeError(f"result type {_dtype.message_name(result.dtype)} can't be cast to "
                           f"the desired output type {_dtype.message_name(out.dtype)}")
    if out._data.shape != result._data.shape:
        if warn and out._data.size:
            warnings.warn(RESIZE_WARNING.format(old=bracketed(out.shape),
                                                new=bracketed(result.shape)),
                          UserWarning, stacklevel=3)
        out._data = np.empty(result._data.shape, dtype=out._data.dtype)
    np.copyto(out._data, result._data, casting="unsafe")
    out._version_counter.bump()
    return out


def accept_out(fn: Callable, name: str) -> Callable:
    """`fn` with an `out=` keyword (a computation: its inputs must not need a gradient)."""

    @functools.wraps(fn)
    def with_out(*args: Any, out: Tensor | None = None, **kwargs: Any) -> Any:
        if out is None:
            return fn(*args, **kwargs)
        if is_grad_enabled() and any(t.requires_grad for t in
                                     _tensors((*args, *kwargs.values(), out))):
            raise RuntimeError(NO_AUTOGRAD.format(name=name))
        return write(out, fn(*args, **kwargs))

    return with_out


def factory_with_out(fn: Callable) -> Callable:
    """A factory function with an `out=` keyword: its numbers made in out's dtype."""

    @functools.wraps(fn)
    def with_out(*args: Any, out: Tensor | None = None, **kwargs: Any) -> Any:
        if out is None:
            return fn(*args, **kwargs)
        kwargs.setdefault("dtype", out.dtype)
        return write(out, fn(*args, **kwargs), warn=False)

    return with_out


def install(namespace: dict) -> None:
    """Give the functions above out= in `namespace` (minigrad's), aliases included."""
    wrappers = {}
    for name in (*OPERATIONS, *FACTORIES):
        fn = namespace[name]
        wrappers[id(fn)] = accept_out(fn, name) if name in OPERATIONS else factory_with_out(fn)
    for key, value in list(namespace.items()):
        if id(value) in wrappers and not key.startswith("_"):
            namespace[key] = wrappers[id(value)]
