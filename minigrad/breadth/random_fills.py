"""Random in-place fills: `x.uniform_(a, b)`, `x.normal_(mean, std)`, `x.random_(from, to)`,
`x.bernoulli_(p)`, `x.exponential_(lambd)` and `torch.bernoulli(p)`: PyTorch's numbers for the
same seed (minigrad/sampling.py has the recipes).

As any in-place operation they bump x's version and refuse a leaf that requires grad; on a
tensor in a graph they record PyTorch's node (UniformBackward0...), whose gradient is zero:
the new values do not depend on the old ones.

    >>> import minigrad as torch
    >>> x = torch.empty(1000).uniform_(-1, 1)
    >>> bool(x.min() >= -1), bool(x.max() < 1)
    (True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _dtype, creation, messages, sampling
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


class ExponentialBackward0(FillBackward2):
    """x.exponential_(lambd)"""


class BernoulliBackward1(Op):
    """x.bernoulli_(p) with a tensor p: neither x nor p gets a gradient."""

    def forward(self, x, p):
        return x._data

    def backward(self, grad):
        return zeros_like(grad), None


def _generator(generator: Generator | None) -> Generator:
    return generator or default_generator


def _draw(self: Tensor, sample: Callable[[int], np.ndarray]) -> Tensor:
    """sample(n) poured into self in memory order, as PyTorch's serial kernel walks a tensor
    (a transposed view is filled along its rows in memory, not along its own rows)."""
    data = self._data
    order = sorted(range(data.ndim), key=lambda axis: -abs(data.strides[axis]))
    target = data.transpose(order)
    values = np.empty(target.shape, data.dtype)
    values.reshape(-1)[...] = sample(data.size)
    result = np.empty_like(data)
    result.transpose(order)[...] = values
    return Tensor._make(result)


def uniform_(self: Tensor, from_: float = 0.0, to: float = 1.0, *,
             generator: Generator | None = None) -> Tensor:
    messages.check_floating(self, "check_uniform_bounds")
    if from_ > to:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={from_:g} > to={to:g}")
    gen, dtype = _generator(generator), self._data.dtype
    return self._fill(_draw(self, lambda n: sampling.uniform(gen, n, dtype, from_, to)),
                      UniformBackward0)


def normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *,
            generator: Generator | None = None) -> Tensor:
    messages.check_floating(self, "normal_kernel_cpu")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    gen, dtype, contiguous = _generator(generator), self._data.dtype, self.is_contiguous()
    return self._fill(
        _draw(self, lambda n: sampling.normal(gen, n, dtype, mean, std, contiguous)),
        NormalBackward0)


def random_(self: Tensor, from_: int | None = None, to: int | None = None, *,
            generator: Generator | None = None) -> Tensor:
    gen, dtype = _generator(generator), self._data.dtype
    if from_ is None:
        return self._fill(_draw(self, lambda n: sampling.full_range_integers(gen, n, dtype)),
                          RandomBackward2)
    low, high, node = (0, from_, RandomBackward1) if to is None else (from_, to, RandomBackward0)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got "
                           f"from={low} >= to={high}")
    return self._fill(_draw(self, lambda n: sampling.integers(gen, n, low, high).astype(dtype)),
                      node)


def bernoulli_(self: Tensor, p: Any = 0.5, *, generator: Generator | None = None) -> Tensor:
    gen = _generator(generator)
    if isinstance(p, Tensor):
        probability = np.broadcast_to(p._data, self.shape)
        return self._fill(Tensor._make(sampling.bernoulli(gen, probability)),
                          BernoulliBackward1, p)
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")
    probability = np.full(self.shape, p, np.float64)
    return self._fill(_draw(self, lambda n: sampling.bernoulli(gen, probability.reshape(-1))),
                      BernoulliBackward2)


def bernoulli(input: Tensor, p: float | None = None, *,
              generator: Generator | None = None) -> Tensor:
    """0 or 1 for each element, 1 with the element's probability (or with p, if given)."""
    out = creation.empty_like(input)
    return out.bernoulli_(input if p is None else p, generator=generator).detach()


def exponential_(self: Tensor, lambd: float = 1.0, *,
                 generator: Generator | None = None) -> Tensor:
    if not self.dtype.is_floating_point:
        raise RuntimeError(f"Exponential distribution is a continuous probability distribution."
                           f" dtype must be a floating point but you specified "
                           f"{_dtype.message_name(self.dtype)}")
    if not lambd > 0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    gen = _generator(generator)
    return self._fill(_draw(self, lambda n: sampling.exponential(gen, n, lambd)),
                      ExponentialBackward0)
