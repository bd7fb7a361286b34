"""Comparisons and logical operations: results are bool tensors, outside the graph.

    >>> import minigrad as torch
    >>> torch.tensor([1.0, -2.0], requires_grad=True) > 0
    tensor([ True, False])
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np

from ..ops.arithmetic import check_broadcast, promote
from ..ops.op import constant


def _compare(fn: Callable) -> Callable:
    def compare(input: Any, other: Any) -> Any:
        a, b = promote(input, other)
        check_broadcast(a, b)
        return constant(np.asarray(fn(a._data, b._data)))

    compare.__name__ = fn.__name__
    return compare


eq = _compare(operator.eq)
ne = _compare(operator.ne)
lt = _compare(operator.lt)
le = _compare(operator.le)
gt = _compare(operator.gt)
ge = _compare(operator.ge)
logical_and = bitwise_and = _compare(operator.and_)
logical_or = bitwise_or = _compare(operator.or_)
logical_xor = bitwise_xor = _compare(operator.xor)


def logical_not(input: Any) -> Any:
    return constant(np.logical_not(input._data))


def bitwise_not(input: Any) -> Any:
    return constant(np.asarray(~input._data))
