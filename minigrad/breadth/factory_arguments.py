"""Sizes, dtypes and requires_grad as PyTorch's argument parser takes them.

A size is a tuple of ints, given as several ints or as one sequence. A float is refused, not
truncated: `torch.zeros(n / 2)` is a TypeError in PyTorch, so it must not quietly work here.

    >>> import minigrad as torch
    >>> torch.zeros(4 / 2)
    Traceback (most recent call last):
    TypeError: zeros(): argument 'size' (position 1) must be tuple of ints, not float
    >>> torch.ones(2).reshape((2.0, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: reshape(): argument 'shape' (position 1) must be tuple of ints, but found ...

Python's own float, int and bool stand for float64, int64 and bool wherever a dtype is taken,
as in PyTorch:

    >>> torch.ones(2, dtype=float)
    tensor([1., 1.], dtype=minigrad.float64)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from .. import _device, _dtype, messages, overrides
from ..tensor import Tensor

# The factories of several overloads (with a generator, with dimension names...): when the
# arguments fit none, PyTorch says "received an invalid combination of arguments" instead of
# naming the argument.
OVERLOADED = frozenset(("rand", "randn", "randint", "arange", "eye", "linspace", "logspace"))
# Their keywords that name no positional parameter. A call of one giving another by keyword
# (arange's start=, end=) is checked against its overloads first: minigrad's code reads
# `arange(start=3)` as `arange(3)`, where PyTorch's parser finds no end.
_OPTIONS = frozenset(("dtype", "layout", "device", "pin_memory", "requires_grad", "out",
                      "generator"))

def _is_int(value: Any, first: bool) -> bool:
    """Whether the parser takes `value` as one size. The first one decides whether the
    arguments are sizes at all, and a bool does not pass that test (zeros(True) is refused,
    zeros(2, True) is not)."""
    if isinstance(value, (bool, np.bool_)):
        return not first
    if isinstance(value, Tensor):  # a 0-d integer tensor, as its __index__ takes it
        return value.ndim == 0 and value._data.dtype.kind in "iu"
    return isinstance(value, (int, np.integer))


def is_int(value: Any) -> bool:
    """Whether PyTorch's parser takes `value` for an int argument (flatten's start_dim,
    diff's n): an int or a 0-d integer tensor, not a bool or a float."""
    return _is_int(value, first=True)


def _unpack_error(function: str, argument: str, index: int, value: Any) -> TypeError:
    return TypeError(f"{function}(): argument '{argument}' failed to unpack the object at pos "
                     f"{index + 1} with error \"type must be tuple of ints,but got "
                     f"{messages.type_name(value)}\"")


def int_list(function: str, argument: str, args: tuple, position: int = 1,
             overloads_from: int | None = None) -> tuple:
    """The sizes in `args`, as ints: several ints (zeros(2, 3)) or one sequence (zeros((2, 3))).

    `position` is the argument's among the function's (torch.reshape(t, shape): 2);
    `overloads_from`, from how many arguments on another overload of the function could take
    them too (view's dtype overload: 1; rand's: 2), so that PyTorch reports "an invalid
    combination". PyTorch's TypeError for anything else, worded as its parser words each case."""
    if all(type(n) is int for n in args):  # the everyday case
        return args
    sequence = len(args) == 1 and isinstance(args[0], (tuple, list))
    values = tuple(args[0]) if sequence else args
    if values and not _is_int(values[0], first=True):
        if overloads_from is not None and len(args) >= overloads_from:
            raise messages.invalid_arguments(function, *args)
        if len(args) > 1:  # not sizes at all, then one argument too many
            raise TypeError(f"{function}() takes 1 positional argument but {len(args)} were "
                            f"given")
        what = (f"but found element of type {messages.type_name(values[0])} at pos 0"
                if sequence else f"not {messages.type_name(args[0])}")
        raise TypeError(f"{function}(): argument '{argument}' (position {position}) must be "
                        f"tuple of ints, {what}")
    for index, value in enumerate(values):
        if not _is_int(value, first=False):
            raise _unpack_error(function, argument, index, value)
    return tuple(int(n) for n in values)


def with_int_list(function: Callable, name: str, argument: str, position: int = 1
                  ) -> Callable:
    """`function(input, *sizes)` (x.reshape, x.expand, x.repeat) with its sizes read as PyTorch
    reads them, given as ints, as one sequence or by keyword (x.reshape(shape=(2, 3)))."""

    @functools.wraps(function)
    def checked(input: Any, *sizes: Any, **keyword: Any) -> Any:
        if keyword.keys() == {argument} and not sizes:
            return function(input, keyword_int_list(name, argument, keyword[argument]))
        if keyword:
            raise TypeError(f"{name}() got an unexpected keyword argument "
                            f"'{next(iter(keyword))}'")
        if not sizes:  # (x.reshape() is no 0-d tensor, x.permute() no 0-d transpose)
            raise messages.missing_argument(name, argument)
        return function(input, *int_list(name, argument, sizes, position))

    return checked


def install(module: ModuleType) -> None:
    """torch.reshape(x, shape) and torch.permute(x, dims) in with_int_list, through
    overrides.wrap (the layer stays on whichever version readable_only() swaps in). Their
    sizes come second: position 2 (x.reshape's, x.permute's in _tensor_methods: 1)."""
    for name, argument in (("reshape", "shape"), ("permute", "dims")):
        overrides.wrap(module, name, functools.partial(
            with_int_list, name=name, argument=argument, position=2))


def keyword_int_list(function: str, argument: str, value: Any) -> tuple:
    """sizes given by keyword (zeros(size=(2, 3))): a tuple or list of ints, nothing else."""
    if not isinstance(value, (tuple, list)) or not all(_is_int(n, first=True) for n in value):
        raise TypeError(f"{function}(): argument '{argument}' must be tuple of ints, not "
                        f"{messages.type_name(value)}")
    return tuple(int(n) for n in value)


def dtype_argument(function: str, value: Any, *args: Any) -> Any:
    """A dtype argument: a dtype, None, or Python's float, int or bool standing for one.
    (`args`: the function's positional arguments, which an "invalid combination" lists.)"""
    value = _dtype.as_dtype(value)
    if value is None or isinstance(value, _dtype.dtype):
        return value
    if function in OVERLOADED:
        raise messages.invalid_arguments(function, *args, dtype=value)
    raise TypeError(f"{function}(): argument 'dtype' must be torch.dtype, not "
                    f"{messages.type_name(value)}")


def check_requires_grad(function: str, value: Any, *args: Any) -> None:
    """requires_grad must be a bool (or None, for False): requires_grad=1 is refused."""
    if value is None or type(value) is bool:
        return
    if function in OVERLOADED:
        raise messages.invalid_arguments(function, *args, requires_grad=value)
    raise TypeError(f"{function}(): argument 'requires_grad' must be bool, not "
                    f"{messages.type_name(value)}")


def parsed(create: Callable, like: bool = False) -> Callable:
    """A factory function (zeros, tensor, rand...) with its keyword arguments read as PyTorch's
    parser reads them: device= (or else the default device) must be the CPU, dtype= may be
    Python's float, int or bool, requires_grad= must be a bool. `like`: a *_like function,
    whose result goes where its input is, so only an explicit device= is checked."""
    name = create.__name__
    check_device = _device.check_device if like else _device.check_factory_device

    @functools.wraps(create)
    def parse(*args: Any, **kwargs: Any) -> Any:
        if "dtype" in kwargs:
            kwargs["dtype"] = dtype_argument(name, kwargs["dtype"], *args)
        if "requires_grad" in kwargs:
            check_requires_grad(name, kwargs["requires_grad"], *args)
        check_device(kwargs.get("device"))  # (once the parser took the arguments' types)
        if not args and name in _SIZED:  # (torch.zeros(): no size, no 0-d tensor)
            _refuse(name, args, kwargs, None)
        if kwargs and name in OVERLOADED and not _OPTIONS.issuperset(kwargs):
            _refuse(name, args, kwargs, None)
        try:
            return create(*args, **kwargs)
        except TypeError as error:  # (torch.linspace(0, 1): in PyTorch's words)
            _refuse(name, args, kwargs, error)
            raise

    return parse


_SIZED = frozenset(("zeros", "ones", "empty", "rand", "randn"))


def _refuse(name: str, args: tuple, kwargs: dict, error: Exception | None) -> None:
    """Raise PyTorch's TypeError for a factory call its parser refuses (overloads.py's)."""
    from .overloads import factory_refusal  # (only for a call that fails)
    refusal = factory_refusal(name, args, kwargs)
    if refusal is not None:
        raise refusal from None


parsed_like = functools.partial(parsed, like=True)


def to_arguments(args: tuple, kwargs: dict, dtype: Any) -> Any:
    """The dtype that Tensor.to or Module.to is asked for (a dtype, Python's float, int or bool,
    or another tensor's; None if none), having checked that any device named is the CPU."""
    _device.check_device(kwargs.get("device"))
    dtype = _dtype.as_dtype(dtype)
    for arg in args:
        arg = _dtype.as_dtype(arg)
        if isinstance(arg, _dtype.dtype):
            dtype = arg
        elif isinstance(arg, Tensor):
            dtype = arg.dtype
        elif arg is None or isinstance(arg, (str, int, _device.device)):
            _device.check_device(arg)
        else:  # np.float32, a list...: no overload of to() takes it
            raise messages.invalid_arguments("to", *args, **kwargs)
    return dtype
