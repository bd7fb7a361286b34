"""Red team 18's attacks on the grader, each a real learner file (or zip) run through the real
grader."""

import json
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import folder_sandboxes
import pytest

# (the same class zips and the same Cube preamble as the red teams before)
from test_course_redteam16 import _CUBE
from test_course_redteam17 import _EX01, _forged_results, _totals, _zip_of

from course import cli
from course import grade as grading

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

_REFERENCE = Path(__file__).parents[1] / "course" / "solutions"
_STUBS = Path(__file__).parents[1] / "exercises"
_GRADE = ["--exercises", "ex01", "--no-sandbox"]
_LEARNER = 65534  # (nobody: a learner of the machine, not the grader)
# (the grader's Python may lie where only root may reach it, under /root)
_SYSTEM_PYTHON = "/usr/bin/python3"


def _as_learner(code: str, stdin: str = "") -> subprocess.CompletedProcess:
    """``code`` run by Python as another user of the machine (a learner's own process)."""
    return subprocess.run([_SYSTEM_PYTHON, "-c", code], input=stdin, text=True,
                          capture_output=True, user=_LEARNER, group=_LEARNER,
                          extra_groups=[], timeout=60)


@pytest.fixture
def shared(tmp_path):
    """A folder every user of the machine may reach (pytest's own is root's alone)."""
    if os.geteuid() != 0 or not os.access(_SYSTEM_PYTHON, os.X_OK):
        pytest.skip("another user's process needs root to start, and a system Python")
    folder = Path(tempfile.mkdtemp(prefix="rt18-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)

@pytest.mark.parametrize("asks", [
    "            (grad,) = (x ** 3).grad_fn._apply([grad_output])\n        return grad\n",
    "            return (x ** 3).grad_fn.backward(grad_output)\n",
])
def test_a_cube_whose_backward_runs_a_nodes_formula_by_hand_is_named(grade, asks):
    """Cube scored 1/1 with no derivative written: its backward built x**3's graph and ran
    the node's formula itself, through its private step (`_apply`, the still-passes of red
    team 17) or its formula (`backward`): no backward call, no call of the node, so nothing
    for the probe to count. Now Cube's forward and backward must build no graph of their own
    (minigrad numbers each node it makes), as a backward that writes the formula does not."""
    result = grade("ex03", _CUBE + asks)["Cube"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "autograd-in-backward", result.feedback


_PLANT = """
import os, sys
results = os.path.join("grades", "results")
os.makedirs(results)
os.chmod("grades", 0o777)
with open(os.path.join(results, "mallory.json"), "w") as f:
    f.write(sys.stdin.read())
"""


def test_results_planted_while_the_class_unpacks_are_no_grade(shared, tmp_path, monkeypatch,
                                                                capsys):
    """`course grade ./*.zip` in a drop folder with the sticky bit (docs/grading.md: fine,
    the grader makes `grades` there). `--out` was checked before the class was unpacked and
    made after: mallory's process, another user's, made `grades/results/mallory.json` in
    between (the results of her own grading of the reference, given her stub's fingerprint,
    as red team 17's), and her stub, skipped as graded, scored 3/3. A class of 500 takes
    seconds to unpack, and her own zip, up to 64 MiB, more. Now the grader makes `--out` as
    it checks it, and checks it again once made."""
    drop = shared / "drop"
    drop.mkdir()
    drop.chmod(0o1777)
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    _zip_of(drop / "mallory.zip", (_STUBS / _EX01).read_text())
    result = _forged_results(tmp_path, monkeypatch, drop / "mallory.zip")
    planted: list[subprocess.CompletedProcess] = []
    unpack = grading.submissions_given

    def mallory_wins_the_race(*args, **kwargs):
        planted.append(_as_learner(f"import os; os.chdir({str(drop)!r})\n{_PLANT}",
                                   json.dumps(result)))
        return unpack(*args, **kwargs)

    monkeypatch.setattr(grading, "submissions_given", mallory_wins_the_race)
    monkeypatch.chdir(drop)
    capsys.readouterr()
    code = cli.main(["grade", "./alice.zip", "./mallory.zip", *_GRADE])
    assert len(planted) == 1
    assert not (drop / "grades" / "results" / "mallory.json").exists() or \
        (drop / "grades" / "results" / "mallory.json").stat().st_uid != _LEARNER, \
        planted[0].stderr
    assert code == cli.FAILED, capsys.readouterr().err
    assert _totals(drop / "grades" / "gradebook.csv") == {"alice": "3", "mallory": "0"}
    assert (drop / "grades").stat().st_uid == os.geteuid()


def _let_write(path: Path, user: int) -> None:
    """`setfacl -m u:<user>:rwx path`, as Linux stores it (setfacl is not installed here):
    the mode's group bits then show the ACL's mask, rwx."""
    unset = 0xFFFFFFFF
    entries = [(0x01, 7, unset), (0x02, 7, user), (0x04, 5, unset), (0x10, 7, unset),
               (0x20, 5, unset)]  # owner, the named user, owning group, mask, others
    os.setxattr(path, "system.posix_acl_access", struct.pack("<I", 2) + b"".join(
        struct.pack("<HHI", *entry) for entry in entries))


_SWAP = """
import os
os.rename("grades", "grades-of-the-grader")
os.mkdir("grades")
os.chmod("grades", 0o777)
"""


def test_a_drop_folder_learners_may_write_by_an_acl_is_refused(shared, monkeypatch, capsys):
    """A drop folder of the grader's, mode 0755, where an ACL lets the learners write
    (`setfacl -m g:students:rwx drop`, the usual way to open a folder to a class): its mode
    then reads 0775, the group bits showing the ACL's mask, and the group is the grader's, so
    the check of red team 17 took it for the grader's alone. `course grade ./*.zip` made
    `grades` there, and mallory's process renamed it away while the class was graded and put
    a folder of hers in its place: the gradebook the instructor uploads was written into it,
    hers to edit. Now an ACL's named user or group that may write counts as others."""
    drop = shared / "drop"
    drop.mkdir()
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    _zip_of(drop / "mallory.zip", (_STUBS / _EX01).read_text())
    try:
        _let_write(drop, _LEARNER)
    except (OSError, AttributeError) as e:  # (os.setxattr is Linux's)
        pytest.skip(f"no POSIX ACLs on this file system ({e})")
    swapped: list[subprocess.CompletedProcess] = []
    unpack = grading.submissions_given

    def mallory_swaps_the_grades_folder(*args, **kwargs):
        swapped.append(_as_learner(f"import os; os.chdir({str(drop)!r})\n{_SWAP}"))
        return unpack(*args, **kwargs)

    monkeypatch.setattr(grading, "submissions_given", mallory_swaps_the_grades_folder)
    monkeypatch.chdir(drop)
    code = cli.main(["grade", "./alice.zip", "./mallory.zip", *_GRADE])
    gradebook = drop / "grades" / "gradebook.csv"
    assert not gradebook.exists(), (gradebook.stat().st_uid, gradebook.parent.stat().st_uid,
                                    swapped[0].stderr if swapped else "")
    assert code == cli.USAGE
    err = capsys.readouterr().err
    assert f"an ACL lets user {_LEARNER} write in {drop}" in err, err


def test_gradescope_metadata_in_a_folder_an_acl_opens_is_not_gradescopes_word(tmp_path):
    """The same check guards Gradescope's export: metadata in a folder an ACL lets a learner
    write in names whoever its maker likes as each folder's submitter."""
    from course.gradescope_export import METADATA, read_metadata

    export = tmp_path / "export"
    export.mkdir()
    (export / METADATA).write_text("submission_7:\n  :submitters:\n  - :name: Ada\n")
    try:
        _let_write(export, _LEARNER)
    except (OSError, AttributeError) as e:  # (os.setxattr is Linux's)
        pytest.skip(f"no POSIX ACLs on this file system ({e})")
    found = read_metadata(export)
    assert found is not None and not found.submissions, found
    assert "an ACL lets" in found.warnings[0], found.warnings


def test_a_sticky_drop_folder_with_a_default_acl_grades_again(shared, monkeypatch, capsys):
    """The price is none where the drop folder is safe: one with the sticky bit and a default
    ACL opening it to the class (`setfacl -d -m u:...:rwx`), whose entries every folder made
    in it takes. The grader's `grades` took them too (of no effect there: its mask follows its
    0700), but its `results`, made 0755, let the learner write by the ACL, and the second run
    was refused. The grader now removes the ACLs of the folders it makes for --out."""
    drop = shared / "drop"
    drop.mkdir()
    drop.chmod(0o1777)
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    unset = 0xFFFFFFFF
    try:
        os.setxattr(drop, "system.posix_acl_default", struct.pack("<I", 2) + b"".join(
            struct.pack("<HHI", *entry) for entry in [
                (0x01, 7, unset), (0x02, 7, _LEARNER), (0x04, 5, unset), (0x10, 7, unset),
                (0x20, 5, unset)]))
    except (OSError, AttributeError) as e:  # (os.setxattr is Linux's)
        pytest.skip(f"no POSIX ACLs on this file system ({e})")
    monkeypatch.chdir(drop)
    assert cli.main(["grade", "./alice.zip", *_GRADE]) == cli.OK
    capsys.readouterr()
    assert cli.main(["grade", "./alice.zip", *_GRADE]) == cli.OK, capsys.readouterr().err
    assert "skipped 1 (already graded)" in capsys.readouterr().out


def test_a_dense_file_is_parsed_for_its_calls_outside_the_lock_every_job_judges_under(
        grade, monkeypatch):
    """To name a task a failing task calls (course.calls), the grader parses the file in its
    own process, and did so for every exercise file, passing or not, holding the lock that
    every job's judging takes: a learner's 1 MiB file of `a,a,a,...` costs that parse 2 s and
    500 MB, so with --jobs 2 the other job's judging stood still for it, once per exercise
    file of such a submission. Now the file is parsed only where a failed task may call
    another that fails, and without the lock. (The line still comes.)"""
    from course import engine

    held: list[bool] = []
    calls = engine.called_tasks

    def watched(*args, **kwargs):
        held.append(engine._parent_runs._is_owned())
        return calls(*args, **kwargs)

    monkeypatch.setattr(engine, "called_tasks", watched)
    right = (_REFERENCE / "ex09_training_loop.py").read_text()
    padding = "\n\ndef _unused():\n    return (" + "a," * 100_000 + ")\n"
    assert grade("ex09", right + padding)["fit"].status == "passed"
    assert held == []  # (nothing failed: nothing to parse for)
    wrong_step = right.replace("return loss.item()", "return loss_fn(model(x), y).item()")
    fit = grade("ex09", wrong_step + padding)["fit"]
    assert held == [False]
    assert "Your fit calls your training_step, which fails its own check" in fit.feedback, \
        fit.feedback


def test_xs_accumulategrad_called_by_hand_counts_no_backward_call(grade):
    """What held: ex05's grad_after_n with one backward() and x's AccumulateGrad node, found
    among the graph's next_functions, called by hand n - 1 times with that gradient (nodes
    are callable as PyTorch's; the call adds into x.grad and runs its post-accumulate hooks).
    x.grad is n times y's gradient, but a node called by hand is no backward() call reaching
    x: the probe's hooks on x do not run, and the count says so."""
    source = ("import minigrad as torch\n\ndef grad_after_n(y, x, n):\n"
              "    y.backward(retain_graph=True)\n    seen, stack, acc = set(), [y.grad_fn], None\n"
              "    while stack:\n        node = stack.pop()\n"
              "        if node is None or id(node) in seen:\n            continue\n"
              "        seen.add(id(node))\n"
              "        if getattr(node, 'variable', None) is x:\n            acc = node\n"
              "        stack.extend(f for f, _ in node.next_functions)\n"
              "    g = x.grad.clone()\n    for _ in range(n - 1):\n        acc(g)\n"
              "    return x.grad\n")
    result = grade("ex05", source)["grad_after_n"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert "backward() calls that reached x: expected 2, got 1" in result.feedback


def test_gradescope_metadata_in_a_folder_inside_a_drop_folder_is_not_gradescopes_word(
        tmp_path):
    """An export folder of the grader's, unzipped inside a folder every learner may write in
    (no sticky bit): its metadata was read as Gradescope's word, though any learner could
    rename the folder away and put one of theirs in its place, with metadata of their own,
    between the check of who may have written it and its read (a loop of two renames wins
    such a race now and then). --out's check refused such a place already; both now share it
    (course.ownership.others_may_change)."""
    from course.gradescope_export import METADATA, read_metadata

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    export = shared / "export"
    export.mkdir()
    (export / METADATA).write_text("submission_7:\n  :submitters:\n  - :name: Ada\n")
    found = read_metadata(export)
    assert found is not None and not found.submissions, found
    assert f"others may write in {shared}" in found.warnings[0], found.warnings
