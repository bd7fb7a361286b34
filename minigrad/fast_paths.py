"""Speed: overrides of the reading path that compute the same numbers with less work.

Each is installed through overrides.override (kind "speed"): the reading path's code stays
the readable default and the oracle, and tests/test_overrides.py runs every program with and
without these and checks that the gradients agree. Together they make the MLP 784-256-10
training step and micrograd's demo step ~22% faster (CPU time, one BLAS thread; measure with
`python -m benchmarks --readable`, figures in benchmarks/README.md); on 0-d scalar chains
they buy nothing.

1. Backward formulas on numpy arrays. A backward without create_graph records nothing, so
   wrapping every intermediate value of a formula in a Tensor (and running Op.apply for each
   operation of the formula) is wasted work. A formula written with arithmetic only runs
   unchanged on numpy arrays, which support the same operators: `on_arrays(op)` lets it, and
   `on_arrays(op, formula)` gives an op whose formula uses Tensor methods (expand, t,
   masked_fill...) the same formula on arrays. With create_graph the Tensor formula runs.
   Breadth ops say `on_arrays = True` in their class and use breadth/formulas.py's helpers,
   which work on both.
2. AccumulateGrad keeps an incoming gradient that nothing else refers to as `.grad` instead
   of copying it (as PyTorch does, judged there by a use count and here by reference counts).
3. A matrix product computes each gradient in its input's memory layout, so the gradient of a
   Linear layer's weight (used transposed) is row-major like the weight: AccumulateGrad and
   the optimizer then run over contiguous memory.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from . import messages
from .autograd.grad_mode import is_grad_enabled
from .autograd.graph import _FREED, AccumulateGrad, SavedTensor
from .breadth import formulas
from .ops import arithmetic, matmul, reduction, shape, unary
from .ops.op import Op
from .overrides import override
from .tensor import Tensor


def on_arrays(op: type[Op], formula: Callable | None = None) -> None:
    """Run `op`'s backward formula (or `formula`, the same on arrays) on numpy arrays when no
    graph of the backward is recorded."""

    @override(op, "_apply", "speed")
    def apply_on_arrays(self: Op, grad_outputs: list) -> tuple:
        if is_grad_enabled():  # create_graph: the Tensor formula, recorded
            return Op._apply(self, grad_outputs)
        saved = self._saved
        if saved is _FREED:
            raise RuntimeError(messages.SECOND_BACKWARD)
        backward = formula or type(self).backward
        if not saved:  # nothing saved (add, sub, neg, views...): nothing to unpack
            grads = backward(self, grad_outputs[0]._data)
        else:
            # The formula reads self.saved_tensors: for this call, those are the saved arrays.
            arrays = []
            for s in saved:
                arrays.append(s.unpack(self)._data if type(s) is SavedTensor else s)
            self._saved = tuple(arrays)
            try:
                grads = backward(self, grad_outputs[0]._data)
            finally:
                self._saved = saved
        if type(grads) is not tuple:
            grads = (grads,)
        grad_inputs = []
        for g, needed, meta in zip(grads, self.needs_input_grad, self._input_meta):
            if needed and g is not None:
                grad_inputs.append(Tensor._make(_reduce_array(g, *meta)))
            else:
                grad_inputs.append(None)
        return tuple(grad_inputs)


def _reduce_array(grad: Any, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """op.reduce_grad on an array: the input's shape (broadcasting undone) and dtype."""
    if type(grad) is not np.ndarray:  # a numpy scalar, from arithmetic on 0-d arrays
        grad = np.asarray(grad)
    if grad.shape != shape:
        grad = formulas.sum_to_size(grad, shape)
    return grad if grad.dtype == dtype else grad.astype(dtype)


# Formulas of plain arithmetic (and reshape/squeeze, which arrays have too) run as written.
for _op in (arithmetic.AddBackward0, arithmetic.SubBackward0, arithmetic.MulBackward0,
            arithmetic.DivBackward0, arithmetic.NegBackward0, arithmetic.PowBackward0,
            unary.ExpBackward0, unary.LogBackward0, unary.SqrtBackward0,
            unary.SigmoidBackward0, matmul.DotBackward0, shape._Reshape,
            shape.UnsqueezeBackward0, shape.CloneBackward0, shape.ToCopyBackward0):
    on_arrays(_op)


def _tanh(self: Any, grad: np.ndarray) -> np.ndarray:
    # PyTorch's kernel rounds 1 - y*y once (a fused multiply-add); so do we, via float64.
    (result,) = self.saved_tensors
    y = result.astype(np.float64)
    return grad * (1 - y * y).astype(result.dtype)


def _relu(self: Any, grad: np.ndarray) -> np.ndarray:
    (result,) = self.saved_tensors
    return formulas.masked_fill(grad, result <= 0, 0)


def _clamp(self: Any, grad: np.ndarray) -> np.ndarray:
    (x,) = self.saved_tensors
    return formulas.masked_fill(grad, ~unary.inside(x, self.min, self.max), 0)


def _sum_all(self: Any, grad: np.ndarray) -> np.ndarray:
    return np.broadcast_to(grad, self.self_sym_sizes)


def _mean_all(self: Any, grad: np.ndarray) -> np.ndarray:
    return np.broadcast_to(grad, self.self_sym_sizes) / (self.self_sym_numel or 1)


def _sum_dims(self: Any, grad: np.ndarray) -> np.ndarray:
    axes = reduction.reduced_dims(self.dim, len(self.self_sym_sizes))
    return np.broadcast_to(formulas.keep_reduced_dims(grad, axes, self.keepdim),
                           self.self_sym_sizes)


def _mean_dims(self: Any, grad: np.ndarray) -> np.ndarray:
    axes = reduction.reduced_dims(self.dim, len(self.self_sym_sizes))
    return _sum_dims(self, grad) / math.prod(self.self_sym_sizes[d] for d in axes)


def _expand(self: Any, grad: np.ndarray) -> np.ndarray:
    return formulas.sum_to_size(grad, self.shape)


def _t(self: Any, grad: np.ndarray) -> np.ndarray:
    return grad.T


on_arrays(unary.TanhBackward0, _tanh)
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
    b, a = self.saved_tensors
    return (formulas.mat1_grad(grad, b, self.layouts[0]) if b is not None else None), \
        (formulas.mat2_grad(grad, a, self.layouts[1]) if a is not None else None)


on_arrays(matmul.MmBackward0, _mm)


def install_breadth() -> None:
    """The ops that say `on_arrays = True` and have no fast path yet: minigrad calls it once
    its op modules are imported, minigrad.nn (loaded on first use) for its own."""
    todo = list(Op.__subclasses__())
    while todo:
        op = todo.pop()
        todo.extend(op.__subclasses__())
        if op.__dict__.get("on_arrays") and "_apply" not in op.__dict__:
            on_arrays(op)


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


def _unshared(grad: Tensor) -> bool:
    """Whether only the engine and the caller refer to `grad`, and only `grad` to its numbers.

    Each count is compared with that of a probe held the same way, because what a count
    includes (temporary references while a call is made) differs between Python versions.
    """
    data = grad._data
    if not (data.flags.c_contiguous and data.flags.writeable):
        return False  # a broadcast or transposed view: .grad gets its own, plain, array
    probe = type(grad)._make(np.empty(0))
    probes = [probe]  # as the engine's list holds the gradient  # noqa: F841
    probe_data = probe._data
    # `grad` has one more holder than `probe`: the caller's own variable.
    if sys.getrefcount(grad) != sys.getrefcount(probe) + 1 or \
            sys.getrefcount(data) != sys.getrefcount(probe_data):
        return False
    base = data.base  # a view (of the transposed product, say): nobody else may see that array
    if base is None:
        return True
    owner = np.empty(1)
    view = owner[:]  # holds owner as data holds base  # noqa: F841
    return isinstance(base, np.ndarray) and base.base is None \
        and sys.getrefcount(base) == sys.getrefcount(owner)
