"""The lessons are golden programs too: each notebook's stored outputs (run with minigrad)
match what real PyTorch printed for the same cells (tests/golden/lessons/, recorded by
tests/golden/record_lessons.py), after the usual normalisation (module name, addresses).
Pictures included: the recording holds minigrad.viz's text tree of PyTorch's own graph
(or the backward player's steps), compared with the text/plain the notebook stores. Plots
too: the recording holds the calls each cell makes to matplotlib under PyTorch (what it plots,
as numbers, its labels, titles and legends), compared with the calls it makes here, under
minigrad (tests/golden/lesson_cells.py notes both).

Cells that differ for a stated reason are listed in KNOWN_DIFFERENCES, by a piece of their
source; everything else must match exactly.
"""

import difflib
import json
import math
import re
from pathlib import Path

import pytest
from golden.lesson_cells import packed, recorded, run_lesson, unpacked

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "tests" / "golden" / "lessons"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

KNOWN_DIFFERENCES = {
    "07_no_grad": {
        "tracemalloc.start()": "tracemalloc sees minigrad's numpy arrays but not PyTorch's C++ "
                               "allocations, so under PyTorch it measures almost nothing",
    },
}


# A drawn constant whose value no node kept (so it has no name either) shows its shape in
# minigrad's drawing only: minigrad's nodes note their inputs' shapes, PyTorch's do not
# (docs/viz.md). In the text tree: a line that starts with "constant, (shape)".
UNKEPT_CONSTANT_SHAPE = re.compile(r"^([│├└─ ]*constant), \([\d, ]*\)(?=.*\(constant\)$)",
                                   re.MULTILINE)


def normalise(text: str) -> str:
    text = text.replace("minigrad::", "torch::").replace("minigrad.", "torch.")
    text = re.sub(r" \(Triggered internally at [^)]*\)", "", text)  # where in PyTorch's C++
    text = UNKEPT_CONSTANT_SHAPE.sub(r"\1", text)
    return re.sub(r"0x[0-9a-fA-F]+", "0x…", text)


def difference(ours: str, theirs: str) -> str:
    """Both texts, or for two of many lines (drawings) only the lines that differ."""
    if "\n" not in ours.strip() or "\n" not in theirs.strip():
        return f"  minigrad: {ours!r}\n  torch:    {theirs!r}"
    return "\n".join(difflib.unified_diff(ours.splitlines(), theirs.splitlines(),
                                          "minigrad", "torch", lineterm="", n=1))


def stored(cell: dict) -> dict:
    """What the notebook shows for a cell: its printed text and its final value's text."""
    stdout = "".join("".join(o["text"]) for o in cell["outputs"]
                     if o["output_type"] == "stream" and o["name"] == "stdout")
    stderr = "".join("".join(o["text"]) for o in cell["outputs"]
                     if o["output_type"] == "stream" and o["name"] == "stderr")
    results = [o for o in cell["outputs"] if o["output_type"] == "execute_result"]
    result = "".join(results[0]["data"]["text/plain"]) if results else None
    errors = [f"{o['ename']}: {o['evalue']}" for o in cell["outputs"]
              if o["output_type"] == "error"]
    return {"stdout": stdout, "result": result, "stderr": stderr,
            "error": errors[0] if errors else None}


def test_every_lesson_is_recorded():
    missing = [nb.stem for nb in NOTEBOOKS if not (RECORDINGS / f"{nb.stem}.json").exists()]
    assert not missing, f"record them: python tests/golden/record_lessons.py {' '.join(missing)}"


def test_only_an_unkept_constants_shape_is_left_out_of_drawings():
    tree = ("└── SubBackward0\n"
            "    ├── constant, (2, 2), value freed by backward, requires_grad=False (constant)\n"
            "    ├── x, constant, (3, 2), requires_grad=False (constant)\n"
            "    └── w, (4, 2), requires_grad=True (leaf)")
    assert normalise(tree).splitlines() == [
        "└── SubBackward0",
        "    ├── constant, value freed by backward, requires_grad=False (constant)",
        *tree.splitlines()[2:]]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_prints_what_pytorch_prints(notebook):
    recording_path = RECORDINGS / f"{notebook.stem}.json"
    if not recording_path.exists():
        pytest.fail(f"no recording for {notebook.stem}")
    recording = json.loads(recording_path.read_text(encoding="utf-8"))["cells"]
    cells = {c["id"]: c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]}
    known = KNOWN_DIFFERENCES.get(notebook.stem, {})
    # Every code cell but the exercise checks (which record_lessons.py skips) is recorded: a
    # cell added without re-recording would otherwise never be compared with PyTorch.
    recordable = {c["id"] for c in recorded(list(cells.values()))}
    assert set(recording) == recordable, (
        f"the recording is older than the notebook: re-record {notebook.stem} "
        f"(unrecorded: {sorted(recordable - set(recording))}, gone: "
        f"{sorted(set(recording) - recordable)})")
    differing = []
    for cell_id, torch_run in recording.items():
        cell = cells[cell_id]
        source = "".join(cell["source"])
        if any(piece in source for piece in known):
            continue
        mine = stored(cell)
        for key in ("stdout", "stderr", "error", "result"):
            ours, theirs = normalise(mine[key] or ""), normalise(torch_run[key] or "")
            if ours != theirs:
                differing.append(f"cell {cell_id} ({source.splitlines()[0][:60]}) {key}:\n"
                                 + difference(ours, theirs))
    assert not differing, "\n".join(differing)
    for piece in known:
        assert any(piece in "".join(c["source"]) for c in cells.values()), \
            f"KNOWN_DIFFERENCES names a cell that no longer exists: {piece!r}"


# How close a plotted number must be to PyTorch's: a part of the largest number in the data
# it belongs to (a curve's, a grid's), which sets the scale the plot draws it at. Both
# libraries compute in float32 but sum in different orders; the curves agree to about 1e-6.
PLOT_TOLERANCE = 1e-5

# Plots whose numbers differ more for a stated reason, by a piece of their cell's source:
# the tolerance they get instead, and why.
LOOSER_PLOTS = {
    "09_training_loop": {
        "ax.contourf(gx, gy, prob": (
            1e-3, "the boundary's probabilities come from the model Adam trained for 200 "
                  "steps. Adam steps a weight by about lr whatever the size of its gradient, so in "
                  "the steps of two second-layer weights whose gradients are about 1e-6 (the "
                  "median is 6e-5) float32 rounding, summed in another order, weighs: they end "
                  "2e-4 and 5e-4 from PyTorch's (the other 254 within 2e-6), and some "
                  "probabilities near 0.5 differ by up to 6e-4. The losses, printed and "
                  "plotted, agree to 1e-6"),
    },
}

PLOTTING = [nb for nb in NOTEBOOKS if "matplotlib" in nb.read_text(encoding="utf-8")]


def floats(value) -> list[float]:
    """The floats in a plotting call's argument, in order."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [f for v in value for f in floats(v)]
    return [value] if isinstance(value, float) else []


def skeleton(value):
    """An argument with its floats left out: what must be PyTorch's exactly (text, integers,
    how many numbers)."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [skeleton(v) for v in value]
    return "float" if isinstance(value, float) else value


def plot_differences(ours: dict, theirs: dict, tolerance: float) -> list[str]:
    """The arguments of a plotting call that differ from PyTorch's: in anything but a float,
    or in a float by more than `tolerance` times the largest number of that argument."""
    mine, torchs = ({**dict(enumerate(c["args"])), **c["kwargs"]} for c in (ours, theirs))
    if mine.keys() != torchs.keys():
        return [f"arguments {list(mine)}, torch's {list(torchs)}"]
    differing = []
    for name, theirs_value in torchs.items():
        ours_value = mine[name]
        if skeleton(ours_value) != skeleton(theirs_value):
            differing.append(f"argument {name}: {json.dumps(ours_value)[:200]}, torch's "
                             f"{json.dumps(theirs_value)[:200]}")
            continue
        pairs = list(zip(floats(ours_value), floats(theirs_value)))
        largest = max((abs(b) for _, b in pairs if math.isfinite(b)), default=0.0)
        far = [(k, a, b) for k, (a, b) in enumerate(pairs) if not (
            a == b or abs(a - b) <= tolerance * largest or math.isnan(a) and math.isnan(b))]
        if far:
            k, a, b = far[0]
            differing.append(f"argument {name}: {len(far)} of {len(pairs)} numbers differ by "
                             f"more than {tolerance:g} x {largest:g}, the first (#{k}) "
                             f"{a!r}, torch's {b!r}")
    return differing


def test_the_plotting_lessons_are_recorded_with_their_plots():
    plotted = {p.stem for p in RECORDINGS.glob("*.json")
               if any("plots" in run for run in json.loads(p.read_text())["cells"].values())}
    assert plotted == {nb.stem for nb in PLOTTING}, \
        "re-record the lessons: python tests/golden/record_lessons.py"


def test_packing_a_cells_plots_gives_them_back_exactly():
    grid = [[0.5, 1.5, 2.5]] * 40
    colours = [1.0] * 30 + [1] * 30 + [True] * 30
    calls = [{"call": "plt.subplots()[1].contourf", "args": [grid, colours],
              "kwargs": {"levels": [0.5]}},
             {"call": "plt.subplots()[1].contour", "args": [grid], "kwargs": {"levels": [0.5]}}]
    stored = packed(calls)
    assert stored[1]["args"][0] == {"@same as": [0, "args", 0]}
    assert stored[0]["args"][0] == [{"@repeat": 40, "of": [0.5, 1.5, 2.5]}]
    assert unpacked(stored) == calls
    # 1.0, 1 and True are equal in Python: one run of 90 would lose two of the types.
    assert [run["of"] for run in stored[0]["args"][1]] == [1.0, 1, True]
    assert [type(x) for x in unpacked(stored)[0]["args"][1]] == [float] * 30 + [int] * 30 + [
        bool] * 30


@pytest.mark.parametrize("notebook", PLOTTING, ids=lambda p: p.stem)
def test_lesson_plots_are_stored_packed(notebook):
    """What record_lessons.py writes: packing the recorded calls again changes nothing."""
    recording = json.loads((RECORDINGS / f"{notebook.stem}.json").read_text(encoding="utf-8"))
    for run in recording["cells"].values():
        assert packed(unpacked(run.get("plots", []))) == run.get("plots", [])


@pytest.mark.parametrize("notebook", PLOTTING, ids=lambda p: p.stem)
def test_lesson_plots_what_pytorch_plots(notebook):
    """Each plot's calls under minigrad are PyTorch's: the same calls with the same labels,
    titles and legends, and numbers within PLOT_TOLERANCE of the data's largest."""
    recording = json.loads((RECORDINGS / f"{notebook.stem}.json").read_text(encoding="utf-8"))
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    runs = run_lesson(cells)  # the lesson here, under minigrad
    looser = LOOSER_PLOTS.get(notebook.stem, {})
    differing = []
    for cell in recorded(cells):
        source = "".join(cell["source"])
        ours = runs[cell["id"]].get("plots", [])
        theirs = unpacked(recording["cells"][cell["id"]].get("plots", []))
        tolerance = next((t for piece, (t, _) in looser.items() if piece in source),
                         PLOT_TOLERANCE)
        where = f"cell {cell['id']} ({source.splitlines()[0][:50]})"
        if [c["call"] for c in ours] != [c["call"] for c in theirs]:
            differing.append(f"{where} calls\n  minigrad: {[c['call'] for c in ours]}\n"
                             f"  torch:    {[c['call'] for c in theirs]}")
            continue
        for mine, torchs in zip(ours, theirs):
            differing += [f"{where} {torchs['call']}, {d}"
                          for d in plot_differences(mine, torchs, tolerance)]
    assert not differing, "\n".join(differing)
    for piece in looser:
        assert any(piece in "".join(c["source"]) for c in cells), \
            f"LOOSER_PLOTS names a cell that no longer exists: {piece!r}"
