"""gradcheck: compare backward's gradients with central finite differences.

    >>> import minigrad as torch
    >>> x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradcheck(torch.sin, (x,))
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


def _outputs(fn: Callable, inputs: tuple) -> tuple:
    from ..tensor import Tensor

    out = fn(*inputs)
    return (out,) if isinstance(out, Tensor) else tuple(out)


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
              rtol: float = 1e-3, raise_exception: bool = True, **_: Any) -> bool:
    """True when backward's gradients of `func` at `inputs` match finite differences."""
    from ..tensor import Tensor

    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    for x in inputs:
        if isinstance(x, Tensor) and x.requires_grad and x.dtype.name != "float64":
            warnings.warn(
                f"Input #{inputs.index(x)} requires gradient and is not a double precision "
                "floating point or complex. This check will likely fail if all the inputs are "
                "not of double precision floating point or complex. ", UserWarning, stacklevel=2)
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
