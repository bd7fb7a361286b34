"""An update made through ``.data``, as the tasks that update parameters name it (ex06's
training loop, ex07's SGD step): the fact that tells it from an update autograd sees, its
feedback and its fix, written once for both.

    >>> changed_as_autograd_sees("p")
    'p changed by an in-place operation autograd records (not through .data)'
"""

from __future__ import annotations


def changed_as_autograd_sees(name: str) -> str:
    """The fact that tells an update autograd sees (its version counter moves) from one made
    through .data, named so that "expected True, got False" explains it."""
    return f"{name} changed by an in-place operation autograd records (not through .data)"


def used_data(name: str) -> str:
    """The feedback for updating ``name.data`` in place of the tensor."""
    return (f"Updating {name}.data hides the change from autograd (the version counter does "
            "not move, so misuse goes unnoticed).")


def used_data_fix(name: str) -> str:
    """The fix for updating ``name.data`` in place of the tensor."""
    return f"use `with torch.no_grad(): {name} -= lr * {name}.grad`."
