"""What a grad_fn node saved for backward, read the way each library exposes it.

- built-in nodes (torch's and minigrad's ops) expose one attribute per saved value:
  ``_saved_self``, ``_saved_other``, ``_saved_result``, ``_saved_exponent``...
- custom ``autograd.Function`` nodes (torch and minigrad) expose ``saved_tensors``.

Reading a saved value after backward freed it raises RuntimeError in both libraries; the
drawing then says "freed" rather than failing.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.saved import saved_values
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> [name for name, _ in saved_values((x * x).grad_fn)]
    ['self', 'other']
"""

from __future__ import annotations

from typing import Any

FREED = object()  # marker: the node saved something, but backward has freed it
_TORCH_PREFIX = "_saved_"
_FIRST = ("self", "other", "result")  # inputs in order, then the output, then the rest


def saved_values(node: Any) -> list[tuple[str, Any]]:
    """``[(name, value)]`` for everything ``node`` saved; value may be ``FREED``."""
    names = [a[len(_TORCH_PREFIX):] for a in dir(node) if a.startswith(_TORCH_PREFIX)]
    if names:
        names.sort(key=lambda n: (_FIRST.index(n) if n in _FIRST else len(_FIRST), n))
        return [(name, _read(node, _TORCH_PREFIX + name)) for name in names]
    # Checked on the type: reading the attribute itself may raise once freed.
    if not hasattr(type(node), "saved_tensors"):
        return []
    saved = _read(node, "saved_tensors")
    if saved is FREED:
        return [("saved_tensors", FREED)]
    return [(f"saved_tensors[{i}]", t) for i, t in enumerate(saved or ())]


def _read(node: Any, attr: str) -> Any:
    try:
        return getattr(node, attr)
    except RuntimeError:
        return FREED


def input_shape(node: Any, slot: int) -> tuple | None:
    """The shape of input ``slot`` as minigrad's ops record it (``_input_meta``), or None."""
    meta = getattr(node, "_input_meta", None)
    if not isinstance(meta, tuple) or slot >= len(meta) or meta[slot] is None:
        return None
    return tuple(meta[slot][0])


def saved_input(node: Any, slot: int) -> Any:
    """The tensor torch saved for input ``slot`` (``self`` is input 0, ``other`` input 1).

    Used to show the value of a constant input (whose next_functions entry is None).
    Returns None when the node did not save that input, FREED when backward has freed it.
    """
    attr = {0: "_saved_self", 1: "_saved_other"}.get(slot)
    if attr is None or not hasattr(type(node), attr):
        return None
    return _read(node, attr)
