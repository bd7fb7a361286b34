"""torch.multinomial: draw category indices with the probabilities given by (the rows of) a
tensor of weights, PyTorch's numbers for the same seed.

    >>> import minigrad as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.multinomial(torch.tensor([0.1, 0.6, 0.3]), 4, replacement=True)
    tensor([2, 2, 1, 2])

PyTorch's CPU recipes (aten/src/ATen/native/Distributions.cpp, cpu/MultinomialKernel.cpp):
- without replacement, or one sample: the "exponential race": q ~ Exp(1) per weight, and the
  largest weights / q win (argmax, or topk for several): Gumbel-max with the exp taken;
- with replacement: a 53-bit uniform per sample, looked up in the row's cumulative sum
  (accumulated in the weights' dtype, divided by its total, the last entry set to 1).
"""

from __future__ import annotations

import numpy as np

from .. import _dtype, creation, sampling
from ..random import Generator, default_generator
from ..tensor import Tensor


def _check(input: Tensor, num_samples: int, replacement: bool) -> None:
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{_dtype.message_name(input.dtype)}")
    if input.dim() not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not replacement and num_samples > input.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,
                generator: Generator | None = None) -> Tensor:
    """num_samples indices per row of input (non-negative weights, need not sum to 1)."""
    _check(input, num_samples, replacement)
    gen = generator or default_generator
    weights = input._data
    if not replacement or num_samples == 1:
        if not (np.all(weights < np.inf) and np.all(weights >= 0)):
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if np.any(weights.sum(axis=-1) == 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        race = creation.empty_like(input).exponential_(1, generator=gen)._data
        score = weights / race
        # topk's order: the largest first, ties to the lower index
        chosen = np.argsort(-score, axis=-1, kind="stable")[..., :num_samples]
        return Tensor._make(chosen.astype(np.int64))
    rows = np.atleast_2d(weights)
    samples = np.empty((rows.shape[0], num_samples), np.int64)
    for i, row in enumerate(rows):
        bad = ~((row >= 0) & np.isfinite(row))  # checked in order, as PyTorch's loop
        if bad.any():
            first = row[np.argmax(bad)]
            raise RuntimeError("invalid multinomial distribution (encountering probability "
                               + ("entry < 0)" if not first >= 0 else
                                  "entry = infinity or NaN)"))
        cumulative = np.cumsum(row)  # one element after the other, in the weights' dtype
        if not cumulative[-1] > 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        cumulative /= cumulative[-1]
        cumulative[-1] = 1
        uniforms = sampling.uniform(gen, num_samples, np.float64)
        samples[i] = np.searchsorted(cumulative.astype(np.float64), uniforms, side="left")
    return Tensor._make(samples.reshape(weights.shape[:-1] + (num_samples,)))
