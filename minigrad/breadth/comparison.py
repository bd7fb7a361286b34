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

from .. import messages
from ..ops.arithmetic import promote
from ..ops.op import constant


def _compare(fn: Callable) -> Callable:
    def compare(input: Any, other: Any) -> Any:
        a, b = promote(input, other)
        messages.check_broadcast(a, b)
        return constant(np.asarray(fn(a._data, b._data)))

    compare.__name__ = fn.__name__
    return compare


eq = _compare(operator.eq)
ne = _compare(operator.ne)
lt = _compare(operator.lt)
le = _compare(operator.le)
gt = _compare(operator.gt)
ge = _compare(operator.ge)
logical_and = _compare(np.logical_and)
logical_or = _compare(np.logical_or)
logical_xor = _compare(np.logical_xor)


def logical_not(input: Any) -> Any:
    return constant(np.logical_not(input._data))
