"""Short, stable text for tensors and nodes (the lines inside each box of a drawing).

Everything is duck-typed on the tensor API PyTorch and minigrad share (``shape``,
``numel()``, ``tolist()``, ``requires_grad``, ``is_leaf``, ``grad``), and no label ever
contains a memory address, so drawings compare equal across runs (nbval relies on it).

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.labels import tensor_text
    >>> tensor_text(torch.tensor([1.0, 2.5]))
    '[1, 2.5]'
"""

from __future__ import annotations

from typing import Any

# Scalars and short vectors are shown by value; matrices and longer vectors by shape, since
# a box full of numbers teaches nothing about the graph.
MAX_SHOWN_VALUES = 6


def is_tensor(obj: Any) -> bool:
    """True for torch and minigrad tensors (anything with shape, requires_grad, tolist)."""
    return all(hasattr(obj, a) for a in ("shape", "requires_grad", "tolist", "numel"))


def _number(v: Any) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _nested(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_nested(e) for e in v) + "]"
    return _number(v)


def shape_text(shape: Any) -> str:
    """``(2, 3)`` for a 2x3 shape, ``()`` for a scalar's."""
    dims = tuple(int(d) for d in shape)
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


def tensor_text(t: Any, show_data: bool = True) -> str:
    """Value for scalars and short vectors (when ``show_data``), shape otherwise."""
    if show_data and len(t.shape) <= 1 and int(t.numel()) <= MAX_SHOWN_VALUES:
        return _nested(t.detach().tolist())
    return shape_text(t.shape)


def known_grad(t: Any) -> Any:
    """``t.grad`` where PyTorch keeps it (leaves, retain_grad()), else None.

    Reading ``.grad`` of other non-leaf tensors makes torch warn, so it is not read.
    """
    if getattr(t, "is_leaf", True) or getattr(t, "retains_grad", False):
        return getattr(t, "grad", None)
    return None


def value_text(v: Any, show_data: bool = True) -> str:
    """Text for anything a node saves: tensors, numbers, tuples of them."""
    if is_tensor(v):
        return tensor_text(v, show_data)
    if isinstance(v, (tuple, list)):
        inner = ", ".join(value_text(e, show_data) for e in v)
        return f"({inner},)" if len(v) == 1 else f"({inner})"
    return _number(v)


def tensor_lines(t: Any, name: str | None, show_data: bool, grad: Any = None) -> list[str]:
    """The lines of a tensor's box: name, value or shape, requires_grad, grad (if given)."""
    lines = [name] if name else []
    lines.append(tensor_text(t, show_data))
    if getattr(t, "requires_grad", False) and getattr(t, "is_leaf", False):
        lines.append("requires_grad=True")
    if grad is not None:
        lines.append("grad " + tensor_text(grad, show_data))
    return lines
