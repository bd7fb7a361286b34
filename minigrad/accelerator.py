"""minigrad.accelerator: PyTorch's device-agnostic accelerator API, answering as PyTorch does
on a machine without one.

The official tutorials pick their device with

    >>> import minigrad as torch
    >>> acc = torch.accelerator
    >>> device = acc.current_accelerator().type if acc.is_available() else "cpu"
    >>> torch.set_default_device(device)
    >>> torch.ones(2).device
    device(type='cpu')

so is_available() is False, current_accelerator() None and device_count() 0; everything that
needs an accelerator's device raises PyTorch's RuntimeError.
"""

from __future__ import annotations

import warnings
from typing import Any

from ._device import device

Device = device  # (the functions below take an argument named device, as PyTorch's do)

_NONE_AVAILABLE = "Cannot access accelerator device when none is available."


def is_available() -> bool:
    return False


def current_accelerator(check_available: bool = False) -> device | None:
    return None


def device_count() -> int:
    return 0


def _unavailable(*args: Any) -> Any:
    raise RuntimeError(_NONE_AVAILABLE)


def current_device_index() -> int:
    return _unavailable()


def current_device_idx() -> int:
    """Deprecated name of current_device_index."""
    index = current_device_index()
    warnings.warn("Use `current_device_index` instead.", FutureWarning, stacklevel=2)
    return index


def set_device_index(device: Any, /) -> None:  # noqa: A002 - PyTorch's name
    if device is None:
        raise ValueError("Expected a torch.device with a specified index or an integer, but "
                         "got:None")
    if isinstance(device, (str, Device)):  # a device of a type that is not the accelerator's
        Device(device)  # (an unknown type raises first)
        raise RuntimeError("Accelerator expected")
    _unavailable()


set_device_idx = set_device_index


class device_index:  # noqa: N801 - PyTorch's name
    """Context manager switching to an accelerator's device; with None it does nothing."""

    def __init__(self, device: int | None, /) -> None:  # noqa: A002
        self.index = device

    def __enter__(self) -> None:
        if self.index is not None:
            _unavailable()

    def __exit__(self, *exc: object) -> None:
        return None


# What needs an accelerator device, one name each as PyTorch's.
synchronize = current_stream = get_device_capability = _unavailable
empty_cache = empty_host_cache = _unavailable
memory_allocated = max_memory_allocated = memory_reserved = max_memory_reserved = _unavailable
memory_stats = reset_peak_memory_stats = reset_accumulated_memory_stats = _unavailable
get_memory_info = _unavailable
