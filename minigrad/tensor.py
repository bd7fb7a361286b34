"""Tensor: a numpy array plus what autograd needs to know about it.

    data            the numbers (a numpy array; views share memory, as in PyTorch)
    requires_grad   whether gradients should flow to this tensor
    grad_fn         the node that made it (None for leaves: tensors the user created)
    grad            where backward() accumulates d(output)/d(this), for leaves
    _version        bumped by every in-place change, so stale saved tensors are caught

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x ** 2 + 3 * x
    >>> y.backward()
    >>> x.grad
    tensor(7.)

Operations live in minigrad/ops (one class per grad_fn); this file gives them their
PyTorch method and operator names.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _device, _dtype
from ._printing import format_tensor
from ._size import Size, bracketed
from .autograd import api as _api
from .autograd.grad_mode import is_grad_enabled
from .autograd.graph import AccumulateGrad, RemovableHandle, SavedTensor, forward_name
from .breadth import (
    activations,
    comparison,
    indexing,
    join,
    math_functions,
    product,
    rearrange,
    rounding,
    selection,
    sorting,
    statistics,
)
from .breadth import diagonal as diagonals
from .breadth import gather as gathering
from .breadth import softmax as softmaxes
from .ops import arithmetic, reduction, unary
from .ops import dims as dim_helpers
from .ops import matmul as products
from .ops import shape as shapes

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information."
)
# What creating an integer tensor that requires grad raises (torch.tensor(..., requires_grad=True),
# nn.Parameter); setting the flag on an existing one words it differently, as in PyTorch.
NEW_INTEGER_REQUIRES_GRAD_ERROR = (
    "Only Tensors of floating point and complex dtype can require gradients")
_NON_LEAF_FLAG_ERROR = "you can only change requires_grad flags of leaf variables."
_NON_LEAF_FLAG_HINT = (" If you want to use a computed variable in a subgraph that doesn't require "
                       "differentiation use var_no_grad = var.detach().")
NO_GRAD_VIEW_INPLACE_ERROR = (
    "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
    "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify "
    "your code by moving both the view and the inplace either both inside the no_grad block "
    "(if you don't want the inplace to be tracked) or both outside (if you want the inplace to "
    "be tracked)."
)
_warned_T = False


def _multi_output_view_error(view: Tensor) -> str:
    """PyTorch's refusal to change in place a piece of split/unbind (or a view of one)."""
    if view.grad_fn is None:
        header = ("A view was created in no_grad mode and is being modified inplace with grad "
                  "mode enabled.")
    else:
        header = (f"Output {view._output_nr} of {forward_name(view.grad_fn)} is a view and is "
                  "being modified inplace.")
    return (f"{header} This view is the output of a function that returns multiple views. "
            "Such functions do not allow the output views to be modified inplace. You should "
            "replace the inplace operation by an out-of-place one.")


class _VersionCounter:
    """Shared by a tensor and its views/detached aliases: counts in-place changes."""

    # A class default rather than an __init__: every tensor gets a counter, and creating one
    # then runs no Python code at all.
    value = 0

    def bump(self) -> None:
        self.value += 1


def _new_like(creator: str) -> Callable:
    """Tensor.new_zeros, .new_ones...: torch.zeros etc. with this tensor's dtype by default."""

    def new(self: Tensor, *args: Any, dtype: _dtype.dtype | None = None, device: Any = None,
            requires_grad: bool = False, **kwargs: Any) -> Tensor:
        from . import creation  # (creation.py builds on this module: imported when first used)

        return getattr(creation, creator)(*args, dtype=dtype or self.dtype,
                                          requires_grad=requires_grad, **kwargs)

    new.__name__ = f"new_{creator}"
    return new


def _conversion(dtype: _dtype.dtype) -> Callable:
    """Tensor.float(), .double()...: this tensor as `dtype` (itself if it already is)."""

    def convert(self: Tensor) -> Tensor:
        return self.to(dtype)

    convert.__name__ = {"float32": "float", "float64": "double", "float16": "half",
                        "int64": "long", "int32": "int"}.get(dtype.name, dtype.name)
    return convert


class Tensor:
    __slots__ = ("_data", "_requires_grad", "_grad", "grad_fn", "_version_counter",
                 "__weakref__", "__dict__")
    # Make numpy defer to Tensor's reflected operators (ndarray * tensor -> Tensor.__rmul__).
    __array_priority__ = 1000
    # What only some tensors have is a class default, stored in the instance __dict__ when
    # set: every operation makes a tensor, and each attribute it need not set saves time.
    _output_nr = 0  # which output of its grad_fn it is (unbind, custom Functions)
    _grad_accumulator = None  # a leaf's AccumulateGrad, weakly held, while a graph uses it
    _backward_hooks = None  # a leaf's register_hook hooks
    _retains_grad = False

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def _make(cls, data: Any, requires_grad: bool = False, grad_fn: Any = None,
              version_counter: _VersionCounter | None = None) -> Tensor:
        """Wrap a numpy array (the fast internal constructor every op uses)."""
        t = object.__new__(cls)
        t._data = data if type(data) is np.ndarray else np.asarray(data)
        t._requires_grad = requires_grad
        t._grad = None
        t.grad_fn = grad_fn
        t._version_counter = version_counter or _VersionCounter()
        return t

    @staticmethod
    def _make_subclass(cls: type, data: Tensor, require_grad: bool = False) -> Tensor:
        """A leaf of type `cls` sharing `data`'s memory (how nn.Parameter is built)."""
        if require_grad and data._data.dtype.kind != "f":
            raise RuntimeError(NEW_INTEGER_REQUIRES_GRAD_ERROR)
        t = Tensor._make.__func__(cls, data._data, version_counter=data._version_counter)
        t.requires_grad_(require_grad)
        return t

    def __new__(cls, *args: Any) -> Tensor:
        # minigrad.Tensor([1, 2]) / minigrad.Tensor(2, 3), PyTorch's legacy constructor
        if len(args) == 1 and not isinstance(args[0], int):
            return cls._make(np.asarray(args[0], dtype=np.float32))
        return cls._make(np.zeros(args, dtype=np.float32))

    # ---- autograd attributes ------------------------------------------------------------
    @property
    def requires_grad(self) -> bool:
        return self._requires_grad or self.grad_fn is not None

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self.grad_fn is not None:
            raise RuntimeError(_NON_LEAF_FLAG_ERROR + ("" if value else _NON_LEAF_FLAG_HINT))
        if value and not self.dtype.is_floating_point:
            raise RuntimeError(
                "only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if self.grad_fn is not None:
            if requires_grad:
                return self  # already requires grad
            raise RuntimeError(_NON_LEAF_FLAG_ERROR + _NON_LEAF_FLAG_HINT)
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self.requires_grad = requires_grad
        return self

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        if self.grad_fn is not None and not self._retains_grad:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}")
            if value.shape != self.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{bracketed(value.shape)}'"
                    f" to a tensor of size '{bracketed(self.shape)}'. Please ensure "
                    "that the gradient and the tensor are the same size")
            if value.dtype is not self.dtype:
                raise RuntimeError(
                    "attempting to assign a gradient with dtype "
                    f"'{_dtype.c_type_name(value.dtype)}' to a tensor with grad_dtype "
                    f"'{_dtype.message_name(self.dtype)}'. The gradient must match the tensor's "
                    "grad_dtype (defaults to the tensor's dtype). You can set the "
                    "tensor's grad_dtype attribute with a specific dtype, or None to allow any "
                    "dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its "
                    "gradient may break downstream systems that assume they match.")
        self._grad = value

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in .grad during backward."""
        if not self.requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        self._retains_grad = True
        self.grad_fn._get_hooks().retains_grad = weakref.ref(self)

    def register_hook(self, hook: Callable) -> RemovableHandle:
        """hook(grad) runs when this tensor's gradient is computed; it may return a new one."""
        if not self.requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            hooks = self.grad_fn._get_hooks().tensor_pre
        else:
            if self._backward_hooks is None:
                self._backward_hooks = []
            hooks = self._backward_hooks
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def _edge(self) -> tuple:
        """Where a gradient for this tensor goes: its grad_fn, or its leaf's AccumulateGrad."""
        if self.grad_fn is not None:
            return (self.grad_fn, self._output_nr)
        if not self._requires_grad or (self.__dict__ and "_view_made_in_no_grad" in self.__dict__):
            return (None, 0)  # a view made under no_grad requires grad but gathers none
        # One AccumulateGrad per leaf while any graph uses it (weakly held, as in PyTorch).
        node = self._grad_accumulator and self._grad_accumulator()
        if node is None:
            node = AccumulateGrad(self)
            self._grad_accumulator = weakref.ref(node)
        return (node, 0)

    def backward(self, gradient: Tensor | None = None, retain_graph: bool | None = None,
                 create_graph: bool = False, inputs: Any = None) -> None:
        """Accumulate d(self)/d(leaf) into every leaf's .grad (see autograd/engine.py)."""
        _api.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def type_as(self, other: Tensor) -> Tensor:
        """This tensor in `other`'s dtype."""
        return self.to(other.dtype)

    def is_inference(self) -> bool:
        """Whether it was made inside inference_mode (and so may not be saved for backward)."""
        return bool(self.__dict__ and self.__dict__.get("_inference"))

    def detach(self) -> Tensor:
        """The same data (shared memory and version counter), cut off from the graph."""
        return Tensor._make(self._data, version_counter=self._version_counter)

    def detach_(self) -> Tensor:
        if getattr(self.grad_fn, "is_view", False):
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using "
                "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set "
                "as True, gradients are views of DDP buckets, and hence detach_() cannot be "
                "called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> Tensor:
        # Shares memory but NOT the version counter: changes through .data go unnoticed by
        # autograd, which is why PyTorch recommends detach() instead.
        return Tensor._make(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data

    @property
    def _version(self) -> int:
        return self._version_counter.value

    # ---- in-place operations ------------------------------------------------------------
    def _check_inplace(self, *others: Any) -> None:
        """PyTorch's refusals of an in-place change of self (others: the op's other operands)."""
        if not is_grad_enabled():
            return  # under no_grad, parameters may be updated in place
        view_of = self.__dict__.get("_view_of") if self.__dict__ else None
        if view_of is not None and self.__dict__.get("_view_made_in_no_grad") and (
                view_of[0].requires_grad
                or any(isinstance(t, Tensor) and t.requires_grad for t in others)):
            raise RuntimeError(NO_GRAD_VIEW_INPLACE_ERROR)
        if self.__dict__ and self.__dict__.get("_multi_output_view") and (
                self.requires_grad or any(isinstance(t, Tensor) and t.requires_grad
                                          for t in others)):
            raise RuntimeError(_multi_output_view_error(self))
        if self.grad_fn is None and self._requires_grad:
            raise RuntimeError(
                "a leaf Variable that requires grad is being used in an in-place operation.")
        if view_of is not None and view_of[0].is_leaf and view_of[0].requires_grad:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                               "in-place operation.")

    def _inplace(self, result: Tensor) -> Tensor:
        """Write an out-of-place result into self; self takes over its grad_fn."""
        self._check_inplace(result)
        if result._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {bracketed(self.shape)} doesn't match the "
                f"broadcast shape {bracketed(result.shape)}")
        if not np.can_cast(result._data.dtype, self._data.dtype, "same_kind"):
            raise RuntimeError(
                f"result type {_dtype.message_name(result.dtype)} can't be cast to the desired "
                f"output type {_dtype.message_name(self.dtype)}")
        node = result.grad_fn
        if node is not None and getattr(node, "_saved", None):
            # The op may have saved self, whose old value is about to be overwritten: keep a
            # copy instead (PyTorch's "original self"), with the same place in the graph.
            node._saved = tuple(s if type(s) is not SavedTensor or s.tensor is not self else
                                SavedTensor(self._snapshot()) for s in node._saved)
        np.copyto(self._data, result._data, casting="unsafe")
        self._version_counter.bump()
        if node is not None:
            self._take_history(result)
        return self

    def _take_history(self, result: Tensor) -> None:
        """Self now holds `result`'s values, so it takes over result's place in the graph."""
        view_of = self.__dict__.get("_view_of") if self.__dict__ else None
        if view_of is None:
            self.grad_fn = result.grad_fn
        else:  # self is a view: its base changed too (see indexing.CopySlices)
            base, chain = view_of
            indexing.rebase_history(base, chain, result.grad_fn)
            self.grad_fn = indexing.view_history(base, chain)

    def _snapshot(self) -> Tensor:
        """A copy of the data that sits where self sits in the graph."""
        return Tensor._make(self._data.copy(), self._requires_grad, self.grad_fn)

    def _record_inplace(self, op: type, *inputs: Any) -> None:
        """Record an in-place op whose write already happened (fill_, zero_, copy_)."""
        if is_grad_enabled() and any(t is not None and t.requires_grad for t in inputs):
            self._take_history(op.apply(*inputs))

    def add_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        if (not is_grad_enabled() and isinstance(other, Tensor) and self._data.dtype.kind == "f"
                and other._data.dtype == self._data.dtype
                and other._data.shape == self._data.shape):
            # Nothing to record (an optimizer's update, say): add straight into the data rather
            # than build the out-of-place result and copy it back, a third of the memory traffic.
            np.add(self._data, other._data if alpha == 1 else alpha * other._data, out=self._data)
            self._version_counter.bump()
            return self
        return self._inplace(arithmetic.add(self, other, alpha=alpha))

    def sub_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        return self._inplace(arithmetic.sub(self, other, alpha=alpha))

    def mul_(self, other: Any) -> Tensor:
        return self._inplace(arithmetic.mul(self, other))

    def div_(self, other: Any, *, rounding_mode: str | None = None) -> Tensor:
        return self._inplace(rounding.div(self, other, rounding_mode=rounding_mode))

    def floor_divide_(self, other: Any) -> Tensor:
        return self._inplace(rounding.floor_divide(self, other))

    def remainder_(self, other: Any) -> Tensor:
        return self._inplace(rounding.remainder(self, other))

    def fmod_(self, other: Any) -> Tensor:
        return self._inplace(rounding.fmod(self, other))

    def scatter_add_(self, dim: int, index: Tensor, src: Tensor) -> Tensor:
        return self._inplace(gathering.scatter_add(self, dim, index, src))

    def scatter_(self, dim: int, index: Tensor, src: Any = None, *, value: Any = None) -> Tensor:
        return self._inplace(gathering.scatter(self, dim, index, src, value=value))

    def index_add_(self, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
        return self._inplace(gathering.index_add(self, dim, index, source, alpha=alpha))

    def clamp_min_(self, min: Any) -> Tensor:  # noqa: A002
        return self._inplace(unary.clamp_min(self, min))

    def clamp_max_(self, max: Any) -> Tensor:  # noqa: A002
        return self._inplace(unary.clamp_max(self, max))

    def tril_(self, diagonal: int = 0) -> Tensor:
        return self._inplace(selection.tril(self, diagonal))

    def triu_(self, diagonal: int = 0) -> Tensor:
        return self._inplace(selection.triu(self, diagonal))

    def pow_(self, exponent: Any) -> Tensor:
        return self._inplace(arithmetic.pow(self, exponent))

    def exp_(self) -> Tensor:
        return self._inplace(unary.exp(self))

    def clamp_(self, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
        return self._inplace(unary.clamp(self, min, max))

    def relu_(self) -> Tensor:
        return self._inplace(unary.relu(self))

    def neg_(self) -> Tensor:
        return self._inplace(arithmetic.neg(self))

    def zero_(self) -> Tensor:
        return self._fill(0, shapes.ZeroBackward0)

    def fill_(self, value: Any) -> Tensor:
        if isinstance(value, Tensor):
            return self._fill(value, shapes.FillBackward3, value)
        return self._fill(value, shapes.FillBackward2)

    def _fill(self, value: Any, op: type, *more_inputs: Tensor) -> Tensor:
        self._check_inplace(*more_inputs)
        self._record_inplace(op, self, *more_inputs)
        self._data[...] = value._data if isinstance(value, Tensor) else \
            _dtype.number_as(value, self._data.dtype, checked=True)
        self._version_counter.bump()
        return self

    def copy_(self, src: Tensor) -> Tensor:
        self._check_inplace(src)
        src = src if isinstance(src, Tensor) else Tensor._make(np.asarray(src))
        arithmetic.check_broadcast(self, src)
        np.copyto(self._data, np.broadcast_to(src._data, self._data.shape), casting="unsafe")
        self._record_inplace(shapes.CopyBackwards, self, src)
        self._version_counter.bump()
        return self

    def __setitem__(self, key: Any, value: Any) -> None:
        indexing.setitem(self, key, value)

    # ---- conversion and inspection ------------------------------------------------------
    @property
    def dtype(self) -> _dtype.dtype:
        return _dtype.from_numpy(self._data.dtype)

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None) -> Size | int:
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[shapes.normalize_dim(dim, self.ndim)]

    def dim(self) -> int:
        return self._data.ndim

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    def element_size(self) -> int:
        return self._data.itemsize

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

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._data if dtype is None else self._data.astype(dtype)

    def to(self, *args: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        """This tensor in another dtype (a dtype, or another tensor's); devices other than the
        CPU raise as in a PyTorch built without CUDA."""
        _device.check_device(kwargs.get("device"))
        for a in args:
            if isinstance(a, _dtype.dtype):
                dtype = a
            elif isinstance(a, Tensor):
                dtype = a.dtype
            else:
                _device.check_device(a)
        return self if dtype is None else shapes.to_dtype(self, dtype)

    def type(self, dtype: Any = None) -> Any:
        if dtype is None:
            return f"minigrad.{_dtype.message_name(self.dtype)}Tensor"
        return self.to(dtype)

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
        grad_fn = self.grad_fn
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
            raise RuntimeError(
                "Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data)

    def _python_scalar(self) -> Any:
        if self.requires_grad:
            warnings.warn("Converting a tensor with requires_grad=True to a scalar may lead to "
                          "unexpected behavior.\nConsider using tensor.detach() first.",
                          UserWarning, stacklevel=3)
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self) -> float:
        return float(self._python_scalar())

    def __int__(self) -> int:
        return int(self._python_scalar())

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __hash__(self) -> int:
        return id(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (_rebuild, (self._data.copy(), self._requires_grad))

    def __deepcopy__(self, memo: dict) -> Tensor:
        if self.grad_fn is not None:
            raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) "
                               "support the deepcopy protocol at the moment.  If you were "
                               "attempting to deepcopy a module, this may be because of a "
                               "torch.nn.utils.weight_norm usage, see "
                               "https://github.com/pytorch/pytorch/pull/103001")
        new = type(self)._make(self._data.copy()) if type(self) is Tensor else \
            Tensor._make_subclass(type(self), Tensor._make(self._data.copy()), self.requires_grad)
        new._requires_grad = self._requires_grad
        if self._grad is not None:
            new._grad = self._grad.__deepcopy__(memo)
        memo[id(self)] = new
        return new

    # ---- operators (minigrad/ops) -------------------------------------------------------
    # Each operator is the method of the same name (x + y is x.add(y)).
    add = __add__ = __radd__ = arithmetic.add
    sub = subtract = __sub__ = arithmetic.sub
    __rsub__ = arithmetic.rsub
    mul = multiply = __mul__ = __rmul__ = arithmetic.mul
    div = divide = rounding.div
    true_divide = __truediv__ = arithmetic.div
    __rtruediv__ = arithmetic.rdiv
    floor_divide = __floordiv__ = rounding.floor_divide
    __rfloordiv__ = rounding.rfloordiv
    remainder = __mod__ = rounding.remainder
    __rmod__ = rounding.rmod
    fmod = rounding.fmod
    pow = __pow__ = arithmetic.pow
    neg = negative = __neg__ = arithmetic.neg
    matmul = __matmul__ = products.matmul
    eq = __eq__ = comparison.eq
    ne = __ne__ = comparison.ne
    lt = __lt__ = comparison.lt
    le = __le__ = comparison.le
    gt = __gt__ = comparison.gt
    ge = __ge__ = comparison.ge
    __and__ = __rand__ = comparison.logical_and
    __or__ = __ror__ = comparison.logical_or
    __xor__ = comparison.logical_xor
    __invert__ = comparison.bitwise_not
    __getitem__ = indexing.getitem

    def __rpow__(self, base: Any) -> Tensor:
        return arithmetic.pow(base, self)

    def __rmatmul__(self, other: Any) -> Tensor:
        return products.matmul(other, self)

    def __iadd__(self, other: Any) -> Tensor:
        return self.add_(other)

    def __isub__(self, other: Any) -> Tensor:
        return self.sub_(other)

    def __imul__(self, other: Any) -> Tensor:
        return self.mul_(other)

    def __itruediv__(self, other: Any) -> Tensor:
        return self.div_(other)

    def __ifloordiv__(self, other: Any) -> Tensor:
        return self.floor_divide_(other)

    def __imod__(self, other: Any) -> Tensor:
        return self.remainder_(other)

    def __abs__(self) -> Tensor:
        return unary.abs(self)

    def __pos__(self) -> Tensor:
        return self

    reciprocal = arithmetic.reciprocal
    square = arithmetic.square
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
    xlogy = math_functions.xlogy
    diagonal = diagonals.diagonal
    diag = diagonals.diag
    trace = diagonals.trace
    relu = unary.relu
    abs = unary.abs
    sign = unary.sign
    round = unary.round
    floor = unary.floor
    ceil = unary.ceil
    trunc = unary.trunc
    clamp = clip = unary.clamp
    clamp_min = unary.clamp_min
    clamp_max = unary.clamp_max
    sum = reduction.sum
    mean = reduction.mean
    amax = reduction.amax
    amin = reduction.amin
    logsumexp = reduction.logsumexp
    cumsum = reduction.cumsum
    prod = product.prod
    gather = gathering.gather
    scatter_add = gathering.scatter_add
    scatter = gathering.scatter
    sort = sorting.sort
    argsort = sorting.argsort
    topk = sorting.topk
    index_select = gathering.index_select
    index_add = gathering.index_add
    masked_select = selection.masked_select
    tril = selection.tril
    triu = selection.triu
    nonzero = selection.nonzero
    outer = products.outer
    repeat = rearrange.repeat
    tile = rearrange.tile
    roll = rearrange.roll
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
    max = reduction.max
    min = reduction.min
    maximum = selection.maximum
    minimum = selection.minimum
    mm = products.mm
    mv = products.mv
    bmm = products.bmm
    dot = products.dot
    view = shapes.view
    reshape = shapes.reshape
    flatten = shapes.flatten
    expand = shapes.expand
    transpose = shapes.transpose
    t = shapes.t
    permute = shapes.permute
    flip = shapes.flip
    squeeze = shapes.squeeze
    unsqueeze = shapes.unsqueeze
    clone = shapes.clone
    contiguous = shapes.contiguous
    split = join.split
    unbind = join.unbind
    softmax = softmaxes.softmax
    log_softmax = softmaxes.log_softmax
    logical_not = comparison.logical_not

    masked_fill = selection.masked_fill

    def masked_fill_(self, mask: Tensor, value: Any) -> Tensor:
        return self._inplace(selection.masked_fill(self, mask, value))

    def sum_to_size(self, *size: Any) -> Tensor:
        from .ops.formulas import sum_to_size

        target = tuple(size[0]) if len(size) == 1 and not isinstance(size[0], int) else size
        return sum_to_size(self, target) if self.shape != target else self

    def view_as(self, other: Tensor) -> Tensor:
        return self.view(other.shape)

    def reshape_as(self, other: Tensor) -> Tensor:
        return self.reshape(other.shape)

    def expand_as(self, other: Tensor) -> Tensor:
        return self.expand(other.shape)

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        if dim is None:
            return self._over_all_elements(np.argmax, keepdim)
        return self.max(dim, keepdim).indices

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
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
        from .creation import COPY_CONSTRUCT_WARNING, tensor

        if isinstance(data, Tensor):
            warnings.warn(COPY_CONSTRUCT_WARNING.format("tensor.new_tensor"), UserWarning,
                          stacklevel=2)
            data = data._data
        return tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def isclose(self, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08,
                equal_nan: bool = False) -> Tensor:
        """|self - other| <= atol + rtol * |other|, element by element (a bool tensor)."""
        if self._data.dtype != other._data.dtype:
            raise RuntimeError(f"{_dtype.message_name(self.dtype)} did not match "
                               f"{_dtype.message_name(other.dtype)}")
        return Tensor._make(np.isclose(self._data, other._data, rtol=rtol, atol=atol,
                                       equal_nan=equal_nan))

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
        global _warned_T
        if self.ndim != 2 and not _warned_T:
            _warned_T = True
            warnings.warn(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                "to reverse the dimensions of a tensor.", UserWarning, stacklevel=2)
        return self.permute(*range(self.ndim - 1, -1, -1))

    @property
    def mT(self) -> Tensor:  # noqa: N802
        return self.transpose(-2, -1)


def _rebuild(data: np.ndarray, requires_grad: bool) -> Tensor:
    return Tensor._make(data, requires_grad=requires_grad)
