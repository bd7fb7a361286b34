"""Red team 17's attacks on the grader, each a real learner file run through the real grader."""

import csv
import json
import os
import zipfile
from pathlib import Path

import folder_sandboxes
import pytest

from course import cli
from course.submission import fingerprint

_REFERENCE = Path(__file__).parents[1] / "course" / "solutions"
_STUBS = Path(__file__).parents[1] / "exercises"
_EX01 = "ex01_requires_grad.py"
_GRADE = ["--exercises", "ex01", "--no-sandbox"]

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")


def _zip_of(path: Path, source: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"exercises/{_EX01}", source)
    return path


def _totals(gradebook: Path) -> dict[str, str]:
    with open(gradebook, newline="", encoding="utf-8") as f:
        return {row["submission"]: row["total"] for row in csv.DictReader(f)}


def _drop_folder(tmp_path: Path) -> Path:
    """A drop folder: alice's right ex01, mallory's stub as handed out."""
    drop = tmp_path / "drop"
    drop.mkdir()
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    _zip_of(drop / "mallory.zip", (_STUBS / _EX01).read_text())
    return drop


def _forged_results(tmp_path: Path, monkeypatch, stub: Path) -> dict:
    """What mallory plants: the results of her own `course grade` of the reference, given the
    fingerprint of her ``stub`` in the drop folder (the open edition's code computes both)."""
    own = tmp_path / "mallory-home"
    own.mkdir()
    _zip_of(own / "mallory.zip", (_REFERENCE / _EX01).read_text())
    monkeypatch.chdir(own)
    assert cli.main(["grade", "./mallory.zip", "--out", "g", *_GRADE]) == cli.OK
    result = json.loads((own / "g" / "results" / "mallory.json").read_text())
    result["extra_data"]["submission_sha256"] = fingerprint(stub)
    return result


@pytest.mark.parametrize("planted", ["in a folder anyone may write", "by another user"])
def test_results_planted_in_a_learner_made_out_folder_are_no_grade(tmp_path, monkeypatch,
                                                                    capsys, planted):
    """`course grade ./*.zip` run in a drop folder (as docs/grading.md shows) writes to
    `grades` there. Mallory made that folder first, holding results/mallory.json: the results
    of her own `course grade` of the reference, with the fingerprint of her stub (the open
    edition's code computes both). The grader took the file as her stub graded already and
    skipped it: 3/3 for no code. Now an --out others may change is refused before grading."""
    if planted == "by another user" and os.geteuid() != 0:
        pytest.skip("a folder of another user's needs root to make")
    drop = _drop_folder(tmp_path)
    result = _forged_results(tmp_path, monkeypatch, drop / "mallory.zip")
    (drop / "grades" / "results").mkdir(parents=True)
    (drop / "grades" / "results" / "mallory.json").write_text(json.dumps(result))
    if planted == "by another user":
        for path in (drop / "grades", drop / "grades" / "results"):
            os.chown(path, 65534, 65534)
    else:
        (drop / "grades").chmod(0o777)
    capsys.readouterr()
    monkeypatch.chdir(drop)
    code = cli.main(["grade", "./alice.zip", "./mallory.zip", *_GRADE])
    assert not (drop / "grades" / "gradebook.csv").exists(), \
        _totals(drop / "grades" / "gradebook.csv")
    assert code == cli.USAGE
    err = capsys.readouterr().err
    assert "--out grades" in err and "give a folder only you may write to" in err, err


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_an_out_folder_made_inside_a_drop_folder_learners_write_to_is_refused(
        tmp_path, monkeypatch, capsys, mode):
    """In a drop folder others may write in (without the sticky bit), the grades folder the
    grader makes can be renamed away by any of them and replaced by one of their own, with
    results of their making, between runs or during one. Refused; a group's write counts
    only where the group is not the grader's."""
    drop = _drop_folder(tmp_path)
    if mode == 0o775:
        if os.geteuid() != 0:
            pytest.skip("a folder of another group's needs root to make")
        os.chown(drop, -1, 4242)
    drop.chmod(mode)
    monkeypatch.chdir(drop)
    assert cli.main(["grade", "./alice.zip", "./mallory.zip", *_GRADE]) == cli.USAGE
    assert f"others may write in {drop}" in capsys.readouterr().err
    assert not (drop / "grades").exists()


@pytest.mark.parametrize("through_a_link", [False, True])
def test_grades_made_inside_a_sticky_drop_folder_are_the_graders(tmp_path, monkeypatch,
                                                                 through_a_link):
    """The price is none where learners cannot touch the grades folder: a drop folder with
    the sticky bit (as /tmp), where only an entry's owner may rename or remove it; reached
    through a link of the grader's too (Linux shows a link as writable by all)."""
    drop = _drop_folder(tmp_path)
    drop.chmod(0o1777)
    if through_a_link:
        (tmp_path / "link").symlink_to(drop)
        drop = tmp_path / "link"
    monkeypatch.chdir(drop)  # (--out as given: the link is in it, not in the cwd)
    assert cli.main(["grade", "./alice.zip", "./mallory.zip", "--out", str(drop / "grades"),
                     *_GRADE]) == cli.FAILED
    assert _totals(drop / "grades" / "gradebook.csv") == {"alice": "3", "mallory": "0"}
    assert (drop / "grades").stat().st_mode & 0o777 == 0o700


def test_a_name_cleaned_into_a_classmates_takes_no_page_of_hers(tmp_path, monkeypatch):
    """`--handback` named each page after its student, cleaned to be a file name, the first
    come keeping the name: mallory's `a:lice.zip` sorted before `alice.zip`, so her page, of
    her stub's 0/3, was `alice.html` (the page a TA mails alice) and alice's 3/3 was
    `alice (2).html`. A name that needed cleaning now carries a hash of itself."""
    drop = tmp_path / "drop"
    drop.mkdir()
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    _zip_of(drop / "a:lice.zip", (_STUBS / _EX01).read_text())
    monkeypatch.chdir(drop)
    out = tmp_path / "grades"
    code = cli.main(["grade", "--out", str(out), "--handback", *_GRADE, "--",
                     *sorted(p.name for p in drop.iterdir())])
    assert code == cli.FAILED
    assert _totals(out / "gradebook.csv") == {"alice": "3", "a:lice": "0"}
    pages = {p.name: p.read_text() for p in (out / "handback" / "feedback").iterdir()}
    assert "<h1>Feedback: alice</h1>" in pages["alice.html"], sorted(pages)
    assert sorted(pages) == ["alice-d54a68fe.html", "alice.html"]


def test_a_file_named_double_dash_in_a_drop_folder_ends_no_options(tmp_path, monkeypatch,
                                                                     capsys):
    """Files named `--` and `--out` in a drop folder, and `course grade * --out ~/grades`
    run there: the shell's expansion began with `--`, which ended the options, so `--out`
    and the instructor's results folder were taken for submissions (the folder graded as
    one, 0/3) and the class's results went to `grades` in the drop folder. A file named `--`
    is refused now, as any file that reads as an option."""
    drop = tmp_path / "drop"
    drop.mkdir(mode=0o1777)
    drop.chmod(0o1777)  # (a drop folder learners write in, the grades folder still safe)
    _zip_of(drop / "alice.zip", (_REFERENCE / _EX01).read_text())
    (drop / "--").write_text("")
    (drop / "--out").write_text("")
    results = tmp_path / "results"
    (results / "results").mkdir(parents=True)  # (an earlier run's)
    monkeypatch.chdir(drop)
    expanded = sorted(p.name for p in drop.iterdir())
    assert expanded[0] == "--"
    code = cli.main(["grade", *_GRADE, *expanded, "--out", str(results)])
    assert not (drop / "grades").exists(), _totals(drop / "grades" / "gradebook.csv")
    assert code == cli.USAGE
    err = capsys.readouterr().err
    assert "'--' reads as an option, but a file or folder of that name is here" in err, err


def test_the_probes_own_hooks_called_again_inside_one_backward_count_no_calls(grade):
    """grad_after_n scored 1/1 with one y.backward() and no retain_graph: the file read the
    hooks registered on x (the probe's: count, values sent, through y) from x's private
    hook list, and a post-accumulate hook of its own called them n - 1 more times with y's
    gradient, inside that one backward call, then wrote x.grad n times over. A backward call
    now counts once, however often a hook of x's is called in it."""
    source = ("import minigrad as torch\n\ndef grad_after_n(y, x, n):\n"
              "    watching = list(x._backward_hooks or [])\n"
              "    before = None if x.grad is None else x.grad.clone()\n\n"
              "    def again(leaf):\n"
              "        g = leaf.grad if before is None else leaf.grad - before\n"
              "        for _ in range(n - 1):\n            for hook in watching:\n"
              "                hook(g)\n        leaf.grad = leaf.grad + (n - 1) * g\n\n"
              "    x.register_post_accumulate_grad_hook(again)\n    y.backward()\n"
              "    return x.grad\n")
    result = grade("ex05", source)["grad_after_n"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert "backward() calls that reached x" in result.feedback, result.feedback


def test_a_learners_html_is_text_in_every_handed_back_page(tmp_path, monkeypatch):
    """What held: printed output, an exception's message and the file's own name, each
    holding markup, through the real grader with --handback: the page a TA opens shows them
    as text, and its file name holds none of it."""
    source = (_STUBS / _EX01).read_text() + (
        "\n\ndef make_trainable(values):\n    print('<script>alert(1)</script>')\n"
        "    raise ValueError('<img src=x onerror=alert(2)>')\n")
    drop = tmp_path / "drop"
    drop.mkdir()
    _zip_of(drop / "<img src=x onerror=alert(3)>.zip", source)
    out = tmp_path / "grades"
    monkeypatch.chdir(drop)
    assert cli.main(["grade", "--out", str(out), "--handback", *_GRADE, "--",
                     *(p.name for p in drop.iterdir())]) == cli.FAILED
    (page,) = (out / "handback" / "feedback").iterdir()
    assert "<" not in page.name and ">" not in page.name, page.name
    text = page.read_text()
    for n in (1, 2, 3):
        assert f"alert({n})" in text, text  # shown...
    assert "<script" not in text and "<img" not in text, text  # ...as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_gradescope_metadata_reached_through_a_link_is_judged_where_it_lies(tmp_path):
    """Gradescope's metadata in a folder others may write to, given through a link of the
    grader's own: with a link judged by its owner alone, the folder it leads to must be
    judged too, or a planted file would be read as Gradescope's word."""
    from course.gradescope_export import METADATA, read_metadata

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / METADATA).write_text("submission_7:\n  :submitters:\n  - :name: Ada\n")
    (tmp_path / "export").symlink_to(shared)
    export = read_metadata(tmp_path / "export")
    assert export is not None and not export.submissions, export
    assert "others may write in" in export.warnings[0], export.warnings
