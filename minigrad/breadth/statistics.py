"""Norms and spread: x.norm(p, dim), x.var(dim), x.std(dim), var_mean and std_mean, with
PyTorch's gradients.

    >>> import minigrad as torch
    >>> g = torch.tensor([3.0, -4.0], requires_grad=True)
    >>> g.norm()
    tensor(5., grad_fn=<LinalgVectorNormBackward0>)
    >>> torch.tensor([1.0, 2.0, 3.0, 4.0]).var()
    tensor(1.6667)

Where a formula meets 0 / 0 (the gradient of a norm or a standard deviation that is zero)
the gradient is 0, as PyTorch defines it.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .._dtype import message_name
from ..messages import wrong_argument_type
from ..ops.dims import dims_argument, normalize_dims
from ..ops.op import Op, quiet
from . import formulas
from .int_arguments import is_index
from .two_outputs import TwoOutputs

DOF_WARNING = (
    "{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
    "reduction factor (input numel divided by output numel).")


class LinalgVectorNormBackward0(Op):
    """The p-norm (sum |x|^p)^(1/p) over dims; p = inf is the largest |x|, p = 0 the count of
    nonzeros. PyTorch's name: x.norm() is torch.linalg.vector_norm underneath."""

    __slots__ = ("ord", "dim", "keepdim")
    save_output = True
    saved_names = ('self',)

    @quiet
    def forward(self, x, ord, dim, keepdim, dtype=None):
        self.save_for_backward(x)
        self.ord, self.dim, self.keepdim = ord, dim, keepdim
        # With a dtype the norm is computed in it (x is not copied into the graph first).
        a = np.abs(x._data if dtype is None else x._data.astype(dtype.numpy))
        axes, p = normalize_dims(dim, x._data.ndim), float(ord)
        if p == math.inf:
            result = a.max(axis=axes, keepdims=keepdim, initial=0)
        elif p == -math.inf:
            result = a.min(axis=axes, keepdims=keepdim)
        elif p == 0:
            result = (a != 0).sum(axis=axes, keepdims=keepdim)
        elif p == 1:
            result = a.sum(axis=axes, keepdims=keepdim)
        elif p == 2:
            result = np.sqrt((a * a).sum(axis=axes, keepdims=keepdim))
        else:
            result = _scalar_pow(_scalar_pow(a, p).sum(axis=axes, keepdims=keepdim), 1 / p)
        return np.asarray(result, dtype=a.dtype)

    def backward(self, grad):
        x, norm = self.saved_tensors
        # A norm computed in another dtype (dtype=) takes x's back first, as PyTorch's formula.
        grad, norm = grad.to(x.dtype), norm.to(x.dtype)
        p = float(self.ord)
        if p == 0:
            return None  # the count of nonzeros is flat: no gradient at all, as in PyTorch
        dims = normalize_dims(self.dim, x.ndim)
        grad = formulas.keep_reduced_dims(grad, dims, self.keepdim)
        norm = formulas.keep_reduced_dims(norm, dims, self.keepdim)
        if p == 1:
            return x.sign() * grad
        if p == 2:
            return grad * (x / norm).masked_fill(norm == 0, 0)
        if math.isinf(p):  # the largest (smallest) |x| share the gradient, ties evenly
            chosen = (x.abs() == norm).to(x.dtype)
            return x.sign() * ((grad / chosen.sum(dims, keepdim=True)) * chosen)
        if p < 1:
            scaled = x.sign() * (x.abs() ** (p - 1)).masked_fill(x == 0, 0)
            return scaled * grad * norm ** (1 - p)
        scaled = x.sign() * x.abs() ** (p - 1) if p < 2 else x * x.abs() ** (p - 2)
        return scaled * (grad / norm ** (p - 1)).masked_fill(norm == 0, 0)


def _scalar_pow(a: np.ndarray, p: float) -> np.ndarray:
    """a ** p rounded as PyTorch's kernel rounds it, with the C library's pow on each element:
    numpy's vectorised float32 power can differ from it in the last bit, so a float32 (or
    float16) power is computed in float64, the exponent rounded to a's dtype as PyTorch's
    is, and rounded once."""
    if a.dtype.itemsize >= 8:
        return a ** p
    return (a.astype(np.float64) ** np.float64(a.dtype.type(p))).astype(a.dtype)


class VarBackward0(Op):
    """The variance: the mean squared distance from the mean, divided by (n - correction)."""

    __slots__ = ("dim", "correction", "keepdim")
    saved_names = ('self',)

    function_name = "var"  # as the degrees-of-freedom warning names it

    def forward(self, x, dim, correction, keepdim):
        self.save_for_backward(x)
        self.dim, self.correction, self.keepdim = dim, correction, keepdim
        return self._from_variance(_variance(x._data, dim, correction, keepdim,
                                             self.function_name))

    @staticmethod
    def _from_variance(variance: np.ndarray) -> np.ndarray:
        return variance

    def backward(self, grad):
        (x,) = self.saved_tensors
        return _var_backward(grad, x, self.dim, self.correction, self.keepdim)


class StdBackward0(VarBackward0):
    """The standard deviation, the square root of the variance."""

    save_output = True
    function_name = "std"

    @staticmethod
    def _from_variance(variance: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.sqrt(variance)

    def backward(self, grad):
        x, result = self.saved_tensors
        # d std = d var / (2 std); where std is 0 PyTorch takes the gradient as 0.
        grad_var = (grad / (result * 2)).masked_fill(result == 0, 0)
        return _var_backward(grad_var, x, self.dim, self.correction, self.keepdim)


class NormBackward1(LinalgVectorNormBackward0):
    """The same p-norm as PyTorch's own C++ code records it (pairwise_distance's at::norm)."""

    @property
    def _saved_p(self) -> Any:  # this node's name for the norm's order
        return self.ord


class _WithMean(TwoOutputs):
    """var_mean / std_mean: the spread and the mean, two outputs of one node."""

    __slots__ = ()

    def forward(self, x, dim, correction, keepdim, seconds):
        axes = normalize_dims(dim, x._data.ndim)
        seconds.append(np.asarray(_mean(x._data, axes, keepdim), x._data.dtype))
        return super().forward(x, dim, correction, keepdim)

    def backward(self, grads):
        grad_spread, grad_mean = grads
        grad = None if grad_spread is None else super().backward(grad_spread)
        if grad_mean is not None:
            x = self.saved_tensors[0]
            dims = normalize_dims(self.dim, x.ndim)
            share = formulas.keep_reduced_dims(grad_mean, dims, self.keepdim).expand(x.shape)
            share = share / math.prod(x.shape[d] for d in dims)
            grad = share if grad is None else grad + share
        return grad


class VarMeanBackward0(_WithMean, VarBackward0):
    function_name = "var_mean"


class StdMeanBackward0(_WithMean, StdBackward0):
    function_name = "std_mean"


def _dof(shape: tuple, dims: tuple, correction: Any) -> float:
    """n - correction: the number of elements reduced into each result, less the correction."""
    return math.prod(shape[d] for d in dims) - (1 if correction is None else correction)


def _variance(data: np.ndarray, dim: Any, correction: Any, keepdim: bool,
              name: str) -> np.ndarray:
    dims = normalize_dims(dim, data.ndim)
    dof = _dof(data.shape, dims, correction)
    if dof <= 0:
        warnings.warn(DOF_WARNING.format(name=name), UserWarning, stacklevel=6)
    centered = data - _mean(data, dims, True)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = (centered * centered).sum(axis=dims, keepdims=keepdim) / max(dof, 0)
    return np.asarray(result, dtype=data.dtype)


def _mean(data: np.ndarray, dims: tuple, keepdims: bool) -> np.ndarray:
    """numpy's mean; of no elements nan without numpy's RuntimeWarnings (PyTorch warns of the
    degrees of freedom only)."""
    if data.size:
        return data.mean(axis=dims, keepdims=keepdims)
    count = math.prod(data.shape[d] for d in dims)
    with np.errstate(invalid="ignore", divide="ignore"):
        return data.sum(axis=dims, keepdims=keepdims) / count


def _var_backward(grad: Any, x: Any, dim: Any, correction: Any, keepdim: bool) -> Any:
    dims = normalize_dims(dim, x.ndim)
    grad = formulas.keep_reduced_dims(grad, dims, keepdim)
    centered = x - x.mean(dims, keepdim=True)
    dof = _dof(x.shape, dims, correction)
    return (2.0 / dof if dof else math.inf) * grad * centered


def _check_floating(x: Any, what: str) -> None:
    if not x.dtype.is_floating_point:
        raise RuntimeError(what.format(kind=message_name(x.dtype)))


def norm(input: Any, p: Any = "fro", dim: Any = None, keepdim: bool = False,
         dtype: Any = None) -> Any:
    """The vector p-norm of input (all of it, or along dim), computed in ``dtype`` if given;
    "fro" is the 2-norm."""
    if isinstance(p, str):
        if p != "fro":
            raise NotImplementedError(f"norm with p={p!r} (a matrix norm) is not in minigrad")
        p = 2
    first = dim[0] if isinstance(dim, (tuple, list)) and dim else dim
    if isinstance(first, bool):  # x.norm(2, True): keepdim given for dim
        # (PyTorch's norm passes dim on to linalg_vector_norm, third, as a tuple of ints)
        raise TypeError("linalg_vector_norm(): argument 'dim' (position 3) must be tuple of "
                        "ints, but found element of type bool at pos 0")
    if not isinstance(keepdim, bool):  # x.norm(2, 1, 1): handed on fourth, for a bool
        raise wrong_argument_type("linalg_vector_norm", "keepdim", 4, keepdim, "bool")
    _check_floating(input, "linalg.vector_norm: Expected a floating point or complex tensor as "
                           "input. Got {kind}")
    if dtype is not None and not np.can_cast(input._data.dtype, dtype.numpy, "safe"):
        raise RuntimeError(f"linalg.vector_norm: the dtype of the input "
                           f"({message_name(input.dtype)}) should be convertible without "
                           f"narrowing to the specified dtype ({message_name(dtype)})")
    return LinalgVectorNormBackward0.apply(input, ord=p, dim=dims_argument(dim), keepdim=keepdim,
                                           dtype=dtype)


def _spread(op: type[Op], input: Any, dim: Any, unbiased: Any, keepdim: bool,
            correction: Any, refusal: str = "std and var") -> Any:
    if isinstance(dim, bool):  # x.var(False): the old unbiased flag, given first
        dim, unbiased = None, dim
    if is_index(dim):
        dim = int(dim._data.reshape(-1)[0])
    if correction is None and (unbiased is not None or dim is not None):
        # PyTorch records the correction it was given; x.var() alone records None
        correction = 0 if unbiased is False else 1
    _check_floating(input, refusal + " only support floating point and complex dtypes")
    if issubclass(op, TwoOutputs):
        return op.apply_pair(input, dim=dims_argument(dim), correction=correction,
                             keepdim=keepdim)
    return op.apply(input, dim=dims_argument(dim), correction=correction, keepdim=keepdim)


def var(input: Any, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Any:
    """The variance (Bessel-corrected by default: divided by n - 1)."""
    return _spread(VarBackward0, input, dim, unbiased, keepdim, correction)


def std(input: Any, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Any:
    """The standard deviation (Bessel-corrected by default)."""
    return _spread(StdBackward0, input, dim, unbiased, keepdim, correction)


def var_mean(input: Any, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple:
    """(variance, mean) in one pass, as a plain tuple.

    >>> import minigrad as torch
    >>> torch.var_mean(torch.tensor([1.0, 2.0, 6.0]))
    (tensor(7.), tensor(3.))
    """
    return _spread(VarMeanBackward0, input, dim, unbiased, keepdim, correction, "var_mean")


def std_mean(input: Any, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple:
    """(standard deviation, mean) in one pass, as a plain tuple."""
    return _spread(StdMeanBackward0, input, dim, unbiased, keepdim, correction, "std_mean")
