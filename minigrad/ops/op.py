"""Op: the base of every differentiable primitive (forward on numpy, backward on Tensors).

One op is one class, named as PyTorch names its grad_fn, with forward and backward side by
side. Backward formulas are written with minigrad's own Tensor operations, so running them
with grad mode on (backward(create_graph=True)) records a graph of the backward pass itself:
that is all higher-order gradients need.

    class MulBackward0(Op):
        def forward(self, a, b):
            self.save_for_backward(a, b)
            return a._data * b._data

        def backward(self, grad):
            a, b = self.saved_tensors
            return grad * b, grad * a
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autograd.grad_mode import is_grad_enabled
from ..autograd.graph import _FREED, SECOND_BACKWARD_ERROR, Node, SavedTensor


class Op(Node):
    """A recorded operation. Subclasses define forward(*tensors, **params) and backward(grad)."""

    __slots__ = ("_saved", "_input_meta", "needs_input_grad")
    save_output = False  # True: the output is appended to saved_tensors (exp, tanh, sigmoid...)
    is_view = False  # True: the output shares memory and version counter with input 0

    @classmethod
    def apply(cls, *inputs: Any, **params: Any) -> Any:
        """Run forward; when recording, link the result into the graph."""
        from ..tensor import Tensor

        node = cls.__new__(cls)
        record = is_grad_enabled() and any(t is not None and t.requires_grad for t in inputs)
        node._saved = () if record else None
        data = node.forward(*inputs, **params)
        version = inputs[0]._version_counter if cls.is_view else None
        if not record:
            return Tensor._make(data, version_counter=version)
        # An optional input given as None (clamp without max, say) has no edge, as in PyTorch.
        node._init_node(tuple((None, 0) if t is None else t._edge() for t in inputs))
        node.needs_input_grad = tuple(t is not None and t.requires_grad for t in inputs)
        node._input_meta = tuple(None if t is None else (t._data.shape, t._data.dtype)
                                 for t in inputs)
        out = Tensor._make(data, grad_fn=node, version_counter=version)
        if cls.is_view and (inputs[0].is_leaf or inputs[0].__dict__.get("_view_of_leaf")):
            out._view_of_leaf = True  # in-place changes to it would bypass the leaf's grad
        if cls.save_output:
            node._saved += (SavedTensor(out, is_output=True),)
        return out

    def forward(self, *inputs: Any, **params: Any) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad: Any) -> Any:
        raise NotImplementedError

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep tensors for backward (only while recording; freed after backward)."""
        if self._saved is not None:
            self._saved += tuple(None if t is None else SavedTensor(t) for t in tensors)

    @property
    def saved_tensors(self) -> tuple:
        if self._saved is _FREED:
            raise RuntimeError(SECOND_BACKWARD_ERROR)
        return tuple(None if s is None else s.unpack(self) for s in self._saved)

    def _release(self) -> None:
        if self._saved:
            self._saved = _FREED

    def _apply(self, grad_outputs: list) -> tuple:
        grads = self.backward(grad_outputs[0])
        if not isinstance(grads, tuple):
            grads = (grads,)
        return tuple(
            reduce_grad(g, *meta) if needed and g is not None else None
            for g, needed, meta in zip(grads, self.needs_input_grad, self._input_meta)
        )


# PyTorch computes inf and nan silently (log(0) = -inf, 0/0 = nan): so does minigrad.
quiet = np.errstate(divide="ignore", invalid="ignore", over="ignore")


def constant(array: Any) -> Any:
    """A tensor outside the graph, for the masks and factors of backward formulas."""
    from ..tensor import Tensor

    return Tensor._make(array)


def reduce_grad(grad: Any, shape: tuple, dtype: np.dtype) -> Any:
    """Undo broadcasting and type promotion: the gradient takes its input's shape and dtype.

    An input broadcast from shape (3,) to (2, 3) was used twice along dim 0, so its gradient
    is the sum over that dim. This one helper does it for every op.
    """
    from ..tensor import Tensor

    if not isinstance(grad, Tensor):
        grad = Tensor._make(np.asarray(grad, dtype=dtype))
    if grad._data.shape != shape:
        grad = sum_to_size(grad, shape)
    if grad._data.dtype != dtype:
        grad = grad.to(dtype=_dtype_of(dtype))
    return grad


def sum_to_size(grad: Any, shape: tuple) -> Any:
    """Sum `grad` down to `shape`, which it was broadcast from."""
    lead = grad.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(
        lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] != 1
    )
    if dims:
        grad = grad.sum(dim=dims, keepdim=True)
    return grad.reshape(shape) if lead or grad.shape != shape else grad


def _dtype_of(np_dtype: np.dtype) -> Any:
    from .._dtype import from_numpy

    return from_numpy(np_dtype)
