"""Op: the base of every differentiable primitive (forward on numpy, backward on Tensors).

One op is one class, named as PyTorch names its grad_fn: forward computes the result from
the inputs' numpy arrays and saves what backward needs; backward turns the output's gradient
into the inputs' (lesson 10's `_backward`). A sketch (arithmetic.py has the real one):

    class MulBackward0(Op):
        def forward(self, a, b):
            self.save_for_backward(a, b)
            return a._data * b._data

        def backward(self, grad):
            a, b = self.saved_tensors
            return grad * b, grad * a

Backward formulas use minigrad's own Tensor operations, so under create_graph=True they
record a graph of the backward pass, which is all higher-order gradients need. One helper,
reduce_grad, gives each input's gradient the input's shape and dtype (undoing broadcasting).
(fast_paths.py's copy of Op.apply runs by default; overrides.readable_only() runs this one.)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._dtype import from_numpy
from ..autograd.grad_mode import is_grad_enabled
from ..autograd.graph import Node, SavedTensor, release_saved, unpack_saved
from ..autograd.views import record_view
from ..tensor import Tensor


class Op(Node):
    """A recorded operation. Subclasses define forward(*inputs, **params) and backward(grad)."""

    __slots__ = ("_saved", "_input_meta", "needs_input_grad")
    save_output = False  # True: the output is appended to saved_tensors (exp, tanh, sigmoid...)
    is_view = False  # True: the output shares memory and version counter with input 0
    # PyTorch's names for the tensors forward saves, in order: y.grad_fn._saved_self, as in
    # PyTorch (with ._saved_result for the output, ._saved_exponent for a slot: saved_hooks.py).
    saved_names: tuple[str, ...] = ()

    @classmethod
    def apply(cls, *inputs: Any, **params: Any) -> Tensor:
        """Run forward; when recording, link the result into the graph."""
        # Every call makes a node (forward is its method); only a recorded one joins the graph.
        node = cls.__new__(cls)
        # Which inputs need a gradient (none with grad mode off): forward reads it, as a
        # Function's ctx, to save only what the gradients it will be asked for need.
        record = False
        if is_grad_enabled():
            needs_grad = []
            for t in inputs:
                needs = isinstance(t, Tensor) and t.requires_grad
                needs_grad.append(needs)
                record = record or needs
        node.needs_input_grad = tuple(needs_grad) if record else (False,) * len(inputs)
        node._saved = () if record else None  # None: save_for_backward keeps nothing
        data = node.forward(*inputs, **params)
        if record and data.dtype.kind != "f":
            record = False  # integer and bool results never require grad (x.long(), x.round())
        if record:
            # A non-tensor input (the 2 of x * 2) gets the empty edge (None, 0), as in PyTorch.
            # Each input's shape and dtype are kept: its gradient must take them (reduce_grad).
            edges, meta = [], []
            for t in inputs:
                if isinstance(t, Tensor):
                    edges.append(t._gradient_edge())
                    meta.append((t._data.shape, t._data.dtype))
                else:
                    edges.append((None, 0))
                    meta.append(None)
            node._init_node(tuple(edges))
            node._input_meta = tuple(meta)
        # A view shares its input's memory, so in-place changes of either count for both.
        version = inputs[0]._version_counter if cls.is_view else None
        out = Tensor._make(data, grad_fn=node if record else None, version_counter=version)
        if cls.is_view:  # (autograd/views.py: it remembers its base, for in-place changes)
            record_view(out, inputs[0], cls, params)
        if record and cls.save_output:
            node._saved += (SavedTensor(out, is_output=True),)
        return out

    def forward(self, *inputs: Any, **params: Any) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad: Tensor) -> Any:
        raise NotImplementedError

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep tensors for backward (only while recording). A Python number (x * 2 saves the
        2) is kept as is: it cannot change."""
        if self._saved is not None:
            self._saved += tuple([SavedTensor(t) if isinstance(t, Tensor) else t
                                  for t in tensors])

    # The same for every node that saves (graph.py).
    saved_tensors = property(unpack_saved)
    _release_variables = release_saved

    def _apply(self, grad_outputs: list) -> tuple:
        """The engine's call: backward's gradients in their inputs' shapes and dtypes."""
        grads = self.backward(grad_outputs[0])
        if type(grads) is not tuple:
            grads = (grads,)
        grad_inputs = []
        for g, needed, meta in zip(grads, self.needs_input_grad, self._input_meta):
            grad_inputs.append(reduce_grad(g, *meta) if needed and g is not None else None)
        return tuple(grad_inputs)


def reduce_grad(grad: Tensor, shape: tuple, dtype: np.dtype) -> Tensor:
    """Undo broadcasting and type promotion: the gradient takes its input's shape and dtype,
    for every op (PyTorch's engine: InputMetadata::reduce_grad).

    >>> import minigrad as torch
    >>> x = torch.ones(3, requires_grad=True)
    >>> (x * torch.ones(2, 3)).sum().backward()   # x was broadcast over 2 rows
    >>> x.grad
    tensor([2., 2., 2.])
    """
    if grad._data.shape != shape:
        grad = sum_to_size(grad, shape)
    if grad._data.dtype != dtype:
        grad = grad.to(dtype=from_numpy(dtype))
    return grad


def sum_to_size(grad: Tensor, shape: tuple) -> Tensor:
    """`grad` summed back to `shape`, the shape of an input that broadcasting stretched
    (PyTorch's `grad.sum_to_size(shape)`): broadcasting puts new dims in front and stretches
    dims of size 1, using the input once per position there, so those dims are summed.

    >>> import minigrad as torch
    >>> grad = torch.ones(2, 4, 3)
    >>> sum_to_size(grad, (3,)), sum_to_size(grad, (4, 1)).shape
    (tensor([8., 8., 8.]), minigrad.Size([4, 1]))
    """
    lead = grad.ndim - len(shape)  # the dims put in front
    stretched = tuple(lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] != 1)
    if not stretched:  # only dims in front (a bias broadcast over a batch): one sum
        return grad.sum(dim=tuple(range(lead))) if lead else grad
    grad = grad.sum(dim=tuple(range(lead)) + stretched, keepdim=True)
    return grad.reshape(shape) if lead else grad  # (keepdim kept the dims in front as 1s)


# PyTorch computes inf and nan silently (log(0) = -inf, 0/0 = nan): so does minigrad.
quiet = np.errstate(divide="ignore", invalid="ignore", over="ignore")


def array_or_number(x: Any) -> Any:
    """A tensor's numpy array, or a Python number (x * 2) as it is: what forward computes with."""
    return x._data if isinstance(x, Tensor) else x


def constant(array: np.ndarray) -> Tensor:
    """A tensor outside the graph, for the masks and factors of backward formulas."""
    return Tensor._make(array)
