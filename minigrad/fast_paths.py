"""Speed: overrides of the reading path that compute the same numbers with less work.

Each is installed through overrides.override (kind "speed"): the reading path's code stays
the readable default and the oracle, and tests/test_overrides.py runs every program with and
without these and checks that the gradients agree. What they buy: `python -m benchmarks
--readable` against `python -m benchmarks` (figures in benchmarks/README.md).

1. The interpreter's work per operation. Op.apply, the engine's loop over nodes,
   arithmetic's dispatch (_binary) and Tensor's + and * are written again with the calls they
   make inlined (grad mode, requires_grad, _gradient_edge, Tensor._make, call_function,
   _add_to_buffer, add() and the operator's giving way): the same steps in the same order. An
   operation on small tensors is mostly this bookkeeping, not arithmetic.
2. 0-d arithmetic on numpy scalars. numpy computes `a + 0.001` on a 0-d array through its
   general ufunc machinery, ~5x the cost of the same sum on a numpy scalar (and returns a
   scalar anyway): + - * / of 0-d inputs, forward and backward, take their scalars.
3. Backward formulas on numpy arrays. A backward without create_graph records nothing, so
   wrapping every intermediate value of a formula in a Tensor (and running Op.apply for each
   operation of the formula) is wasted work. A formula written with arithmetic only runs
   unchanged on numpy arrays, which support the same operators: `on_arrays(op)` lets it, and
   `on_arrays(op, formula)` gives an op whose formula uses Tensor methods (expand, t,
   masked_fill...) the same formula on arrays. With create_graph the Tensor formula runs.
   Breadth ops say `on_arrays = True` in their class and use breadth/formulas.py's helpers,
   which work on both. The lean backward loop passes the gradients themselves from node to
   node as arrays (Node._apply_arrays), so no Tensor is built around each one; only nodes
   with hooks, anomaly mode and AccumulateGrad (a .grad is a Tensor) see Tensors. Two
   gradients for one input are likewise added as arrays. create_graph takes the readable loop.
4. AccumulateGrad keeps an incoming gradient that nothing else refers to as `.grad` instead
   of copying it (as PyTorch does, judged there by a use count and here by reference counts).
   In the lean backward loop it is handed the array itself (_accumulate_array) and judges
   that, so no Tensor is built to carry the gradient in and none as the probe it is compared
   with: -1.9% of the instructions of micrograd's demo step (6 of its ~39 nodes).
5. A matrix product computes each gradient in its input's memory layout, so the gradient of a
   Linear layer's weight (used transposed) is row-major like the weight: AccumulateGrad and
   the optimizer then run over contiguous memory.
6. x + alpha * y rounded once (add_ with alpha: every SGD step) by numpy's BLAS axpy, which
   uses the CPU's fused multiply-add, instead of breadth/fused.py's emulation in numpy
   (blas.py checks the BLAS against the emulation before trusting it, and each layout it runs;
   a small tensor runs in padded scratch buffers, so a kernel's tail that rounds twice falls
   in the padding): a 16-element add_ takes ~2.2 us on an AVX-512 machine, where the
   emulation took ~10.
7. The max of each row of a batch of few columns (log_softmax's shift, every cross-entropy
   loss) is taken down the columns of a transposed copy, which numpy runs ~5x faster.
8. A gradient summed back over one leading dim (a Linear layer's bias, broadcast over the
   batch) is one numpy sum in _reduce_array, without formulas.sum_to_size's general dim
   bookkeeping around it (~2 us of the ~6 the bias's sum took inside the demo step); with
   relu's masking taking its integer dtype from a table (breadth/formulas.py), -1.1% of the
   demo step's instructions.
9. Plain SGD's update and zero_grad() to None, in optim/fast_paths.py (installed when
   minigrad.optim is first loaded): straight to each parameter's arrays and _grad, without
   the ~10 Python calls per parameter around them (-2.3% of the demo step's instructions).
10. A training step's layers in fewer calls (install_nn, installed when minigrad.nn is
   loaded): nn.Linear on a batch of rows, nn.ReLU, and F.cross_entropy on class indices with
   its defaults record the very nodes the readable code records (TBackward0 and
   AddmmBackward0; ReluBackward0; LogSoftmaxBackward0 and NllLossBackward0), without the
   wrappers and checks that cannot fail in that case; AddmmBackward0's and log_softmax's
   formulas on arrays without the Tensor-or-array tests; the lean loop unpacking an unchanged
   saved tensor and freeing an Op's saved values inline. The MLP 784-256-10 step makes 182
   Python calls instead of 273, micrograd's demo step 528 instead of 662 (benchmarks/README.md,
   session 35).
11. A product (x * y) saving its inputs and running its formula without save_for_product,
   save_for_backward and saved_tensors (5 calls of each product's 9, 8 products in the
   demo step): micrograd's demo step makes 488 Python calls instead of 528, -2.0% of its
   instructions (benchmarks/README.md, session 35b).
12. `x.sum()` and `x.mean()` of a whole tensor, outside the layers that check a method's
   arguments (NumPy's keyword names, the overloads' errors: install_methods, which minigrad
   calls once those are in place): their node straight, without the calls on the way (the
   layers' wrapper, parity.sum, reduction.sum). micrograd's demo step makes 6 `(p * p).sum()`
   and one `.mean()`: 473 Python calls instead of 489, -1.3% of its instructions
   (benchmarks/README.md, session 36).
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import blas, messages
from .autograd import anomaly_mode, engine
from .autograd.grad_mode import _state as _grad_mode
from .autograd.grad_mode import is_grad_enabled, set_grad_enabled
from .autograd.graph import _FREED, AccumulateGrad, Node, SavedTensor, release_saved
from .autograd.graph import _sequence as _node_sequence
from .autograd.inference_mode import mark_inference
from .autograd.views import record_view
from .breadth import addmm, conversion, formulas, fused, softmax
from .ops import arithmetic, matmul, reduction, shape, unary
from .ops.op import Op
from .overrides import override
from .tensor import Tensor, _VersionCounter

_NO_EDGE = (None, 0)
_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
_KEEPS_NOTHING = Node._release_variables  # (AccumulateGrad's: it saves nothing to free)


@override(Op, "apply", "speed")
@classmethod
def _apply_lean(cls: type[Op], *inputs: Any, **params: Any) -> Tensor:
    """Op.apply with its calls inlined (grad mode, requires_grad, _gradient_edge, _init_node,
    Tensor._make), and one pass over the inputs: each one's need of a gradient, edge and
    shape are read together, before forward (which changes none of them)."""
    node = cls.__new__(cls)
    record = False
    if _grad_mode.enabled:
        needs_grad, edges, meta = [], [], []
        for t in inputs:
            if isinstance(t, Tensor):
                fn = t.grad_fn
                if fn is not None:
                    edges.append((fn, t._output_nr))
                    needs_grad.append(True)
                    record = True
                elif t._requires_grad:
                    edges.append(t._gradient_edge())
                    needs_grad.append(True)
                    record = True
                else:
                    edges.append(_NO_EDGE)
                    needs_grad.append(False)
                array = t._data
                meta.append((array.shape, array.dtype))
            else:
                edges.append(_NO_EDGE)
                needs_grad.append(False)
                meta.append(None)
        node.needs_input_grad = tuple(needs_grad) if record else (False,) * len(inputs)
    else:
        node.needs_input_grad = (False,) * len(inputs)
    node._saved = () if record else None
    data = node.forward(*inputs, **params)
    if type(data) is not np.ndarray:
        data = np.asarray(data)
    if record and data.dtype.kind != "f":
        record = False
    out = object.__new__(Tensor)
    out._data = data
    out._requires_grad = False
    out._grad = None
    out._version_counter = inputs[0]._version_counter if cls.is_view else _VersionCounter()
    if record:
        node.next_functions = tuple(edges)  # Node._init_node, inlined
        node._sequence_nr = next(_node_sequence)
        node._hooks = None
        if anomaly_mode._enabled:
            anomaly_mode.record_forward(node)
        node._input_meta = tuple(meta)
        out.grad_fn = node
    else:
        out.grad_fn = None
    if cls.is_view:
        record_view(out, inputs[0], cls, params)
    if record and cls.save_output:
        node._saved += (SavedTensor(out, is_output=True),)
    if not record and _grad_mode.inference:
        mark_inference(out)
    return out


def on_arrays(op: type[Op], formula: Callable | None = None, on_scalars: bool = False) -> None:
    """Run `op`'s backward formula (or `formula`, the same on arrays) on numpy arrays when no
    graph of the backward is recorded. `on_scalars`: a formula of + - * / alone gets 0-d
    arrays as numpy scalars, whose arithmetic numpy runs ~5x cheaper and rounds alike.

    The lean backward loop hands such a node arrays and takes arrays back (_apply_arrays);
    anything else that runs it (the readable loop, autograd.grad) goes through _apply."""

    @override(op, "_apply_arrays", "speed")
    def apply_on_arrays(self: Op, grad_outputs: list) -> tuple:
        saved = self._saved
        if saved is _FREED:
            raise RuntimeError(messages.SECOND_BACKWARD)
        backward = formula or type(self).backward
        grad = grad_outputs[0]
        scalars = on_scalars and not grad.shape
        if scalars:
            grad = grad[()]
        if not saved:  # nothing saved (add, sub, neg, views...): nothing to unpack
            grads = backward(self, grad)
        else:
            # For this call the node's saved values are the arrays: the formula reads them as
            # self.saved_tensors (an Op's) or as self._saved (fast_paths' own, one call less).
            arrays = []
            for s in saved:
                if type(s) is SavedTensor:
                    # SavedTensor.unpack inlined for a tensor unchanged since it was saved:
                    # with grad mode off, unpack returns it as it is (2 calls per saved tensor).
                    t = s.tensor
                    if isinstance(t, Tensor) and t._version_counter.value == s.version:
                        s = t._data
                    else:  # changed in place (unpack raises PyTorch's error), or hooked
                        s = s.unpack(self)._data
                    if scalars and not s.shape:
                        s = s[()]
                arrays.append(s)
            self._saved = tuple(arrays)
            try:
                grads = backward(self, grad)
            finally:
                self._saved = saved
        if type(grads) is not tuple:
            grads = (grads,)
        grad_inputs = []
        for g, needed, meta in zip(grads, self.needs_input_grad, self._input_meta):
            if needed and g is not None:
                if type(g) is not np.ndarray:  # a numpy scalar
                    g = np.asarray(g)
                if g.shape != meta[0] or g.dtype != meta[1]:
                    g = _reduce_array(g, *meta)
                grad_inputs.append(g)
            else:
                grad_inputs.append(None)
        return tuple(grad_inputs)

    @override(op, "_apply", "speed")
    def apply_through_arrays(self: Op, grad_outputs: list) -> tuple:
        if _grad_mode.enabled:  # create_graph: the Tensor formula, recorded
            return Op._apply(self, grad_outputs)
        return tuple(_as_tensors(apply_on_arrays(self, [t._data for t in grad_outputs])))


@override(Node, "_apply_arrays", "speed")
def _apply_arrays_through_tensors(self: Node, grad_outputs: list) -> tuple:
    """Any other node (AccumulateGrad, custom Functions...) in the lean backward loop: its
    gradients wrapped as Tensors for its own _apply, and its results unwrapped."""
    tensors = _as_tensors(grad_outputs)
    grad_outputs.clear()  # the Tensors are now the arrays' only holders (see _unshared)
    return tuple([None if g is None else g._data for g in self._apply(tensors)])


def _as_tensors(arrays: Sequence) -> list:
    return [None if a is None else _as_tensor(a) for a in arrays]


def _as_tensor(array: np.ndarray) -> Tensor:
    """Tensor._make(array), inlined: a gradient carried as a Tensor, with no history."""
    t = object.__new__(Tensor)
    t._data = array
    t._requires_grad = False
    t._grad = None
    t.grad_fn = None
    t._version_counter = _VersionCounter()
    return t


def _reduce_array(grad: Any, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """op.reduce_grad on an array: the input's shape (broadcasting undone) and dtype."""
    if type(grad) is not np.ndarray:  # a numpy scalar, from arithmetic on 0-d arrays
        grad = np.asarray(grad)
    if grad.shape != shape:
        if grad.shape[1:] == shape:
            # One leading dim added (a Linear layer's bias, broadcast over the batch): the one
            # sum formulas.sum_to_size would take, without its ~2 us of Python around it.
            grad = np.add.reduce(grad, axis=0)
        else:
            grad = formulas.sum_to_size(grad, shape)
        if type(grad) is not np.ndarray:  # a sum over every dim gives a numpy scalar too: a
            grad = np.asarray(grad)  # hook's 0-d gradient must be an array (numpy(), mul_)
    return grad if grad.dtype == dtype else grad.astype(dtype)


_readable_binary = arithmetic._binary


@override(arithmetic, "_binary", "speed")
def _binary_lean(op: type[Op], a: Any, b: Any, **params: Any) -> Tensor:
    """arithmetic._binary with its everyday cases checked inline: a floating tensor with a
    Python number, or two tensors of one dtype and shape (nothing to promote or broadcast)."""
    if isinstance(a, Tensor):
        if type(b) is float or type(b) is int:
            if a._data.dtype.kind == "f":
                return op.apply(a, b, **params)
        elif isinstance(b, Tensor):
            x, y = a._data, b._data
            if x.dtype == y.dtype and x.shape == y.shape:
                return op.apply(a, b, **params)
    return _readable_binary(op, a, b, **params)


def _giving_way_lean(op: type[Op]) -> Callable:
    """Tensor's + or * (breadth/operators.py gives them way: NotImplemented for an operand they
    cannot take) calling _binary_lean itself, not through add() or mul() and the wrapper that
    gives way: the hot path of scalar code (the 400-operation chain: 2 calls of 5 fewer)."""

    def operator(a: Any, b: Any) -> Any:
        try:
            return _binary_lean(op, a, b)
        except TypeError:
            return NotImplemented

    return operator


for _name, _op in (("__add__", arithmetic.AddBackward0), ("__radd__", arithmetic.AddBackward0),
                   ("__mul__", arithmetic.MulBackward0), ("__rmul__", arithmetic.MulBackward0)):
    override(Tensor, _name, "speed")(_giving_way_lean(_op))


@override(arithmetic, "array_or_number", "speed")
def _array_or_scalar(x: Any) -> Any:
    """arithmetic.array_or_number(x), but a 0-d array as a numpy scalar: `x + 0.001` on one
    costs numpy ~5x less (and rounds alike), and on a 0-d result numpy returns a scalar anyway."""
    if isinstance(x, Tensor):
        x = x._data
        if not x.shape:
            return x[()]
    return x


# Formulas of plain arithmetic (and reshape/squeeze, which arrays have too) run as written.
for _op in (arithmetic.AddBackward0, arithmetic.SubBackward0, arithmetic.DivBackward0,
            arithmetic.NegBackward0):
    on_arrays(_op, on_scalars=True)
for _op in (arithmetic.PowBackward0, unary.ExpBackward0, unary.LogBackward0, unary.SqrtBackward0,
            matmul.DotBackward0, shape._Reshape,
            shape.UnsqueezeBackward0, shape.CloneBackward0, conversion.ToCopyBackward0):
    on_arrays(_op)


@override(arithmetic.MulBackward0, "forward", "speed")
def _mul_forward(self: Any, a: Any, b: Any) -> Any:
    """a * b with save_for_product and save_for_backward inlined (each input kept for the
    other's gradient, if that one needs it): 3 calls fewer per product (and 2 in _mul, its
    formula below), 8 products in micrograd's demo step."""
    if self._saved is not None:  # recorded
        a_needs_grad, b_needs_grad = self.needs_input_grad
        # (save_for_backward keeps a tensor as a SavedTensor, a number as it is)
        kept_b = (SavedTensor(b) if isinstance(b, Tensor) else b) if a_needs_grad else None
        kept_a = (SavedTensor(a) if isinstance(a, Tensor) else a) if b_needs_grad else None
        self._saved += (kept_b, kept_a)
    return _array_or_scalar(a) * _array_or_scalar(b)


def _mul(self: Any, grad: Any) -> tuple:
    # MulBackward0.backward, reading the unpacked values from self._saved (no saved_tensors).
    b, a = self._saved
    return (grad * b if b is not None else None), (grad * a if a is not None else None)


on_arrays(arithmetic.MulBackward0, _mul, on_scalars=True)


def _tanh(self: Any, grad: np.ndarray) -> np.ndarray:
    (result,) = self._saved
    return fused.tanh_backward(grad, result)


def _sigmoid(self: Any, grad: np.ndarray) -> np.ndarray:
    # The reading path's formula (parity.py replaced SigmoidBackward0.backward, to record it
    # as one node under create_graph).
    (result,) = self._saved
    return unary.sigmoid_backward(grad, result)


def _relu(self: Any, grad: np.ndarray) -> np.ndarray:
    (result,) = self._saved
    return formulas._zero_where(grad, result <= 0)  # masked_fill's with 0, on arrays


def _clamp(self: Any, grad: np.ndarray) -> np.ndarray:
    (x,) = self._saved
    return formulas.masked_fill(grad, ~unary.inside(x, self.min, self.max), 0)


def _sum_all(self: Any, grad: np.ndarray) -> np.ndarray:
    return _expanded(grad, self.self_sym_sizes)


def _mean_all(self: Any, grad: np.ndarray) -> np.ndarray:
    return _expanded(grad / (self.self_sym_numel or 1), self.self_sym_sizes)


def _expanded(value: Any, shape: tuple) -> np.ndarray:
    """np.broadcast_to(value, shape) (a 0-d value), filled in when small: numpy's broadcast_to
    is Python code that costs more than writing a few thousand numbers."""
    if math.prod(shape) > 4096:
        return np.broadcast_to(value, shape)
    out = np.empty(shape, value.dtype)
    out[...] = value
    return out


def _sum_dims(self: Any, grad: np.ndarray) -> np.ndarray:
    axes = reduction.reduced_dims(self.dim, len(self.self_sym_sizes))
    return np.broadcast_to(formulas.keep_reduced_dims(grad, axes, self.keepdim),
                           self.self_sym_sizes)


def _mean_dims(self: Any, grad: np.ndarray) -> np.ndarray:
    axes = reduction.reduced_dims(self.dim, len(self.self_sym_sizes))
    return _sum_dims(self, grad) / math.prod(self.self_sym_sizes[d] for d in axes)


def _expand(self: Any, grad: np.ndarray) -> np.ndarray:
    return formulas.sum_to_size(grad, self.self_sym_sizes)


def _t(self: Any, grad: np.ndarray) -> np.ndarray:
    return grad.T


on_arrays(unary.TanhBackward0, _tanh)
on_arrays(unary.SigmoidBackward0, _sigmoid)
on_arrays(unary.ReluBackward0, _relu)
on_arrays(unary.ClampBackward1, _clamp)
on_arrays(reduction.SumBackward0, _sum_all)
on_arrays(reduction.MeanBackward0, _mean_all)
on_arrays(reduction.SumBackward1, _sum_dims)
on_arrays(reduction.MeanBackward1, _mean_dims)
on_arrays(shape.ExpandBackward0, _expand)
on_arrays(shape.TBackward0, _t)


_mm_readable_forward = matmul.MmBackward0.forward


@override(matmul.MmBackward0, "forward", "speed")
def _mm_forward(self: Any, a: Tensor, b: Tensor) -> np.ndarray:
    self.layouts = (formulas.column_major(a._data), formulas.column_major(b._data))
    return _mm_readable_forward(self, a, b)


def _mm(self: Any, grad: np.ndarray) -> tuple:
    b, a = self._saved
    return _product_grads(grad, b, a, self.layouts)


def _addmm(self: Any, grad: np.ndarray) -> tuple:
    """A Linear layer's node: its input's gradient is grad itself (the bias's, summed over the
    rows by _reduce_array), and the two products'."""
    if self.beta != 1 or self.alpha != 1:
        return addmm.AddmmBackward0.backward(self, grad)
    mat2, mat1 = self._saved
    return (grad, *_product_grads(grad, mat2, mat1, self.column_major))


def _product_grads(grad: np.ndarray, b: Any, a: Any, layouts: tuple) -> tuple:
    """formulas.mat1_grad and mat2_grad of a @ b on arrays, each in its matrix's layout,
    without the ~8 Python calls of their Tensor-or-array tests (formulas.t, is_tensor)."""
    a_column_major, b_column_major = layouts
    return ((None if b is None else (b @ grad.T).T if a_column_major else grad @ b.T),
            (None if a is None else (grad.T @ a).T if b_column_major else a.T @ grad))


def _log_softmax(self: Any, grad: np.ndarray) -> np.ndarray:
    # The reading path's formula, without parity.py's test for a Tensor (create_graph).
    (log_y,) = self._saved
    return softmax.log_softmax_backward_data(grad, log_y, self.dim)


on_arrays(matmul.MmBackward0, _mm)
on_arrays(softmax.LogSoftmaxBackward0, _log_softmax)
on_arrays(addmm.AddmmBackward0, _addmm)


def install_breadth() -> None:
    """The ops that say `on_arrays = True` and have no fast path yet: minigrad calls it once
    its op modules are imported, minigrad.nn (loaded on first use) for its own."""
    todo = list(Op.__subclasses__())
    while todo:
        op = todo.pop()
        todo.extend(op.__subclasses__())
        if op.__dict__.get("on_arrays") and "_apply" not in op.__dict__:
            on_arrays(op)


def install_nn() -> None:
    """The overrides of minigrad.nn's modules: minigrad.nn calls it once it is loaded."""
    from .nn import functional, loss_ops
    from .nn.activation import ReLU
    from .nn.linear import Linear
    from .nn.parameter import Parameter

    readable_forward = Linear.forward

    @override(Linear, "forward", "speed")
    def linear_forward(self: Linear, input: Tensor) -> Tensor:
        """A batch of rows through a layer with a bias, all of one dtype and sizes that fit:
        the same two nodes F.linear records (TBackward0 of the weight, then AddmmBackward0),
        without the calls on the way there (Module.__getattr__ for weight and bias, F.linear,
        t()'s and addmm's checks, which cannot fail here). Anything else: F.linear."""
        parameters = self._parameters
        weight, bias = parameters.get("weight"), parameters.get("bias")
        if type(input) is Tensor and type(weight) is Parameter and type(bias) is Parameter:
            x, w, b = input._data, weight._data, bias._data
            if x.ndim == 2 and w.ndim == 2 and b.shape == w.shape[:1] \
                    and x.shape[1] == w.shape[1] and x.dtype == w.dtype == b.dtype:
                return addmm.AddmmBackward0.apply(bias, input, shape.TBackward0.apply(weight))
        return readable_forward(self, input)

    readable_relu = ReLU.forward

    @override(ReLU, "forward", "speed")
    def relu_forward(self: ReLU, input: Tensor) -> Tensor:
        """ReLU on a floating tensor, not in place: its node straight, without F.relu,
        Tensor.relu and the latter's refusal of bools (3 calls)."""
        if not self.inplace and type(input) is Tensor and input._data.dtype.kind == "f":
            return unary.ReluBackward0.apply(input)
        return readable_relu(self, input)

    readable_cross_entropy = functional.cross_entropy

    @override(functional, "cross_entropy", "speed")
    def cross_entropy(input: Any, target: Any, weight: Any = None, size_average: Any = None,
                      ignore_index: int = -100, reduce: Any = None, reduction: str = "mean",
                      label_smoothing: float = 0.0) -> Tensor:
        """A batch of rows of float scores and their classes' indices, with every default:
        the same two nodes F.cross_entropy records (LogSoftmaxBackward0, NllLossBackward0),
        without the ~15 calls of its, log_softmax's and nll_loss's checks, which cannot
        fail here. Anything else: F.cross_entropy."""
        if (weight is None and size_average is None and reduce is None and reduction == "mean"
                and ignore_index == -100 and not label_smoothing and type(input) is Tensor
                and type(target) is Tensor):
            scores, labels = input._data, target._data
            if (scores.ndim == 2 and scores.dtype in _FLOATS and labels.dtype == np.int64
                    and labels.shape == scores.shape[:1] and labels.size
                    and np.minimum.reduce(labels) >= 0
                    and np.maximum.reduce(labels) < scores.shape[1]):
                log_p = softmax.LogSoftmaxBackward0.apply(input, dim=1)
                return loss_ops.NllLossBackward0.apply(log_p, target=labels, weight=None,
                                                       ignore_index=-100, reduction="mean")
        return readable_cross_entropy(input, target, weight, size_average, ignore_index,
                                      reduce, reduction, label_smoothing)


def install_methods() -> None:
    """Overrides of Tensor's methods outside the layers that check their arguments (NumPy's
    keyword names, the overloads' and the missing arguments' errors): minigrad calls it once
    those are wrapped around them, so the reading path's method (readable_only()) is the
    method with its layers."""
    readable_sum, readable_mean = Tensor.sum, Tensor.mean

    @override(Tensor, "sum", "speed", outermost=True)
    def sum(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:  # noqa: A001
        """x.sum() of a Tensor: the node reduction.sum records (SumBackward0), without the
        calls of the layers, parity.sum and reduction.sum on the way (each of micrograd's
        demo step's 6 (p * p).sum())."""
        if args or kwargs or type(self) is not Tensor:
            return readable_sum(self, *args, **kwargs)
        return reduction.SumBackward0.apply(self)

    @override(Tensor, "mean", "speed", outermost=True)
    def mean(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        """x.mean() of a floating Tensor: MeanBackward0 straight, as x.sum()'s above (an
        integer one takes the readable method, and its error)."""
        if args or kwargs or type(self) is not Tensor or self._data.dtype.kind != "f":
            return readable_mean(self, *args, **kwargs)
        return reduction.MeanBackward0.apply(self)


_emulated_fused_add = fused.fused_add


@override(fused, "fused_add", "speed")
def _fused_add_by_blas(x: np.ndarray, alpha: Any, y: Any, out: np.ndarray | None = None
                       ) -> np.ndarray:
    if type(alpha) is float or type(alpha) is int:
        if out is x and blas.axpy(alpha, y, x):
            return x
        if out is None and blas.axpy(alpha, y, target := x.copy()):
            return target
    return _emulated_fused_add(x, alpha, y, out)


_readable_row_max = softmax.row_max


@override(softmax, "row_max", "speed")
def _row_max_by_columns(data: np.ndarray, dim: int) -> np.ndarray:
    """numpy reduces a short last axis one row at a time: the max of each row of a 128x10
    batch of logits takes ~10 us. Over a transposed copy it runs down whole columns at once
    (~2 us for the copy and the max). A max rounds nothing, so the numbers are the same."""
    if data.ndim == 2 and dim == 1 and data.shape[1] <= 64 and data.shape[0] >= 16:
        return data.T.copy().max(axis=0)[:, None]
    return _readable_row_max(data, dim)


_copying_accumulate = AccumulateGrad._apply


@override(AccumulateGrad, "_apply", "speed")
def _accumulate(self: AccumulateGrad, grad_outputs: list) -> tuple:
    (grad,) = grad_outputs
    var = self.variable
    if var._grad is None and not var._backward_hooks and not is_grad_enabled() \
            and _unshared(grad):
        var._grad = grad  # nobody else can see it: no copy needed
        return ()
    return _copying_accumulate(self, grad_outputs)


@override(AccumulateGrad, "_apply_arrays", "speed")
def _accumulate_array(self: AccumulateGrad, grad_outputs: list) -> tuple:
    """AccumulateGrad in the lean backward loop, which passes it an array: one nothing else
    refers to becomes the leaf's first .grad as it is (what _accumulate does, without the
    Tensor that _apply_arrays_through_tensors would build around it and the one _unshared
    builds as its probe: -1.9% of the demo step's instructions, 6 leaves in ~39 nodes)."""
    var = self.variable
    if var._grad is None and not var._backward_hooks:
        grad = grad_outputs[0]
        probe = np.empty(0)
        probes = [probe]  # held as grad_outputs holds grad  # noqa: F841
        if sys.getrefcount(grad) == sys.getrefcount(probe) and _unshared_numbers(grad):
            grad_outputs.clear()
            var._grad = _as_tensor(grad)
            return ()
        grad = None
    return _apply_arrays_through_tensors(self, grad_outputs)


def _unshared(grad: Tensor) -> bool:
    """Whether only the engine and the caller refer to `grad`, and only `grad` to its numbers.

    Each count is compared with that of a probe held the same way, because what a count
    includes (temporary references while a call is made) differs between Python versions.
    """
    data = grad._data
    probe = type(grad)._make(np.empty(0))
    probes = [probe]  # as the engine's list holds the gradient  # noqa: F841
    probe_data = probe._data
    # `grad` has one more holder than `probe`: the caller's own variable.
    return sys.getrefcount(grad) == sys.getrefcount(probe) + 1 and \
        sys.getrefcount(data) == sys.getrefcount(probe_data) and _unshared_numbers(data)


def _unshared_numbers(data: np.ndarray) -> bool:
    """Whether `data`, which nothing else refers to, is the only holder of its numbers: an
    array of its own, or the only view of an array nothing else sees (a transposed product)."""
    if not (data.flags.c_contiguous and data.flags.writeable):
        return False  # a broadcast or transposed view: .grad gets its own, plain, array
    base = data.base  # a view (of the transposed product, say): nobody else may see that array
    if base is None:
        return True
    owner = np.empty(1)
    view = owner[:]  # holds owner as data holds base  # noqa: F841
    return isinstance(base, np.ndarray) and base.base is None \
        and sys.getrefcount(base) == sys.getrefcount(owner)


_readable_run_backward = engine.run_backward


@override(engine, "run_backward", "speed")
def _run_backward_lean(roots: Sequence, retain_graph: bool, create_graph: bool,
                       task: Any = None) -> list:
    """engine.run_backward's loop for Tensor.backward, with its per-node calls inlined
    (call_function, _add_to_buffer) and gradients passed between nodes as numpy arrays: a
    backward that records nothing needs no Tensor around them (Node._apply_arrays). Nodes with
    hooks, and every node while anomaly detection is on, get Tensors through call_function.
    create_graph and autograd.grad's captured edges (a task) take the readable loop."""
    if task is not None or create_graph:
        return _readable_run_backward(roots, retain_graph, create_graph, task)
    root_nodes = [edge[0] for edge, _ in roots]
    deps = engine._dependencies(root_nodes)
    buffers: dict = {}
    for (node, nr), grad in roots:
        _add_array(buffers, node, nr, grad._data)
    # The ready queue holds (-sequence number, node): heapq then compares numbers, not nodes
    # through Node.__lt__ (a Python call), and makes the same moves, as the order is the same
    # (equal numbers fall back to Node.__lt__).
    ready: list = []
    for node in dict.fromkeys(root_nodes):
        if deps.get(node, 0) == 0:
            heapq.heappush(ready, (-node._sequence_nr, node))
    heappop, heappush = heapq.heappop, heapq.heappush
    with set_grad_enabled(False), np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        while ready:
            node = heappop(ready)[1]
            grads = buffers.pop(node, None)
            grad_inputs = None
            if grads is not None:
                if node._hooks is not None or anomaly_mode._enabled:
                    grad_inputs = _call_function_on_tensors(node, grads, retain_graph)
                else:
                    grad_inputs = node._apply_arrays(grads)
                    if retain_graph:
                        pass
                    elif type(node)._release_variables is release_saved:  # an Op's, inlined
                        if node._saved:
                            node._saved = _FREED
                    elif type(node)._release_variables is not _KEEPS_NOTHING:
                        node._release_variables()
            i = -1
            for child, nr in node.next_functions:
                i += 1
                if child is None:
                    continue
                if grad_inputs is not None:
                    grad = grad_inputs[i]
                    if grad is not None:
                        slots = buffers.get(child)
                        if slots is None:
                            slots = buffers[child] = [None] * child.num_outputs
                            slots[nr] = grad
                        elif slots[nr] is None:
                            slots[nr] = grad
                        else:  # an input used twice: its two gradients added
                            slots[nr] = _added(slots[nr], grad)
                    # Held here, it would count as a holder in AccumulateGrad's _unshared.
                    grad = None
                waiting = deps[child] - 1
                deps[child] = waiting
                if waiting == 0:
                    heappush(ready, (-child._sequence_nr, child))
    return []


def _add_array(buffers: dict, node: Node, nr: int, grad: np.ndarray) -> None:
    """engine._add_to_buffer on arrays (the loop above does the same inline)."""
    slots = buffers.get(node)
    if slots is None:
        slots = buffers[node] = [None] * node.num_outputs
    slots[nr] = grad if slots[nr] is None else _added(slots[nr], grad)


def _added(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b, out of place (a gradient shared by two branches is never changed under them);
    numpy's sum of two 0-d arrays, a numpy scalar, made an array again."""
    return np.asarray(a + b)


def _call_function_on_tensors(node: Node, grads: list, retain_graph: bool) -> tuple:
    """A node with hooks (or under anomaly detection) as the readable loop runs it: its hooks
    see Tensors."""
    tensors = _as_tensors(grads)
    grads.clear()
    grad_inputs = engine.call_function(node, tensors, retain_graph)
    return tuple([None if g is None else g._data for g in grad_inputs])
