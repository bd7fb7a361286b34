"""NumPy's keyword names on PyTorch's functions: `axis` for `dim`, `keepdims` for `keepdim`.

PyTorch's argument parser accepts NumPy's names wherever a native function has a `dim` or a
`keepdim` parameter, so code written in NumPy's vocabulary (d2l writes
`X.sum(axis=0, keepdims=True)` everywhere) runs unchanged:

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> x.sum(axis=0, keepdims=True)
    tensor([[4., 6.]])
    >>> torch.mean(x, axis=1)
    tensor([1.5000, 3.5000])

Functions PyTorch writes in Python (`norm`, `split`, `Tensor.unflatten`) do not go through that
parser and refuse the NumPy names; so do they here. Giving a parameter twice (`dim=0, axis=1`,
or `sum(0, axis=1)`) is PyTorch's TypeError about the NumPy name.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .. import overrides

NUMPY_NAMES = {"axis": "dim", "keepdims": "keepdim"}

# PyTorch's own Python functions: its argument parser, and so the NumPy names, never sees them.
PYTHON_LEVEL = {"functions": {"norm", "split"}, "methods": {"norm", "split", "unflatten"}}


def accept_numpy_names(fn: Callable) -> Callable:
    """`fn` taking `axis`/`keepdims` as its `dim`/`keepdim` (`fn` unchanged if it has neither)."""
    parameters = list(inspect.signature(fn).parameters)
    aliases = {numpy: name for numpy, name in NUMPY_NAMES.items() if name in parameters}
    if not aliases:
        return fn

    @functools.wraps(fn)
    def with_numpy_names(*args: Any, **kwargs: Any) -> Any:
        if kwargs and not aliases.keys().isdisjoint(kwargs):
            kwargs = _renamed(fn.__name__, parameters, aliases, len(args), kwargs)
        return fn(*args, **kwargs)

    return with_numpy_names


def without_numpy_names(fn: Callable) -> Callable:
    """The function accept_numpy_names wrapped (fn itself if it is no such wrapper), for a
    caller that checks its keywords itself (overloads.py: one wrapper, not two, on x.sum())."""
    code = getattr(fn, "__code__", None)
    return fn.__wrapped__ if code is not None and code.co_name == "with_numpy_names" else fn


def _renamed(name: str, parameters: list, aliases: dict, n_positional: int,
             kwargs: dict) -> dict:
    given = [k for k in kwargs if k in aliases]
    for numpy in given:
        own = aliases[numpy]
        if own in kwargs or parameters.index(own) < n_positional:
            # PyTorch names the first NumPy keyword of the call, whichever one was doubled.
            raise TypeError(f"{name}() got an unexpected keyword argument '{given[0]}'")
    return {aliases.get(k, k): v for k, v in kwargs.items()}


def install(module: ModuleType, tensor: type) -> None:
    """Wrap every public function of `module` and method of `tensor` that has `dim`/`keepdim`:
    through overrides.wrap, so the reading path's function (overrides.readable_only()) takes
    NumPy's names as the override in its place does."""
    for owner, skip in ((module, PYTHON_LEVEL["functions"]), (tensor, PYTHON_LEVEL["methods"])):
        for name, value in list(vars(owner).items()):
            if name.startswith("_") or name in skip or not inspect.isfunction(value):
                continue
            overrides.wrap(owner, name, _accepting_numpy_names)


def _accepting_numpy_names(value: Any) -> Any:
    return accept_numpy_names(value) if inspect.isfunction(value) else value
