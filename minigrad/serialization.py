"""save and load: checkpoints (state dicts, tensors, training state) in a file.

    torch.save(model.state_dict(), "model.pt")
    model.load_state_dict(torch.load("model.pt"))

The file is a pickle (PyTorch writes a zip of pickles: the two do not read each other's
files). As PyTorch 2.6 does, load reads only tensors, numbers, strings and containers of them
unless weights_only=False: unpickling an arbitrary object can run arbitrary code, so a
whole pickled model needs that, or its classes allowed with add_safe_globals.

    >>> import io
    >>> import minigrad as torch
    >>> buffer = io.BytesIO()
    >>> torch.save({"w": torch.tensor([1.0, 2.0]), "epoch": 3}, buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)
    {'w': tensor([1., 2.]), 'epoch': 3}
"""

from __future__ import annotations

import os
import pickle
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import numpy as np

from . import _dtype
from ._device import device
from ._size import Size
from .nn.parameter import _rebuild_parameter
from .tensor import _rebuild

# What a weights-only load may construct: containers, and tensors (numpy arrays inside).
_SAFE_GLOBALS: dict[tuple[str, str], Any] = {
    ("collections", "OrderedDict"): OrderedDict,
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    ("builtins", "complex"): complex,
    ("builtins", "slice"): slice,
    ("minigrad.tensor", "_rebuild"): _rebuild,
    ("minigrad.nn.parameter", "_rebuild_parameter"): _rebuild_parameter,
    # torch.Size, dtypes and devices, as PyTorch's weights-only load allows them
    ("minigrad", "Size"): Size,
    ("minigrad", "device"): device,
    **{("minigrad", str(d).removeprefix("minigrad.")): d for d in _dtype.ALL},
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
    ("numpy._core.multiarray", "_reconstruct"): np._core.multiarray._reconstruct,
    ("numpy.core.multiarray", "_reconstruct"): np._core.multiarray._reconstruct,
    ("numpy._core.multiarray", "scalar"): np._core.multiarray.scalar,
    ("numpy.core.multiarray", "scalar"): np._core.multiarray.scalar,
}
_user_safe_globals: list[Any] = []


def add_safe_globals(safe_globals: list[Any]) -> None:
    """Allow these classes or functions in weights_only loads (trusted code only)."""
    _user_safe_globals.extend(safe_globals)


def get_safe_globals() -> list[Any]:
    return list(_user_safe_globals)


def clear_safe_globals() -> None:
    _user_safe_globals.clear()


@contextmanager
def safe_globals(safe_globals: list[Any]) -> Iterator[None]:
    """add_safe_globals for the duration of a with-block."""
    before = list(_user_safe_globals)
    add_safe_globals(safe_globals)
    try:
        yield
    finally:
        _user_safe_globals[:] = before


class _WeightsUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _BLOCKED_MODULES:  # never allowed, whatever the allowlist says
            raise pickle.UnpicklingError(_weights_only_error(
                f"Trying to load unsupported GLOBAL {module}.{name} whose module {module} is "
                "blocked."))
        if (module, name) in _SAFE_GLOBALS:
            return _SAFE_GLOBALS[(module, name)]
        for allowed in _user_safe_globals:
            if getattr(allowed, "__module__", None) == module and \
                    getattr(allowed, "__qualname__", None) == name:
                return allowed
        path = name if module == "builtins" else f"{module}.{name}"  # (PyTorch's spelling)
        raise pickle.UnpicklingError(_weights_only_error(
            f"Unsupported global: GLOBAL {path} was not an allowed global by default. Please use "
            f"`torch.serialization.add_safe_globals([{path}])` or the "
            f"`torch.serialization.safe_globals([{path}])` context manager to allowlist this "
            "global if you trust this class/function.", unsafe_global=True))


_BLOCKED_MODULES = ("sys", "os", "posix", "nt")
_UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` "
    "from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will "
    "likely succeed, but it can result in arbitrary code execution. Do it only if you got the "
    "file from a trusted source.")
_DOCS_MESSAGE = (
    "\n\nCheck the documentation of torch.load to learn more about types accepted by default "
    "with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.")


def _weights_only_error(reason: str, unsafe_global: bool = False) -> str:
    """PyTorch's whole message: how to load the file anyway, the unpickler's reason, where the
    documentation is."""
    if unsafe_global:
        return ("Weights only load failed. This file can still be loaded, to do so you have two "
                "options, \033[1mdo those steps only if you trust the source of the checkpoint"
                f"\033[0m. \n\t(1) {_UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with "
                "`weights_only=True` please check the recommended steps in the following error "
                f"message.\n\tWeightsUnpickler error: {reason}{_DOCS_MESSAGE}")
    return f"Weights only load failed. {_UNSAFE_MESSAGE}\n\n\n{reason}{_DOCS_MESSAGE}"


def save(obj: Any, f: str | os.PathLike | IO[bytes], pickle_module: Any = pickle,
         pickle_protocol: int = pickle.DEFAULT_PROTOCOL) -> None:
    """Write obj (a state dict, a tensor, a dict of training state...) to a path or file."""
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as file:
            pickle_module.dump(obj, file, protocol=pickle_protocol)
    else:
        pickle_module.dump(obj, f, protocol=pickle_protocol)


def load(f: str | os.PathLike | IO[bytes], map_location: Any = None, pickle_module: Any = None,
         *, weights_only: bool | None = None, mmap: bool | None = None) -> Any:
    """Read what save wrote. weights_only (the default) refuses anything but tensors,
    numbers, strings and containers; map_location is accepted (minigrad has only the CPU)."""
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as file:
            return load(file, map_location, pickle_module, weights_only=weights_only)
    if weights_only is False or pickle_module is not None:
        return (pickle_module or pickle).load(f)
    return _WeightsUnpickler(f).load()
