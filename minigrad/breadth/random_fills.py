"""Random in-place fills: `x.uniform_(a, b)`, `x.normal_(mean, std)`, `x.random_(from, to)`,
`x.bernoulli_(p)`, drawn from minigrad's seeded generator (not PyTorch's numbers).

As any in-place operation they bump x's version and refuse a leaf that requires grad; on a
tensor in a graph they record PyTorch's node (UniformBackward0...), whose gradient is zero:
the new values do not depend on the old ones.

    >>> import minigrad as torch
    >>> x = torch.empty(1000).uniform_(-1, 1)
    >>> bool(x.min() >= -1), bool(x.max() < 1)
    (True, True)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype
from ..ops.op import Op
from ..random import Generator, default_generator
from ..tensor import Tensor
from .filling import FillBackward2
from .formulas import zeros_like


class UniformBackward0(FillBackward2):
    """x.uniform_(from, to)"""


class NormalBackward0(FillBackward2):
    """x.normal_(mean, std)"""


class RandomBackward0(FillBackward2):
    """x.random_(from, to)"""


class RandomBackward1(FillBackward2):
    """x.random_(to)"""


class RandomBackward2(FillBackward2):
    """x.random_()"""


class BernoulliBackward2(FillBackward2):
    """x.bernoulli_(p) with a number p"""


class BernoulliBackward1(Op):
    """x.bernoulli_(p) with a tensor p: neither x nor p gets a gradient."""

    def forward(self, x, p):
        return x._data

    def backward(self, grad):
        return zeros_like(grad), None


def _rng(generator: Generator | None) -> np.random.Generator:
    return (generator or default_generator).rng


def _floating_only(x: Tensor, kernel: str) -> None:
    if not x.dtype.is_floating_point:
        raise NotImplementedError(
            f'"{kernel}" not implemented for \'{_dtype.message_name(x.dtype)}\'')


def uniform_(self: Tensor, from_: float = 0.0, to: float = 1.0, *,
             generator: Generator | None = None) -> Tensor:
    _floating_only(self, "check_uniform_bounds")
    if from_ > to:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={from_:g} > to={to:g}")
    return self._fill(Tensor._make(_rng(generator).uniform(from_, to, self.shape)),
                      UniformBackward0)


def normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *,
            generator: Generator | None = None) -> Tensor:
    _floating_only(self, "normal_kernel_cpu")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    return self._fill(Tensor._make(_rng(generator).normal(mean, std, self.shape)),
                      NormalBackward0)


def _default_range_end(dtype: _dtype.dtype) -> int:
    """random_()'s exclusive end: every integer the dtype holds exactly, from 0."""
    np_dtype = _dtype.to_numpy(dtype)
    if dtype.is_floating_point:
        return 2 ** (np.finfo(np_dtype).nmant + 1) + 1
    return 2 if np_dtype == np.bool_ else int(np.iinfo(np_dtype).max) + 1


def random_(self: Tensor, from_: int | None = None, to: int | None = None, *,
            generator: Generator | None = None) -> Tensor:
    if from_ is None:
        low, high, node = 0, _default_range_end(self.dtype), RandomBackward2
    elif to is None:
        low, high, node = 0, from_, RandomBackward1
    else:
        low, high, node = from_, to, RandomBackward0
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got "
                           f"from={low} >= to={high}")
    return self._fill(Tensor._make(_rng(generator).integers(low, high, self.shape)), node)


def bernoulli_(self: Tensor, p: Any = 0.5, *, generator: Generator | None = None) -> Tensor:
    draws = _rng(generator).random(self.shape)
    if isinstance(p, Tensor):
        return self._fill(Tensor._make(draws < p._data), BernoulliBackward1, p)
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")
    return self._fill(Tensor._make(draws < p), BernoulliBackward2)
