"""Run a lesson's code cells as Jupyter does and note what each shows, plots included.

Shared by ``record_lessons.py`` (the lessons under PyTorch, into tests/golden/lessons/) and
``tests/test_lessons_torch.py`` (the same cells under minigrad), so both see a cell the same
way. A plot is the calls the cell makes to matplotlib: matplotlib is replaced by a stand-in
that draws nothing and notes each call on ``plt`` and on what it returns (figures, axes),
named by how it was reached (``plt.subplots()[1].plot``), with its arguments. The data a
call gets (tensors, arrays, lists, ranges) is noted as plain numbers, floats with 7
significant digits: float32 holds about 7, so the note keeps what the lesson computed and
drops the digits float64 adds when a float32 becomes a Python float. The stand-in needs no
matplotlib, so neither PyTorch's environment nor the test depends on its version.

A recording stores a cell's calls packed (``packed``; ``unpacked`` gives them back exactly):
a plot of a grid hands contourf and contour the same three 90x120 arrays, and a meshgrid's
rows (or columns) repeat one another, so lesson 09's recording was mostly copies.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import math
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from typing import Any

SIGNIFICANT_DIGITS = 7


def recorded(cells: list[dict]) -> list[dict]:
    """The code cells a recording holds: all but the exercise checks (tagged
    nbval-ignore-output), whose feedback depends on the learner's files."""
    return [c for c in cells if c["cell_type"] == "code"
            and "nbval-ignore-output" not in c["metadata"].get("tags", ())]


class Drawn:
    """What a plotting call returns (a figure, an axes, a line): it takes every call and
    attribute, and notes each call in the lesson's log."""

    def __init__(self, name: str, log: list[dict]) -> None:
        self._name, self._log = name, log

    def __getattr__(self, attr: str) -> Drawn:
        if attr.startswith("__"):  # introspection (inspect, copy...) must see a plain object
            raise AttributeError(attr)
        return Drawn(f"{self._name}.{attr}", self._log)

    def __call__(self, *args: Any, **kwargs: Any) -> Drawn:
        self._log.append({"call": self._name, "args": [noted(a) for a in args],
                          "kwargs": {k: noted(v) for k, v in kwargs.items()}})
        return Drawn(f"{self._name}()", self._log)

    def __getitem__(self, key: Any) -> Drawn:  # axes[0, 1]
        return Drawn(f"{self._name}[{key}]", self._log)

    def __iter__(self) -> Iterator[Drawn]:  # fig, ax = plt.subplots(); fig, (a, b) = ...
        return iter((self[0], self[1]))


def _rounded(value: Any) -> Any:
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def noted(value: Any) -> Any:
    """A plotting call's argument as JSON: data as numbers, whatever held them."""
    import numpy as np

    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Drawn):
        return f"<{value._name}>"
    if isinstance(value, dict):
        return {str(k): noted(v) for k, v in value.items()}
    try:
        numbers = np.asarray(value.tolist() if hasattr(value, "tolist") else value)
    except ValueError:  # lists of different lengths
        numbers = None
    if numbers is not None and numbers.dtype.kind in "biuf":  # a tensor, an array, a range...
        return _rounded(numbers.tolist())
    return [noted(v) for v in value]  # a tuple of axes, a list of strings...


class Plots:
    """The calls to matplotlib a lesson makes, cell by cell (take() after each cell)."""

    def __init__(self) -> None:
        self.log: list[dict] = []
        self.pyplot = types.ModuleType("matplotlib.pyplot")
        self.pyplot.__getattr__ = lambda name: self._reached("plt", name)  # type: ignore
        self.matplotlib = types.ModuleType("matplotlib")
        self.matplotlib.__getattr__ = lambda name: self._reached("matplotlib", name)  # type: ignore
        self.matplotlib.pyplot = self.pyplot  # type: ignore[attr-defined]

    def _reached(self, module: str, name: str) -> Drawn:
        if name.startswith("__"):
            raise AttributeError(name)
        return Drawn(f"{module}.{name}", self.log)

    def take(self) -> list[dict]:
        calls, self.log[:] = list(self.log), []
        return calls


@contextlib.contextmanager
def matplotlib_noted() -> Iterator[Plots]:
    """matplotlib replaced by the stand-in while the lesson runs (and put back after: the
    test's process plots for real elsewhere)."""
    plots = Plots()
    saved = {name: sys.modules.get(name) for name in ("matplotlib", "matplotlib.pyplot")}
    sys.modules.update({"matplotlib": plots.matplotlib, "matplotlib.pyplot": plots.pyplot})
    try:
        yield plots
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


# How ``packed`` writes what it leaves out. Both are dicts with a key no plotted data has.
SAME = "@same as"  # {"@same as": [2, "args", 0]}: this argument is call 2's first argument
REPEAT = "@repeat"  # {"@repeat": 90, "of": [...]}: in a list, 90 equal items in a row
# An argument shorter than this (as JSON) is written again: a reference would not be shorter.
SAME_AFTER = 100


def packed(calls: list[dict]) -> list[dict]:
    """A cell's plotting calls as a recording stores them: an argument that an earlier call
    of the cell already had refers to it, and equal items in a row in a list are written
    once, with their count, where that is shorter. Equal means equal as JSON: 1 and 1.0
    stay apart, so the numbers' types survive too."""
    first: dict[str, list] = {}  # an argument's JSON: where it first appears

    def pack(value: Any, where: list) -> Any:
        text = json.dumps(value)
        if isinstance(value, list) and len(text) >= SAME_AFTER:
            if text in first:
                return {SAME: first[text]}
            first[text] = where
        return _lists_changed(value, _runs_written_once)

    return [{**call, "args": [pack(a, [n, "args", i]) for i, a in enumerate(call["args"])],
             "kwargs": {k: pack(v, [n, "kwargs", k]) for k, v in call["kwargs"].items()}}
            for n, call in enumerate(calls)]


def unpacked(calls: list[dict]) -> list[dict]:
    """The calls ``packed`` took, from what it made."""
    calls_back: list[dict] = []

    def unpack(value: Any) -> Any:
        if isinstance(value, dict) and SAME in value:
            number, part, key = value[SAME]
            return copy.deepcopy(calls_back[number][part][key])  # a copy: one per call, as run
        return _lists_changed(value, _runs_written_out)

    for call in calls:
        calls_back.append({**call, "args": [unpack(a) for a in call["args"]],
                           "kwargs": {k: unpack(v) for k, v in call["kwargs"].items()}})
    return calls_back


def _lists_changed(value: Any, change: Callable[[list], list]) -> Any:
    """``value`` with ``change`` made to each list in it, the innermost first."""
    if isinstance(value, dict):
        return {k: _lists_changed(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return change([_lists_changed(v, change) for v in value])
    return value


def _runs_written_once(items: list) -> list:
    """Each run of equal items (as JSON) as one {REPEAT: n, "of": item}, where shorter."""
    texts, written, start = [json.dumps(v) for v in items], [], 0
    while start < len(items):
        end = start + 1
        while end < len(items) and texts[end] == texts[start]:
            end += 1
        run = {REPEAT: end - start, "of": items[start]}
        if len(json.dumps(run)) < (end - start) * (len(texts[start]) + 2):
            written.append(run)
        else:
            written += items[start:end]
        start = end
    return written


def _runs_written_out(items: list) -> list:
    written: list = []
    for item in items:
        if isinstance(item, dict) and REPEAT in item:
            written += [copy.deepcopy(item["of"]) for _ in range(item[REPEAT])]
        else:
            written.append(item)
    return written


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
                if value is not None and not isinstance(value, Drawn):
                    result = repr(value)
        except Exception as e:
            error = f"{type(e).__name__}: {e}"
    return {"stdout": out.getvalue(), "result": result, "stderr": err.getvalue(),
            "error": error}


def run_lesson(cells: list[dict], source: Callable[[str], str] = str) -> dict[str, dict]:
    """Each recorded cell's run, in order in one namespace; a cell that plots also has
    "plots", its calls to matplotlib."""
    names: dict[str, Any] = {"__name__": "__main__"}
    runs = {}
    with matplotlib_noted() as plots:
        for cell in recorded(cells):
            runs[cell["id"]] = run_cell(source("".join(cell["source"])), names)
            calls = plots.take()
            if calls:
                runs[cell["id"]]["plots"] = calls
    return runs
