"""x.scatter(dim, index, src, reduce="add" | "multiply"): src's elements (or a number) added to,
or multiplying, the indexed places, where scatter writes them; an index given twice applies
its value twice.

PyTorch keeps this older form with no derivative (its NotImplemented node) and, for a tensor
src, warns once that it is deprecated (scatter_reduce is its successor).

    >>> import minigrad as torch
    >>> torch.ones(3).scatter(0, torch.tensor([0, 0, 2]), 2.0, reduce="multiply")
    tensor([4., 1., 2.])
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..tensor import Tensor
from .gather import _check, _flat0, _key, _used
from .rounding import without_derivative

_REDUCTIONS = {"add": np.add, "multiply": np.multiply}
_warned = []  # (PyTorch warns once a process)


def scatter_reduced(input: Tensor, dim: int, index: Any, src: Any, reduce: Any) -> Tensor:
    if reduce not in _REDUCTIONS:
        raise RuntimeError("reduce argument must be either add or multiply.")
    dim = _check(input, dim, index, src, "scatter")
    out = input._data.copy()
    if isinstance(src, Tensor):
        if not _warned:
            _warned.append(True)
            warnings.warn("The reduce argument of torch.scatter with Tensor src is deprecated "
                          "and will be removed in a future PyTorch release. Use "
                          "torch.scatter_reduce instead for more reduction options.",
                          UserWarning, stacklevel=3)
        values = _used(src._data, index._data)
    else:  # a number takes input's dtype first (2.5 multiplies an integer tensor by 2)
        values = np.asarray(src).astype(out.dtype)
    _REDUCTIONS[reduce].at(_flat0(out), _key(index._data, dim), values)
    return without_derivative(out, "scatter", input, src)
