"""gradcheck: compare backward's gradients with central finite differences.

    >>> import minigrad as torch
    >>> x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradcheck(torch.sin, (x,))
    True

gradgradcheck does the same for the gradients of the gradients: it checks, with gradcheck,
the function that maps (inputs, grad_outputs) to the gradients backward computes from them
with create_graph=True.

    >>> torch.autograd.gradgradcheck(torch.sin, (x,))
    True

Use float64 inputs: in float32, rounding error swamps the finite differences.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np


class GradcheckError(RuntimeError):
    """Raised by gradcheck when analytical and numerical gradients differ."""


def _as_tuple(x: Any) -> tuple:
    return x if isinstance(x, tuple) else tuple(x) if isinstance(x, list) else (x,)


def _outputs(fn: Callable, inputs: tuple) -> tuple:
    """fn's differentiable outputs (those that require grad), as PyTorch's gradcheck takes them."""
    return tuple(out for out in _as_tuple(fn(*inputs)) if out.requires_grad)


def _numerical_jacobian(fn: Callable, inputs: tuple, i: int, out_index: int, eps: float
                        ) -> np.ndarray:
    """d out / d inputs[i] by central differences: one column per input element."""
    # Not under no_grad: fn may itself differentiate (a gradient of a gradient).
    x = inputs[i]
    flat = x._data.reshape(-1)
    n_out = _outputs(fn, inputs)[out_index]._data.size
    jac = np.zeros((flat.size, n_out))
    for k in range(flat.size):
        orig = flat[k]
        flat[k] = orig + eps
        plus = _outputs(fn, inputs)[out_index]._data.astype(np.float64).reshape(-1)
        flat[k] = orig - eps
        minus = _outputs(fn, inputs)[out_index]._data.astype(np.float64).reshape(-1)
        flat[k] = orig
        jac[k] = (plus - minus) / (2 * eps)
    return jac


def _analytical_jacobian(fn: Callable, inputs: tuple, i: int, out_index: int) -> np.ndarray:
    """d out / d inputs[i] by backward: one vector-Jacobian product per output element."""
    from ..tensor import Tensor
    from .api import grad

    out = _outputs(fn, inputs)[out_index]
    jac = np.zeros((inputs[i]._data.size, out._data.size))
    for k in range(out._data.size):
        v = np.zeros(out._data.size, dtype=out._data.dtype)
        v[k] = 1
        (g,) = grad(out, inputs[i], Tensor._make(v.reshape(out._data.shape)), retain_graph=True,
                    allow_unused=True)
        if g is not None:
            jac[:, k] = g._data.reshape(-1)
    return jac


def gradcheck(func: Callable, inputs: Any, *, eps: float = 1e-6, atol: float = 1e-5,
              rtol: float = 1e-3, raise_exception: bool = True, nondet_tol: float = 0.0,
              check_undefined_grad: bool = True, check_grad_dtypes: bool = False,
              check_batched_grad: bool = False, check_batched_forward_grad: bool = False,
              check_forward_ad: bool = False, check_backward_ad: bool = True,
              fast_mode: bool = False, masked: bool | None = None) -> bool:
    """True when backward's gradients of `func` at `inputs` match finite differences.

    PyTorch's other options are accepted; minigrad compares whole Jacobians (PyTorch's slow
    mode, which fast_mode approximates) and has no forward-mode AD to check.
    """
    from ..tensor import Tensor

    if not (check_forward_ad or check_backward_ad):
        raise AssertionError(
            "Expected at least one of check_forward_ad or check_backward_ad to be True")
    if check_batched_grad and not check_backward_ad:
        raise AssertionError(
            "Setting check_batched_grad=True requires check_backward_ad to be True")
    if check_batched_forward_grad and not check_forward_ad:
        raise AssertionError(
            "Setting check_batched_forward_grad=True requires check_forward_ad to be True")
    if check_forward_ad:
        raise NotImplementedError("minigrad has no forward-mode AD: check_forward_ad=True "
                                  "(gradgradcheck's check_fwd_over_rev=True) cannot be checked")
    inputs = _as_tuple(inputs)
    for index, x in enumerate(inputs):
        if isinstance(x, Tensor) and x.requires_grad and x.dtype.name != "float64":
            warnings.warn(
                f"Input #{index} requires gradient and is not a double precision "
                "floating point or complex. This check will likely fail if all the inputs are "
                "not of double precision floating point or complex. ", UserWarning, stacklevel=2)
    if not any(isinstance(x, Tensor) and x.requires_grad for x in inputs):
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but "
                         "none of them have requires_grad=True.")
    n_outputs = len(_outputs(func, inputs))
    for out_index in range(n_outputs):
        for i, x in enumerate(inputs):
            if not (isinstance(x, Tensor) and x.requires_grad):
                continue
            numerical = _numerical_jacobian(func, inputs, i, out_index, eps)
            analytical = _analytical_jacobian(func, inputs, i, out_index)
            if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {out_index} with respect to input {i},\n"
                    f"numerical:{_fmt(numerical, x)}\nanalytical:{_fmt(analytical, x)}\n")
    return True


def _fmt(jac: np.ndarray, input: Any) -> str:
    """A Jacobian printed in its input's dtype, as PyTorch prints it."""
    from ..tensor import Tensor

    return repr(Tensor._make(jac.astype(input._data.dtype)))


def gradgradcheck(func: Callable, inputs: Any, grad_outputs: Any = None, *, eps: float = 1e-6,
                  atol: float = 1e-5, rtol: float = 1e-3, gen_non_contig_grad_outputs: bool = False,
                  raise_exception: bool = True, nondet_tol: float = 0.0,
                  check_undefined_grad: bool = True, check_grad_dtypes: bool = False,
                  check_batched_grad: bool = False, check_fwd_over_rev: bool = False,
                  check_rev_over_rev: bool = True, fast_mode: bool = False,
                  masked: bool = False) -> bool:
    """True when the gradients of backward's gradients of `func` match finite differences.

    Without grad_outputs, random ones (uniform in [-1, 1), requiring grad) are drawn from the
    default generator, as PyTorch's torch.testing.make_tensor draws them.
    """
    from .. import creation
    from .api import grad

    if not (check_fwd_over_rev or check_rev_over_rev):
        raise AssertionError(
            "Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True")
    if check_undefined_grad and not check_rev_over_rev:
        raise AssertionError(
            "Setting check_undefined_grad=True requires check_rev_over_rev to be True")
    if check_batched_grad and not check_rev_over_rev:
        raise AssertionError(
            "Setting check_batched_grad=True requires check_rev_over_rev to be True")
    inputs = _as_tuple(inputs)
    if grad_outputs is None:
        grad_outputs = tuple(
            creation.empty(out.shape, dtype=out.dtype).uniform_(-1, 1).requires_grad_()
            for out in _outputs(func, inputs))
    else:
        grad_outputs = _as_tuple(grad_outputs)
    n_outputs = len(grad_outputs)
    differentiable = [i for i, x in enumerate(inputs) if getattr(x, "requires_grad", False)]

    def gradients(*args: Any) -> tuple:
        """The gradients backward computes from (inputs, grad_outputs), with their graph."""
        given = args[:-n_outputs]
        found = grad(_outputs(func, given), [given[i] for i in differentiable],
                     args[-n_outputs:], create_graph=True, allow_unused=True)
        return tuple(g for g in found if g is not None)

    return gradcheck(gradients, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception, nondet_tol=nondet_tol,
                     check_undefined_grad=check_undefined_grad,
                     check_grad_dtypes=check_grad_dtypes, check_batched_grad=check_batched_grad,
                     check_forward_ad=check_fwd_over_rev, check_backward_ad=check_rev_over_rev,
                     fast_mode=fast_mode, masked=masked)
