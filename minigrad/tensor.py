"""Tensor: a numpy array plus what autograd needs to know about it.

It is lesson 10's Value for arrays: `_data` is Value's data, `grad` its grad (leaves only),
and `grad_fn` the node (graph.py) that made it, standing for `_op`, `_prev` and `_backward`.
`_version` counts in-place changes, so stale saved tensors are caught. The operations live in
minigrad/ops; _tensor_methods.py gives them their names on Tensor (x + y, x.sum()), with
what describes the array (x.shape, x.dtype, x.ndim).

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x ** 2 + 3 * x
    >>> y.backward()
    >>> x.grad
    tensor(7.)
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

import numpy as np

from . import messages
from .autograd import api as _api
from .autograd.graph import AccumulateGrad


class _VersionCounter:
    """Shared by a tensor and its views/detached aliases: counts in-place changes."""

    value = 0  # a class default: a new counter runs no __init__

    def bump(self) -> None:
        self.value += 1


class Tensor:
    # Slots for what every tensor has; __weakref__ for hooks' weak references; __dict__ for
    # what few tensors hold (the class defaults below, once set; attributes users add).
    __slots__ = ("_data", "_requires_grad", "_grad", "grad_fn", "_version_counter",
                 "__weakref__", "__dict__")
    # Make numpy defer to Tensor's reflected operators (ndarray * tensor -> Tensor.__rmul__).
    __array_priority__ = 1000
    # What only some tensors have is a class default, so an op need not set it on every
    # tensor it makes (more, for hooks, views and inference tensors: _tensor_methods.py).
    _output_nr = 0  # which output of its grad_fn it is (unbind, custom Functions)
    _grad_accumulator = None  # a leaf's AccumulateGrad, weakly held (_gradient_edge below)

    @classmethod
    def _make(cls, data: Any, requires_grad: bool = False, grad_fn: Any = None,
              version_counter: _VersionCounter | None = None) -> Tensor:
        """Wrap a numpy array: the constructor every op uses (`Tensor(data)` is PyTorch's
        legacy one, breadth/legacy.py)."""
        t = object.__new__(cls)
        t._data = data if type(data) is np.ndarray else np.asarray(data)
        t._requires_grad = requires_grad
        t._grad = None
        t.grad_fn = grad_fn
        t._version_counter = version_counter or _VersionCounter()
        return t

    @property
    def requires_grad(self) -> bool:
        # A tensor with a grad_fn was computed from one that requires grad, so it does too;
        # the flag itself is a leaf's (x.requires_grad = True, or requires_grad=True).
        return self._requires_grad or self.grad_fn is not None

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        messages.check_requires_grad_flag(self, value)  # a leaf's, and a floating one's
        self._requires_grad = bool(value)

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        # backward() fills only leaves' .grad: reading a non-leaf's (always None unless it
        # called retain_grad()) is usually a mistake, and PyTorch warns.
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(messages.NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            messages.check_grad_assignment(self, value, Tensor)
        self._grad = value

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

    def _gradient_edge(self) -> tuple:
        """Where a gradient for this tensor goes, an edge (node, output_nr) of the graph: its
        grad_fn, or a leaf's AccumulateGrad. An op records one per input (next_functions)."""
        if self.grad_fn is not None:
            return (self.grad_fn, self._output_nr)
        if not self._requires_grad or self._view_made_in_no_grad:
            return (None, 0)  # a view made under no_grad requires grad but gathers none
        # One AccumulateGrad per leaf while any graph uses it (weakly held, as in PyTorch).
        node = self._grad_accumulator and self._grad_accumulator()
        if node is None:
            node = AccumulateGrad(self)
            self._grad_accumulator = weakref.ref(node)
        return (node, 0)

    def backward(self, gradient: Tensor | None = None, retain_graph: bool | None = None,
                 create_graph: bool = False, inputs: Any = None) -> None:
        """Accumulate d(self)/d(leaf) into every leaf's .grad (autograd/engine.py's work)."""
        _api.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self) -> Tensor:
        """The same data, cut off from the graph. It shares the version counter too, so an
        in-place change through it is still caught by a backward that saved the original."""
        return Tensor._make(self._data, version_counter=self._version_counter)


def _rebuild(data: np.ndarray, requires_grad: bool) -> Tensor:
    """How a pickled tensor (torch.save) is made again. Every saved file names it as
    minigrad.tensor._rebuild, so it stays here (its pickling half: _tensor_methods.py)."""
    return Tensor._make(data, requires_grad=requires_grad)
