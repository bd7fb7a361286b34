"""Grad mode: whether operations record a graph (thread-local, as in PyTorch)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _GradModeState(threading.local):
    # Each thread starts with grad mode enabled (a class default: each thread its own flag).
    enabled = True


_state = _GradModeState()


def is_grad_enabled() -> bool:
    """True when operations on tensors that require grad record a graph."""
    return _state.enabled


def _set_enabled(mode: bool) -> None:
    _state.enabled = mode


class _GradModeContext:
    """A context manager that is also a decorator (with or without parentheses)."""

    _mode: bool

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # `@torch.no_grad` without parentheses: decorate as `@torch.no_grad()` would.
        if len(args) == 1 and callable(args[0]):
            return cls()(args[0])
        return super().__new__(cls)

    def __enter__(self) -> None:
        self._prev = is_grad_enabled()
        _set_enabled(self._mode)

    def __exit__(self, *exc: object) -> None:
        _set_enabled(self._prev)

    def clone(self) -> _GradModeContext:
        # A decorated function may call itself: each call needs its own _prev to restore.
        return type(self)()

    def __call__(self, func: F) -> F:
        """`@torch.no_grad()`: called once, with the function to decorate."""
        return self._decorate(func)

    def _decorate(self, func: F) -> F:
        """func, each of its calls run in this mode (parity.py adds generators and classes)."""

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.clone():
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


class no_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Disable graph recording: results of operations do not require grad. The idiom for
    updating parameters in place (recorded, a leaf's in-place change would be refused):

    >>> import minigrad as torch
    >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (w * w).sum().backward()
    >>> with torch.no_grad():
    ...     w -= 0.1 * w.grad
    >>> w
    tensor([0.8000, 1.6000], requires_grad=True)
    """

    _mode = False


class enable_grad(_GradModeContext):  # noqa: N801
    """Re-enable graph recording inside a no_grad block."""

    _mode = True


class set_grad_enabled(_GradModeContext):  # noqa: N801
    """Set grad mode to `mode`: at once when called, or for a with-block or a function.

    >>> import minigrad as torch
    >>> with torch.set_grad_enabled(False):  # a mode chosen when the program runs
    ...     torch.is_grad_enabled()
    False
    """

    def __init__(self, mode: bool) -> None:
        self._prev = is_grad_enabled()
        self._mode = mode
        _set_enabled(mode)

    def __enter__(self) -> None:
        pass  # already set by __init__, exactly as PyTorch does

    def clone(self) -> set_grad_enabled:
        return set_grad_enabled(self._mode)

    def __call__(self, func: F) -> F:  # type: ignore[override]
        _set_enabled(self._prev)  # used as a decorator: only the decorated calls change mode
        return self._decorate(func)
