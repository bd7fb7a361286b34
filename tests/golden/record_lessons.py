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
beside torch (no Graphviz program: the text tree is drawn without one). Plots are recorded
as the calls a cell makes to matplotlib, which a stand-in replaces (lesson_cells.py: it draws
nothing and needs no matplotlib): each call's name and arguments, its data as numbers with
float32's 7 significant digits, written one call a line, packed (lesson_cells.packed: an
argument a cell already plotted refers to the first, equal items in a row are written once).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lesson_cells import packed, run_lesson  # noqa: E402 - shared with tests/test_lessons_torch.py

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = Path(__file__).resolve().parent / "lessons"

IMPORTS = {
    "import minigrad as torch": "import torch",
    "from minigrad import nn, optim": "from torch import nn, optim",
}


def torch_source(source: str) -> str:
    """A cell's source as it runs under PyTorch: torch's imports (minigrad.viz stays)."""
    for mine, theirs in IMPORTS.items():
        source = source.replace(mine, theirs)
    return source


def record(notebook: Path) -> dict[str, Any]:
    import torch

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return {"torch": torch.__version__, "cells": run_lesson(cells, torch_source)}


def as_json(recording: dict[str, Any]) -> str:
    """The recording as indented JSON, each plotting call on one line: a plot's thousands of
    numbers would otherwise take a line each."""
    one_line: dict[str, str] = {}  # a placeholder's JSON: the call's

    def placeholder(call: dict) -> str:
        key = f"@plotting call {len(one_line)}@"
        one_line[json.dumps(key)] = json.dumps(call, ensure_ascii=False)
        return key

    cells = {cell_id: {**run, "plots": [placeholder(c) for c in packed(run["plots"])]}
             if "plots" in run else run for cell_id, run in recording["cells"].items()}
    text = json.dumps({**recording, "cells": cells}, indent=1, ensure_ascii=False)
    for key, call in one_line.items():
        text = text.replace(key, call)
    return text + "\n"


def main(argv: list[str]) -> int:
    try:
        import graphviz  # noqa: F401 - minigrad.viz draws PyTorch's graphs with it
    except ImportError:
        sys.exit("record_lessons.py draws the lessons' pictures: pip install graphviz beside torch")
    sys.path.insert(0, str(ROOT))  # a lesson that reads minigrad's own source still can
    OUT.mkdir(exist_ok=True)
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if argv and not any(notebook.name.startswith(a) for a in argv):
            continue
        recording = record(notebook)
        target = OUT / f"{notebook.stem}.json"
        target.write_text(as_json(recording), encoding="utf-8")
        print(f"recorded {target.relative_to(ROOT)} ({len(recording['cells'])} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
