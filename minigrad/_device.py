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

# Where factory functions put their tensors when no device= is given (set_default_device).
_default: device | None = None


def set_default_device(device: Any) -> None:  # noqa: A002 - PyTorch's name
    """Factory functions (zeros, tensor, rand...) without device= use `device` (None: the CPU).

    Any device PyTorch knows is accepted, as PyTorch accepts it; on anything but the CPU the
    next factory call fails as on a CPU-only PyTorch (for "cuda": AssertionError: Torch not
    compiled with CUDA enabled).
    """
    global _default
    _default = None if device is None else _as_device(device)


def get_default_device() -> device:
    """The device factory functions use: device(type='cpu') unless set_default_device said
    otherwise. A device without an index is answered, as PyTorch does, by making a tensor
    there, so an unavailable one ("cuda") raises; one with an index is returned as it is."""
    if _default is None:
        return CPU
    if _default.index is None and _default.type != "meta":
        check_device(_default)
    return _default


def _as_device(where: Any) -> device:
    return where if isinstance(where, device) else device(where)


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


def check_factory_device(where: Any = None) -> None:
    """check_device for a new tensor: where it was asked for, or else the default device."""
    check_device(_default if where is None else where)
