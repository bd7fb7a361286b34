"""einsum: products and sums written as index equations, 'ij,jk->ik' for a matrix product.

Each operand's dims get a letter; a letter in several operands multiplies along that dim, a
letter missing from the output is summed over. Without '->' the output is every letter that
appears once, in alphabetical order. '...' stands for the dims no letter names.

It is computed as PyTorch computes it, from operations that are already differentiable:
diagonals for a letter repeated in one operand, sums for letters only one operand has, and for
each pair of operands one batched matrix product (or, when nothing is summed, a broadcast
product), the operands permuted so that the result comes out in the output's order.

    >>> import minigrad as torch
    >>> a, b = torch.ones(2, 3), torch.ones(3, 4)
    >>> torch.einsum("ij,jk->ik", a, b).shape, torch.einsum("ij->j", a)
    (minigrad.Size([2, 4]), tensor([2., 2., 2.]))
"""

from __future__ import annotations

import math
import string
from typing import Any

from ..ops.shape import permute
from .diagonal import diagonal


def _labels(spec: str, ndim: int, index: int, ellipsis: str) -> list[str]:
    """An operand's letters, its '...' spelled out as one letter per dim it covers."""
    named = spec.replace("...", "")
    if "..." in spec:
        covered = ndim - len(named)
        if covered < 0:
            raise RuntimeError(f"einsum(): the number of subscripts in the equation "
                               f"({len(named)}) is more than the number of dimensions ({ndim}) "
                               f"for operand {index}")
        spec = spec.replace("...", ellipsis[len(ellipsis) - covered:])
    elif len(named) != ndim:
        raise RuntimeError(f"einsum(): the number of subscripts in the equation ({len(named)}) "
                           f"does not match the number of dimensions ({ndim}) for operand "
                           f"{index} and no ellipsis was given")
    for letter in named:
        if not letter.isalpha():
            raise RuntimeError(f"einsum(): invalid subscript given at index {spec.index(letter)} "
                               "in the equation string, subscripts must be in [a-zA-Z]")
    return list(spec)


def _take_diagonals(t: Any, labels: list[str], index: int) -> tuple[Any, list[str]]:
    """For a letter repeated within one operand, its diagonal (the letter once, at the end)."""
    while len(set(labels)) != len(labels):
        letter = next(x for x in labels if labels.count(x) > 1)
        first = labels.index(letter)
        second = labels.index(letter, first + 1)
        if t.shape[first] != t.shape[second]:
            raise RuntimeError(f"einsum(): subscript {letter} is repeated for operand {index} but "
                               f"the sizes don't match, {t.shape[second]} != {t.shape[first]}")
        t = diagonal(t, 0, first, second)
        labels = [x for i, x in enumerate(labels) if i not in (first, second)] + [letter]
    return t, labels


def _arranged(t: Any, labels: list[str], order: list[str]) -> Any:
    """t with its dims in `order`, size 1 for letters it does not have."""
    present = [x for x in order if x in labels]
    t = permute(t, [labels.index(x) for x in present])
    sizes = dict(zip(present, t.shape))
    return t.reshape([sizes.get(x, 1) for x in order])


def _sum_out(t: Any, labels: list[str], keep: set[str]) -> tuple[Any, list[str]]:
    gone = [i for i, x in enumerate(labels) if x not in keep]
    if gone:
        t = t.sum(tuple(gone))
    return t, [x for x in labels if x in keep]


def _pair(a: Any, la: list[str], b: Any, lb: list[str], out: list[str],
          sizes: dict[str, int]) -> tuple[Any, list[str]]:
    """a and b multiplied and summed over their shared letters not in `out` (which lists the
    letters to keep, in order)."""
    summed = [x for x in la if x in lb and x not in out]
    if not summed:  # nothing to sum: a broadcast product, already in the output's order
        order = [x for x in out if x in la or x in lb]
        return _arranged(a, la, order) * _arranged(b, lb, order), order
    batch = [x for x in out if x in la and x in lb]
    left = [x for x in out if x in la and x not in lb]
    right = [x for x in out if x in lb and x not in la]
    # Which operand goes on the left: the one whose letters come first in the output.
    kept = [x for x in out if x not in batch]
    if left and right and kept.index(right[0]) < kept.index(left[0]):
        a, la, b, lb, left, right = b, lb, a, la, right, left

    def as_matrix(t: Any, labels: list[str], rows: list[str], cols: list[str]) -> Any:
        order = batch + rows + cols
        t = _arranged(t, labels, order)
        full = [sizes[x] for x in order]
        if list(t.shape) != full:  # a size-1 dim broadcast against the other operand's
            t = t.expand(full)
        count = [math.prod(sizes[x] for x in group) for group in (batch, rows, cols)]
        return t.reshape(count)

    product = as_matrix(a, la, left, summed) @ as_matrix(b, lb, summed, right)
    order = batch + left + right
    return product.reshape([sizes[x] for x in order]), order


def _subscript(n: Any) -> str:
    """A sublist entry as an equation letter: 0-25 are 'A'-'Z', 26-51 'a'-'z' (as PyTorch)."""
    if n is Ellipsis:
        return "..."
    if 0 <= n < 26:
        return chr(ord("A") + n)
    if 26 <= n < 52:
        return chr(ord("a") + n - 26)
    raise ValueError("einsum(): subscript in subscript list is not within the valid range [0, 52)")


def _sublist_equation(args: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """einsum(a, [0, 1], b, [1, 2], [0, 2]): the equation and operands it stands for."""
    operands, sublists = args[0::2], args[1::2]
    equation = ",".join("".join(map(_subscript, s)) for s in sublists[:len(operands)])
    if len(args) % 2:  # an output sublist after the last operand's
        equation += "->" + "".join(map(_subscript, args[-1]))
        operands = operands[:-1]
    return equation, operands


def einsum(*args: Any) -> Any:
    if args and not isinstance(args[0], str):
        equation, operands = _sublist_equation(args)
    else:
        equation, operands = args[0], args[1:]
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    lhs, arrow, rhs = equation.replace(" ", "").partition("->")
    specs = lhs.split(",")
    if len(specs) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    if len(specs) > len(operands):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the "
                           "equation")
    used = set(equation)
    ellipsis = "".join(c for c in string.ascii_letters[::-1] if c not in used)[:16][::-1]
    tensors, labels, sizes = [], [], {}
    for index, (spec, t) in enumerate(zip(specs, operands)):
        letters = _labels(spec, t.ndim, index, ellipsis)
        t, letters = _take_diagonals(t, letters, index)
        for letter, n in zip(letters, t.shape):
            seen = sizes.get(letter, 1)
            if n != 1 and seen != 1 and n != seen:
                if letter in ellipsis:  # (PyTorch's message, its missing space included)
                    dim = [x for x in letters if x in ellipsis].index(letter)
                    raise RuntimeError(
                        f"einsum(): dimension {dim} covered by ellipsis in operand {index}has "
                        f"size {n} which does not broadcast with previously seen ellipsis with "
                        f"size {seen} for the respective dimension")
                raise RuntimeError(f"einsum(): subscript {letter} has size {n} for operand "
                                   f"{index} which does not broadcast with previously seen size "
                                   f"{seen}")
            sizes[letter] = max(seen, n)
        tensors.append(t)
        labels.append(letters)
    every = [x for letters in labels for x in letters]
    dots = [x for x in ellipsis if x in every]
    if arrow:
        out = _labels(rhs, len(rhs.replace("...", "")) + len(dots), -1, ellipsis) \
            if "..." in rhs else list(rhs)
        for letter in out:
            if out.count(letter) > 1:
                raise RuntimeError(f"einsum(): output subscript {letter} appears more than once "
                                   "in the output")
            if letter not in every:
                raise RuntimeError(f"einsum(): output subscript {letter} does not appear in "
                                   "the equation for any input operand")
    else:  # every letter written once in the equation, alphabetically, after the '...' dims
        out = dots + sorted(x for x in set(every) if lhs.count(x) == 1 and x not in dots)
    if len(tensors) == 1:  # a permutation, then the sum over the letters not kept
        letters = labels[0]
        summed = [x for x in letters if x not in out]
        t = permute(tensors[0], [letters.index(x) for x in out + summed])
        return t.sum(tuple(range(len(out), len(letters)))) if summed else t
    # Letters only one operand has and the output lacks are summed first; then the operands
    # are multiplied pairwise, keeping what the output or a later operand needs.
    result, current = _sum_out(tensors[0], labels[0],
                               set(out) | {x for ls in labels[1:] for x in ls})
    for i in range(1, len(tensors)):
        later = {x for ls in labels[i + 1:] for x in ls}
        t, letters = _sum_out(tensors[i], labels[i], set(out) | later | set(current))
        keep = [x for x in out if x in current or x in letters] + \
            [x for x in dict.fromkeys(current + letters) if x in later and x not in out]
        result, current = _pair(result, current, t, letters, keep, sizes)
    if current != out:
        result = permute(result, [current.index(x) for x in out])
    return result
