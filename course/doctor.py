"""`course doctor`: check the environment and say how to fix what is missing.

    >>> all(ok for _, ok, _ in checks())                               # doctest: +SKIP
    True
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from course.errors import UsageError
from course.workspace import STATE, find_root


def _python() -> str:
    return f"{sys.version.split()[0]} ({sys.executable})"


def _minigrad() -> str:
    try:
        torch = importlib.import_module("minigrad")
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * x).sum().backward()
        assert x.grad.tolist() == [2.0, 4.0]
    except Exception as e:
        raise RuntimeError(f"minigrad does not work ({type(e).__name__}: {e}); run "
                           "`pip install -e .` in the course folder") from None
    return str(Path(torch.__file__ or "").parent)


def _kernel() -> str:
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        specs = KernelSpecManager().find_kernel_specs()
    except Exception as e:
        raise RuntimeError(f"Jupyter is not installed ({e}); run `make lab`") from None
    if "python3" not in specs:
        raise RuntimeError("no python3 Jupyter kernel: run `python -m ipykernel install --user`")
    return "python3 kernel found"


# The same DOT source through each renderer minigrad.viz tries, each in a child process: a
# renderer's C libraries write warnings straight to file descriptor 2, so only a child's stderr
# can be captured and summed up here instead of reaching the learner's terminal.
_DOT = "digraph { a -> b }"
_PYGRAPHVIZ = ("import sys, pygraphviz; sys.stdout.buffer.write(pygraphviz.AGraph(sys.stdin"
               ".read()).draw(format='svg', prog='dot'))")


def _renders(command: list[str]) -> tuple[bool, str]:
    """Whether ``command`` turns DOT on stdin into SVG, and what it wrote on stderr."""
    try:
        done = subprocess.run(command, input=_DOT.encode(), capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        return False, str(e)
    return done.returncode == 0 and b"<svg" in done.stdout, done.stderr.decode(errors="replace")


def _graphviz() -> str:
    dot = shutil.which("dot")
    renderers = [("system Graphviz (dot)", [dot, "-Tsvg"])] if dot else []
    renderers.append(("pygraphviz's Graphviz", [sys.executable, "-c", _PYGRAPHVIZ]))
    for name, command in renderers:
        ok, stderr = _renders(command)
        if ok:
            note = ("; its font library warns about this system's font configuration "
                    "(harmless: notebooks hide the warning)" if "Fontconfig" in stderr else "")
            return f"{name} renders SVG{note}"
    raise RuntimeError("Graphviz cannot render: install it (apt install graphviz, brew "
                       "install graphviz) or `pip install pygraphviz`; graphs will show "
                       "as text until then")


def _sandbox() -> str:
    from course.isolation import NONE, detect
    isolation = detect()
    if isolation.mode == NONE:
        raise RuntimeError(f"no sandbox for learner code ({isolation.reason}); `course check` "
                           f"works without one, but to grade others' submissions {isolation.fix}")
    return isolation.summary


def _workspace() -> str:
    try:
        root = find_root()
    except UsageError as e:
        raise RuntimeError(str(e)) from None
    try:  # where check keeps its scores: a read-only clone loses them (and submit fails)
        (root / STATE).mkdir(exist_ok=True)
        tempfile.TemporaryFile(dir=root / STATE).close()
    except OSError as e:
        raise RuntimeError(f"{root / 'exercises'}, but {root / STATE} cannot be written "
                           f"({e.strerror}): `course check` cannot save your scores nor "
                           "`course submit` write its archive; work in a copy you can write"
                           ) from None
    return str(root / "exercises")


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Python", _python), ("minigrad", _minigrad), ("Jupyter kernel", _kernel),
    ("Graphviz rendering", _graphviz), ("grading sandbox", _sandbox),
    ("exercises folder", _workspace),
)


def checks() -> list[tuple[str, bool, str]]:
    """(name, ok, detail or how to fix) for every check."""
    results = []
    for name, run in CHECKS:
        try:
            results.append((name, True, run()))
        except RuntimeError as e:
            results.append((name, False, str(e)))
    return results
