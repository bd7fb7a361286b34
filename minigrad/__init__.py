"""minigrad: PyTorch's autograd, re-implemented on numpy, small enough to read.

`import minigrad as torch` runs the course's PyTorch code with the same printed results.

    >>> import minigrad as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x ** 2
    >>> y
    tensor(9., grad_fn=<PowBackward0>)
    >>> y.backward()
    >>> x.grad
    tensor(6.)
"""

import importlib as _importlib
import sys as _sys
import warnings as _warnings

# Tensor's methods and operators, then its in-place methods, bound once Tensor and the ops exist.
from . import _tensor_methods, autograd, inplace  # noqa: I001
from ._device import device, get_default_device, set_default_device
from ._dtype import (
    bool,
    dtype,
    float16,
    float32,
    float64,
    get_default_dtype,
    int8,
    int16,
    int32,
    int64,
    promote_types,
    set_default_dtype,
    uint8,
)
from ._printing import get_printoptions, set_printoptions
from ._size import Size
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled
from .autograd.grad_mode import (
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from .autograd.inference_mode import inference_mode, is_inference_mode_enabled
from .breadth.activations import erf
from .breadth.addc import addcdiv, addcmul
from .breadth.addmm import addbmm, addmm, addmv, addr, baddbmm
from .breadth.as_strided import as_strided
from .breadth.bitwise import (
    bitwise_and,
    bitwise_left_shift,
    bitwise_not,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
)
from .breadth.broadcasting import broadcast_shapes, broadcast_tensors, broadcast_to, meshgrid
from .breadth.clamping import clamp, clamp_max, clamp_min, nan_to_num
from .breadth.comparison import (
    eq,
    ge,
    gt,
    le,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    lt,
    ne,
)
from .breadth.cross import cross
from .breadth.cumulative import cummax, cummin, logcumsumexp
from .breadth.diagonal import diag, diag_embed, diagonal, trace
from .breadth.differences import diff
from .breadth.distances import cdist, dist, pairwise_distance
from .breadth.einsum import einsum
from .breadth.float_parts import copysign, heaviside, ldexp, nextafter
from .breadth.gather import gather, index_add, index_select, scatter, scatter_add, take
from .breadth.histograms import bincount, histc
from .breadth.index_fill import index_fill
from .breadth.index_put import torch_index_put as index_put
from .breadth.index_put import torch_index_put_ as index_put_
from .breadth.join import (
    atleast_1d,
    atleast_2d,
    atleast_3d,
    cat,
    column_stack,
    dstack,
    hstack,
    split,
    stack,
    unbind,
    vstack,
)
from .breadth.legacy import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
)
from .breadth.lerp import lerp
from .breadth.math_functions import (
    acos,
    arccos,
    arcsin,
    arctan,
    arctan2,
    asin,
    atan,
    atan2,
    cosh,
    exp2,
    expm1,
    hypot,
    log1p,
    log2,
    log10,
    logaddexp,
    rsqrt,
    sinh,
    tan,
    xlogy,
)
from .breadth.matrix_builders import block_diag, kron, vander
from .breadth.mode import mode
from .breadth.multinomial import multinomial
from .breadth.order_statistics import kthvalue, median
from .breadth.powers import float_power, pow, reciprocal, square
from .breadth.product import cumprod, prod
from .breadth.products import bmm, chain_matmul, dot, matmul, mm, mv, outer
from .breadth.random_fills import bernoulli
from .breadth.rearrange import (
    adjoint,
    chunk,
    flip,
    moveaxis,
    movedim,
    narrow,
    roll,
    rot90,
    select,
    swapaxes,
    swapdims,
    tile,
    unflatten,
)
from .breadth.reductions import (
    amax,
    amin,
    aminmax,
    cumsum,
    logsumexp,
    max,
    min,
    nanmean,
    nansum,
)
from .breadth.repeat_interleave import repeat_interleave
from .breadth.rounding import (
    ceil,
    div,
    floor,
    floor_divide,
    fmod,
    remainder,
    round,
    sgn,
    sign,
    trunc,
)
from .breadth.searching import bucketize, isin, searchsorted
from .breadth.selection import (
    count_nonzero,
    masked_fill,
    masked_select,
    maximum,
    minimum,
    nonzero,
    tril,
    tril_indices,
    triu,
    triu_indices,
    where,
)
from .breadth.softmax import log_softmax, softmax
from .breadth.sorting import argsort, msort, sort, topk
from .breadth.special_functions import deg2rad, erfinv, frac, logit, rad2deg, sinc
from .breadth.statistics import norm, std, std_mean, var, var_mean
from .breadth.type_info import can_cast, finfo, iinfo, result_type
from .breadth.unique import unique, unique_consecutive
from .creation import (
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    logspace,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    tensor,
    zeros,
    zeros_like,
)
from .ops.arithmetic import add, mul, neg, sub
from .ops.shape import (
    clone,
    flatten,
    permute,
    reshape,
    t,
    transpose,
    unsqueeze,
)
from .ops.unary import abs, cos, exp, log, relu, sigmoid, sin, sqrt, tanh
from .parity import mean, rsub, squeeze, sum
from .random import (
    Generator,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    seed,
    set_rng_state,
)
from .storage import TypedStorage, UntypedStorage
from .tensor import Tensor

# PyTorch computes inf and nan silently (log(0) * 0, 0 / 0, overflow). numpy warns about them,
# from the line of minigrad that called it: this filter silences exactly those warnings, so
# numpy code outside minigrad keeps its own.
_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"minigrad(\.|$)")

# torch.sin_(x) and the other in-place functions are the in-place methods.
for _name in (*inplace.ELEMENTWISE, "exp", "relu", "neg", "logit", "ldexp", "addmv"):
    if _name not in ("sign", "sgn", "erfinv"):
        globals()[f"{_name}_"] = getattr(Tensor, f"{_name}_")

# The public classes print under the name a learner types: `type(x)` is
# <class 'minigrad.Tensor'>, as PyTorch's is <class 'torch.Tensor'>, not where the code lives.
for _public in (Tensor, Size, dtype, device, Generator):
    _public.__module__ = __name__

float = float32  # noqa: A001 - PyTorch's aliases
double = float64
half = float16
long = int64
int = int32  # noqa: A001
short = int16
clip = clamp
concat = concatenate = cat
divide = true_divide = div
multiply = mul
subtract = sub
negative = neg

__version__ = "0.1.0"


def is_tensor(obj: object) -> "bool":
    return isinstance(obj, Tensor)


def numel(input: Tensor) -> "int":
    return input.numel()


def detach(input: Tensor) -> Tensor:
    return input.detach()


def allclose(input: Tensor, other: Tensor, rtol: "float" = 1e-05, atol: "float" = 1e-08,
             equal_nan: "bool" = False) -> "bool":
    return input.allclose(other, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isclose(input: Tensor, other: Tensor, rtol: "float" = 1e-05, atol: "float" = 1e-08,
            equal_nan: "bool" = False) -> Tensor:
    return input.isclose(other, rtol=rtol, atol=atol, equal_nan=equal_nan)


isnan, isinf, isfinite = Tensor.isnan, Tensor.isinf, Tensor.isfinite


def equal(input: Tensor, other: Tensor) -> "bool":
    return input.equal(other)


def argmax(input: Tensor, dim: "int | None" = None, keepdim: "bool" = False) -> Tensor:
    return input.argmax(dim, keepdim)


def argmin(input: Tensor, dim: "int | None" = None, keepdim: "bool" = False) -> Tensor:
    return input.argmin(dim, keepdim)


def all(input: Tensor, dim: "int | tuple[int, ...] | None" = None,  # noqa: A001
        keepdim: "bool" = False) -> Tensor:
    return input.all(dim, keepdim)


def any(input: Tensor, dim: "int | tuple[int, ...] | None" = None,  # noqa: A001
        keepdim: "bool" = False) -> Tensor:
    return input.any(dim, keepdim)


def set_num_threads(n: "int") -> None:
    """Accepted for compatibility; numpy's BLAS decides its own threads."""


def get_num_threads() -> "int":
    return 1


# Tensor's operators give way (NotImplemented) to an operand they cannot take, as PyTorch's do:
# t + [1.0] then fails in Python's words, t == None is False, t + array is numpy's. (Before
# fast_paths, whose leaner + and * give way too.)
from .breadth import operators as _operators  # noqa: E402

_operators.install(Tensor)

# Speed and parity overrides of the reading path (see overrides.py).
from . import accelerator, backends, cuda, fast_paths, linalg, profiler  # noqa: E402
from .autograd import node_call  # noqa: E402,F401 - y.grad_fn(grad)

fast_paths.install_breadth()

# NumPy's `axis=`/`keepdims=` wherever a function takes `dim`/`keepdim`, as PyTorch's parser does.
from .breadth import numpy_keywords as _numpy_keywords  # noqa: E402

_numpy_keywords.install(_sys.modules[__name__], Tensor)

# out= on the functions PyTorch's tutorials call with it (torch.matmul(a, b, out=c)...).
from .breadth import out as _out  # noqa: E402

_out.install(_sys.modules[__name__])

# PyTorch's TypeError for a list, a numpy array or a number where a torch.* function takes a
# tensor (torch.exp([1.0]), torch.matmul(array, w)): checked when the function fails.
from .breadth import tensor_arguments as _tensor_arguments  # noqa: E402

_tensor_arguments.install(_sys.modules[__name__])

# torch.reshape(x, shape): its sizes ints, not floats (x.reshape, x.view... in _tensor_methods).
from .breadth import factory_arguments as _factory_arguments  # noqa: E402

_factory_arguments.install(_sys.modules[__name__])

# PyTorch's TypeError for a call without an argument it requires (x.softmax(), x.gather(0)).
from .breadth import missing_arguments as _missing_arguments  # noqa: E402

_missing_arguments.install(_sys.modules[__name__])

# PyTorch's TypeError for a bool or a float where it takes an int (x.flatten(True)).
from .breadth import int_arguments as _int_arguments  # noqa: E402

_int_arguments.install(_sys.modules[__name__])

# ... and for the dim of a method of several overloads (x.sum(True), x.max(1.0)).
from .breadth import overloads as _overloads  # noqa: E402

_overloads.install(_sys.modules[__name__])

# Speed overrides of Tensor's methods that sit outside the layers above (fast_paths.py).
fast_paths.install_methods()

# Loaded last: it builds on the tensor creation functions above (torch.autograd.functional).
from .autograd import functional as _functional  # noqa: E402, F401

# Hooks that attach themselves to the graph from outside (autograd.graph.saved_tensors_hooks,
# grad_fn._raw_saved_*, autograd.graph.register_multi_grad_hook).
from .autograd import saved_hooks as _saved_hooks  # noqa: E402, F401

# nn, optim, utils and torch.save/load are loaded on first use (PEP 562's module __getattr__):
# `import minigrad` then costs the tensor and autograd only, and `torch.nn`, `from minigrad
# import nn` and `import minigrad.nn` work as before. (viz is imported by name only: it needs
# graphviz, while minigrad itself needs only numpy.)
_ON_FIRST_USE = {"nn": "nn", "optim": "optim", "utils": "utils", "serialization": "serialization",
                 "load": "serialization", "save": "serialization"}


def __getattr__(name: "str") -> object:
    if name not in _ON_FIRST_USE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = _importlib.import_module(f".{_ON_FIRST_USE[name]}", __name__)
    value = module if name == _ON_FIRST_USE[name] else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> "list[str]":
    return sorted({*globals(), *_ON_FIRST_USE})
