"""minigrad.cuda: there is no GPU here. The answers of a PyTorch built without CUDA, so that
`"cuda" if torch.cuda.is_available() else "cpu"` and seeding code run unchanged."""

from __future__ import annotations

from typing import Any

_NO_CUDA = "Torch not compiled with CUDA enabled"


def is_available() -> bool:
    return False


def device_count() -> int:
    return 0


def is_initialized() -> bool:
    return False


def manual_seed(seed: int) -> None:
    """Seeds the (absent) GPUs' generators: nothing to do, as in PyTorch without CUDA."""


def manual_seed_all(seed: int) -> None:
    """As manual_seed, for every GPU."""


def empty_cache() -> None:
    """Frees cached GPU memory: there is none."""


def current_device() -> int:
    raise AssertionError(_NO_CUDA)


def synchronize(device: Any = None) -> None:
    raise AssertionError(_NO_CUDA)
