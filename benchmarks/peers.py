"""The optional baselines, PyTorch and micrograd: found when installed, never installed here.

PyTorch runs with as many threads as numpy's BLAS uses, so a matrix product costs both
libraries the same cores.

    pip install torch==2.13.0 micrograd     # what `python -m benchmarks --with-peers` needs
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import numpy as np

PEERS_INSTALL = "pip install torch==2.13.0 micrograd"


def numpy_threads() -> int:
    """How many threads numpy's BLAS runs on (threadpoolctl when installed, else its config)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threadpool_info = None
    if threadpool_info is not None:
        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                return int(pool["num_threads"])
    # OpenBLAS and MKL read these variables; left unset they use one thread per core.
    for var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def numpy_blas() -> str:
    """The BLAS numpy was built against, from its build configuration."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older numpy without mode="dicts"
        return "unknown BLAS"


def load_torch() -> ModuleType | None:
    """PyTorch, set to numpy's thread count, or None when it is not installed."""
    torch = _optional("torch")
    if torch is not None:
        torch.set_num_threads(numpy_threads())
    return torch


def load_micrograd() -> ModuleType | None:
    """micrograd's engine and nn modules as one namespace (Value, MLP), or None."""
    engine, nn = _optional("micrograd.engine"), _optional("micrograd.nn")
    if engine is None or nn is None:
        return None
    return _namespace(Value=engine.Value, MLP=nn.MLP)


def _namespace(**names: object) -> ModuleType:
    module = ModuleType("micrograd")
    module.__dict__.update(names)
    return module


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
