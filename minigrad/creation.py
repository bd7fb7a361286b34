"""Making tensors: tensor(), zeros/ones/full, arange/linspace/eye, rand/randn, *_like.

    >>> import minigrad as torch
    >>> torch.tensor([1, 2]), torch.tensor([1.0, 2]), torch.zeros(2, dtype=torch.float64)
    (tensor([1, 2]), tensor([1., 2.]), tensor([0., 0.], dtype=minigrad.float64))
"""

from __future__ import annotations

import math
import warnings
from numbers import Number
from typing import Any

import numpy as np

from . import _dtype, messages, sampling
from .autograd.inference_mode import is_inference_mode_enabled, mark_inference
from .breadth import factory_arguments, ranges, tensor_arguments
from .random import Generator, default_generator
from .tensor import Tensor

COPY_CONSTRUCT_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than {}(sourceTensor)."
)


def _finish(data: np.ndarray, dtype: Any, requires_grad: bool) -> Tensor:
    if dtype is not None:
        data = data.astype(dtype.numpy, copy=False)
    t = Tensor._make(data)
    if is_inference_mode_enabled():
        mark_inference(t)
    if requires_grad:
        if not t.dtype.is_floating_point:
            raise RuntimeError(messages.NEW_INTEGER_REQUIRES_GRAD)
        t._requires_grad = True
    return t


def _infer(data: Any, dtype: Any = None) -> np.ndarray:
    """Python data as an array of `dtype`, or of PyTorch's inferred dtype (int64, default float
    or bool). Numbers go straight to the target dtype: 0.1 as float64 is not rounded via float32.
    """
    if isinstance(data, np.ndarray):
        return data.copy()
    if isinstance(data, np.generic):
        return np.asarray(data)
    inferred = _check_nesting(data, dtype)
    dtype = dtype or inferred
    if dtype is not None and dtype.numpy.kind in "iu":
        _check_floats_fit(data, dtype.numpy)
    try:
        with np.errstate(over="ignore"):  # 1e40 as float32 is inf, silently as in PyTorch
            array = np.array(data, dtype=dtype.numpy if dtype is not None else None)
    except OverflowError:  # an int outside the dtype: PyTorch's range check, its words
        if dtype is None or not _fits_int64(data):
            raise ValueError("Overflow when unpacking long long") from None
        wide = np.array(data, dtype=np.int64)
        if not np.all(_dtype.in_range(wide, dtype.numpy)):
            raise RuntimeError(f"value cannot be converted to type {dtype.numpy.name} without "
                               "overflow") from None
        array = wide.astype(dtype.numpy)  # negative numbers wrap into an unsigned dtype
    kind = array.dtype.kind
    if dtype is not None:
        return array
    if kind == "b":
        return array
    if kind in "iu":
        return array.astype(np.int64)
    if kind == "f":
        return array.astype(_dtype.get_default_dtype().numpy)
    _reject(array)
    raise RuntimeError(f"Could not infer dtype of {type(data).__name__}")


def _check_floats_fit(data: Any, np_dtype: np.dtype) -> None:
    """Floats made into integers are truncated, but must lie in the type's range (and not be
    nan): PyTorch's check, stricter than numpy's silent wrap-around."""
    floats = [v for v in np.ravel(np.array(data, dtype=object)) if isinstance(v, float)]
    if not floats:
        return
    info = np.iinfo(np_dtype)
    values = np.array(floats)
    if not np.all((values >= info.min) & (values <= info.max)):  # (nan fails both)
        raise RuntimeError(f"value cannot be converted to type {np_dtype.name} without "
                           "overflow")


def _reject(array: np.ndarray) -> None:
    """PyTorch's error for what numpy could only keep as Python objects: an int beyond int64,
    or something that is not a number (None, a string inside a list...)."""
    for item in array.flat:
        if not isinstance(item, (bool, int, float)):
            raise RuntimeError(f"Could not infer dtype of {type(item).__name__}")
        if not _fits_int64(item):
            raise ValueError("Overflow when unpacking long long")


def _fits_int64(data: Any) -> bool:
    """Whether every int in nested `data` fits PyTorch's int64."""
    if isinstance(data, (list, tuple)):
        return all(_fits_int64(d) for d in data)
    return not isinstance(data, int) or -2**63 <= data < 2**63


def _is_sequence(x: Any) -> bool:
    return isinstance(x, (list, tuple)) or (isinstance(x, np.ndarray) and x.ndim > 0)


def _leaves(data: Any) -> Any:
    """Every number (or other non-sequence) inside nested data, depth first."""
    if _is_sequence(data):
        for item in data:
            yield from _leaves(item)
    else:
        yield data


def _check_nesting(data: Any, dtype: Any = None) -> Any:
    """PyTorch's errors for ragged lists, strings and multi-element tensors inside lists.

    Returns the dtype PyTorch infers when a numpy scalar or array, or a tensor, is among the
    elements (each keeps its dtype, and all promote with Python numbers as int64, the default
    float or bool: [np.float64(0.5), 1] is float64), else None (plain Python numbers: _infer's
    rules). With `dtype` given, a string is refused as that dtype's conversion refuses it."""
    if isinstance(data, (str, bytes)):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if not isinstance(data, (list, tuple)):
        return None
    if data and isinstance(data[0], np.ndarray):
        _warn_list_of_arrays()
    first = data  # PyTorch reads the sizes down the first elements: a str there never ends
    while _is_sequence(first) and len(first):
        first = first[0]
        if isinstance(first, str):
            raise ValueError("too many dimensions 'str'")
        if isinstance(first, np.ndarray) and not first.ndim:  # (numpy says it is a sequence)
            raise TypeError("len() of unsized object")
    level = [data]
    dim = 0
    while level:
        if all(type(x) is np.ndarray for x in level) and len({x.shape for x in level}) == 1:
            return _promoted({x.dtype.type for x in level}, level)  # regular below
        sizes = {len(x) if _is_sequence(x) else None for x in level}
        if len(sizes) > 1:
            _ragged(data, level, dim, dtype)
        if sizes == {None}:
            for x in level:
                if isinstance(x, Tensor) and x.numel() != 1:
                    raise ValueError("only one element tensors can be converted to Python scalars")
                if isinstance(x, (str, bytes)):
                    raise _not_a_number(x, dtype, data)
            return _promoted(set(map(type, level)), level)
        level = [y for x in level for y in x]
        dim += 1
    return None


def _ragged(data: Any, level: list, dim: int, dtype: Any) -> None:
    """PyTorch's error for elements of one level that are not all sequences of one length:
    a string anywhere is named first (its type inference), then a number where a sequence
    was expected, a sequence where a number was, or two lengths."""
    if dtype is None:
        for leaf in _leaves(data):
            if isinstance(leaf, (str, bytes)):
                raise _not_a_number(leaf, dtype, data)
    if not _is_sequence(level[0]):
        raise _not_a_number(next(x for x in level if _is_sequence(x)), dtype, data)
    if any(not _is_sequence(x) for x in level):
        raise TypeError("not a sequence")
    expected = len(level[0])
    got = next(len(x) for x in level if len(x) != expected)
    raise ValueError(f"expected sequence of length {expected} at dim {dim} (got {got})")


def _not_a_number(found: Any, dtype: Any, data: Any) -> TypeError:
    """What PyTorch says of `found` where a number belongs: a type its inference refuses
    (no dtype given), else what converting it to a float or an integer says."""
    if dtype is None and isinstance(found, (str, bytes)):
        return TypeError(f"new(): invalid data type '{type(found).__name__}'")
    floating = dtype.is_floating_point if dtype is not None \
        else any(isinstance(leaf, float) for leaf in _leaves(data))
    if floating:
        return TypeError(f"must be real number, not {type(found).__name__}")
    return TypeError(f"'{type(found).__name__}' object cannot be interpreted as an integer")


_PYTHON_NUMBERS = {float: "default", int: _dtype.int64, bool: _dtype.bool}


def _promoted(types: set, level: list) -> Any:
    """The dtype PyTorch infers from elements of these types (None: Python numbers only, or
    something that is no number, which _infer refuses)."""
    if types <= _PYTHON_NUMBERS.keys():
        return None
    dtypes = set()
    for kind in types:
        if issubclass(kind, np.generic):  # (before float: np.float64 is a float too)
            dtypes.add(_dtype.from_numpy(np.dtype(kind)))
        elif kind in _PYTHON_NUMBERS:
            number = _PYTHON_NUMBERS[kind]
            dtypes.add(_dtype.get_default_dtype() if number == "default" else number)
        elif issubclass(kind, Tensor):
            dtypes.update(x.dtype for x in level if isinstance(x, Tensor))
        elif kind is np.ndarray:  # 0-d arrays
            dtypes.update(_dtype.from_numpy(x.dtype) for x in level
                          if isinstance(x, np.ndarray))
        else:
            return None
    result = dtypes.pop()
    for other in dtypes:
        result = _dtype.promote_types(result, other)
    return result


_warned_list_of_arrays = False


def _warn_list_of_arrays() -> None:
    global _warned_list_of_arrays
    if not _warned_list_of_arrays:  # (once per process, as PyTorch's TORCH_WARN_ONCE)
        _warned_list_of_arrays = True
        warnings.warn(messages.LIST_OF_ARRAYS, UserWarning, stacklevel=4)


def _holds_tensor(data: list | tuple) -> bool:
    """Whether a tensor is among the items of a nested list (torch.tensor([[x[0]], [x[1]]]))."""
    return any(isinstance(d, Tensor) or (isinstance(d, (list, tuple)) and _holds_tensor(d))
               for d in data)


def _from_tensors(data: list | tuple, dtype: Any) -> np.ndarray:
    """The array of a (nested) list holding tensors, each taken as its number."""
    inferred = _check_nesting(data, dtype)  # (before _unwrap: its errors come first)
    return _infer(_unwrap(data), dtype or inferred)


def _unwrap(data: Any) -> Any:
    if isinstance(data, Tensor):
        # As float() does: PyTorch's warning, once, for a tensor that requires grad
        # (torch.tensor([x[0], x[1]]) copies the numbers and leaves the graph behind).
        return data._python_scalar()
    if isinstance(data, (list, tuple)):
        return [_unwrap(d) for d in data]
    return data


@factory_arguments.parsed
def tensor(data: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False
           ) -> Tensor:
    """A new leaf tensor holding a copy of `data` (nested lists, numbers or an array)."""
    if isinstance(data, Tensor):
        warnings.warn(COPY_CONSTRUCT_WARNING.format("torch.tensor"), UserWarning, stacklevel=2)
        array = data._data.copy()
    elif isinstance(data, (list, tuple)) and any(isinstance(d, Tensor) for d in data):
        array = _from_tensors(data, dtype)
    else:
        try:
            array = _infer(data, dtype)
        except RuntimeError:  # numpy refused a tensor that requires grad, deeper down
            if not (isinstance(data, (list, tuple)) and _holds_tensor(data)):
                raise
            array = _from_tensors(data, dtype)
    return _finish(array, dtype, requires_grad)


@factory_arguments.parsed
def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.numpy):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with a numpy array."""
    if not isinstance(array, np.ndarray):  # (torch.from_numpy([1, 2]))
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    _dtype.from_numpy(array.dtype)  # raises for unsupported dtypes
    return Tensor._make(array)


def _size(size: tuple, creator: str = "zeros", overloads_from: int | None = None,
          position: int = 1) -> tuple:
    """A shape given as sizes or as one tuple/list/Size, checked as PyTorch checks it."""
    size = factory_arguments.int_list(creator, "size", size, position, overloads_from)
    if any(n < 0 for n in size):
        if creator == "zeros":
            raise RuntimeError(f"{creator}: Dimension size must be non-negative.")
        raise RuntimeError(messages.negative_dimension(size))  # ones, empty, full, rand...
    return size


def _size_argument(size: tuple, kwargs: dict, creator: str) -> tuple:
    """zeros(2, 3), zeros((2, 3)) and zeros(size=(2, 3)) all mean the same."""
    if "size" in kwargs:
        size = (factory_arguments.keyword_int_list(creator, "size", kwargs.pop("size")),)
    if kwargs:
        raise TypeError(f"got an unexpected keyword argument '{next(iter(kwargs))}'")
    return size


def _filled(fill: Any, size: tuple, dtype: Any, requires_grad: bool,
            creator: str = "zeros") -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    value = _dtype.number_as(fill, dtype.numpy, checked=True)
    return _finish(np.full(_size(size, creator), value), None, requires_grad)


@factory_arguments.parsed
def zeros(*size: Any, dtype: Any = None, device: Any = None,
          requires_grad: bool = False, **kwargs: Any) -> Tensor:
    size = _size_argument(size, kwargs, "zeros")
    return _filled(0, size, dtype, requires_grad, "zeros")


@factory_arguments.parsed
def ones(*size: Any, dtype: Any = None, device: Any = None,
         requires_grad: bool = False, **kwargs: Any) -> Tensor:
    size = _size_argument(size, kwargs, "ones")
    return _filled(1, size, dtype, requires_grad, "ones")


@factory_arguments.parsed
def empty(*size: Any, dtype: Any = None, device: Any = None,
          requires_grad: bool = False, **kwargs: Any) -> Tensor:
    size = _size_argument(size, kwargs, "empty")
    return _filled(0, size, dtype, requires_grad, "empty")


@factory_arguments.parsed
def full(size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    if not tensor_arguments.is_number(fill_value):  # (torch.full((2,), [1, 2]))
        raise messages.wrong_argument_type("full", "fill_value", 2, fill_value, "Number")
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    return _filled(fill_value, (size,), dtype or _dtype.scalar_dtype(fill_value), requires_grad,
                   "full")


@factory_arguments.parsed_like
def zeros_like(input: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False) -> Tensor:
    return _filled(0, (input.shape,), dtype or input.dtype, requires_grad)


@factory_arguments.parsed_like
def ones_like(input: Tensor, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    return _filled(1, (input.shape,), dtype or input.dtype, requires_grad)


@factory_arguments.parsed_like
def empty_like(input: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False) -> Tensor:
    return _filled(0, (input.shape,), dtype or input.dtype, requires_grad)


@factory_arguments.parsed_like
def full_like(input: Tensor, fill_value: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    return _filled(fill_value, (input.shape,), dtype or input.dtype, requires_grad)


_NOT_GIVEN: Any = object()  # (a start arange's caller left out)


@factory_arguments.parsed
def arange(start: Any = _NOT_GIVEN, end: Number | None = None, step: Any = _NOT_GIVEN, *,
           dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    # arange(end=3) counts from 0; arange() is refused (by parsed), and so is a step without
    # both bounds (arange(end=4, step=2), arange(4, step=2)): PyTorch's end alone takes none
    bounds = (start is not _NOT_GIVEN) + (end is not None)
    if bounds < (1 if step is _NOT_GIVEN else 2):
        raise TypeError("arange() needs an end, and a start with a step")
    if start is _NOT_GIVEN:
        start = 0
    elif end is None:
        start, end = 0, start
    if step is _NOT_GIVEN:
        step = 1
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype is None:
        ints = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
        dtype = _dtype.int64 if ints else _dtype.get_default_dtype()
    n = max(math.ceil((end - start) / step), 0)
    data = ranges.arange_values(start, step, n, dtype.numpy) if dtype.is_floating_point else \
        np.arange(start, end, step)
    return _finish(np.asarray(data).astype(dtype.numpy), None, requires_grad)


@factory_arguments.parsed
def linspace(start: Number, end: Number, steps: int, *, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    if not factory_arguments.is_int(steps):  # (5.0: refused in PyTorch's words by parsed)
        raise TypeError(f"linspace(): steps must be an int, not {type(steps).__name__}")
    steps = int(steps)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    if steps < 2:  # [] or [start]
        data = np.full(steps, start).astype(dtype.numpy)
    else:
        data = ranges.linspace_values(start, end, steps, dtype.numpy)
    return _finish(data, None, requires_grad)


@factory_arguments.parsed
def logspace(start: Number, end: Number, steps: int, base: float = 10.0, *, dtype: Any = None,
             device: Any = None, requires_grad: bool = False) -> Tensor:
    """base ** linspace(start, end, steps)."""
    dtype = dtype or _dtype.get_default_dtype()
    steps = int(steps)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    if steps < 2:  # [] or [base ** start]
        data = np.full(steps, np.power(np.float64(base), np.float64(start))).astype(dtype.numpy)
    else:
        data = ranges.logspace_values(start, end, steps, base, dtype.numpy)
    return _finish(data, None, requires_grad)


@factory_arguments.parsed
def eye(n: int, m: int | None = None, *, dtype: Any = None, device: Any = None,
        requires_grad: bool = False) -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.eye(n, m, dtype=dtype.numpy), None, requires_grad)


def _generator(generator: Generator | None) -> Generator:
    return generator or default_generator


def _float_dtype(dtype: Any, kernel: str) -> Any:
    dtype = dtype or _dtype.get_default_dtype()
    if not dtype.is_floating_point:
        raise messages.not_implemented(kernel, dtype)
    return dtype


@factory_arguments.parsed
def rand(*size: Any, generator: Generator | None = None, dtype: Any = None, device: Any = None,
         requires_grad: bool = False, **kwargs: Any) -> Tensor:
    """Uniform samples in [0, 1), PyTorch's numbers for the same seed."""
    size = _size(_size_argument(size, kwargs, "rand"), "rand", overloads_from=2)
    dtype = _float_dtype(dtype, "check_uniform_bounds")
    data = sampling.uniform(_generator(generator), math.prod(size), dtype.numpy)
    return _finish(data.reshape(size), dtype, requires_grad)


@factory_arguments.parsed
def randn(*size: Any, generator: Generator | None = None, dtype: Any = None, device: Any = None,
          requires_grad: bool = False, **kwargs: Any) -> Tensor:
    """Standard normal samples, PyTorch's numbers for the same seed."""
    size = _size(_size_argument(size, kwargs, "randn"), "randn", overloads_from=2)
    dtype = _float_dtype(dtype, "normal_kernel_cpu")
    data = sampling.normal(_generator(generator), math.prod(size), dtype.numpy)
    return _finish(data.reshape(size), dtype, requires_grad)


@factory_arguments.parsed
def randint(low: Any = _NOT_GIVEN, high: int | None = None, size: Any = None, *,
            generator: Generator | None = None, dtype: Any = None, device: Any = None,
            requires_grad: bool = False) -> Tensor:
    if low is _NOT_GIVEN:  # randint(high=5, size=(3,)) from 0; randint() refused by parsed
        if high is None:
            raise TypeError("randint() needs a high")
        low = 0
    elif high is None or (size is None and isinstance(high, (tuple, list))):
        low, high, size = 0, low, high if size is None else size  # randint(high, size)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= "
                           f"to={high}")
    if size is None:  # randint(0, 5): refused in PyTorch's words by parsed
        raise TypeError("randint() needs a size")
    size = _size((size,), "randint", position=2)  # randint(high, size), the usual form
    data = sampling.integers(_generator(generator), math.prod(size), low, high)
    return _finish(data.reshape(size), dtype or _dtype.int64, requires_grad)


@factory_arguments.parsed
def randperm(n: int, *, generator: Generator | None = None, dtype: Any = None,
             device: Any = None, requires_grad: bool = False) -> Tensor:
    return _finish(sampling.randperm(_generator(generator), n), dtype or _dtype.int64,
                   requires_grad)


@factory_arguments.parsed_like
def rand_like(input: Tensor, *, generator: Generator | None = None, dtype: Any = None,
              requires_grad: bool = False) -> Tensor:
    return rand(input.shape, generator=generator, dtype=dtype or input.dtype,
                requires_grad=requires_grad)


@factory_arguments.parsed_like
def randn_like(input: Tensor, *, generator: Generator | None = None, dtype: Any = None,
               requires_grad: bool = False) -> Tensor:
    return randn(input.shape, generator=generator, dtype=dtype or input.dtype,
                 requires_grad=requires_grad)


@factory_arguments.parsed_like
def randint_like(input: Tensor, low: int = 0, high: int | None = None, *,
                 generator: Generator | None = None, dtype: Any = None,
                 requires_grad: bool = False) -> Tensor:
    """randint_like(x, high) or randint_like(x, low, high): x's shape and dtype."""
    if high is None:
        low, high = 0, low
    return randint(low, high, input.shape, generator=generator, dtype=dtype or input.dtype,
                   requires_grad=requires_grad)


def normal(mean: Any, std: Any = 1.0, size: Any = None, *,
           generator: Generator | None = None) -> Tensor:
    """normal(mean, std, size) with numbers; with a tensor mean and/or std, one sample per
    element (drawn as N(0, 1), then scaled and shifted, as PyTorch does)."""
    if not isinstance(mean, Tensor) and not isinstance(std, Tensor):
        return empty(size).normal_(mean, std, generator=generator)
    like = mean if isinstance(mean, Tensor) else std
    shape = np.broadcast_shapes(np.shape(mean._data if isinstance(mean, Tensor) else mean),
                                np.shape(std._data if isinstance(std, Tensor) else std))
    output = empty(shape, dtype=like.dtype)
    if isinstance(std, Tensor):
        return output.normal_(0, 1, generator=generator).mul_(std).add_(mean).detach()
    return output.normal_(0, std, generator=generator).add_(mean).detach()
