"""index_put and index_put_: write values at advanced indices, or add them (accumulate=True).

`x.index_put_(indices, values)` is what `x[indices] = values` runs for tensor indices, so it
shares setitem's code (indexing.py): the same IndexPutBackward0 node, checks and errors. With
`accumulate=True` a repeated index adds each of its values (a histogram, an embedding's
gradient by hand), where plain writing keeps one. `x.index_put(...)` writes into a copy.

    >>> import minigrad as torch
    >>> counts = torch.zeros(3)
    >>> counts.index_put_((torch.tensor([0, 2, 0]),), torch.ones(3), accumulate=True)
    tensor([2., 0., 1.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import messages
from ..autograd.grad_mode import is_grad_enabled
from ..tensor import Tensor
from . import indexing


def _checked(name: str, input: Tensor, indices: Any, values: Any, accumulate: Any,
             first: int) -> tuple:
    """The indices as setitem's key, after PyTorch's checks of the arguments' types and
    number; `first` is the position of `indices` (1 for the method, 2 for torch.index_put)."""
    if not isinstance(indices, (tuple, list)):
        raise messages.wrong_argument_type(name, "indices", first, indices, "tuple of Tensors")
    for i, index in enumerate(indices):
        if not isinstance(index, Tensor):
            raise messages.tensor_list_element(i, first - 1, index)
    if not isinstance(values, Tensor):
        raise messages.wrong_argument_type(name, "values", first + 1, values)
    if not isinstance(accumulate, (bool, np.bool_)):
        raise messages.wrong_argument_type(name, "accumulate", first + 2, accumulate, "bool")
    items = indexing._key_items(tuple(indices))  # (integer or bool tensors only)
    taken = sum(indexing._dims_taken(item) if indexing._is_advanced(item) else 1
                for item in items)
    if taken > input.ndim:
        raise IndexError(f"too many indices for tensor of dimension {input.ndim} (got {taken})")
    # As arrays, a 0-d index stays an advanced index (an int would be a basic one, a view).
    return tuple(index._data for index in indices)


def index_put_(input: Tensor, indices: Any, values: Any, accumulate: bool = False,
               *, _first: int = 1) -> Tensor:
    """input[indices] = values, or += with accumulate; returns input."""
    key = _checked("index_put_", input, indices, values, accumulate, _first)
    if is_grad_enabled():
        input._check_inplace(values)  # (a leaf's refusal, before setitem's for its views)
    indexing.setitem(input, key, values, accumulate=bool(accumulate))
    return input


def index_put(input: Tensor, indices: Any, values: Any, accumulate: bool = False,
              *, _first: int = 1) -> Tensor:
    """A copy of input with values written (or added) at indices; the graph leads to input
    itself, not to a copy of it."""
    key = _checked("index_put", input, indices, values, accumulate, _first)
    items = indexing._key_items(key)
    indexing._check_masks(input.shape, items)
    indexing.check_put_dtype(input, values, items, bool(accumulate))
    out = input._data.copy()
    indexing.write(out, key, values._data, advanced=True, accumulate=bool(accumulate))
    chain = ((indexing._Indexed, {"key": key}),)
    return indexing.IndexPutBackward0.apply(input, values, chain=chain,
                                            accumulate=bool(accumulate), out=out)


def as_function(method: Callable) -> Callable:
    """torch.index_put(input, ...) and torch.index_put_: the method, its arguments' positions
    in errors counted from input."""
    def function(input: Tensor, indices: Any, values: Any, accumulate: bool = False) -> Tensor:
        return method(input, indices, values, accumulate, _first=2)

    function.__name__ = function.__qualname__ = method.__name__
    return function


# torch.index_put, torch.index_put_ (minigrad/__init__.py)
torch_index_put, torch_index_put_ = as_function(index_put), as_function(index_put_)
