"""`import minigrad` loads the tensor and autograd; nn, optim, utils and torch.save/load are
loaded on first use (minigrad/__init__.py) and then behave exactly as if loaded eagerly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ON_FIRST_USE = ("minigrad.nn", "minigrad.optim", "minigrad.utils", "minigrad.serialization")


def _python(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0 and not run.stderr, run.stderr
    return run.stdout


def test_import_minigrad_leaves_nn_optim_utils_and_serialization_unloaded() -> None:
    loaded = _python(f"import sys, minigrad\nprint([m for m in {ON_FIRST_USE!r} "
                     "if m in sys.modules])")
    assert loaded.strip() == "[]"


def test_every_way_of_reaching_them_works() -> None:
    out = _python(
        "import minigrad as torch\n"
        "from minigrad import nn\n"
        "import minigrad.optim as optim\n"
        "from minigrad.utils.data import DataLoader\n"
        "print(torch.nn is nn, torch.optim is optim, torch.utils.data.DataLoader is DataLoader,\n"
        "      torch.save.__module__, torch.load.__module__, 'nn' in dir(torch))\n"
        "try:\n"
        "    torch.no_such_thing\n"
        "except AttributeError as e:\n"
        "    print(e)\n")
    assert out.splitlines() == [
        "True True True minigrad.serialization minigrad.serialization True",
        "module 'minigrad' has no attribute 'no_such_thing'"]


def test_nn_loaded_late_gets_the_same_fast_paths_as_minigrad_own_ops() -> None:
    # fast_paths.install_breadth() runs when minigrad is imported and again when nn is: every
    # op then has its override once, as when nn was imported with minigrad.
    # (an override's owner is a class, or a module for a module's function)
    listing = ("from minigrad.overrides import installed\n"
               "name = lambda c: getattr(c, '__module__', '') + '.' + getattr(c, '__qualname__', "
               "c.__name__)\n"
               "print(sorted(f'{name(c)}.{a}' for c, a, *_ in installed))")
    late = _python("import minigrad, minigrad.nn\n" + listing)
    twice = _python("import minigrad, minigrad.nn, minigrad.fast_paths as f\n"
                    "f.install_breadth()\n" + listing)
    assert late == twice
    assert "minigrad.nn.normalization." in late and "minigrad.nn.convolution." in late
