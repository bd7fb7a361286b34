"""PyTorch-identical printing of tensors: ``repr(t)`` and ``str(t)``.

A tensor prints as ``tensor(<values>, <suffixes>)``. All values of one tensor share one
*format*, chosen by looking at every value that will be shown:

* integers and bools print with ``str`` and are right-aligned to the widest one;
* floats whose finite values are all integral print as ``4.`` ("int mode");
* otherwise floats print with ``precision`` decimals (``1.5000``);
* scientific notation (``1.0000e-05``) is used when the nonzero finite magnitudes span more
  than a factor 1000, exceed 1e8 or go below 1e-4 (``set_printoptions(sci_mode=...)``
  forces it on or off).

Tensors with more than ``threshold`` elements are summarised: along each dimension only the
first and last ``edgeitems`` entries are shown, with ``...`` between them. Rows are wrapped
so that no line is longer than ``linewidth``.

Example::

    >>> import numpy as np
    >>> format_tensor(np.array([1.0, 2.5], dtype=np.float32), requires_grad=True)
    'tensor([1.0000, 2.5000], requires_grad=True)'
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from . import _dtype

__all__ = ["format_tensor", "get_printoptions", "set_printoptions"]

_PREFIX = "tensor("
# Continuation lines line up with the first value, just after "tensor(".
_INDENT = len(_PREFIX)


@dataclasses.dataclass
class _PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


_OPTIONS = _PrintOptions()

_PROFILES: dict[str, dict[str, Any]] = {
    "default": {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80},
    "short": {"precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 80},
    "full": {"precision": 4, "threshold": math.inf, "edgeitems": 3, "linewidth": 80},
}


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """Set the options used to print tensors, as ``torch.set_printoptions`` does.

    ``profile`` ("default", "short" or "full") first resets precision, threshold, edgeitems and
    linewidth; the other arguments then override it. Arguments left as None keep their current
    value, except ``sci_mode``, which is always set (None means "choose automatically").

    Example::

        >>> set_printoptions(precision=2)
        >>> get_printoptions()["precision"]
        2
        >>> set_printoptions(profile="default")
    """
    # PyTorch silently ignores an unknown profile name; so do we.
    if profile in _PROFILES:
        for name, value in _PROFILES[profile].items():
            setattr(_OPTIONS, name, value)
    for name, value in (
        ("precision", precision),
        ("threshold", threshold),
        ("edgeitems", edgeitems),
        ("linewidth", linewidth),
    ):
        if value is not None:
            setattr(_OPTIONS, name, value)
    _OPTIONS.sci_mode = sci_mode


def get_printoptions() -> dict[str, Any]:
    """Return the current print options as a dict accepted by ``set_printoptions(**opts)``.

    Example::

        >>> get_printoptions()
        {'precision': 4, 'threshold': 1000, 'edgeitems': 3, 'linewidth': 80, 'sci_mode': None}
    """
    return dataclasses.asdict(_OPTIONS)


class _Formatter:
    """One number format shared by every element of a tensor, so columns line up."""

    def __init__(self, shown: np.ndarray) -> None:
        self.is_float = np.issubdtype(shown.dtype, np.floating)
        self.int_mode = True
        self.sci_mode = False
        self.width = 1
        if not self.is_float:
            self.width = max([self.width, *(len(str(v)) for v in shown.ravel().tolist())])
            return

        flat = shown.ravel()
        # Zeros, nan and inf say nothing about the magnitudes, so they neither choose the
        # format nor widen the columns.
        meaningful = flat[np.isfinite(flat) & (flat != 0)]
        if meaningful.size == 0:
            return
        magnitudes = np.abs(meaningful).astype(np.float64)
        # Python floats: a ratio beyond float64's range is inf, without numpy's overflow warning.
        smallest, largest = float(magnitudes.min()), float(magnitudes.max())
        self.int_mode = bool(np.all(np.ceil(meaningful) == meaningful))
        if _OPTIONS.sci_mode is not None:
            self.sci_mode = _OPTIONS.sci_mode
        else:
            self.sci_mode = bool(
                largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
            )
        values = meaningful.tolist()
        if self.sci_mode:
            texts = [f"{v:.{_OPTIONS.precision}e}" for v in values]
        elif self.int_mode:
            texts = [f"{v:.0f}." for v in values]
        else:
            texts = [f"{v:.{_OPTIONS.precision}f}" for v in values]
        self.width = max([self.width, *map(len, texts)])

    def format(self, value: float | int | bool) -> str:
        """Format one Python scalar, right-aligned to the common width."""
        if not self.is_float:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.width}.{_OPTIONS.precision}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            # The trailing dot marks a float; nan and inf need no mark.
            if math.isfinite(value):
                text += "."
        else:
            text = f"{value:.{_OPTIONS.precision}f}"
        return text.rjust(self.width)


def _is_summarised(length: int, summarize: bool) -> bool:
    return summarize and length > 2 * _OPTIONS.edgeitems


def _shown_values(array: np.ndarray) -> np.ndarray:
    """The elements a summarised print shows: the formatter looks at these only."""
    edge = _OPTIONS.edgeitems
    if edge == 0:
        # Nothing but "..." is shown.
        return array[tuple(slice(0, 0) for _ in array.shape)]
    kept = [np.r_[0:edge, n - edge : n] if n > 2 * edge else np.arange(n) for n in array.shape]
    return array[np.ix_(*kept)]


def _vector_str(vector: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    # Each element takes its width plus ", " between elements.
    per_line = max(1, math.floor((_OPTIONS.linewidth - indent) / (fmt.width + 2)))
    edge = _OPTIONS.edgeitems
    if summarize and edge == 0:
        items = ["..."]
    elif _is_summarised(vector.shape[0], summarize):
        items = [
            *map(fmt.format, vector[:edge].tolist()),
            " ...",
            *map(fmt.format, vector[-edge:].tolist()),
        ]
    else:
        items = list(map(fmt.format, vector.tolist()))
    lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nested_str(array: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    if array.ndim == 0:
        return fmt.format(array.item())
    if array.ndim == 1:
        return _vector_str(array, indent, summarize, fmt)
    n, edge = array.shape[0], _OPTIONS.edgeitems
    if _is_summarised(n, summarize):
        rows = [*range(edge), None, *range(n - edge, n)]
    else:
        rows = list(range(n))
    blocks = [
        "..." if i is None else _nested_str(array[i], indent + 1, summarize, fmt) for i in rows
    ]
    # Sub-blocks of a k-d tensor are separated by k-2 blank lines.
    separator = "," + "\n" * (array.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(blocks) + "]"


def _values_str(array: np.ndarray) -> str:
    summarize = array.size > _OPTIONS.threshold
    fmt = _Formatter(_shown_values(array) if summarize and array.ndim > 0 else array)
    return _nested_str(array, _INDENT, summarize, fmt)


def _with_suffixes(body: str, suffixes: list[str]) -> str:
    """Append ``, suffix`` pieces, moving one to a new line when it would pass linewidth."""
    pieces = [body]
    # PyTorch's measure of the last line (two more than its length); kept for identical wraps.
    line_len = len(body) - body.rfind("\n") + 1
    for suffix in suffixes:
        if line_len + len(suffix) + 2 > _OPTIONS.linewidth:
            pieces.append(",\n" + " " * _INDENT + suffix)
            line_len = _INDENT + len(suffix)
        else:
            pieces.append(", " + suffix)
            line_len += len(suffix) + 2
    pieces.append(")")
    return "".join(pieces)


def format_tensor(
    array: np.ndarray, *, grad_fn_name: str | None = None, requires_grad: bool = False
) -> str:
    """Return PyTorch's repr of a tensor holding ``array``.

    ``array`` is the tensor's numpy data (0-d for a scalar); its dtype chooses the number format
    and the ``dtype=`` suffix (not printed for the default float type, int64 and bool; always
    printed for an empty tensor not of the default float type). ``grad_fn_name`` (e.g.
    "PowBackward0") takes precedence over ``requires_grad``, as in PyTorch.

    Example::

        >>> import numpy as np
        >>> format_tensor(np.array(4.0, dtype=np.float32), grad_fn_name="PowBackward0")
        'tensor(4., grad_fn=<PowBackward0>)'
        >>> format_tensor(np.array([1.0, 2.0]))
        'tensor([1., 2.], dtype=minigrad.float64)'
    """
    dtype = _dtype.from_numpy(array.dtype)
    # Laid out under PyTorch's spelling, renamed at the end: the 3 extra characters of
    # "minigrad." must not move a suffix to another line than in PyTorch.
    dtype_suffix = f"dtype=torch.{dtype.name}"
    default_float = _dtype.get_default_dtype()
    suffixes = []
    if array.size == 0:
        # A vector of length 0 is the only empty shape "[]" implies.
        if array.ndim != 1:
            suffixes.append(f"size={tuple(array.shape)}")
        # No element reveals the dtype, so anything but the default float type is spelled out.
        if dtype is not default_float:
            suffixes.append(dtype_suffix)
        body = "[]"
    else:
        if _OPTIONS.edgeitems == 0:
            suffixes.append(f"size={tuple(array.shape)}")
        # The elements show these (a float has a dot, a bool is True/False, an int neither).
        if dtype not in (default_float, _dtype.int64, _dtype.bool):
            suffixes.append(dtype_suffix)
        body = _values_str(array)
    if grad_fn_name is not None:
        suffixes.append(f"grad_fn=<{grad_fn_name}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    text = _with_suffixes(_PREFIX + body, suffixes)
    return text.replace("dtype=torch.", "dtype=minigrad.", 1)
