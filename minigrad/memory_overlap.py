"""Writing into a tensor whose elements share memory: `torch.ones(3).expand(2, 3)`.

An expanded tensor keeps 6 elements in the memory of 3 (a dim of stride 0), so numpy makes it
read-only. PyTorch checks each write instead (its MemoryOverlap.cpp): most in-place ops refuse
a tensor in which one memory location is more than one element, fill_(number) and zero_ write
it, tril_ and triu_ write it (their zeros only), masked_fill_ and index_put_ (x[mask] = v)
write it with a warning, and a view of it with no
such dim (x[0], one row) is written as any tensor, into the memory the rows share. A write the
plain numpy call refuses comes here (so a tensor that owns its memory costs nothing more).

    >>> import minigrad as torch
    >>> b = torch.zeros(3)
    >>> x = b.expand(2, 3)
    >>> x[0] = 5
    >>> b
    tensor([5., 5., 5.])
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from . import messages


def has_internal_overlap(data: np.ndarray) -> bool:
    """Whether two elements of data are one memory location: a dim of stride 0 and size > 1
    (PyTorch's MemOverlap::Yes; the other overlaps it cannot tell, as_strided's, it writes)."""
    return any(stride == 0 and n > 1 for n, stride in zip(data.shape, data.strides))


def element_offsets(shape: tuple, strides: tuple, offset: int = 0) -> np.ndarray:
    """Where each element of an array of `shape` and `strides` lies in memory: offset + the
    sum of index * stride over its dims (in the strides' unit, bytes or elements)."""
    offsets = np.full(shape, offset, dtype=np.int64)
    for axis, (size, stride) in enumerate(zip(shape, strides)):
        offsets += (np.arange(size) * stride).reshape((-1,) + (1,) * (len(shape) - axis - 1))
    return offsets


def check(data: np.ndarray) -> None:
    """PyTorch's refusal of a write into overlapping memory."""
    if has_internal_overlap(data):
        raise RuntimeError(messages.INTERNAL_OVERLAP)


def check_partial(written: np.ndarray, *read: Any) -> bool:
    """PyTorch's refusal of an op that writes memory it also reads at other places: `x[1:]
    += x[:-1]` would read elements it has already changed. As PyTorch, it tells only where
    both tensors are dense (their elements fill a block of memory, in some order of dims):
    the same block is the same elements (x += x), other ones that intersect are refused,
    and other layouts it lets through: whether one of those shares memory with `written` is
    returned (PyTorch's loop then reads some elements after writing them:
    breadth/overlapping_reads.py)."""
    interleaved = False
    for tensor in read:
        data = getattr(tensor, "_data", None)  # (the operands that are tensors)
        if data is not None and data is not written:
            shared = _partly_shared(written, data)
            if shared == "dense":
                raise RuntimeError(messages.PARTIAL_OVERLAP)
            interleaved = interleaved or shared == "interleaved"
    return interleaved


def _partly_shared(a: np.ndarray, b: np.ndarray) -> str:
    """"dense" where a and b are dense blocks of memory that intersect (not the same block),
    "interleaved" where one is not dense and they share memory, else ""."""
    if a.base is None and b.base is None:  # two arrays that own their memory (p.add_(grad)
        return ""                          # in an optimizer's step: the check costs nothing)
    if not np.may_share_memory(a, b) or not a.size or not b.size:  # (bounds only: cheap)
        return ""
    if not (_dense(a) and _dense(b)):
        return "interleaved" if np.shares_memory(a, b) else ""
    a_start, b_start = a.__array_interface__["data"][0], b.__array_interface__["data"][0]
    if a_start == b_start and a.nbytes == b.nbytes:
        return ""
    return "dense" if a_start < b_start + b.nbytes and b_start < a_start + a.nbytes else ""


def _dense(data: np.ndarray) -> bool:
    """Whether data's elements fill one block of memory, each once (some order of its dims
    is contiguous)."""
    step = data.itemsize
    dims = sorted((stride, n) for n, stride in zip(data.shape, data.strides) if n > 1)
    for stride, n in dims:
        if stride != step:
            return False
        step *= n
    return True


def warn_expanded(data: np.ndarray, op: str, stacklevel: int = 3) -> None:
    """masked_fill_'s and index_put_'s warning: they still write into overlapping memory."""
    if has_internal_overlap(data):
        index, value = ("mask", "scalar") if op == "masked_fill_" else ("indices", "tensor")
        warnings.warn(messages.EXPANDED_WRITE.format(op=op, index=index, value=value),
                      UserWarning, stacklevel=stacklevel)


def writable(data: np.ndarray, overlap_allowed: bool = False) -> np.ndarray:
    """data, or a writable alias of it where numpy made it read-only (a view of an expanded
    array: its memory, the base's, is writable); PyTorch's error first where data overlaps,
    unless the op writes overlapping memory (overlap_allowed)."""
    if data.flags.writeable:
        return data
    if not overlap_allowed:
        check(data)
    alias = data.view()
    alias.flags.writeable = True  # (numpy's ValueError if the memory itself is read-only)
    return alias


def copyto(data: np.ndarray, values: Any, written: np.ndarray | None = None) -> None:
    """np.copyto(data, values) (unsafe casting, as an in-place op writes its dtype). An op that
    writes overlapping memory gives `written`, the elements it writes (masked_fill_'s mask,
    tril_'s zeros): only those are written, as by PyTorch's kernel, so an element it keeps
    does not write its old value over a location another element changed."""
    np.copyto(writable(data, written is not None), values, casting="unsafe",
              where=True if written is None else written)
