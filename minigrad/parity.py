"""PyTorch's corner cases: where PyTorch records or computes differently from the plain way.

The reading path computes what PyTorch computes; PyTorch's own code has a few more branches,
visible in what it records or in the last bit of a result. Each is written here, attached to
the reading path's op or function it refines (overrides.py keeps the plain version, and
tests/test_overrides.py checks both agree away from the corner):

- torch.rsub(x, y, alpha) records RsubBackward0 (edges in argument order);
- nodes that PyTorch's C++ code records for a Python number: `2 - x` (RsubBackward1), and
  tensor * or / a number inside cross_entropy (MulBackward1, DivBackward1), + or - a number
  inside the margin losses and pairwise_distance (AddBackward1, SubBackward1);
- x.sum() records SumBackward0, x.sum(dim=None) SumBackward1 (mean likewise);
- x.squeeze(dims) of a tuple of dims records SqueezeBackward2 (one dim: SqueezeBackward1);
- x ** 0.5 and x ** -0.5 are computed as square roots, so (-0.0) ** -0.5 is -inf; the
  gradient of x ** 0 is 0 even where x ** -1 is inf;
- a second derivative through relu records ThresholdBackwardBackward0, through tanh and
  sigmoid TanhBackwardBackward0 and SigmoidBackwardBackward0 (tanh's rounding 1 - y*y once);
- where a backward formula multiplies or divides by a number, PyTorch's C++ formula holds a
  Scalar: pow's, sqrt's and `2 ** x`'s gradients record MulBackward1, mean's DivBackward1,
  and abs's multiplies by x.sgn() (SgnBackward0), clamp's picks with where (WhereBackward0),
  seen under create_graph;
- softmax's and log_softmax's gradients under create_graph are one node each,
  SoftmaxBackwardDataBackward0 and LogSoftmaxBackwardDataBackward0, differentiated by
  PyTorch's formulas;
- an op's result made in inference_mode is an inference tensor; an inference tensor has no
  version counter to read: its `_version` raises.
- `del t.grad` clears the gradient, as `t.grad = None` does; `t.data = ...` takes tensors only,
  and a floating one where t requires grad.
- `add(x, y, alpha=a)` and `sub` with an alpha are one fused multiply-add (breadth/fused.py);
- reshape views a non-contiguous tensor where its strides allow (ReshapeAliasBackward0);
- a zero-dim tensor of a wider float type beside one with dims is cast to the narrower type
  without a node in the graph (the reading path records its cast, ToCopyBackward0).
- a grad-mode decorator (`@torch.no_grad()`) on a generator function runs each step of the
  generator in its mode, not only the call that makes the generator; on a class it warns;
- set_grad_enabled takes a bool only (a function is refused, not decorated), and prints
  as PyTorch prints it;
- a broadcast input's gradient is summed back by sum() to a 0-d shape (SumBackward0), else
  with keepdim and then viewed (SumBackward1, ViewBackward0), as PyTorch's sum_to does;
- under create_graph, a leaf's first gradient is a copy into a new tensor: CopyBackwards,
  whose first input (that new tensor) has no edge (the reading path clones: CloneBackward0).
- dir() of a graph node lists PyTorch's names (the node API and saved values), not the
  forward, backward and bookkeeping minigrad's nodes are written with; a node's
  requires_grad is True;
- x.permute() with a dim named twice raises PyTorch's RuntimeError;
- an autograd.Function instantiated (old tutorials' `Square()(x)`) warns, and calling the
  instance raises PyTorch's error pointing at the static style (`Square.apply(x)`).

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (2 - x).grad_fn, x.sum(dim=None).grad_fn
    (<RsubBackward1 object at ...>, <SumBackward1 object at ...>)
"""

from __future__ import annotations

import functools
import inspect
import math
import warnings
import weakref
from numbers import Number
from typing import Any

import numpy as np

from . import messages
from .autograd import graph
from .autograd.function import Function, FunctionCtx
from .autograd.grad_mode import _GradModeContext, set_grad_enabled
from .autograd.graph import Node
from .autograd.inference_mode import is_inference_mode_enabled, mark_inference
from .breadth import formulas, fused, softmax
from .breadth.conversion import ToCopyBackward0
from .breadth.filling import CopyBackwards
from .breadth.powers import PowBackward2
from .breadth.selection import where
from .ops import arithmetic, op, reduction, shape, unary
from .ops.arithmetic import AddBackward0, PowBackward0, SubBackward0, promote
from .ops.dims import normalize_dims
from .ops.op import Op, array_or_number, quiet
from .ops.shape import ViewBackward0
from .ops.unary import (
    AbsBackward0,
    ClampBackward1,
    ReluBackward0,
    SigmoidBackward0,
    SqrtBackward0,
    TanhBackward0,
    inside,
)
from .overrides import override
from .tensor import Tensor


class RsubBackward1(Op):
    """number - tensor: the number is not an input of the graph."""

    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, other, alpha=1):
        self.alpha = alpha  # PyTorch's rsub(input, other, alpha) is other - alpha * input
        if alpha != 1:
            return fused.fused_add(np.asarray(other, dtype=a._data.dtype), -alpha, a._data)
        return np.asarray(other - a._data, dtype=a._data.dtype)

    def backward(self, grad):
        return -grad if self.alpha == 1 else grad * -self.alpha


class RsubBackward0(Op):
    """torch.rsub(input, other, alpha=1) of two tensors: other - alpha * input, rounded once,
    its edges in the order of the arguments (input first)."""

    __slots__ = ("alpha",)

    def forward(self, a, b, alpha=1):
        self.alpha = alpha
        return fused.fused_add(np.asarray(b._data, dtype=a._data.dtype), -alpha, a._data)

    def backward(self, grad):
        return (-grad if self.alpha == 1 else grad * -self.alpha), grad


class MulBackward1(Op):
    """tensor * scalar inside PyTorch's own C++ code (cross_entropy's label smoothing): the
    scalar is a parameter of the node, not an input, so it has no edge at all."""

    on_arrays = True
    __slots__ = ("other",)

    def forward(self, a, other):
        self.other = other
        return np.asarray(a._data * other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad * self.other


class DivBackward1(Op):
    """tensor / scalar inside PyTorch's own C++ code (cross_entropy's mean over samples)."""

    on_arrays = True
    __slots__ = ("other",)

    @quiet
    def forward(self, a, other):
        self.other = other
        return np.asarray(a._data / other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad / self.other


def times_number(x: Any, number: Number) -> Any:
    """x * number where PyTorch's C++ formula multiplies by a Scalar (pow's, sqrt's backward):
    recorded as MulBackward1, with no edge for the number; plain numpy on arrays."""
    return MulBackward1.apply(x, other=number) if formulas.is_tensor(x) else x * number


def over_number(x: Any, number: Number) -> Any:
    """x / number where PyTorch's C++ formula divides by a Scalar (mean's backward)."""
    return DivBackward1.apply(x, other=number) if formulas.is_tensor(x) else x / number


class AddBackward1(Op):
    """tensor + number inside PyTorch's own C++ code (pairwise_distance's `+ eps`, the margin
    losses' `+ margin`): the number is a parameter of the node, not an input."""

    on_arrays = True
    __slots__ = ("alpha",)

    def forward(self, a, other):
        self.alpha = 1
        return np.asarray(a._data + other, dtype=a._data.dtype)

    def backward(self, grad):
        return grad


class SubBackward1(AddBackward1):
    """tensor - number inside PyTorch's own C++ code (cosine_embedding_loss's `- margin`)."""

    def forward(self, a, other):
        self.alpha = 1
        return np.asarray(a._data - other, dtype=a._data.dtype)


def add_number(input: Tensor, other: Number) -> Tensor:
    """input + other, in the dtype PyTorch promotes the pair to (an int tensor + 0.5 is float)."""
    return AddBackward1.apply(promote(input, other)[0], other=other)


def sub_number(input: Tensor, other: Number) -> Tensor:
    return SubBackward1.apply(promote(input, other)[0], other=other)


def rsub(input: Any, other: Any, *, alpha: Any = 1) -> Any:
    """other - alpha * input: torch.rsub, and `number - tensor` (Tensor.__rsub__)."""
    messages.check_no_bool_subtraction(other, input)
    messages.check_alpha(input, other, alpha)
    if isinstance(other, (Number, np.generic)):
        (a, _) = promote(input, other)
        return RsubBackward1.apply(a, other=other, alpha=alpha)
    return arithmetic._binary(RsubBackward0, input, other, alpha=alpha)


def _scalar_power(x: np.ndarray, exponent: Any) -> np.ndarray:
    """x ** exponent for a number exponent, as PyTorch's kernel computes it: 0.5 as a square
    root and -0.5 as one over it, so (-0.0) ** -0.5 is -inf (1 / sqrt(-0.0)) and
    (-inf) ** -0.5 is nan, where the general power gives inf and 0; 3 and -2 by
    multiplying, x * x * x and 1 / (x * x), which round differently from numpy's power."""
    if exponent == 0.5:
        return np.sqrt(x)
    if exponent == -0.5:
        return 1 / np.sqrt(x)
    if exponent == 3 and x.dtype.kind == "f":
        return x * x * x
    if exponent == -2 and x.dtype.kind == "f":
        return 1 / (x * x)
    if x.dtype == np.float32 and exponent != 2:
        # PyTorch raises float32 numbers to a Python number's power in double precision and
        # rounds once; numpy's float32 power differs in the last bit for some inputs (for ~20%
        # on machines with AVX-512, where it is Intel's SVML). x ** 2 is exact either way.
        return (x.astype(np.float64) ** exponent).astype(np.float32)
    return x ** exponent


_readable_add, _readable_sub = AddBackward0.forward, SubBackward0.forward


@override(AddBackward0, "forward", "parity")
def _add_fused(self: Any, a: Any, b: Any, alpha: Any = 1) -> np.ndarray:
    """x + alpha * y rounded once, as PyTorch's kernel (a fused multiply-add) rounds it.
    Without alpha there is one rounding anyway: the reading path's forward runs."""
    if alpha == 1:
        return _readable_add(self, a, b)
    self.alpha = alpha
    return fused.fused_add(a._data, alpha, array_or_number(b))


@override(SubBackward0, "forward", "parity")
def _sub_fused(self: Any, a: Any, b: Any, alpha: Any = 1) -> np.ndarray:
    if alpha == 1:
        return _readable_sub(self, a, b)
    self.alpha = alpha
    return fused.fused_add(a._data, -alpha, array_or_number(b))


@override(PowBackward0, "forward", "parity")
@quiet
def pow_forward(self: PowBackward0, a: Any, exponent: Any) -> np.ndarray:
    self.save_for_backward(a)
    self.exponent = exponent
    return np.asarray(_scalar_power(a._data, exponent), dtype=a._data.dtype)


@override(PowBackward0, "backward", "parity")
def pow_backward(self: PowBackward0, grad: Any) -> Any:
    (a,) = self.saved_tensors
    if self.exponent == 0:  # x ** 0 is the constant 1: gradient 0, even where x ** -1 is inf
        return formulas.zeros_like(grad)
    e = self.exponent - 1
    return grad * times_number(a ** e if formulas.is_tensor(a) else _scalar_power(a, e),
                               self.exponent)


@override(PowBackward2, "backward", "parity")
def rpow_backward(self: PowBackward2, grad: Any) -> Any:
    """number ** x: PyTorch multiplies grad by (result * log(number)), that product first."""
    exponent, result = self.saved_tensors
    scale = times_number(result, float(np.log(self.base)))
    if self.base == 0:  # 0**b is 0 or 1 where b >= 0: gradient 0 there, as in PyTorch
        scale = formulas.masked_fill(scale, exponent >= 0, 0)
    return grad * scale


@override(SqrtBackward0, "backward", "parity")
def sqrt_backward(self: SqrtBackward0, grad: Any) -> Any:
    (result,) = self.saved_tensors
    return grad / times_number(result, 2)


@override(ClampBackward1, "backward", "parity")
def clamp_backward(self: ClampBackward1, grad: Any) -> Any:
    """PyTorch picks the gradient with where(inside the bounds, grad, 0): WhereBackward0 under
    create_graph (the reading path's masked_fill gives the same numbers)."""
    (x,) = self.saved_tensors
    zero = Tensor._make(np.zeros((), dtype=grad._data.dtype))
    return where(inside(x, self.min, self.max), grad, zero)


@override(AbsBackward0, "backward", "parity")
def abs_backward(self: AbsBackward0, grad: Any) -> Any:
    """PyTorch multiplies by x.sgn() (sign's complex form), recorded as SgnBackward0."""
    (x,) = self.saved_tensors
    return grad * x.sgn()


@override(reduction.MeanBackward0, "backward", "parity")
def mean_backward(self: reduction.MeanBackward0, grad: Any) -> Any:
    """The count divides as a Scalar in PyTorch's formula: DivBackward1 under create_graph."""
    return over_number(grad.expand(self.self_sym_sizes), self.self_sym_numel or 1)


@override(reduction.MeanBackward1, "backward", "parity")
def mean_dims_backward(self: reduction.MeanBackward1, grad: Any) -> Any:
    axes = reduction.reduced_dims(self.dim, len(self.self_sym_sizes))
    count = math.prod(self.self_sym_sizes[d] for d in axes)
    return over_number(reduction.expand_back(grad, self.self_sym_sizes, axes, self.keepdim),
                       count)


class ThresholdBackwardBackward0(Op):
    """relu's backward as a recorded op (create_graph): grad where relu's output is positive,
    0 elsewhere. It is flat in that output, so its gradient there is zero, but the graph still
    reaches it, as PyTorch's does: a second derivative through relu is 0, not an error."""

    on_arrays = True

    def forward(self, grad, result):
        self.save_for_backward(result)
        return np.where(result._data <= 0, grad._data.dtype.type(0), grad._data)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return formulas.masked_fill(grad, result <= 0, 0), formulas.zeros_like(result)


@override(ReluBackward0, "backward", "parity")
def relu_backward_recorded(self: ReluBackward0, grad: Any) -> Any:
    """With create_graph, relu's gradient is recorded as PyTorch records it."""
    (result,) = self.saved_tensors
    return ThresholdBackwardBackward0.apply(grad, result)


class TanhBackwardBackward0(Op):
    """tanh's backward as a recorded op (create_graph), as PyTorch records it: grad * (1 - y*y)
    with 1 - y*y rounded once, as its kernel (and fast_paths.py's formula without a graph)
    rounds it. Differentiated: with respect to grad, tanh's backward again; with respect to
    the output y, g * (-2 * y * grad)."""

    def forward(self, grad, result):
        self.save_for_backward(grad, result)
        return fused.tanh_backward(grad._data, result._data)

    def backward(self, g):
        grad, result = self.saved_tensors
        return TanhBackwardBackward0.apply(g, result), g * (-2 * result * grad)


class SigmoidBackwardBackward0(Op):
    """sigmoid's backward as a recorded op (create_graph), as PyTorch records it:
    grad * (1 - y) * y. Differentiated: with respect to grad, sigmoid's backward again; with
    respect to the output y, g * grad * (1 - 2y), computed as PyTorch computes it."""

    def forward(self, grad, result):
        self.save_for_backward(grad, result)
        return unary.sigmoid_backward(grad._data, result._data)

    def backward(self, g):
        grad, result = self.saved_tensors
        return SigmoidBackwardBackward0.apply(g, result), g * grad * (-2 * result + 1)


@override(TanhBackward0, "backward", "parity")
def tanh_backward_recorded(self: TanhBackward0, grad: Any) -> Any:
    """With create_graph, tanh's gradient is recorded as PyTorch records it. (These overrides
    are named *_recorded: fused.tanh_backward and unary.sigmoid_backward are the formulas
    on numbers that the recorded ops' forwards compute.)"""
    (result,) = self.saved_tensors
    return TanhBackwardBackward0.apply(grad, result)


@override(SigmoidBackward0, "backward", "parity")
def sigmoid_backward_recorded(self: SigmoidBackward0, grad: Any) -> Any:
    """With create_graph, sigmoid's gradient is recorded as PyTorch records it."""
    (result,) = self.saved_tensors
    return SigmoidBackwardBackward0.apply(grad, result)


class SoftmaxBackwardDataBackward0(Op):
    """softmax's backward as a recorded op (create_graph), as PyTorch records it:
    y * (grad - sum(grad * y)) along dim. Differentiated: with respect to grad, softmax's
    backward again; with respect to the output y, PyTorch's softmax_double_backward."""

    __slots__ = ("dim",)

    def forward(self, grad, result, dim):
        self.dim = dim
        self.save_for_backward(grad, result)
        return softmax.softmax_backward_data(grad._data, result._data, dim)

    def backward(self, g):
        grad, y = self.saved_tensors
        d = self.dim
        d_y = grad * g - (y * grad).sum(d, keepdim=True) * g - grad * (y * g).sum(d, keepdim=True)
        return SoftmaxBackwardDataBackward0.apply(g, y, dim=d), d_y


class LogSoftmaxBackwardDataBackward0(Op):
    """log_softmax's backward as a recorded op (create_graph), as PyTorch records it:
    grad - exp(log_y) * sum(grad) along dim, and differentiates it."""

    __slots__ = ("dim",)

    def forward(self, grad, result, dim):
        self.dim = dim
        self.save_for_backward(grad, result)
        return softmax.log_softmax_backward_data(grad._data, result._data, dim)

    def backward(self, g):
        grad, log_y = self.saved_tensors
        d = self.dim
        return (g - (g * log_y.exp()).sum(d, keepdim=True),
                -grad.sum(d, keepdim=True) * log_y.exp() * g)


@override(softmax.SoftmaxBackward0, "backward", "parity")
def softmax_backward(self: softmax.SoftmaxBackward0, grad: Any) -> Any:
    """With create_graph, softmax's gradient is recorded as PyTorch records it (on arrays,
    where nothing is recorded, the plain formula)."""
    (y,) = self.saved_tensors
    if not formulas.is_tensor(grad):
        return softmax.softmax_backward_data(grad, y, self.dim)
    return SoftmaxBackwardDataBackward0.apply(grad, y, dim=self.dim)


@override(softmax.LogSoftmaxBackward0, "backward", "parity")
def log_softmax_backward(self: softmax.LogSoftmaxBackward0, grad: Any) -> Any:
    (log_y,) = self.saved_tensors
    if not formulas.is_tensor(grad):
        return softmax.log_softmax_backward_data(grad, log_y, self.dim)
    return LogSoftmaxBackwardDataBackward0.apply(grad, log_y, dim=self.dim)


class _AllDims:
    """The default of sum's and mean's dim: not given at all (sum() records SumBackward0;
    sum(dim=None) or sum(dim=()) reduce every dim too, but record SumBackward1)."""

    def __repr__(self) -> str:
        return "None"


_NOT_GIVEN: Any = _AllDims()


def sum(input: Any, dim: Any = _NOT_GIVEN, keepdim: bool = False, *, dtype: Any = None) -> Any:  # noqa: A001
    if dtype is not None:
        input = input.to(dtype)
        if not input.dtype.is_floating_point:  # (x.mean(dtype=torch.long))
            raise RuntimeError(messages.mean_of_integers(input.dtype, "Optional"))
    if dim is not None:
        return reduction.sum(input, None if dim is _NOT_GIVEN else dim, keepdim)
    return reduction.SumBackward1.apply(input, dim=None, keepdim=keepdim)


def mean(input: Any, dim: Any = _NOT_GIVEN, keepdim: bool = False, *,
         dtype: Any = None) -> Any:
    if dtype is not None:
        input = input.to(dtype)
        if not input.dtype.is_floating_point:  # (x.mean(dtype=torch.long))
            raise RuntimeError(messages.mean_of_integers(input.dtype, "Optional"))
    if dim is not None:
        return reduction.mean(input, None if dim is _NOT_GIVEN else dim, keepdim)
    if not input.dtype.is_floating_point:
        raise RuntimeError(messages.mean_of_integers(input.dtype))
    return reduction.MeanBackward1.apply(input, dim=None, keepdim=keepdim)


class SqueezeBackward2(shape.SqueezeBackward1):
    """squeeze(dims): the same view as squeeze(dim)'s, under PyTorch's name for a tuple."""


def squeeze(input: Tensor, dim: Any = None) -> Tensor:
    """torch.squeeze and Tensor.squeeze: ops/shape.py's, but a tuple of dims is named apart."""
    if dim is None or isinstance(dim, (int, np.integer)):
        return shape.squeeze(input, dim)
    return SqueezeBackward2.apply(input, dims=normalize_dims(dim, input.ndim))


_readable_op_apply = vars(Op)["apply"].__func__


@override(Op, "apply", "parity")
@classmethod
def apply_in_inference_mode(cls: type[Op], *inputs: Any, **params: Any) -> Tensor:
    """An op's result made inside inference_mode is an inference tensor (fast_paths.py's
    Op.apply marks it inline)."""
    out = _readable_op_apply(cls, *inputs, **params)
    if out.grad_fn is None and is_inference_mode_enabled():
        mark_inference(out)
    return out


@override(Tensor, "_version", "parity")
@property
def _version(self: Tensor) -> int:
    """PyTorch keeps no version counter for an inference tensor (made in inference_mode)."""
    if self._inference:
        raise RuntimeError("Inference tensors do not track version counter.")
    return self._version_counter.value


_readable_requires_grad = Tensor.requires_grad


@override(Tensor, "requires_grad", "parity")
@_readable_requires_grad.setter
def requires_grad(self: Tensor, value: bool) -> None:
    """An inference tensor may not start requiring grad outside inference_mode (requires_grad_,
    nn.Parameter too): autograd would meet a tensor it kept no record of."""
    if value and self._inference and not is_inference_mode_enabled():
        raise RuntimeError(messages.INFERENCE_TENSOR_REQUIRES_GRAD)
    _readable_requires_grad.fset(self, value)


_readable_grad = Tensor.grad


@override(Tensor, "grad", "parity")
@_readable_grad.deleter
def grad(self: Tensor) -> None:
    """`del t.grad` clears the gradient as `t.grad = None` does: PyTorch allows both, and a
    loop that clears gradients may be written either way."""
    _readable_grad.fset(self, None)


_readable_data = Tensor.data


@override(Tensor, "data", "parity")
@_readable_data.setter
def data(self: Tensor, value: Any) -> None:
    """`w.data = ...` takes a tensor only (a numpy array is refused in PyTorch's words, not
    numpy's AttributeError), and a tensor that requires grad keeps a floating dtype."""
    if not isinstance(value, Tensor):
        kind = type(value)
        name = kind.__qualname__ if kind.__module__ == "builtins" \
            else f"{kind.__module__}.{kind.__qualname__}"
        raise TypeError(f"Variable data has to be a tensor, but got {name}")
    if self.requires_grad and not value.dtype.is_floating_point:
        raise RuntimeError("data set to a tensor that requires gradients must be floating "
                           "point or complex dtype")
    _readable_data.fset(self, value)


_readable_detach = Tensor.detach


@override(Tensor, "detach", "parity")
def detach(self: Tensor) -> Tensor:
    """detach() of an inference tensor is one too (as its views are: autograd/views.py)."""
    out = _readable_detach(self)
    if self._inference:
        out._inference = True
    return out


@override(Node, "metadata", "parity")
@property
def metadata(self: Node) -> dict:
    """A dict of the node's own, for whatever the user wants to keep with it (empty at
    first; PyTorch's anomaly mode, which minigrad does not fill, keeps a traceback there)."""
    store = _metadata.get(self)
    if store is None:
        store = _metadata[self] = {}
    return store


_metadata: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # node -> its metadata

# What dir() of PyTorch's nodes lists beside Python's dunders: a C++ node's methods (and
# AccumulateGrad's variable) and a custom Function's ctx API, each with its saved values
# (_saved_self, _raw_saved_self...). Python-only dunders a C++ node does not have:
_NODE_NAMES = frozenset((
    "_input_metadata", "_register_hook_dict", "_sequence_nr", "_set_sequence_nr", "metadata",
    "name", "next_functions", "register_hook", "register_prehook", "requires_grad",
    "variable"))
_FUNCTION_NODE_NAMES = _NODE_NAMES | frozenset((
    "_raw_saved_tensors", "apply", "dirty_tensors", "mark_dirty", "mark_non_differentiable",
    "materialize_grads", "needs_input_grad", "non_differentiable", "save_for_backward",
    "save_for_forward", "saved_tensors", "set_materialize_grads", "to_save"))
_PYTHON_CLASS_DUNDERS = frozenset(("__slots__", "__annotations__", "__module__",
                                   "__weakref__", "__dict__"))


@override(Node, "__dir__", "parity")
def node_dir(self: Node) -> list:
    """dir(y.grad_fn) lists what PyTorch's node lists (those of its names this node has, and
    its saved values), not the forward, backward and bookkeeping minigrad's nodes are
    written with (ops/op.py and autograd/graph.py show those). A custom Function's node is
    a Python object in PyTorch too: it keeps its __dict__ and what forward set on ctx."""
    custom = isinstance(self, FunctionCtx)
    names = _FUNCTION_NODE_NAMES if custom else _NODE_NAMES
    hidden = {"__slots__", "__annotations__"} if custom else _PYTHON_CLASS_DUNDERS
    set_on_ctx = [n for n in getattr(self, "__dict__", ()) if not hasattr(type(self), n)]
    return sorted(n for n in object.__dir__(self)
                  if (n.startswith("__") and n not in hidden) or n in names
                  or n.startswith(("_saved_", "_raw_saved_")) or (custom and n in set_on_ctx))


_readable_permute = shape.PermuteBackward0.forward


@override(shape.PermuteBackward0, "forward", "parity")
def permute_forward(self: shape.PermuteBackward0, x: Any, dims: tuple) -> np.ndarray:
    """A dim named twice is refused in PyTorch's words (numpy's: "repeated axis")."""
    if len(set(dims)) != len(dims):
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return _readable_permute(self, x, dims)


@override(Node, "requires_grad", "parity")
@property
def node_requires_grad(self: Node) -> bool:
    """A node is in a graph because what it made requires grad: PyTorch's nodes say True."""
    return True


class ReshapeAliasBackward0(ViewBackward0):
    """PyTorch's name for a reshape that views a non-contiguous tensor (x.t().reshape(4, 3),
    a column as a column): the result shares memory and version counter with the input."""


_readable_reshape_strided = shape.reshape_strided


@override(shape, "reshape_strided", "parity")
def reshape_alias(input: Tensor, size: tuple) -> Tensor:
    """A view where numpy's reshape needs no copy (the strides allow it), else the copy."""
    array = input._data
    if array.size and np.may_share_memory(array.reshape(size), array):
        return ReshapeAliasBackward0.apply(input, shape=size)
    return _readable_reshape_strided(input, size)


_readable_binary = arithmetic._binary


@override(arithmetic, "_binary", "parity")
def binary_cast_unrecorded(op: type[Op], a: Any, b: Any, **params: Any) -> Any:
    """float32 vector times a float64 zero-dim tensor that requires grad: PyTorch computes in
    float32 and casts the scalar on the way in, inside the op, so the op's node leads straight
    to the scalar's. The reading path's promote records that cast as a ToCopyBackward0 node;
    here the op's node takes the cast's input as its own, and the gradient the cast's
    backward would have widened is widened by the op's (its input's dtype, reduce_grad)."""
    out = _readable_binary(op, a, b, **params)
    node = out.grad_fn
    if node is None or not (isinstance(a, Tensor) and isinstance(b, Tensor)) \
            or a._data.dtype == b._data.dtype:  # (only two dtypes can need a cast)
        return out
    edges, meta = list(node.next_functions), list(node._input_meta)
    for i, (given, (fn, _)) in enumerate(zip((a, b), edges)):
        if type(fn) is ToCopyBackward0 and not (isinstance(given, Tensor)
                                                and given.grad_fn is fn):
            edges[i], meta[i] = fn.next_functions[0], fn._input_meta[0]
    node.next_functions, node._input_meta = tuple(edges), tuple(meta)
    return out


@override(op, "sum_to_size", "parity")
def sum_to(grad: Tensor, shape: tuple) -> Tensor:
    """A broadcast input's gradient summed back as PyTorch's sum_to records it: to a 0-d
    shape by sum() (SumBackward0); otherwise the dims in front and the stretched ones with
    keepdim (SumBackward1), the dims in front then viewed away (ViewBackward0)."""
    if not shape:
        return grad.sum() if grad.ndim else grad
    lead = grad.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(
        lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] != 1)
    if dims:
        grad = grad.sum(dim=dims, keepdim=True)
    return grad.view(shape) if lead else grad


@override(graph, "recorded_copy", "parity")
def copy_backwards(grad: Tensor) -> Tensor:
    """PyTorch stores a leaf's first gradient under create_graph by copying it into a new,
    empty tensor (`x.grad.grad_fn` is CopyBackwards, with no edge for that new tensor)."""
    return CopyBackwards.apply(None, grad)


_readable_decorate = _GradModeContext._decorate


@override(_GradModeContext, "_decorate", "parity")
def decorate(self: _GradModeContext, func: Any) -> Any:
    """A generator function's call only makes the generator; its body runs at each next(), so
    each step runs in the mode, and the caller's code between steps in its own. A class is
    deprecated: PyTorch warns, and decorates a function that makes an instance."""
    if inspect.isclass(func):
        warnings.warn(messages.DECORATED_CLASS, FutureWarning, stacklevel=3)
        return _readable_decorate(self, lambda *args, **kwargs: func(*args, **kwargs))
    if not inspect.isgeneratorfunction(func):
        return _readable_decorate(self, func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        gen = func(*args, **kwargs)
        sent = None
        while True:
            try:
                with self.clone():
                    item = gen.send(sent)
            except StopIteration as stop:
                return stop.value
            sent = yield item

    return wrapper


@override(set_grad_enabled, "__new__", "parity")
@staticmethod
def set_grad_enabled_new(cls: type, mode: Any) -> set_grad_enabled:
    """Unlike no_grad's, set_grad_enabled's one argument is a mode, never a function to
    decorate (`set_grad_enabled(f)` is refused below, as PyTorch refuses it)."""
    return object.__new__(cls)


_readable_set_grad_enabled = set_grad_enabled.__init__


@override(set_grad_enabled, "__init__", "parity")
def set_grad_enabled_init(self: set_grad_enabled, mode: Any) -> None:
    """PyTorch's C function takes a bool only: 1, None or a function is a TypeError."""
    if type(mode) is not bool:
        raise messages.wrong_argument_type("set_grad_enabled", "enabled", 1, mode, "bool")
    _readable_set_grad_enabled(self, mode)


@override(set_grad_enabled, "__repr__", "parity")
def set_grad_enabled_repr(self: set_grad_enabled) -> str:
    return f"minigrad.autograd.grad_mode.set_grad_enabled(mode={self._mode})"


@override(Function, "__init__", "parity")
def function_instantiated(self: Function, *args: Any, **kwargs: Any) -> None:
    """`Square()` of a Function subclass: its methods are static, so PyTorch warns."""
    warnings.warn(messages.function_instantiated(type(self)), DeprecationWarning, stacklevel=2)


@override(Function, "__call__", "parity")
def legacy_function_call(self: Function, *args: Any, **kwargs: Any) -> None:
    """`Square()(x)`, the pre-0.4 style with a forward on the instance: PyTorch refuses it."""
    raise RuntimeError(messages.LEGACY_FUNCTION_CALL)
