"""`course lab`: open JupyterLab at the first lesson whose exercise is not finished yet.

    >>> notebook_for(Path("."), "ex03")                               # doctest: +SKIP
    PosixPath('notebooks/03_backward.ipynb')
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from course.errors import UsageError
from course.progress import first_unfinished


def notebook_for(root: Path, exercise_id: str | None) -> Path | None:
    """The lesson notebook for an exercise (``notebooks/NN_*.ipynb``), if it exists."""
    folder = root / "notebooks"
    number = (exercise_id or "ex01")[2:]
    # Without a notebook for that lesson (yet), start at the course's first notebook.
    found = sorted(folder.glob(f"{number}_*.ipynb")) or sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    return found[0] if found else None


def lab_command(root: Path) -> list[str]:
    """The command that opens JupyterLab at the right lesson."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or \
        shutil.which("jupyter")
    if jupyter is None:
        raise UsageError("JupyterLab is not installed: run `make lab` (or pip install "
                         "jupyterlab)")
    notebook = notebook_for(root, first_unfinished(root))
    target = notebook.relative_to(root) if notebook else Path("notebooks")
    command = [jupyter, "lab", str(target)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    return command


def open_lab(root: Path) -> int:
    return subprocess.call(lab_command(root), cwd=root)
