"""minigrad.linalg: the part of torch.linalg that minigrad has: vector norms (`vector_norm`,
and `norm` where it computes one) and `cross`.

    >>> import minigrad as torch
    >>> torch.linalg.cross(torch.tensor([0.0, 1.0, 0.0]), torch.tensor([0.0, 0.0, 1.0]))
    tensor([1., 0., 0.])
    >>> torch.linalg.vector_norm(torch.tensor([3.0, -4.0]), ord=1)
    tensor(7.)
"""

from __future__ import annotations

from typing import Any

from .breadth.cross import linalg_cross as cross
from .breadth.statistics import norm as _p_norm

__all__ = ["cross", "norm", "vector_norm"]


def vector_norm(x: Any, ord: float = 2, dim: Any = None, keepdim: bool = False, *,
                dtype: Any = None) -> Any:
    """The p-norm of x's elements (all of them, or along dim), as x.norm(p, dim) computes it."""
    if isinstance(ord, str):  # x.norm's "fro" is no order here, as in PyTorch
        raise TypeError("linalg_vector_norm(): argument 'ord' must be Number, not str")
    return _p_norm(x, ord, dim, keepdim, dtype)


def norm(A: Any, ord: Any = None, dim: Any = None, keepdim: bool = False, *,
         dtype: Any = None) -> Any:
    """A vector norm (A 1-D, or one dim given) or the Frobenius norm of a matrix; without ord,
    the 2-norm of all of A. The matrix norms other than "fro" (1, inf, 2, "nuc": from column
    sums or singular values) are not in minigrad."""
    dims = (dim,) if isinstance(dim, int) else dim
    if ord is None:
        return _p_norm(A, 2, dim, keepdim, dtype)
    if dims is None and A.ndim not in (1, 2):
        raise RuntimeError("linalg.norm: If dim is not specified but ord is, the input must be "
                           f"1D or 2D. Got {A.ndim}D.")
    matrix = len(dims) == 2 if dims is not None else A.ndim == 2
    if not matrix and isinstance(ord, str):
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    if not matrix:
        return vector_norm(A, ord, dim, keepdim, dtype=dtype)
    if ord != "fro":
        raise NotImplementedError(f"linalg.norm with ord={ord!r} on a matrix (a matrix norm) "
                                  "is not in minigrad: only 'fro' is")
    return _p_norm(A, 2, (-2, -1) if dims is None else dims, keepdim, dtype)
