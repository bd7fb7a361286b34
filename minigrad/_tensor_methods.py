"""Tensor's methods, operators and Python protocols, bound to Tensor once the ops exist.

tensor.py defines what autograd needs of a tensor; everything else a PyTorch tensor offers
(x + y, x.sum(), x.float(), len(x), print(x)...) is an operation of minigrad/ops or
minigrad/breadth, or a small conversion. They are written here as methods of
`TensorMethods`, a class that only holds them, and copied onto Tensor when minigrad is
imported (minigrad/__init__.py imports this module right after tensor.py). So tensor.py
imports no op and no op needs a late import of Tensor.

    >>> import minigrad as torch
    >>> torch.Tensor.t is torch.t
    True
"""

from __future__ import annotations

import math
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _device, _dtype, creation, messages, parity
from . import storage as storages
from ._printing import format_tensor
from ._size import Size
from .autograd import hooks as autograd_hooks
from .autograd.grad_mode import is_grad_enabled
from .autograd.hooks import RemovableHandle
from .breadth import (
    activations,
    addc,
    addmm,
    bitwise,
    broadcasting,
    clamping,
    comparison,
    conversion,
    cumulative,
    differences,
    distances,
    factory_arguments,
    float_parts,
    histograms,
    indexing,
    join,
    legacy,
    lerp,
    math_functions,
    matrix_builders,
    order_statistics,
    powers,
    product,
    products,
    random_fills,
    rearrange,
    reductions,
    rounding,
    selection,
    sorting,
    special_functions,
    statistics,
)
from .breadth import as_strided as strided
from .breadth import cross as crosses
from .breadth import diagonal as diagonals
from .breadth import gather as gathering
from .breadth import index_fill as index_fills
from .breadth import index_put as index_puts
from .breadth import mode as modes
from .breadth import multinomial as multinomials
from .breadth import softmax as softmaxes
from .breadth import unfold as unfolding
from .breadth import unique as uniques
from .breadth import view_dtype as view_dtypes
from .breadth.repeat_interleave import repeat_interleave
from .ops import arithmetic, unary
from .ops import dims as dim_helpers
from .ops import shape as shapes
from .tensor import Tensor, _rebuild

# Warnings PyTorch gives only the first time in a process (its TORCH_WARN_ONCE).
_warned_T: set = set()  # which of .T's (.mT's...) deprecation warnings were given (once each)
_warned_scalar = False


def _new_like(creator: str) -> Callable:
    """Tensor.new_zeros, .new_ones...: torch.zeros etc. with this tensor's dtype by default."""

    name = f"new_{creator}"
    required = ("size", "fill_value") if creator == "full" else ("size",)

    def new(self: Tensor, *args: Any, dtype: _dtype.dtype | None = None, device: Any = None,
            requires_grad: bool = False, **kwargs: Any) -> Tensor:
        # The size is checked here, so that PyTorch's error names new_zeros, not zeros.
        missing = required[len(args):]
        if missing and missing[0] not in kwargs:  # (new_zeros() is no 0-d tensor)
            raise messages.missing_argument(name, *missing)
        if args:  # (new_full(size, fill_value): the size is its first argument only)
            size = args[:1] if creator == "full" else args
            args = (factory_arguments.int_list(name, "size", size), *args[len(size):])
        return getattr(creation, creator)(*args, dtype=dtype or self.dtype,
                                          requires_grad=requires_grad, **kwargs)

    new.__name__ = name
    return new


def _conversion(dtype: _dtype.dtype) -> Callable:
    """Tensor.float(), .double()...: this tensor as `dtype` (itself if it already is)."""

    def convert(self: Tensor) -> Tensor:
        return self.to(dtype)

    convert.__name__ = {"float32": "float", "float64": "double", "float16": "half",
                        "int64": "long", "int32": "int"}.get(dtype.name, dtype.name)
    return convert


class TensorMethods:
    """The methods copied onto Tensor (never instantiated itself)."""

    # torch.Tensor([1, 2]), PyTorch's legacy constructor (tensor.py's is Tensor._make)
    __new__ = legacy.tensor_new

    # ---- autograd, beyond tensor.py ------------------------------------------------------
    # Class defaults (tensor.py's are the reading path's), each read by the module beside it:
    _backward_hooks = None  # a leaf's register_hook hooks (autograd/hooks.py, graph.py)
    _retains_grad = False  # retain_grad(): a non-leaf that keeps its .grad
    _view_of = None  # a view's (base, how it was taken): autograd/views.py, inplace.py
    _view_made_in_no_grad = False  # such a view gathers no gradient (views.py)
    _view_made_in_inference = False  # (made in inference_mode: PyTorch's errors say so)
    _multi_output_view = False  # split/unbind's pieces (function.py's too): no in-place
    _inference = False  # made in inference_mode (autograd/inference_mode.py)

    @staticmethod
    def _make_subclass(cls: type, data: Tensor, require_grad: bool = False) -> Tensor:
        """A leaf of type `cls` sharing `data`'s memory (how nn.Parameter is built)."""
        if require_grad and data._data.dtype.kind != "f":
            raise RuntimeError(messages.NEW_INTEGER_REQUIRES_GRAD)
        t = Tensor._make.__func__(cls, data._data, version_counter=data._version_counter)
        if data._inference:  # sharing an inference tensor's memory, it is one (set only
            t._inference = True  # then: an instance dict on every Parameter costs each step 1%)
        t.requires_grad_(require_grad)
        return t

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if self.grad_fn is not None:
            if requires_grad:
                return self  # already requires grad
            raise RuntimeError(messages.NON_LEAF_FLAG + messages.NON_LEAF_FLAG_HINT)
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError(messages.INTEGER_REQUIRES_GRAD_)
        self.requires_grad = requires_grad
        return self

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in .grad during backward."""
        if not self.requires_grad:
            raise RuntimeError(messages.RETAIN_GRAD_NO_GRAD)
        if self.grad_fn is None or self._retains_grad:
            return
        self._retains_grad = True
        self.grad_fn._get_hooks().retains_grad = weakref.ref(self)

    def register_hook(self, hook: Callable) -> RemovableHandle:
        """hook(grad) runs when this tensor's gradient is computed; it may return a new one."""
        if not self.requires_grad:
            raise RuntimeError(autograd_hooks.NO_GRAD_HOOK)
        if self.grad_fn is not None:
            hooks = self.grad_fn._get_hooks().tensor_pre
        else:
            if self._backward_hooks is None:
                self._backward_hooks = []
            hooks = self._backward_hooks
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    _post_accumulate_grad_hooks = None  # a leaf's, once it has some
    register_post_accumulate_grad_hook = autograd_hooks.register_post_accumulate_grad_hook

    def is_inference(self) -> bool:
        """Whether it was made inside inference_mode (and so may not be saved for backward)."""
        return self._inference

    # ---- conversion and inspection ------------------------------------------------------
    @property
    def dtype(self) -> _dtype.dtype:
        return _dtype.from_numpy(self._data.dtype)

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def size(self, dim: int | None = None) -> Size | int:
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[self._layout_dim(dim)]

    def _layout_dim(self, dim: int) -> int:
        # size(dim) and stride(dim) of a 0-d tensor: PyTorch's words for a tensor with no dims
        # (ops take its dim 0 and -1, as if it had one: dims.normalize_dim)
        if not self._data.ndim and isinstance(dim, (int, np.integer)):
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        return dim_helpers.normalize_dim(dim, self.ndim)

    def dim(self) -> int:
        return self._data.ndim

    ndimension = dim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    def element_size(self) -> int:
        return self._data.itemsize

    untyped_storage = storages.untyped_storage
    storage = storages.storage

    def data_ptr(self) -> int:
        """The memory address of the first element: equal for tensors that share memory."""
        return self._data.__array_interface__["data"][0]

    @property
    def device(self) -> _device.device:
        return _device.CPU

    is_cuda = False  # minigrad computes on the CPU only
    is_cpu = True

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    def is_contiguous(self) -> bool:
        return bool(self._data.flags.c_contiguous)

    def stride(self, dim: int | None = None) -> Any:
        # numpy lays views and results out as PyTorch does, so its byte strides are PyTorch's.
        strides = tuple(s // self._data.itemsize for s in self._data.strides)
        if not self._data.size:  # numpy says 0; PyTorch the contiguous strides (sizes 0 as 1)
            strides = tuple(math.prod(max(n, 1) for n in self.shape[i + 1:])
                            for i in range(self.ndim))
        return strides if dim is None else strides[self._layout_dim(dim)]

    @property
    def _base(self) -> Tensor | None:
        """The tensor this one is a view of (None if it is not a view)."""
        return self._view_of[0] if self._view_of else None

    def _is_view(self) -> bool:
        """Whether autograd counts this tensor a view of another (an inference tensor's views
        are not: inference tensors keep no autograd record)."""
        return self._view_of is not None and not self._inference

    @property
    def output_nr(self) -> int:
        """Which output of its grad_fn this tensor is (0 but for unbind's and split's pieces
        and custom Functions with several outputs)."""
        return self._output_nr

    def item(self) -> Any:
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.reshape(()).item()

    def tolist(self) -> Any:
        return self._data.tolist()

    def numpy(self, *, force: bool = False) -> np.ndarray:
        # Under no_grad the numbers may be read even from a tensor that requires grad.
        if self.requires_grad and is_grad_enabled() and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead.")
        return self._data

    def __array__(self, dtype: Any = None) -> np.ndarray:
        # np.array(t), plt.plot(t)...: through numpy(), so a tensor that requires grad is
        # refused with its error, as PyTorch's __array__ does. PyTorch's takes no `copy`
        # either, so np.array(t) gives NumPy 2's DeprecationWarning about it here too.
        array = self.numpy()
        return array if dtype is None else array.astype(dtype, copy=False)

    def to(self, *args: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        """This tensor in another dtype (a dtype, or another tensor's); devices other than the
        CPU raise as in a PyTorch built without CUDA."""
        dtype = factory_arguments.to_arguments(args, kwargs, dtype)
        return self if dtype is None else conversion.to_dtype(self, dtype)

    def type(self, dtype: Any = None) -> Any:
        if dtype is None:
            return f"minigrad.{_dtype.message_name(self.dtype)}Tensor"
        if isinstance(dtype, str):  # 'torch.DoubleTensor', as older code names types
            dtype = getattr(legacy, dtype.rpartition(".")[2])
        elif isinstance(dtype, type) and not hasattr(dtype, "dtype"):  # type(float), unlike to()
            raise ValueError(f"invalid type: '{dtype.__name__}'")
        return self.to(getattr(dtype, "dtype", dtype))

    float = _conversion(_dtype.float32)
    double = _conversion(_dtype.float64)
    half = _conversion(_dtype.float16)
    long = _conversion(_dtype.int64)
    int = _conversion(_dtype.int32)
    bool = _conversion(_dtype.bool)

    def _float(self) -> Tensor:
        """This tensor in the default float dtype (for ops that turn ints into floats)."""
        return self.to(_dtype.get_default_dtype())

    def cpu(self) -> Tensor:
        return self

    def cuda(self, device: Any = None, non_blocking: bool = False) -> Tensor:
        _device.check_device("cuda")
        return self

    def __repr__(self, *, tensor_contents: Any = None) -> str:
        try:
            grad_fn = self.grad_fn
        except RuntimeError:  # a view that cannot say where its gradient goes (autograd/views.py)
            return format_tensor(self._data, grad_fn_name="Invalid")
        # PyTorch prints the node's class name (CopySlices), not its name() (with a namespace).
        return format_tensor(self._data, grad_fn_name=type(grad_fn).__name__ if grad_fn else None,
                             requires_grad=self.requires_grad)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __len__(self) -> int:
        if not self._data.ndim:
            raise TypeError("len() of a 0-d tensor")
        return len(self._data)

    def __iter__(self):
        if not self._data.ndim:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with "
                               f"{'no values' if self._data.size == 0 else 'more than one value'}"
                               " is ambiguous")
        return bool(self._data)

    def _python_scalar(self, warn: bool = True) -> Any:
        global _warned_scalar
        if warn and self.requires_grad and is_grad_enabled() and not _warned_scalar:
            _warned_scalar = True
            warnings.warn(messages.SCALAR_REQUIRES_GRAD, UserWarning, stacklevel=3)
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self) -> float:
        return float(self._python_scalar())

    def __int__(self) -> int:
        # PyTorch's int() does not warn about requires_grad (its float() and item() do)
        return int(self._python_scalar(warn=False))

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __hash__(self) -> int:
        return id(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # A non-leaf comes back as a leaf that still requires grad, as PyTorch's does.
        return (_rebuild, (self._data.copy(), self.requires_grad))

    def __deepcopy__(self, memo: dict) -> Tensor:
        if self.grad_fn is not None:
            raise RuntimeError(messages.DEEPCOPY_NON_LEAF)
        new = type(self)._make(self._data.copy()) if type(self) is Tensor else \
            Tensor._make_subclass(type(self), Tensor._make(self._data.copy()), self.requires_grad)
        new._requires_grad = self._requires_grad
        if self._grad is not None:
            new._grad = self._grad.__deepcopy__(memo)
        memo[id(self)] = new
        return new

    def type_as(self, other: Tensor) -> Tensor:
        """This tensor in `other`'s dtype."""
        return self.to(other.dtype)

    # ---- operators (minigrad/ops, minigrad/breadth) -------------------------------------
    # Each operator is the method of the same name (x + y is x.add(y)).
    add = __add__ = __radd__ = arithmetic.add
    sub = subtract = __sub__ = arithmetic.sub
    __rsub__ = parity.rsub
    mul = multiply = __mul__ = __rmul__ = arithmetic.mul
    div = divide = rounding.div
    true_divide = __truediv__ = arithmetic.div
    __rtruediv__ = powers.rdiv
    floor_divide = __floordiv__ = rounding.floor_divide
    __rfloordiv__ = rounding.rfloordiv
    remainder = __mod__ = rounding.remainder
    __rmod__ = rounding.rmod
    fmod = rounding.fmod
    pow = __pow__ = powers.pow
    neg = negative = __neg__ = arithmetic.neg
    matmul = __matmul__ = products.matmul
    eq = __eq__ = comparison.eq
    ne = __ne__ = comparison.ne
    lt = __lt__ = comparison.lt
    le = __le__ = comparison.le
    gt = __gt__ = comparison.gt
    ge = __ge__ = comparison.ge
    __getitem__ = indexing.getitem

    def __rpow__(self, base: Any) -> Tensor:
        return powers.pow(base, self)

    def __rmatmul__(self, other: Any) -> Tensor:
        return products.matmul(other, self)

    def __abs__(self) -> Tensor:
        return unary.abs(self)

    def __pos__(self) -> Tensor:
        return self

    reciprocal = powers.reciprocal
    square = powers.square
    exp = unary.exp
    log = unary.log
    sqrt = unary.sqrt
    sin = unary.sin
    cos = unary.cos
    tanh = unary.tanh
    sigmoid = unary.sigmoid
    log1p, expm1, log2, log10, exp2 = (math_functions.log1p, math_functions.expm1,
                                       math_functions.log2, math_functions.log10,
                                       math_functions.exp2)
    rsqrt, tan, sinh, cosh = (math_functions.rsqrt, math_functions.tan, math_functions.sinh,
                              math_functions.cosh)
    asin = arcsin = math_functions.asin
    acos = arccos = math_functions.acos
    atan = arctan = math_functions.atan
    atan2 = arctan2 = math_functions.atan2
    xlogy = math_functions.xlogy
    logaddexp = math_functions.logaddexp
    hypot = math_functions.hypot
    erfinv, logit, sinc, frac = (special_functions.erfinv, special_functions.logit,
                                 special_functions.sinc, special_functions.frac)
    deg2rad, rad2deg = special_functions.deg2rad, special_functions.rad2deg
    copysign, nextafter, ldexp, heaviside = (float_parts.copysign, float_parts.nextafter,
                                             float_parts.ldexp, float_parts.heaviside)
    float_power = powers.float_power
    msort = sorting.msort
    take = gathering.take
    rot90 = rearrange.rot90
    diag_embed = diagonals.diag_embed
    kron = matrix_builders.kron
    bincount, histc = histograms.bincount, histograms.histc
    dist = distances.dist
    lerp = lerp.lerp
    diff = differences.diff
    nan_to_num = clamping.nan_to_num
    count_nonzero = selection.count_nonzero
    diagonal = diagonals.diagonal
    diag = diagonals.diag
    trace = diagonals.trace
    relu = unary.relu
    abs = unary.abs
    sign = rounding.sign
    sgn = rounding.sgn
    round = rounding.round
    floor = rounding.floor
    ceil = rounding.ceil
    trunc = rounding.trunc
    clamp = clip = clamping.clamp
    clamp_min = clamping.clamp_min
    clamp_max = clamping.clamp_max
    sum = parity.sum
    mean = parity.mean
    amax = reductions.amax
    amin = reductions.amin
    logsumexp = reductions.logsumexp
    cumsum = reductions.cumsum
    nansum = reductions.nansum
    nanmean = reductions.nanmean
    aminmax = reductions.aminmax
    median = order_statistics.median
    kthvalue = order_statistics.kthvalue
    mode = modes.mode
    index_fill = index_fills.index_fill
    index_fill_ = index_fills.index_fill_
    cummax = cumulative.cummax
    cummin = cumulative.cummin
    logcumsumexp = cumulative.logcumsumexp
    prod = product.prod
    gather = gathering.gather
    scatter_add = gathering.scatter_add
    scatter = gathering.scatter
    sort = sorting.sort
    argsort = sorting.argsort
    topk = sorting.topk
    multinomial = multinomials.multinomial
    bernoulli = random_fills.bernoulli
    index_select = gathering.index_select
    index_add = gathering.index_add
    index_put = index_puts.index_put
    index_put_ = index_puts.index_put_
    unfold = unfolding.unfold
    masked_select = selection.masked_select
    tril = selection.tril
    triu = selection.triu
    nonzero = selection.nonzero
    outer = products.outer
    repeat = factory_arguments.with_int_list(rearrange.repeat, "repeat", "repeats")
    tile = rearrange.tile
    roll = rearrange.roll
    repeat_interleave = repeat_interleave
    movedim = moveaxis = rearrange.movedim
    swapaxes = swapdims = rearrange.swapaxes
    narrow = rearrange.narrow
    select = rearrange.select
    chunk = rearrange.chunk
    unflatten = rearrange.unflatten
    cumprod = product.cumprod
    norm = statistics.norm
    erf = activations.erf
    var = statistics.var
    std = statistics.std
    max = reductions.max
    min = reductions.min
    maximum = selection.maximum
    minimum = selection.minimum
    mm = products.mm
    mv = products.mv
    bmm = products.bmm
    dot = products.dot
    view = view_dtypes.view
    reshape = factory_arguments.with_int_list(shapes.reshape, "reshape", "shape")
    flatten = shapes.flatten
    expand = factory_arguments.with_int_list(shapes.expand, "expand", "size")
    transpose = shapes.transpose
    t = shapes.t
    permute = factory_arguments.with_int_list(shapes.permute, "permute", "dims")
    flip = rearrange.flip
    squeeze = parity.squeeze
    unsqueeze = shapes.unsqueeze
    clone = shapes.clone
    contiguous = shapes.contiguous
    split = join.split
    unbind = join.unbind
    softmax = softmaxes.softmax
    log_softmax = softmaxes.log_softmax
    logical_not = comparison.logical_not
    unique = uniques.unique
    cross = crosses.cross
    unique_consecutive = uniques.unique_consecutive
    logical_and = comparison.logical_and
    logical_or = comparison.logical_or
    logical_xor = comparison.logical_xor

    masked_fill = selection.masked_fill
    where = selection.where_method
    as_strided = strided.as_strided_method
    storage_offset = strided.storage_offset
    addcmul = addc.addcmul
    addcdiv = addc.addcdiv
    addmv, addr, baddbmm, addbmm = addmm.addmv, addmm.addr, addmm.baddbmm, addmm.addbmm
    addmm = addmm.addmm

    sum_to_size = broadcasting.sum_to_size

    def view_as(self, other: Tensor) -> Tensor:
        return self.view(other.shape)

    def reshape_as(self, other: Tensor) -> Tensor:
        return self.reshape(other.shape)

    def expand_as(self, other: Tensor) -> Tensor:
        return self.expand(other.shape)

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        messages.check_not_bool_index(self, "argmax")
        messages.check_reduction_dim(
            "argmax", self, None if dim is None else dim_helpers.normalize_dim(dim, self.ndim))
        if dim is None:
            return self._over_all_elements(np.argmax, keepdim)
        return self.max(dim, keepdim).indices

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        messages.check_not_bool_index(self, "argmin")
        messages.check_reduction_dim(
            "argmin", self, None if dim is None else dim_helpers.normalize_dim(dim, self.ndim))
        if dim is None:
            return self._over_all_elements(np.argmin, keepdim)
        return self.min(dim, keepdim).indices

    def all(self, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> Tensor:
        return self._test_elements(np.all, dim, keepdim)

    def any(self, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> Tensor:
        return self._test_elements(np.any, dim, keepdim)

    def _test_elements(self, test: Callable, dim: Any, keepdim: bool) -> Tensor:
        """all/any: a bool result (never in the graph) over every element or along dims."""
        if dim is None:
            return self._over_all_elements(test, keepdim)
        dims = dim_helpers.normalize_dims(dim, self.ndim)
        return Tensor._make(np.asarray(test(self._data, axis=dims, keepdims=keepdim)))

    def _over_all_elements(self, fn: Callable, keepdim: bool) -> Tensor:
        """fn over the flattened tensor; keepdim keeps every dim, with size 1 (as PyTorch)."""
        result = np.asarray(fn(self._data))
        if result.dtype.kind in "iu":
            result = result.astype(np.int64)  # argmax/argmin give int64 indices
        return Tensor._make(result.reshape((1,) * self.ndim) if keepdim else result)

    new_zeros = _new_like("zeros")
    new_ones = _new_like("ones")
    new_empty = _new_like("empty")
    new_full = _new_like("full")

    def new_tensor(self, data: Any, *, dtype: _dtype.dtype | None = None, device: Any = None,
                   requires_grad: bool = False) -> Tensor:
        """A new leaf holding a copy of `data`, of this tensor's dtype unless told otherwise."""
        if isinstance(data, Tensor):
            warnings.warn(creation.COPY_CONSTRUCT_WARNING.format("tensor.new_tensor"), UserWarning,
                          stacklevel=2)
            data = data._data
        return creation.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def isclose(self, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08,
                equal_nan: bool = False) -> Tensor:
        """|self - other| <= atol + rtol * |other|, element by element (a bool tensor)."""
        if self._data.dtype != other._data.dtype:
            raise RuntimeError(f"{_dtype.message_name(self.dtype)} did not match "
                               f"{_dtype.message_name(other.dtype)}")
        try:
            return Tensor._make(np.isclose(self._data, other._data, rtol=rtol, atol=atol,
                                           equal_nan=equal_nan))
        except ValueError:  # (shapes that do not broadcast: PyTorch's words)
            raise messages.broadcast_mismatch(self._data.shape, other._data.shape) from None

    def allclose(self, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08,
                 equal_nan: bool = False) -> bool:
        return bool(self.isclose(other, rtol, atol, equal_nan).all())

    def isnan(self) -> Tensor:
        return Tensor._make(np.isnan(self._data))

    def isinf(self) -> Tensor:
        return Tensor._make(np.isinf(self._data))

    def isfinite(self) -> Tensor:
        return Tensor._make(np.isfinite(self._data))

    def equal(self, other: Tensor) -> bool:
        return self.shape == other.shape and bool((self._data == other._data).all())

    @property
    def T(self) -> Tensor:  # noqa: N802 - PyTorch's name
        # Each of PyTorch's two deprecation warnings once per process: 0-d, other than 2-d
        message = messages.T_ZERO_DIM if self.ndim == 0 else messages.T_NOT_2D
        if self.ndim != 2 and message not in _warned_T:
            _warned_T.add(message)
            warnings.warn(message, UserWarning, stacklevel=2)
        return self.permute(tuple(range(self.ndim - 1, -1, -1)))

    @property
    def mT(self) -> Tensor:  # noqa: N802
        return _matrix_transpose(self, "tensor.mT", "Tensor.mT", messages.IDENTITY_ON_0D)

    # minigrad's tensors are real, so the conjugate transposes are the transposes.
    @property
    def mH(self) -> Tensor:  # noqa: N802
        return _matrix_transpose(self, "tensor.mH", "Tensor.mH", messages.CONJ_ON_0D)

    def adjoint(self) -> Tensor:
        return _matrix_transpose(self, "tensor.adjoint()", "adjoint()", messages.CONJ_ON_0D)

    @property
    def H(self) -> Tensor:  # noqa: N802
        if self.ndim not in (0, 2):
            batches = (" For batches of matrices, consider using tensor.mH" if self.ndim > 2
                       else "")
            raise RuntimeError("tensor.H is only supported on matrices (2-D tensors). Got "
                               f"{self.ndim}-D tensor.{batches}")
        return _matrix_transpose(self, "tensor.H", "Tensor.H", messages.CONJ_ON_0D)


def _matrix_transpose(x: Tensor, name: str, warning_name: str, advice: str) -> Tensor:
    """x.mT, x.mH, x.adjoint(), x.H: the last two dims swapped. A 0-d tensor is given back
    itself, with PyTorch's deprecation warning (once per process, as each of T's)."""
    if x.ndim == 0:
        message = f"{warning_name} is deprecated on 0-D tensors. {advice}"
        if message not in _warned_T:
            _warned_T.add(message)
            warnings.warn(message, UserWarning, stacklevel=3)
        return x
    if x.ndim == 1:
        raise RuntimeError(f"{name} is only supported on matrices or batches of matrices. "
                           "Got 1-D tensor.")
    return x.transpose(-2, -1)


def attach(cls: type, methods: type) -> None:
    """Copy the methods defined in the class `methods` onto `cls`."""
    for name, value in vars(methods).items():
        if name not in ("__module__", "__qualname__", "__doc__", "__dict__", "__weakref__"):
            setattr(cls, name, value)


attach(Tensor, TensorMethods)
attach(Tensor, bitwise.BitwiseMethods)
