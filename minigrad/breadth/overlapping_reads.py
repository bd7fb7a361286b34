"""An in-place op that reads, through a view that is not dense, memory it writes:
`m[:, 1:].add_(m[:, :-1])`, which PyTorch lets through (memory_overlap.check_partial).

numpy computes the whole result from the old values; PyTorch's loop writes as it goes, so a
later element can read one it already changed. Its loop (TensorIterator's) walks the output's
dims from the largest stride to the smallest (dims that follow each other in memory for every
operand merged into one), and along the innermost it computes blocks of two vector registers
(64 bytes: 16 float32 or 8 float64 elements) when every operand's elements there are adjacent
or one repeated, reading a block before writing it, then the rest one element at a time; with
other strides, one at a time throughout.

    >>> import minigrad as torch
    >>> m = torch.arange(1.0, 9.0).reshape(2, 4)
    >>> m[:, 1:].add_(m[:, :-1])
    tensor([[ 3.,  6., 10.],
            [11., 18., 26.]])

This models one thread (PyTorch splits tensors of more than 32,768 elements among its threads)
and the block of this machine's PyTorch build (its AVX2 kernels' 32-byte vectors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..autograd.grad_mode import no_grad
from ..tensor import Tensor

BLOCK_BYTES = 64  # two 32-byte vectors per step of PyTorch's vectorized loop


def _owner(data: np.ndarray) -> np.ndarray:
    while isinstance(data.base, np.ndarray):
        data = data.base
    return data


def _start(data: np.ndarray) -> int:
    return data.__array_interface__["data"][0]


def _on(copy: np.ndarray, owner: np.ndarray, data: np.ndarray) -> np.ndarray:
    """data's geometry laid on `copy`, a copy of its owner's memory."""
    return np.ndarray(data.shape, data.dtype, buffer=copy, offset=_start(data) - _start(owner),
                      strides=data.strides)


def _loop_dims(out: np.ndarray, operands: list[np.ndarray]) -> list[list[int]]:
    """The output's dims (of more than one element), outermost first, in groups that the
    loop merges (each next dim follows the previous one in memory for every operand)."""
    dims = sorted((d for d in range(out.ndim) if out.shape[d] > 1),
                  key=lambda d: -abs(out.strides[d]))
    groups: list[list[int]] = []
    for d in dims:
        if groups and all(a.strides[groups[-1][-1]] == a.strides[d] * a.shape[d]
                          for a in (out, *operands)):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def _merged(data: np.ndarray, shape: tuple) -> np.ndarray:
    """data reshaped without a copy (the dims merged follow each other in memory)."""
    view = data.view()
    view.shape = shape
    return view


def values_in_loop_order(written: np.ndarray, operands: list[Any],
                         compute: Callable[..., np.ndarray]) -> np.ndarray | None:
    """What PyTorch's loop leaves in `written` when each block is `compute(*operand blocks)`
    from the memory as it is then (operands: arrays broadcast to written's shape, or numbers,
    passed as they are); None where the memory is not one array's."""
    owner = _owner(written)
    if not owner.flags.c_contiguous:
        return None
    copy = owner.copy()  # (the loop runs on a copy: the op's result, not its write, is asked)
    out = _on(copy, owner, written)
    given = [np.broadcast_to(_on(copy, owner, a) if _owner(a) is owner else a, written.shape)
             if isinstance(a, np.ndarray) else a for a in operands]
    arrays = [a for a in given if isinstance(a, np.ndarray)]
    groups = _loop_dims(out, arrays)
    order = [d for group in groups for d in group]
    order += [d for d in range(out.ndim) if d not in order]  # (dims of one element)
    outer = tuple(out.shape[d] for group in groups[:-1] for d in group)
    rows = [_merged(np.transpose(a, order), (*outer, -1)) for a in (out, *arrays)]
    length = rows[0].shape[-1]
    vectorized = length > 1 and all(r.strides[-1] in (0, r.itemsize) for r in rows)
    block = BLOCK_BYTES // written.itemsize if vectorized else 1
    for index in np.ndindex(*outer):
        start = 0
        while start < length:
            step = block if start + block <= length else 1
            part = (*index, slice(start, start + step))
            pieces = iter([r[part] for r in rows[1:]])
            rows[0][part] = compute(*(next(pieces) if isinstance(a, np.ndarray) else a
                                      for a in given))
            start += step
    return out.copy()


def rewrite(result: Tensor, target: Tensor, function: Callable, read: tuple) -> None:
    """result (function(target, *read), about to be written into target) as PyTorch's loop
    leaves target: each block computed by `function` from the memory as it is then."""
    def compute(*blocks: Any) -> np.ndarray:
        with no_grad():
            return function(*(Tensor._make(np.array(b)) if isinstance(b, np.ndarray) else b
                              for b in blocks))._data

    operands = [target._data, *(a._data if isinstance(a, Tensor) else a for a in read)]
    values = values_in_loop_order(target._data, operands, compute)
    if values is not None:
        result._data[...] = values
