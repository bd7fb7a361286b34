"""The values of a floating-point `arange`, rounded exactly as PyTorch's CPU kernel rounds them.

`start + i * step` is not one number: it depends on how often it is rounded. PyTorch's kernel
computes, for float32, blocks of 8 values (4 for float64; the AVX2 kernel, which PyTorch also
runs on AVX-512 machines): the block's first value as `start + step * i` with one rounding
(the compiler fuses multiply and add), rounded to the dtype, then each next one as
`first + j * step`, again fused, then rounded; the tail that fills no pair of blocks is
`start + step * i`, fused. So `torch.arange(-8.0, 8.0, 0.1)[80]` is 4.4409e-16, not 0.

    >>> import minigrad as torch
    >>> torch.arange(-8.0, 8.0, 0.1)[80].item()
    4.440892098500626e-16
"""

from __future__ import annotations

import numpy as np

from .fused import fma


def arange_values(start: float, step: float, n: int, np_dtype: np.dtype) -> np.ndarray:
    """PyTorch's `arange(start, start + n * step, step)` values in a floating dtype."""
    np_dtype = np.dtype(np_dtype)
    width = 8 if np_dtype == np.float32 else 4
    i = np.arange(n, dtype=np.float64)
    in_blocks = n - n % (2 * width)  # whole pairs of blocks; the tail is computed one by one
    offset = i[:in_blocks] % width
    first = fma(step, i[:in_blocks] - offset, start).astype(np_dtype).astype(np.float64)
    blocked = fma(offset, step, first)
    tail = fma(step, i[in_blocks:], start)
    return np.concatenate([blocked, tail]).astype(np_dtype)
