"""The order libstdc++'s `std::sort` leaves a row in, compared by `<` on the values alone.

std::sort is not stable: where equal values end up depends on its steps, and PyTorch's `mode`
kernel reports the place of the last of its run of equal values after this sort. The steps
are introsort's: while a range holds more than 16 elements, it puts the median of its second,
middle and last elements first and partitions around it (recursing on the right part, looping
on the left), falling back to heapsort past 2 * floor(log2(n)) levels; then one insertion sort
over the whole row, guarded over its first 16 elements only.

    >>> from minigrad.breadth.std_sort import std_sort_order
    >>> std_sort_order([2.0, 1.0, 2.0, 1.0])
    [1, 3, 0, 2]

The loops PyTorch runs unguarded (they rely on an element that stops them) are bounded here,
so a nan, which compares false both ways, cannot walk them off the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Ranges of this many elements or fewer are left to the final insertion sort.
_THRESHOLD = 16


def std_sort_order(values: Sequence[Any]) -> list[int]:
    """The indices of `values` in the order std::sort leaves them."""
    items = [(value, index) for index, value in enumerate(values)]
    n = len(items)
    if n > 1:
        _introsort_loop(items, 0, n, 2 * (n.bit_length() - 1))
        _insertion_sort(items, 0, min(n, _THRESHOLD))
        for i in range(_THRESHOLD, n):
            _linear_insert(items, i, 0)
    return [index for _, index in items]


def _introsort_loop(items: list, first: int, last: int, depth: int) -> None:
    while last - first > _THRESHOLD:
        if depth == 0:
            _heap_sort(items, first, last)
            return
        depth -= 1
        cut = _partition_pivot(items, first, last)
        _introsort_loop(items, cut, last, depth)
        last = cut


def _partition_pivot(items: list, first: int, last: int) -> int:
    """Move the median of three to `first`, partition the rest around it."""
    a, b, c = first + 1, first + (last - first) // 2, last - 1
    key = [item[0] for item in (items[a], items[b], items[c])]
    if key[0] < key[1]:
        median = b if key[1] < key[2] else c if key[0] < key[2] else a
    else:
        median = a if key[0] < key[2] else c if key[1] < key[2] else b
    items[first], items[median] = items[median], items[first]
    pivot = items[first][0]
    low, high = first + 1, last
    while True:
        while low < last and items[low][0] < pivot:
            low += 1
        high -= 1
        while high > first and pivot < items[high][0]:
            high -= 1
        if not low < high:
            return low
        items[low], items[high] = items[high], items[low]
        low += 1


def _insertion_sort(items: list, first: int, last: int) -> None:
    for i in range(first + 1, last):
        if items[i][0] < items[first][0]:  # the smallest yet: straight to the front
            items.insert(first, items.pop(i))
        else:
            _linear_insert(items, i, first)


def _linear_insert(items: list, i: int, first: int) -> None:
    """Move items[i] left past the elements greater than it."""
    item = items[i]
    while i > first and item[0] < items[i - 1][0]:
        items[i] = items[i - 1]
        i -= 1
    items[i] = item


def _heap_sort(items: list, first: int, last: int) -> None:
    """std::partial_sort over the whole range: make_heap, then sort_heap."""
    length = last - first
    for parent in range((length - 2) // 2, -1, -1):
        _adjust_heap(items, first, parent, length, items[first + parent])
    while length > 1:
        length -= 1
        item = items[first + length]
        items[first + length] = items[first]
        _adjust_heap(items, first, 0, length, item)


def _adjust_heap(items: list, first: int, hole: int, length: int, item: tuple) -> None:
    """Sift the hole at `hole` down to a leaf, then push `item` up from there."""
    top = hole
    child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if items[first + child][0] < items[first + child - 1][0]:
            child -= 1
        items[first + hole] = items[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        items[first + hole] = items[first + child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and items[first + parent][0] < item[0]:
        items[first + hole] = items[first + parent]
        hole = parent
        parent = (hole - 1) // 2
    items[first + hole] = item
