"""addmm: ``bias + mat1 @ mat2`` in one node, the AddmmBackward0 that nn.Linear records.

PyTorch computes a Linear layer on a batch of rows as one fused addmm, so that is the grad_fn
learners see on a layer's output (and its next_functions: bias, input, weight.t()).

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(3, 2)
    >>> layer(torch.ones(4, 3)).grad_fn
    <AddmmBackward0 object at ...>
"""

from __future__ import annotations

import numpy as np

from ..breadth.formulas import column_major, mat1_grad, mat2_grad
from ..ops.op import Op
from ..tensor import Tensor
from ._messages import scalar_kind


class AddmmBackward0(Op):
    """out = bias + mat1 @ mat2 (bias broadcast over the rows)."""

    on_arrays = True

    __slots__ = ("column_major",)

    def forward(self, bias, mat1, mat2):
        # Each matrix is needed only for the other one's gradient.
        _, mat1_needs_grad, mat2_needs_grad = self.needs_input_grad
        self.save_for_backward(mat2 if mat1_needs_grad else None,
                               mat1 if mat2_needs_grad else None)
        # Each gradient is computed in its matrix's memory layout (formulas.mat2_grad).
        self.column_major = (column_major(mat1._data), column_major(mat2._data))
        return np.matmul(mat1._data, mat2._data) + bias._data

    def backward(self, grad):
        mat2, mat1 = self.saved_tensors
        # The bias gradient is `grad` itself; the shared helper sums it over the rows.
        return (grad,
                mat1_grad(grad, mat2, self.column_major[0]) if mat2 is not None else None,
                mat2_grad(grad, mat1, self.column_major[1]) if mat1 is not None else None)


def addmm(bias: Tensor, mat1: Tensor, mat2: Tensor) -> Tensor:
    """``bias + mat1 @ mat2`` for 2-D mat1 and mat2, recorded as AddmmBackward0.

    >>> import minigrad as torch
    >>> addmm(torch.zeros(2), torch.ones(1, 3), torch.ones(3, 2))
    tensor([[3., 3.]])
    """
    if mat1._data.dtype != mat2._data.dtype:
        raise RuntimeError(
            "mat1 and mat2 must have the same dtype, but got "
            f"{scalar_kind(mat1)} and {scalar_kind(mat2)}"
        )
    (rows, inner), (inner2, cols) = mat1._data.shape, mat2._data.shape
    if inner != inner2:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{inner} and {inner2}x{cols})")
    return AddmmBackward0.apply(bias, mat1, mat2)
