"""inference_mode: no_grad for code that will never need a graph (evaluating, serving).

    >>> import minigrad as torch
    >>> with torch.inference_mode():
    ...     y = torch.ones(2) * 2
    >>> y.is_inference(), y.requires_grad
    (True, False)
"""

from __future__ import annotations

from typing import Any

from .. import messages
from .grad_mode import _GradModeContext, _GradModeState, _set_enabled, _state, is_grad_enabled

# Beside grad mode, each thread's state says whether it is in inference_mode (a class default,
# as grad mode's flag): new tensors are then inference tensors.
_GradModeState.inference = False


def is_inference_mode_enabled() -> bool:
    """True inside inference_mode()."""
    return _state.inference


class _NoVersionCounter:
    """An inference tensor's stand-in for a version counter. PyTorch keeps none, so an in-place
    change outside inference_mode, which would have to count itself there, fails; as in
    PyTorch, it fails at that count, after the numbers are written."""

    value = 0

    def bump(self) -> None:
        if not _state.inference:
            raise RuntimeError(messages.INFERENCE_TENSOR_INPLACE)


def mark_inference(tensor: Any) -> None:
    """`tensor`, made inside inference_mode, is an inference tensor; unless it is a view, which
    is one only if its base is (record_view says so), as PyTorch keeps a view of a normal
    tensor normal: its base's changes must still be counted."""
    if tensor._view_of is None:
        tensor._inference = True
        tensor._version_counter = _NoVersionCounter()


class inference_mode(_GradModeContext):  # noqa: N801
    """no_grad for code that will never need a graph (evaluating, serving a model).

    Tensors made inside are inference tensors (`t.is_inference()`): PyTorch skips their
    bookkeeping, and in exchange refuses to save them for a backward pass later. That refusal
    is what tells it apart from no_grad: use no_grad when results may meet autograd again.
    inference_mode(False) leaves things as they are.
    """

    def __init__(self, mode: Any = True) -> None:
        self._inference = bool(mode)  # (@torch.inference_mode without parentheses: __new__)

    def __enter__(self) -> None:
        self._prev, self._prev_inference = is_grad_enabled(), _state.inference
        if self._inference:
            _set_enabled(False)
            _state.inference = True
        else:  # leaving inference mode (inside one) restores grad mode
            _state.inference = False
            _set_enabled(True if self._prev_inference else self._prev)

    def __exit__(self, *exc: object) -> None:
        _set_enabled(self._prev)
        _state.inference = self._prev_inference

    def clone(self) -> inference_mode:
        return inference_mode(self._inference)
