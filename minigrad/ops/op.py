"""Op: the base of every differentiable primitive (forward on numpy, backward on Tensors).

One op is one class, named as PyTorch names its grad_fn, with forward and backward side by
side. Backward formulas are written with minigrad's own Tensor operations, so running them
with grad mode on (backward(create_graph=True)) records a graph of the backward pass itself:
that is all higher-order gradients need.

    class MulBackward0(Op):
        on_arrays = True

        def forward(self, a, b):
            self.save_for_backward(a, b)
            return a._data * b._data

        def backward(self, grad):
            a, b = self.saved_like(grad)
            return grad * b, grad * a

A plain backward (no create_graph) records nothing, so wrapping every intermediate value of
a formula in a Tensor would be wasted work. An op whose formula uses only arithmetic and the
helpers of ops/formulas.py says so with `on_arrays = True`: without create_graph its backward
then runs on the numpy arrays themselves (`grad` is an array, and saved_like(grad) gives the
saved tensors' arrays). The same lines, run on Tensors, serve create_graph.

forward may read `self.needs_input_grad` (one bool per input, as on a PyTorch Function's ctx)
to save only what the gradients it will be asked for need.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import from_numpy
from ..autograd import grad_mode
from ..autograd.grad_mode import is_grad_enabled
from ..autograd.graph import _FREED, Node, SavedTensor
from ..autograd.views import record_view
from ..tensor import Tensor
from . import formulas


class Op(Node):
    """A recorded operation. Subclasses define forward(*tensors, **params) and backward(grad)."""

    __slots__ = ("_saved", "_input_meta", "needs_input_grad")
    save_output = False  # True: the output is appended to saved_tensors (exp, tanh, sigmoid...)
    is_view = False  # True: the output shares memory and version counter with input 0
    # PyTorch's names for the tensors forward saves, in order: grad_fn._saved_self etc.
    saved_names: tuple[str, ...] = ()
    on_arrays = False  # True: backward also runs on numpy arrays (see the module docstring)

    @classmethod
    def apply(cls, *inputs: Any, **params: Any) -> Any:
        """Run forward; when recording, link the result into the graph."""
        node = cls.__new__(cls)
        # Which inputs need a gradient; with grad mode off (no_grad, optimizers, backward
        # formulas) none does. apply runs for every operation, so its loops are plain for
        # loops (a list comprehension is a function call in Python 3.11) and Tensor's
        # requires_grad property is read from the attributes it is made of.
        record = False
        if is_grad_enabled():
            needs_grad = []
            for t in inputs:
                needs = isinstance(t, Tensor) and (t.grad_fn is not None or t._requires_grad)
                needs_grad.append(needs)
                record = record or needs
        # forward may look at needs_input_grad, as a PyTorch Function's ctx does, to save only
        # what the gradients it will compute need.
        node.needs_input_grad = tuple(needs_grad) if record else (False,) * len(inputs)
        node._saved = () if record else None
        data = node.forward(*inputs, **params)
        version = inputs[0]._version_counter if cls.is_view else None
        if record and data.dtype.kind != "f":
            record = False  # integer and bool results never require grad (x.long(), x.round())
        if not record:
            out = Tensor._make(data, version_counter=version)
            if cls.is_view:
                record_view(out, inputs[0], cls, params)
            if grad_mode._state.inference:
                out._inference = True
            return out
        # Inputs that are not tensors have no edge, as in PyTorch: an optional input given as
        # None (clamp without max, say) or a Python number (x * 2: see arithmetic.py).
        # What reduce_grad needs to give each input its gradient: the input's shape and dtype
        # (kept for every input, so pictures of the graph can show constants' shapes too).
        edges, meta = [], []
        for t in inputs:
            if isinstance(t, Tensor):
                edges.append(t._edge())
                meta.append((t._data.shape, t._data.dtype))
            else:
                edges.append((None, 0))
                meta.append(None)
        node._init_node(tuple(edges))
        node._input_meta = tuple(meta)
        out = Tensor._make(data, grad_fn=node, version_counter=version)
        if cls.is_view:
            record_view(out, inputs[0], cls, params)
        if cls.save_output:
            node._saved += (SavedTensor(out, is_output=True),)
        return out

    def forward(self, *inputs: Any, **params: Any) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad: Any) -> Any:
        raise NotImplementedError

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep tensors for backward (only while recording; freed after backward).

        A Python number (x * 2 saves the 2) is kept as it is: it cannot change in place.
        """
        if self._saved is not None:
            self._saved += tuple([SavedTensor(t) if isinstance(t, Tensor) else t
                                  for t in tensors])

    @property
    def saved_tensors(self) -> tuple:
        return tuple([s.unpack(self) if type(s) is SavedTensor else s for s in self._live_saved()])

    def saved_like(self, grad: Any) -> tuple:
        """The saved tensors as the same kind of value as `grad`: Tensors, or numpy arrays."""
        if isinstance(grad, Tensor):
            return self.saved_tensors
        return tuple([s.unpack(self)._data if type(s) is SavedTensor else s
                      for s in self._live_saved()])

    def _live_saved(self) -> tuple:
        if self._saved is _FREED:
            raise RuntimeError(messages.SECOND_BACKWARD)
        return self._saved

    def _release(self) -> None:
        if self._saved:
            self._saved = _FREED

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # As in PyTorch, what a node keeps for backward can be inspected: y.grad_fn._saved_self,
        # ._saved_result, ._saved_exponent... Each becomes a read-only property.
        names = cls.saved_names + (("result",) if cls.save_output else ())
        for i, name in enumerate(names):
            setattr(cls, f"_saved_{name}",
                    property(lambda self, i=i: wrapped_number(self.saved_tensors[i])))
        for slot in cls.__dict__.get("__slots__", ()):
            setattr(cls, f"_saved_{slot}", property(lambda self, slot=slot: getattr(self, slot)))

    def _apply(self, grad_outputs: list) -> tuple:
        grad = grad_outputs[0]
        on_arrays = self.on_arrays and not is_grad_enabled()
        grads = self.backward(grad._data if on_arrays else grad)
        if type(grads) is not tuple:
            grads = (grads,)
        # Each input's gradient takes the input's shape and dtype. The engine passes Tensors
        # between nodes, so gradients computed on arrays are wrapped.
        make = Tensor._make
        grad_inputs = []
        for g, needed, meta in zip(grads, self.needs_input_grad, self._input_meta):
            if needed and g is not None:
                g = reduce_grad(g, *meta)
                grad_inputs.append(make(g) if on_arrays else g)
            else:
                grad_inputs.append(None)
        return tuple(grad_inputs)


# PyTorch computes inf and nan silently (log(0) = -inf, 0/0 = nan): so does minigrad.
quiet = np.errstate(divide="ignore", invalid="ignore", over="ignore")


def data(x: Any) -> Any:
    """The numbers of an op's input: a tensor's numpy array, or a Python number as it is."""
    return x._data if isinstance(x, Tensor) else x


def wrapped_number(value: Any) -> Any:
    """A saved Python number shown as PyTorch shows it: tensor(2) (int64), tensor(0.5) (float64)."""
    if type(value) is int or type(value) is float:
        return Tensor._make(np.array(value))
    return value


def constant(array: Any) -> Any:
    """A tensor outside the graph, for the masks and factors of backward formulas."""
    return Tensor._make(array)


def reduce_grad(grad: Any, shape: tuple, dtype: np.dtype) -> Any:
    """Undo broadcasting and type promotion: the gradient takes its input's shape and dtype.

    An input broadcast from shape (3,) to (2, 3) was used twice along dim 0, so its gradient
    is the sum over that dim. This one helper does it for every op (on Tensors and arrays).
    """
    if isinstance(grad, (np.ndarray, np.generic)):
        if type(grad) is not np.ndarray:  # a numpy scalar, from arithmetic on 0-d arrays
            grad = np.asarray(grad)
        if grad.shape != shape:
            grad = formulas.sum_to_size(grad, shape)
        return grad if grad.dtype == dtype else grad.astype(dtype)
    if not isinstance(grad, Tensor):
        grad = Tensor._make(np.asarray(grad, dtype=dtype))
    if grad._data.shape != shape:
        grad = formulas.sum_to_size(grad, shape)
    if grad._data.dtype != dtype:
        grad = grad.to(dtype=from_numpy(dtype))
    return grad
