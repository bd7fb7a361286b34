"""addmm: ``beta * input + alpha * mat1 @ mat2`` in one node, AddmmBackward0; and its
siblings addmv (matrix @ vector), addr (outer product), baddbmm (batches) and addbmm (a
batch summed), each one node too.

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
from .._dtype import c_type_name, message_name, result_type
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
    # PyTorch's order: the dtypes, then the ranks, then the sizes (an int64 batch given to
    # nn.Linear is told its dtype, whatever its shape).
    if x.dtype != m2.dtype or m1.dtype != m2.dtype:
        name, tensor = ("self", input) if x.dtype != m2.dtype else ("mat1", mat1)
        raise RuntimeError(f"{name} and mat2 must have the same dtype, but got "
                           f"{message_name(tensor.dtype)} and {message_name(mat2.dtype)}")
    if m1.ndim != 2 or m2.ndim != 2:
        name, matrix = ("mat1", m1) if m1.ndim != 2 else ("mat2", m2)
        raise RuntimeError(f"{name} must be a matrix, got {matrix.ndim}-D tensor")
    (rows, inner), (inner2, cols) = m1.shape, m2.shape
    if inner != inner2:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{inner} and {inner2}x{cols})")
    if x.shape != (cols,) and x.shape != (rows, cols):  # else PyTorch's error if it won't expand
        messages.check_expand(input, (rows, cols), (rows, cols))
    if beta == 1 and alpha == 1:  # nn.Linear's case: no keyword, no dict, on every layer
        return AddmmBackward0.apply(input, mat1, mat2)
    return AddmmBackward0.apply(input, mat1, mat2, beta=beta, alpha=alpha)


class _AddProduct(Op):
    """beta * input + alpha * (a product of two tensors): addmv, addr, baddbmm, addbmm.

    As addmm, an operand whose factor is 0 is not read (its nan and inf do not show). The
    input's gradient is grad * beta, summed back to the input's shape by reduce_grad."""

    __slots__ = ("beta", "alpha")

    @staticmethod
    def product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @staticmethod
    def gradients(grad: Any, a: Any, b: Any) -> tuple:
        """The gradients of the product with respect to a and b."""
        raise NotImplementedError

    def forward(self, input, a, b, beta, alpha):
        self.beta, self.alpha = beta, alpha
        _, a_needs_grad, b_needs_grad = self.needs_input_grad
        self.save_for_backward(a if b_needs_grad else None, b if a_needs_grad else None)
        product = self.product(a._data, b._data)
        scaled = np.zeros_like(product) if alpha == 0 else product * alpha
        return np.asarray(scaled if beta == 0 else scaled + input._data * beta, product.dtype)

    def backward(self, grad):
        a, b = self.saved_tensors
        grad_a, grad_b = self.gradients(grad, a, b)
        return (_times(grad, self.beta), _times(grad_a, self.alpha) if b is not None else None,
                _times(grad_b, self.alpha) if a is not None else None)


class AddmvBackward0(_AddProduct):
    """beta * input + alpha * mat @ vec."""

    saved_names = ("mat", "vec")
    product = staticmethod(np.matmul)

    @staticmethod
    def gradients(grad, mat, vec):
        return (grad.outer(vec) if vec is not None else None,
                mat.t().mv(grad) if mat is not None else None)


class AddrBackward0(_AddProduct):
    """beta * input + alpha * vec1 (outer) vec2."""

    saved_names = ("vec1", "vec2")
    product = staticmethod(np.outer)

    @staticmethod
    def gradients(grad, vec1, vec2):
        return (grad.mv(vec2) if vec2 is not None else None,
                grad.t().mv(vec1) if vec1 is not None else None)


def _batch_gradients(grad: Any, batch1: Any, batch2: Any) -> tuple:
    return (grad.bmm(batch2.transpose(1, 2)) if batch2 is not None else None,
            batch1.transpose(1, 2).bmm(grad) if batch1 is not None else None)


class BaddbmmBackward0(_AddProduct):
    """beta * input + alpha * batch1 @ batch2, matrix by matrix."""

    saved_names = ("batch1", "batch2")
    product = staticmethod(np.matmul)
    gradients = staticmethod(_batch_gradients)


class AddbmmBackward0(_AddProduct):
    """beta * input + alpha * the sum over the batch of batch1[i] @ batch2[i]."""

    saved_names = ("batch1", "batch2")

    @staticmethod
    def product(a, b):
        return np.matmul(a, b).sum(axis=0)

    @staticmethod
    def gradients(grad, batch1, batch2):
        # Every product of the batch was added whole: each sees the same gradient.
        size = (batch1 if batch1 is not None else batch2).shape[0]
        return _batch_gradients(grad.unsqueeze(0).expand(size, *grad.shape), batch1, batch2)


def _check_batches(input: Tensor, batch1: Tensor, batch2: Tensor, summed: bool) -> None:
    """baddbmm's and addbmm's shape checks, in PyTorch's order and words."""
    for batch in (batch1, batch2):
        if batch.ndim != 3:  # PyTorch reads size(2) first, hence an IndexError
            raise IndexError(f"Dimension out of range (expected to be in range of "
                             f"[{-max(batch.ndim, 1)}, {max(batch.ndim, 1) - 1}], but got 2)")
    shape = (batch1.shape[1], batch2.shape[2])
    shape = shape if summed else (batch1.shape[0], *shape)
    messages.check_expand(input, shape, shape)
    if tuple(batch2.shape[:2]) != tuple(batch1.shape[0::2]):
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{batch1.shape[0]}, {batch1.shape[2]}] but got: "
                           f"[{batch2.shape[0]}, {batch2.shape[1]}].")


def addmv(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * mat @ vec`` (input a vector, or broadcast to one).

    >>> import minigrad as torch
    >>> torch.addmv(torch.ones(2), torch.ones(2, 3), torch.ones(3), beta=2)
    tensor([5., 5.])
    """
    if mat.ndim != 2 or vec.ndim != 1 or input.ndim > 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {input.ndim}, {mat.ndim}, "
                           f"{vec.ndim}")
    rows, cols = mat.shape
    if cols != vec.shape[0] or input.numel() not in (1, rows):
        raise RuntimeError(f"size mismatch, got input ({input.numel()}), mat ({rows}x{cols}), "
                           f"vec ({vec.shape[0]})")
    if not input.dtype == mat.dtype == vec.dtype:
        names = ", ".join(message_name(t.dtype) for t in (input, mat))
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {names}, "
                           f"and {message_name(vec.dtype)}")
    return AddmvBackward0.apply(input, mat, vec, beta=beta, alpha=alpha)


def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * outer(vec1, vec2)``, in the three tensors' common dtype.

    >>> import minigrad as torch
    >>> torch.addr(torch.zeros(2, 2), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 3.0]))
    tensor([[1., 3.],
            [2., 6.]])
    """
    for name, vec in (("vec1", vec1), ("vec2", vec2)):
        if vec.ndim != 1:
            raise RuntimeError(f"addr: Expected 1-D argument {name}, but got {vec.ndim}-D")
    dtype = result_type(input, vec1, vec2)
    if not dtype.is_floating_point and any(isinstance(v, float) for v in (beta, alpha)):
        name = "beta" if isinstance(beta, float) else "alpha"
        raise RuntimeError(f"For integral input tensors, argument {name} must not be a "
                           f"floating point number.")
    shape = (vec1.shape[0], vec2.shape[0])
    messages.check_expand(input, shape, shape)
    input, vec1, vec2 = (t if t.dtype == dtype else t.to(dtype) for t in (input, vec1, vec2))
    return AddrBackward0.apply(input, vec1, vec2, beta=beta, alpha=alpha)


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,
            alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * batch1 @ batch2`` for batches of matrices (input broadcast).

    >>> import minigrad as torch
    >>> torch.baddbmm(torch.zeros(2), torch.ones(1, 1, 3), torch.ones(1, 3, 2))
    tensor([[[3., 3.]]])
    """
    _check_batches(input, batch1, batch2, summed=False)
    if input.dtype != batch1.dtype:
        raise RuntimeError(f"Input dtypes must be the same, got: input "
                           f"{c_type_name(input.dtype)}, batch1: {c_type_name(batch1.dtype)}, "
                           f"batch2: {c_type_name(batch2.dtype)}")
    if batch2.dtype != batch1.dtype:
        raise RuntimeError(f"expected scalar type {message_name(batch1.dtype)} but found "
                           f"{message_name(batch2.dtype)}")
    return BaddbmmBackward0.apply(input, batch1, batch2, beta=beta, alpha=alpha)


def addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,
           alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * sum_i batch1[i] @ batch2[i]``: one matrix from a batch.

    >>> import minigrad as torch
    >>> torch.addbmm(torch.zeros(2), torch.ones(4, 1, 3), torch.ones(4, 3, 2))
    tensor([[12., 12.]])
    """
    _check_batches(input, batch1, batch2, summed=True)
    for tensor in (input, batch1):
        if tensor.dtype != batch2.dtype:  # addmm's check and words
            name = "self" if tensor is input else "mat1"
            raise RuntimeError(f"{name} and mat2 must have the same dtype, but got "
                               f"{message_name(tensor.dtype)} and {message_name(batch2.dtype)}")
    return AddbmmBackward0.apply(input, batch1, batch2, beta=beta, alpha=alpha)
