"""addmm: ``beta * input + alpha * mat1 @ mat2`` in one node, AddmmBackward0.

PyTorch computes a Linear layer on a batch of rows as one fused addmm (input the bias, beta
and alpha 1), so that is the grad_fn learners see on a layer's output (and its
next_functions: bias, input, weight.t()). torch.addmm exposes the same node.

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(3, 2)
    >>> layer(torch.ones(4, 3)).grad_fn
    <AddmmBackward0 object at ...>
    >>> torch.addmm(torch.ones(2), torch.ones(1, 3), torch.ones(3, 2), beta=0.5, alpha=2)
    tensor([[6.5000, 6.5000]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import message_name
from ..ops.op import Op
from ..tensor import Tensor
from .formulas import column_major, mat1_grad, mat2_grad


class AddmmBackward0(Op):
    """out = beta * input + alpha * mat1 @ mat2 (input broadcast to the product's shape)."""

    on_arrays = True

    __slots__ = ("column_major", "beta", "alpha")

    def forward(self, input, mat1, mat2, beta=1, alpha=1):
        # Each matrix is needed only for the other one's gradient.
        _, mat1_needs_grad, mat2_needs_grad = self.needs_input_grad
        self.save_for_backward(mat2 if mat1_needs_grad else None,
                               mat1 if mat2_needs_grad else None)
        # Each gradient is computed in its matrix's memory layout (formulas.mat2_grad).
        self.column_major = (column_major(mat1._data), column_major(mat2._data))
        self.beta, self.alpha = beta, alpha
        # As in BLAS, an operand whose factor is 0 is not read: its nan and inf do not show.
        bias = None if beta == 0 else input._data if beta == 1 else input._data * beta
        if alpha == 0:
            shape = (mat1.shape[0], mat2.shape[1])
            return np.zeros(shape, mat2._data.dtype) if bias is None \
                else np.array(np.broadcast_to(bias, shape))
        product = np.matmul(mat1._data, mat2._data)
        if alpha != 1:
            product *= alpha
        return product if bias is None else product + bias

    def backward(self, grad):
        mat2, mat1 = self.saved_tensors
        # The input's gradient is `grad` (times beta); reduce_grad sums it over the rows.
        alpha = self.alpha
        return (grad if self.beta == 1 else grad * self.beta,
                _times(mat1_grad(grad, mat2, self.column_major[0]), alpha)
                if mat2 is not None else None,
                _times(mat2_grad(grad, mat1, self.column_major[1]), alpha)
                if mat1 is not None else None)


def _times(grad: Any, alpha: Any) -> Any:
    return grad if alpha == 1 else grad * alpha


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * mat1 @ mat2`` for 2-D mat1 and mat2, recorded as AddmmBackward0.

    >>> import minigrad as torch
    >>> addmm(torch.zeros(2), torch.ones(1, 3), torch.ones(3, 2))
    tensor([[3., 3.]])
    """
    # The arrays are checked, not the Tensors: Tensor.shape builds a Size on every call, and
    # nn.Linear comes through here for every layer.
    x, m1, m2 = input._data, mat1._data, mat2._data
    if m1.ndim != 2 or m2.ndim != 2:
        name, matrix = ("mat1", m1) if m1.ndim != 2 else ("mat2", m2)
        raise RuntimeError(f"{name} must be a matrix, got {matrix.ndim}-D tensor")
    (rows, inner), (inner2, cols) = m1.shape, m2.shape
    if inner != inner2:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{inner} and {inner2}x{cols})")
    if x.dtype != m2.dtype or m1.dtype != m2.dtype:  # checked in PyTorch's order
        name, tensor = ("self", input) if x.dtype != m2.dtype else ("mat1", mat1)
        raise RuntimeError(f"{name} and mat2 must have the same dtype, but got "
                           f"{message_name(tensor.dtype)} and {message_name(mat2.dtype)}")
    if x.shape != (cols,) and x.shape != (rows, cols):  # else PyTorch's error if it won't expand
        messages.check_expand(input, (rows, cols), (rows, cols))
    if beta == 1 and alpha == 1:  # nn.Linear's case: no keyword, no dict, on every layer
        return AddmmBackward0.apply(input, mat1, mat2)
    return AddmmBackward0.apply(input, mat1, mat2, beta=beta, alpha=alpha)
