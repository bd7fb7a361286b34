"""Record what real PyTorch prints for every lesson's code cells: tests/golden/lessons/NN.json.

The lessons say "`import torch` runs this lesson the same way"; ``tests/test_lessons_torch.py``
checks it by comparing each notebook's stored outputs (minigrad's) with this recording.
Run it with a Python that has PyTorch 2.13.0 and numpy (the tests never need torch); how to
make one in /tmp/torchenv: docs/minigrad.md, "Parity with PyTorch"::

    /tmp/torchenv/bin/python tests/golden/record_lessons.py            # every lesson
    /tmp/torchenv/bin/python tests/golden/record_lessons.py 05 07      # some lessons

Each lesson runs top to bottom in one namespace, as in Jupyter, with ``import minigrad as torch``
made ``import torch``. Cells that check an exercise (tagged ``nbval-ignore-output``) are
skipped. Pictures stay: ``minigrad.viz`` draws PyTorch's own graph (it imports nothing from
minigrad), and a drawing's text tree (its repr, which the notebook stores as text/plain) is
recorded as the cell's result, so the test compares every picture's boxes and arrows, and
every backward step the player shows, with PyTorch's. That needs the ``graphviz`` package
beside torch (no Graphviz program: the text tree is drawn without one). Plots (matplotlib)
are replaced by stand-ins that draw nothing, so a cell that prints and then plots still
records its printed text.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import sys
import types
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = Path(__file__).resolve().parent / "lessons"

IMPORTS = {
    "import minigrad as torch": "import torch",
    "from minigrad import nn, optim": "from torch import nn, optim",
}


class StandIn:
    """Anything a plotting call returns: accepts every call and attribute."""

    def __call__(self, *args: Any, **kwargs: Any) -> StandIn:
        return StandIn()

    def __getattr__(self, name: str) -> StandIn:
        return _stand_in(name)

    def __iter__(self):  # fig, ax = plt.subplots()
        return iter((StandIn(), StandIn()))


def _stand_in(name: str) -> StandIn:
    if name.startswith("__"):  # introspection (inspect, copy...) must see a plain object
        raise AttributeError(name)
    return StandIn()


def _install_stand_ins() -> None:
    for name in ("matplotlib", "matplotlib.pyplot"):
        module = types.ModuleType(name)
        module.__getattr__ = _stand_in  # type: ignore[method-assign]
        sys.modules[name] = module
    sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]  # type: ignore[attr-defined]


def torch_source(source: str) -> str:
    """A cell's source as it runs under PyTorch: torch's imports (minigrad.viz stays)."""
    for mine, theirs in IMPORTS.items():
        source = source.replace(mine, theirs)
    return source


def run_cell(source: str, names: dict[str, Any]) -> dict[str, Any]:
    """Run one cell like Jupyter: its prints, the value of a final expression, and the
    exception that ended it, if any (recorded, so the test shows it, and the lesson goes on)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out, err = io.StringIO(), io.StringIO()
    result = error = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            warnings.catch_warnings():
        warnings.simplefilter("default")
        try:
            exec(compile(tree, "<cell>", "exec"), names)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), names)
                if value is not None and not isinstance(value, StandIn):
                    result = repr(value)
        except Exception as e:
            error = f"{type(e).__name__}: {e}"
    return {"stdout": out.getvalue(), "result": result, "stderr": err.getvalue(),
            "error": error}


def record(notebook: Path) -> dict[str, Any]:
    import torch

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    names: dict[str, Any] = {"__name__": "__main__"}
    recorded = {}
    for cell in cells:
        if cell["cell_type"] != "code" or "nbval-ignore-output" in cell["metadata"].get(
                "tags", ()):
            continue
        recorded[cell["id"]] = run_cell(torch_source("".join(cell["source"])), names)
    return {"torch": torch.__version__, "cells": recorded}


def main(argv: list[str]) -> int:
    try:
        import graphviz  # noqa: F401 - minigrad.viz draws PyTorch's graphs with it
    except ImportError:
        sys.exit("record_lessons.py draws the lessons' pictures: pip install graphviz beside torch")
    sys.path.insert(0, str(ROOT))  # a lesson that reads minigrad's own source still can
    _install_stand_ins()
    OUT.mkdir(exist_ok=True)
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if argv and not any(notebook.name.startswith(a) for a in argv):
            continue
        recording = record(notebook)
        target = OUT / f"{notebook.stem}.json"
        target.write_text(json.dumps(recording, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"recorded {target.relative_to(ROOT)} ({len(recording['cells'])} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
