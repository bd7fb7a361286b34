"""The lessons are golden programs too: each notebook's stored outputs (run with minigrad)
match what real PyTorch printed for the same cells (tests/golden/lessons/, recorded by
tests/golden/record_lessons.py), after the usual normalisation (module name, addresses).
Pictures included: the recording holds minigrad.viz's text tree of PyTorch's own graph
(or the backward player's steps), compared with the text/plain the notebook stores.

Cells that differ for a stated reason are listed in KNOWN_DIFFERENCES, by a piece of their
source; everything else must match exactly.
"""

import difflib
import json
import re
from pathlib import Path

import pytest

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
    recordable = {i for i, c in cells.items() if c["cell_type"] == "code"
                  and "nbval-ignore-output" not in c["metadata"].get("tags", ())}
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
