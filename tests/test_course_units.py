"""Units of the grader that need no sandbox: comparisons, the wire format, safe unpacking,
feedback rendering, submission archives."""

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from course import wire
from course.compare import compare_case, compare_facts, describe_error
from course.errors import UsageError
from course.feedback import html, markdown, text
from course.local import resolve_ids
from course.results import ExerciseResult, Report, TaskResult
from course.submit import make_submission
from course.unpack import UnpackLimits, UnsafeSubmission, unpack


def test_compare_names_the_fact_expected_and_got():
    exp = {"x.grad": np.array([1.0, 2.0, 3.0])}
    assert compare_facts(exp, {"x.grad": np.array([1.0, 2.0, 3.00001])}) is None
    message = compare_facts(exp, {"x.grad": np.array([1.0, 2.5, 3.0])})
    assert message.startswith("x.grad: expected [1., 2., 3.], got [1. , 2.5, 3. ]")
    assert "index 1: 2 vs 2.5" in message
    assert compare_facts(exp, {"x.grad": np.zeros(2)}) == \
        "x.grad: expected shape (3,), got shape (2,)"
    assert compare_facts({"v.type": "number", "v": 1.5}, {"v.type": "Tensor"}) == \
        "v: expected a number, got a Tensor (use .item() to get a Python number)"
    assert compare_facts({"flag": True}, {"flag": 1}) == "flag: expected True, got 1"
    assert compare_facts({"g": None}, {"g": np.ones(2)}).startswith("g: expected None")
    assert compare_facts({"x.grad": np.array(2.0)}, {"x.grad": np.array(3.0)}) == \
        "x.grad: expected 2., got 3."  # one number: no index to point at
    assert compare_facts({"r.type": "Tensor"}, {"r.type": "builtins.list"}) == \
        "r: expected a Tensor, got a list"
    assert compare_facts({"y.data.type": "number"}, {"y.data.type": "ndarray"}) == \
        "y.data: expected a number, got a numpy array (a one-element array's number is " \
        "float(x) or x.item())"
    # `t.detach().numpy` without its (): the method itself came back
    assert compare_facts({"r.type": "ndarray"}, {"r.type": "method"}) == \
        "r: expected a numpy array, got an object of type 'method' (a function itself, not " \
        "its result: call it, with ())"
    assert compare_facts({"r.type": "ndarray"}, {"r.type": ["method"]}).startswith(
        "r: expected a numpy array, got an object of type ['method']")  # (forged: unhashable)


def test_compare_errors_and_malformed_replies():
    err = {"type": "RuntimeError", "message": "boom"}
    assert compare_case({"error": err}, {"error": dict(err)}, 1e-4, 1e-5) is None
    assert compare_case({"facts": {"a": 1.0}}, "junk", 1e-4, 1e-5) == \
        "the task's results are malformed"
    assert describe_error({"type": "SystemExit", "message": "2"}).startswith("called sys.exit(2)")
    assert "output limit" in describe_error({"type": "OSError", "message": "", "errno": 27})


def test_wire_round_trip_and_no_pickles():
    data = {"x": np.arange(3.0), "n": [1, (2, 3)], "s": np.float32(1.5), "none": None}
    back = wire.unpack(wire.pack(data))
    assert back["n"] == [1, [2, 3]] and back["s"] == 1.5 and back["none"] is None
    np.testing.assert_array_equal(back["x"], np.arange(3.0))
    doc = b'{"x": {"__array__": "a0"}}'
    buf = io.BytesIO()
    np.savez(buf, a0=np.array([{"evil": 1}], dtype=object))
    for hostile in (struct.pack(">I", len(doc)) + doc + buf.getvalue(),  # a pickle inside
                    struct.pack(">I", 1 << 30) + doc,  # a length beyond the data
                    b"\x00\x00"):  # cut short
        with pytest.raises(wire.WireError):
            wire.unpack(hostile)


def _zip(path, members, symlink=None):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("members, symlink, reason", [
    ({"../ex01_requires_grad.py": b""}, None, "leaves the submission folder"),
    ({"/tmp/ex01_requires_grad.py": b""}, None, "absolute"),
    ({"exercises/ex01_requires_grad.py": b""}, "exercises/ex02_graph.py", "not a regular file"),
    ({f"f{i}.py": b"" for i in range(30)}, None, "more than 20 files"),
])
def test_unsafe_archives_are_refused(tmp_path, members, symlink, reason):
    archive = _zip(tmp_path / "s.zip", members, symlink)
    with pytest.raises(UnsafeSubmission, match=reason):
        unpack(archive, tmp_path / "out", UnpackLimits(max_files=20, max_file_bytes=1000))
    assert not (tmp_path / "ex01_requires_grad.py").exists()


def test_a_file_over_the_limit_is_cut_there(tmp_path):
    archive = _zip(tmp_path / "s.zip", {"exercises/ex01_requires_grad.py": b"\0" * 4096})
    found = unpack(archive, tmp_path / "out", UnpackLimits(max_files=20, max_file_bytes=1000))
    assert (found / "ex01_requires_grad.py").read_bytes() == b"\0" * 1001


def test_zip_bomb_stops_at_the_total_limit(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(8):
            zf.writestr(f"exercises/ex0{i + 1}_x.py", b"\0" * (1 << 20))
    assert archive.stat().st_size < 100_000
    with pytest.raises(UnsafeSubmission, match="zip bomb"):
        unpack(archive, tmp_path / "out", UnpackLimits(max_total_bytes=3 << 20))


def test_corrupt_zip_and_folder_with_symlink(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\3\4 not really")
    with pytest.raises(UnsafeSubmission, match="not a readable zip"):
        unpack(tmp_path / "bad.zip", tmp_path / "o1")
    folder = tmp_path / "sub" / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex01_requires_grad.py").write_text("x = 1\n")
    assert unpack(tmp_path / "sub", tmp_path / "o2") == tmp_path / "o2" / "exercises"
    os.symlink("/etc/passwd", folder / "ex02_graph.py")
    with pytest.raises(UnsafeSubmission, match="symbolic link"):
        unpack(tmp_path / "sub", tmp_path / "o3")


def _report(output="<script>alert(1)</script>"):
    task = TaskResult("ex01.make_trainable", "a leaf", 0, 1, "failed", "x: expected 1, got 2",
                      output=output)
    return Report([ExerciseResult("ex01", "Tensors", [task])], name="alice")


def test_feedback_escapes_learner_output():
    report = _report()
    assert "<script>" not in html(report) and "&lt;script&gt;" in html(report)
    assert "x: expected 1, got 2" in text(report)
    assert "```text\n<script>" in markdown(report)
    assert report._repr_html_() == html(report)
    assert Report.from_json(json.loads(json.dumps(report.to_json()))).to_json() == \
        report.to_json()


def test_resolve_ids():
    assert resolve_ids(["3", "ex03", "ex01_requires_grad.py"]) == ["ex03", "ex01"]
    assert resolve_ids(["ex3", "EX10", "7"]) == ["ex03", "ex10", "ex07"]
    with pytest.raises(UsageError, match="unknown exercise 'ex42'"):
        resolve_ids(["ex42"])


def test_submit_never_overwrites(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "ex01_requires_grad.py").write_text("x = 1\n")
    first = make_submission(tmp_path, "alice")
    second = make_submission(tmp_path, "alice")
    assert first != second and first.exists() and second.exists()
    with zipfile.ZipFile(second) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert set(zf.namelist()) == {"exercises/ex01_requires_grad.py", "manifest.json",
                                      "results.json"}
    assert manifest["name"] == "alice" and len(manifest["files"]) == 1
    with pytest.raises(UsageError):
        make_submission(tmp_path, "../..")
    assert sorted(Path(tmp_path / "submissions").iterdir()) == sorted([first, second])


def test_submission_names_keep_letters_of_every_script():
    from course.submit import submission_name
    assert submission_name("Zoë Müller") == "Zoë-Müller"
    assert submission_name("李雷") == "李雷"
    assert submission_name("Jose\u0301") == submission_name("Jos\u00e9") == "José"  # NFC
    assert submission_name("alice@uni.edu") == "alice-uni.edu"
    assert submission_name("a/../b") == "a-..-b" and submission_name("..") == ""


def test_submit_packs_the_file_check_grades_and_names_the_others(tmp_path, capsys):
    folder = tmp_path / "exercises"
    folder.mkdir()
    for name in ("ex03_backward.py", "ex03_backup.py", "ex11_extra.py"):
        (folder / name).write_text("x = 1\n")
    with zipfile.ZipFile(make_submission(tmp_path, "alice")) as zf:
        packed = [n for n in zf.namelist() if n.startswith("exercises/")]
        assert packed == ["exercises/ex03_backward.py"]
        assert list(json.loads(zf.read("manifest.json"))["files"]) == packed
    assert capsys.readouterr().err == (
        "course: warning: not submitted: ex03_backup.py, ex11_extra.py (only each exercise's "
        "own file, like ex03_backward.py, is graded)\n")
    # Renamed, and the only file of ex03: `course check` grades it, so submit packs it (it
    # once left it out, and the learner's checked points were 0 in the gradebook).
    (folder / "ex03_backward.py").unlink()
    with zipfile.ZipFile(make_submission(tmp_path, "alice")) as zf:
        assert [n for n in zf.namelist() if n.startswith("exercises/")] == \
            ["exercises/ex03_backup.py"]
    assert capsys.readouterr().err == (
        "course: warning: not submitted: ex11_extra.py (only each exercise's own file, like "
        "ex01_requires_grad.py, is graded)\n")
    (folder / "ex03_backup.py").unlink()
    with pytest.raises(UsageError, match="no exercise files"):
        make_submission(tmp_path, "alice")


def test_an_exercise_importing_real_torch_is_told_to_import_minigrad():
    from course.sandbox import _import_error
    said = _import_error({"type": "ModuleNotFoundError", "message": "No module named 'torch'"})
    assert said.startswith("ModuleNotFoundError: No module named 'torch'")
    assert "write `import minigrad as torch`" in said
    assert "What it means" not in _import_error({"type": "ValueError", "message": "x"})
