"""Devices: minigrad computes on the CPU only, and answers as a PyTorch built without CUDA.

So the usual device-agnostic code runs unchanged:

    >>> import minigrad as torch
    >>> device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    >>> torch.ones(2).to(device).device
    device(type='cpu')

and asking for a GPU fails as it does on such a PyTorch (AssertionError: Torch not compiled
with CUDA enabled).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

# The device types PyTorch's parser knows, in the order its error message lists them.
_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
          "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia",
          "privateuseone")


class device:  # noqa: N801 - PyTorch's name
    """A device: a type ('cpu', 'cuda'...) and an optional index ('cuda:1')."""

    __slots__ = ("type", "index")

    def __init__(self, type: Any, index: int | None = None) -> None:  # noqa: A002
        if isinstance(type, device):
            type, index = type.type, type.index
        elif isinstance(type, int) and not isinstance(type, bool):
            # A bare number means the current accelerator's device: there is none.
            raise RuntimeError("Cannot access accelerator device when none is available.")
        elif ":" in type:
            type, number = type.split(":", 1)
            index = int(number)
        if type not in _TYPES:
            raise RuntimeError(f"Expected one of {', '.join(_TYPES)} device type at start of "
                               f"device string: {type}")
        self.type, self.index = type, index

    def __repr__(self) -> str:
        index = "" if self.index is None else f", index={self.index}"
        return f"device(type='{self.type}'{index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))


CPU = device("cpu")


def check_device(where: Any) -> None:
    """Nothing for the CPU (or None); for any other device, the error of a CPU-only PyTorch."""
    if where is None:
        return
    kind = device(where).type
    if kind == "cpu":
        return
    if kind == "cuda":
        raise AssertionError("Torch not compiled with CUDA enabled")
    raise RuntimeError(f"PyTorch is not linked with support for {kind} devices")


def on_cpu(create: Callable) -> Callable:
    """For the creation functions: their device= argument must be the CPU (or left out)."""

    @functools.wraps(create)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if "device" in kwargs:
            check_device(kwargs["device"])
        return create(*args, **kwargs)

    return wrapper
