"""`out=`: a function's result written into a tensor the caller already has, as PyTorch's
tutorials do with `torch.matmul(a, b, out=c)` or `torch.rand(2, 3, out=t)`.

    >>> import minigrad as torch
    >>> c = torch.zeros(2, 2)
    >>> torch.matmul(torch.ones(2, 3), torch.ones(3, 2), out=c) is c, c
    (True, tensor([[3., 3.],
            [3., 3.]]))

As in PyTorch: the result is computed, then copied into `out` (an in-place change: its version
goes up, and a view writes through to its base), and `out` is returned. Nothing is recorded
for autograd, so an argument that requires grad is refused while grad mode is on. The result
must cast to out's dtype without losing its kind (matrix products want exactly out's dtype);
an `out` of another shape is resized, with PyTorch's deprecation warning unless it was empty.
Factories (zeros, arange, rand...) make their numbers in out's dtype and resize silently.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from .. import _dtype, memory_overlap, overrides
from ..autograd.grad_mode import is_grad_enabled, no_grad
from ..tensor import Tensor

# Functions whose kernels insist on out having the result's dtype exactly.
_EXACT_DTYPE = {"matmul", "mm", "bmm", "mv", "dot", "outer"}
# Factories: they make a tensor from sizes or numbers, in out's dtype.
FACTORIES = ("zeros", "ones", "full", "empty", "arange", "eye", "linspace", "logspace",
             "rand", "randn", "randint", "randperm")
# The torch-level functions that take out= (Tensor methods never do).
FUNCTIONS = (
    "add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "pow",
    "neg", "negative", "abs", "exp", "exp2", "expm1", "log", "log1p", "log2", "log10", "sqrt",
    "rsqrt", "sin", "cos", "tan", "asin", "acos", "atan", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "sigmoid", "erf", "xlogy", "reciprocal", "square", "floor", "ceil", "round",
    "trunc", "sign", "fmod", "remainder", "floor_divide", "clamp", "clip", "clamp_min",
    "clamp_max", "maximum", "minimum", "where", "eq", "ne", "lt", "le", "gt", "ge",
    "logical_and", "logical_or", "logical_not", "addcmul", "addcdiv", "lerp", "logaddexp",
    "hypot", "atan2", "arctan2", "nan_to_num", "diff",
    "matmul", "mm", "bmm", "mv", "dot", "outer",
    "sum", "mean", "prod", "cumsum", "cumprod", "logsumexp", "amax", "amin", "std", "var",
    "cat", "concat", "concatenate", "stack", "hstack", "vstack", "column_stack", "gather",
    "index_select", "masked_select", "nonzero", "tril", "triu",
    *FACTORIES,
)

_RESIZED = ("An output with one or more elements was resized since it had shape {old}, which "
            "does not match the required output shape {new}. This behavior is deprecated, and "
            "in a future PyTorch release outputs will not be resized unless they have zero "
            "elements. You can explicitly reuse an out tensor t by resizing it, inplace, to "
            "zero elements with t.resize_(0).")


def _tensors(args: Any) -> list[Tensor]:
    found = []
    for a in args:
        if isinstance(a, Tensor):
            found.append(a)
        elif isinstance(a, (list, tuple)):
            found += _tensors(a)
    return found


def write_out(name: str, result: Tensor, out: Tensor) -> Tensor:
    """Copy `result` into `out` as PyTorch's out= variants do; return `out`."""
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if name in _EXACT_DTYPE and result.dtype is not out.dtype:
        raise RuntimeError(f"Expected out tensor to have dtype {_dtype.c_type_name(result.dtype)}"
                           f", but got {_dtype.c_type_name(out.dtype)} instead")
    if result.dtype._category > out.dtype._category:
        raise RuntimeError(f"result type {_dtype.message_name(result.dtype)} can't be cast to "
                           f"the desired output type {_dtype.message_name(out.dtype)}")
    if out.shape != result.shape:
        if out.numel() and name not in FACTORIES:
            warnings.warn(_RESIZED.format(old=list(out.shape), new=list(result.shape)),
                          UserWarning, stacklevel=3)
        out._data = np.empty(result.shape, dtype=out._data.dtype)
    with no_grad():
        out.copy_(result)
    return out


def with_out(name: str, function: Callable) -> Callable:
    """`function` that also takes `out=` (calls without it go straight through)."""

    @functools.wraps(function)
    def call(*args: Any, out: Tensor | None = None, **kwargs: Any) -> Any:
        if out is None:
            return function(*args, **kwargs)
        if is_grad_enabled() and any(t.requires_grad for t in _tensors((*args, out))):
            raise RuntimeError(f"{name}(): functions with out=... arguments don't support "
                               "automatic differentiation, but one of the arguments requires "
                               "grad.")
        if name in FACTORIES and kwargs.get("dtype") is None and isinstance(out, Tensor):
            kwargs["dtype"] = out.dtype
        with no_grad():
            result = function(*args, **kwargs)
        if isinstance(out, Tensor) and name not in _EXACT_DTYPE:
            # (an elementwise kernel refuses to read what it writes; BLAS's products do not)
            memory_overlap.check_partial(out._data, *_tensors(args))
        return write_out(name, result, out)

    return call


def install(module: ModuleType) -> None:
    """Give the functions named in FUNCTIONS (those `module` has) their out= keyword, through
    overrides.wrap (readable_only() swaps the code under it); an alias bound to the same
    function (torch.concat and torch.cat...) gets the same wrapper, named by the first name
    listed (cat, not concat) in its messages."""
    first_names: dict[int, str] = {}
    for name in FUNCTIONS:
        if hasattr(module, name):
            first_names.setdefault(id(getattr(module, name)), name)
    made: dict[int, tuple[Any, Any]] = {}
    for key, value in list(vars(module).items()):
        if id(value) in first_names and not key.startswith("_"):
            layer = functools.partial(with_out, first_names[id(value)])
            overrides.wrap(module, key, overrides.once_each(layer, made))
