"""Hostile submissions as input: every archive or folder problem is that submission's one-line
"could not be read" reason (never a crash of the batch), checked cheaply before extraction;
names and messages are shown safely on the terminal, in Markdown and in HTML."""

import os
import re
import stat
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hostile_zips import cpu_bound, raw_zip

from course.feedback import html, markdown, text
from course.grade import ProgressBar, grade, submission_name
from course.results import ExerciseResult, Report, TaskResult
from course.sandbox import Limits
from course.sanitize import clean, md_code, md_fence, one_line
from course.unpack import UnpackLimits, UnsafeSubmission, unpack

ROOT = Path(__file__).resolve().parents[1]
EX01 = "exercises/ex01_requires_grad.py"


def test_raw_zip_writes_archives_that_zipfile_reads(tmp_path):
    archive = raw_zip(tmp_path / "ok.zip", [
        {"name": EX01.encode(), "data": b"x = 1\n" * 50, "method": 8},
        {"name": b"exercises/notes/", "mode": 0o40755}])
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
        assert zf.read(EX01) == b"x = 1\n" * 50
    assert unpack(archive, tmp_path / "out") == tmp_path / "out" / "exercises"
    assert (tmp_path / "out" / "exercises" / "notes").is_dir()


BAD_ARCHIVES = {
    # name: (entries, reason)
    "utf8-flag-invalid-bytes": ([{"name": b"exercises/ex01_\xff\xfe.py", "flags": 0x800}],
                                "marked UTF-8 but is not valid UTF-8"),
    "file-and-folder": ([{"name": b"exercises/a", "data": b"1"},
                         {"name": b"exercises/a/b", "data": b"2"}],
                        "'exercises/a': it is both a file and a folder"),
    "long-folder-name": ([{"name": b"x" * 300 + b"/" + EX01.encode()}],
                         "a file or folder name longer than 255 bytes"),
    "long-file-name": ([{"name": b"exercises/" + b"y" * 300 + b".py"}],
                       "a file or folder name longer than 255 bytes"),
    "long-path": ([{"name": b"/".join([b"d" * 200] * 8) + b"/f.py"}],
                  "a path longer than 1024 bytes"),
    "duplicate": ([{"name": EX01.encode(), "data": b"good = 1\n"},
                   {"name": EX01.encode(), "data": b"evil = 1\n"}], "it appears twice"),
    "case-only": ([{"name": EX01.encode()}, {"name": EX01.upper().encode()}],
                  "differ only in upper/lower case"),
    "case-folder": ([{"name": EX01.encode()}, {"name": b"Exercises/ex02_graph.py"}],
                    "differ only in upper/lower case"),
    "encrypted": ([{"name": EX01.encode(), "data": b"x = 1\n", "flags": 0x1}],
                  "encrypted (password-protected)"),
    "unsupported-method": ([{"name": EX01.encode(), "data": b"x", "method": 99}],
                           "compression method 99 is not supported"),
    "control-characters": ([{"name": b"exercises/\x1b]0;owned\x07.py"}],
                           r"'exercises/\x1b]0;owned\x07.py': control characters"),
    "newline-in-name": ([{"name": b"exercises/a\nb.py"}], "control characters"),
    "empty-name": ([{"name": b""}], "no file name"),
    "dot-segments-twice": ([{"name": b"exercises/./x.py"}, {"name": b"exercises//x.py"}],
                           "it appears twice"),
    "fifo-entry": ([{"name": EX01.encode(), "mode": 0o010644}], "not a regular file"),
    "device-entry": ([{"name": EX01.encode(), "mode": 0o020644}], "not a regular file"),
    "symlink-entry": ([{"name": EX01.encode(), "data": b"/etc/shadow", "mode": 0o120777}],
                      "not a regular file"),
    "header-lies-about-size": ([{"name": EX01.encode(), "data": b"\0" * 5000, "size": 10,
                                 "method": 8}], "corrupt or truncated member"),
    "count-understated": ([{"name": f"f{i}".encode()} for i in range(40)], "more than 20"),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archives_are_refused_with_a_reason(tmp_path, case):
    entries, reason = BAD_ARCHIVES[case]
    listed = 3 if case == "count-understated" else None
    archive = raw_zip(tmp_path / "s.zip", entries, listed)
    with pytest.raises(UnsafeSubmission) as refused:
        unpack(archive, tmp_path / "out", UnpackLimits(max_files=20))
    assert reason in str(refused.value)
    assert "\n" not in str(refused.value) and "\x1b" not in str(refused.value)
    # Names are all checked before anything is written (the lying header is found while
    # inflating, the one case that writes first).
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert written == [] or case == "header-lies-about-size"


def test_a_file_too_large_is_cut_one_byte_past_the_limit_not_refused(tmp_path):
    """A file over 1 MiB (declared so, or only found so while inflating or copying) refused
    the whole submission; now it is kept cut at 1 MiB and a byte, which tells grading it is
    too large, and the submission's other files are unpacked whole."""
    big, small = os.urandom(3 << 20), b"x = 1\n" * 1000
    archive = raw_zip(tmp_path / "s.zip", [
        {"name": EX01.encode(), "data": big, "method": 8},
        {"name": b"exercises/ex02_graph.py", "data": small, "method": 8},
        # declared larger than it is (no data past the header): kept as what is there
        {"name": b"exercises/ex03_backward.py", "size": 5 << 20}])
    with cpu_bound(0.5):
        found = unpack(archive, tmp_path / "out")
    assert (found / "ex01_requires_grad.py").read_bytes() == big[:(1 << 20) + 1]
    assert (found / "ex02_graph.py").read_bytes() == small
    assert (found / "ex03_backward.py").read_bytes() == b""
    folder = tmp_path / "folder" / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex01_requires_grad.py").write_bytes(big)
    (folder / "ex02_graph.py").write_bytes(small)
    found = unpack(tmp_path / "folder", tmp_path / "out2")
    assert (found / "ex01_requires_grad.py").read_bytes() == big[:(1 << 20) + 1]
    assert (found / "ex02_graph.py").read_bytes() == small
    # Eight files cut so are more than a submission may hold in all: refused before inflating
    many = raw_zip(tmp_path / "many.zip", [
        {"name": f"exercises/ex0{i}_x.py".encode(), "data": b"", "size": 2 << 20}
        for i in range(1, 9)])
    with pytest.raises(UnsafeSubmission, match="more than 8388608 bytes in total once"):
        unpack(many, tmp_path / "out3")


def test_truncated_and_corrupt_archives(tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(EX01, "import minigrad\n" * 200)
    data = good.read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) // 2])
    with pytest.raises(UnsafeSubmission, match="no end-of-archive record"):
        unpack(tmp_path / "cut.zip", tmp_path / "o1")
    start = data.index(b"PK\3\4") + 30 + len(EX01)  # the deflated bytes of the member
    damaged = data[:start] + bytes(b ^ 0x5A for b in data[start:start + 20]) + data[start + 20:]
    (tmp_path / "damaged.zip").write_bytes(damaged)
    with pytest.raises(UnsafeSubmission, match="corrupt or truncated member"):
        unpack(tmp_path / "damaged.zip", tmp_path / "o2")
    (tmp_path / "empty.zip").write_bytes(b"")
    with pytest.raises(UnsafeSubmission, match="not a zip"):
        unpack(tmp_path / "empty.zip", tmp_path / "o3")
    os.mkfifo(tmp_path / "fifo.zip")
    with pytest.raises(UnsafeSubmission, match="not a zip file or a folder"):
        unpack(tmp_path / "fifo.zip", tmp_path / "o4")


def test_a_300000_entry_zip_is_refused_from_its_end_record(tmp_path):
    archive = raw_zip(tmp_path / "many.zip", [{"name": f"f{i:06d}".encode()}
                                              for i in range(300_000)])
    assert archive.stat().st_size > 25 << 20
    tracemalloc.start()
    # Reading the directory instead (zipfile.ZipFile) took 4 s and 210 MB.
    with cpu_bound(0.1), pytest.raises(UnsafeSubmission, match="more than 5000 files and "
                                       r"folders \(the archive lists 300000\)"):
        unpack(archive, tmp_path / "out")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1 << 20, peak
    # An end record that understates the count is caught by the directory's size.
    raw_zip(archive, [{"name": f"f{i:06d}".encode()} for i in range(300_000)], listed=5)
    with cpu_bound(0.1), pytest.raises(UnsafeSubmission, match="directory is 15900000 bytes"):
        unpack(archive, tmp_path / "out2")


def test_zip_bomb_stops_while_inflating_too(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(EX01, b"\0" * (200 << 20))
    assert archive.stat().st_size < 1 << 20
    # Inflated one byte past the 1 MiB a file may hold, no further: its exercise is not
    # graded, said in its feedback (test_one_file_too_large_costs_its_exercise_alone)
    with cpu_bound(0.5):
        unpack(archive, tmp_path / "out")
    assert (tmp_path / "out" / EX01).stat().st_size == (1 << 20) + 1
    # The same archive with its directory saying 100 bytes: inflating stops there.
    data = bytearray(archive.read_bytes())
    cd = data.rindex(b"PK\1\2")
    struct.pack_into("<L", data, cd + 24, 100)
    archive.write_bytes(bytes(data))
    with pytest.raises(UnsafeSubmission, match="corrupt or truncated member"):
        unpack(archive, tmp_path / "out2")
    assert (tmp_path / "out2" / EX01).stat().st_size <= 100


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sub" / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex01_requires_grad.py").write_text("x = 1\n")
    return folder


@pytest.mark.parametrize("kind", ["symlink", "dir-symlink", "fifo", "device", "socket"])
def test_folder_with_links_fifos_devices_is_refused(tmp_path, kind):
    folder = _folder(tmp_path)
    target = folder / "ex02_graph.py"
    if kind == "symlink":
        os.symlink("/etc/passwd", target)
    elif kind == "dir-symlink":
        os.symlink("/etc", folder / "etc")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        try:
            os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
        except PermissionError:
            pytest.skip("creating a device needs CAP_MKNOD")
    else:
        import socket
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()
    reason = "symbolic link" if "symlink" in kind else "not a regular file"
    with cpu_bound(1), pytest.raises(UnsafeSubmission, match=reason):
        unpack(tmp_path / "sub", tmp_path / "out")  # a fifo is never opened, so never waited on


def test_folder_names_counts_and_unreadable_files(tmp_path):
    folder = _folder(tmp_path)
    (folder / "EX01_requires_grad.py").write_text("y = 1\n")
    with pytest.raises(UnsafeSubmission, match="differ only in upper/lower case"):
        unpack(tmp_path / "sub", tmp_path / "o1")
    (folder / "EX01_requires_grad.py").unlink()
    (folder / os.fsdecode(b"bad\xffname.py")).write_text("")
    with pytest.raises(UnsafeSubmission, match="not valid UTF-8"):
        unpack(tmp_path / "sub", tmp_path / "o2")
    (folder / os.fsdecode(b"bad\xffname.py")).unlink()
    # More than UnpackLimits.max_listed (5,000) in the exercises folder itself: refused
    # without listing the rest.
    for i in range(6000):
        (folder / f"{i}.txt").touch()
    with cpu_bound(0.5), pytest.raises(UnsafeSubmission, match=r"more than 5000 files and "
                                       r"folders \(in 'exercises'\): the course folder"):
        unpack(tmp_path / "sub", tmp_path / "o3")
    assert not (tmp_path / "o3" / "exercises").exists()


def _course_folder(root: Path) -> Path:
    """A learner's whole course folder, as on their disk: the lessons, minigrad, caches, a
    .venv with thousands of files and the links a venv holds, a stray copy of an exercise."""
    course = root / "autograd-course"
    for i in range(300):
        part = course / "minigrad" / f"part{i // 50}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"m{i}.py").write_text("")
    venv = course / ".venv" / "lib" / "site-packages" / "numpy"
    venv.mkdir(parents=True)
    for i in range(6000):
        (venv / f"f{i}.py").touch()
    (course / ".venv" / "bin").mkdir()
    (course / ".venv" / "bin" / "python").symlink_to("/usr/bin/python3")
    (course / "notebooks" / ".ipynb_checkpoints").mkdir(parents=True)
    (course / "notebooks" / "ex01_requires_grad.py").write_text("stray = 1\n")
    exercises = course / "exercises"
    exercises.mkdir()
    for name in ("ex01_requires_grad.py", "ex03_backward.py"):
        (exercises / name).write_text(f"# {name}\n")
    (exercises / "notes.txt").write_text("")
    return course


def test_a_whole_course_folder_is_graded_from_its_exercise_files(tmp_path):
    """A learner's course folder (a clone from GitHub Classroom, a home folder on a shared
    server) holds hundreds of files and a .venv of thousands: its exercise files are unpacked,
    nothing else is listed or copied, and the links of its .venv are no reason to refuse it."""
    course = _course_folder(tmp_path / "home")
    with cpu_bound(0.5):
        found = unpack(course, tmp_path / "out")
    assert found == tmp_path / "out" / "exercises"
    assert sorted(p.relative_to(tmp_path / "out").as_posix()
                  for p in (tmp_path / "out").rglob("*")) == [
        "exercises", "exercises/ex01_requires_grad.py", "exercises/ex03_backward.py"]
    # Given as the folder that holds it (a shared server's home folder), one folder down.
    assert unpack(tmp_path / "home", tmp_path / "out2") == (
        tmp_path / "out2" / "autograd-course" / "exercises")
    # A link on the way to the exercise files, or as one, is refused as in any folder.
    (course / "exercises").rename(course / "mine")
    (course / "exercises").symlink_to(course / "mine")
    with pytest.raises(UnsafeSubmission, match="'exercises': a symbolic link"):
        unpack(course, tmp_path / "out3")
    (course / "exercises").unlink()
    (course / "mine").rename(course / "exercises")
    (course / "exercises" / "ex02_graph.py").symlink_to("/etc/passwd")
    with pytest.raises(UnsafeSubmission, match="'exercises/ex02_graph.py': a symbolic link"):
        unpack(course, tmp_path / "out4")
    (course / "exercises" / "ex02_graph.py").unlink()
    # No exercise files where they are looked for: says what to submit instead.
    for name in ("ex01_requires_grad.py", "ex03_backward.py"):
        (course / "exercises" / name).unlink()
    with pytest.raises(UnsafeSubmission, match="more than 200 files and folders, and no "
                       r"exercise files \(exNN_\*.py\) where they are looked for.*Submit the "
                       "zip `course submit` makes"):
        unpack(course, tmp_path / "out5")


def test_a_zipped_course_folder_is_graded_from_its_exercise_files(tmp_path):
    """The zip a learner makes of their course folder: only the exercise files are written;
    entries elsewhere that could not be written (a venv's link, a name with '..') are not
    looked at. Each exercise file is checked as in any zip."""
    entries = [{"name": f"autograd-course/minigrad/m{i}.py".encode()} for i in range(400)]
    entries += [{"name": b"autograd-course/.venv/bin/python", "data": b"/usr/bin/python3",
                 "mode": 0o120777},
                {"name": b"autograd-course/../escape.py"},
                {"name": b"__MACOSX/autograd-course/exercises/._ex01_requires_grad.py"},
                {"name": b"autograd-course/exercises/ex01_requires_grad.py", "data": b"x = 1\n",
                 "method": 8}]
    archive = raw_zip(tmp_path / "course.zip", entries)
    found = unpack(archive, tmp_path / "out")
    assert found == tmp_path / "out" / "autograd-course" / "exercises"
    assert [p.name for p in (tmp_path / "out").rglob("*.py")] == ["ex01_requires_grad.py"]
    assert (found / "ex01_requires_grad.py").read_bytes() == b"x = 1\n"
    entries[-1]["mode"] = 0o120777  # the exercise file itself a link: refused
    with pytest.raises(UnsafeSubmission, match="not a regular file"):
        unpack(raw_zip(tmp_path / "link.zip", entries), tmp_path / "out2")
    with pytest.raises(UnsafeSubmission, match="more than 200 files and folders, and no "
                       "exercise files"):
        unpack(raw_zip(tmp_path / "none.zip", entries[:-1]), tmp_path / "out3")
    # Found exercise files are no way past the count a submission may unpack.
    many = [{"name": f"c/exercises/ex01_{i}.py".encode()} for i in range(201)]
    with pytest.raises(UnsafeSubmission, match="more than 200 exercise files in one folder"):
        unpack(raw_zip(tmp_path / "many.zip", many), tmp_path / "out4")
    assert not (tmp_path / "out4" / "c").exists()


def test_a_folder_of_many_exercise_files_is_refused(tmp_path):
    folder = _folder(tmp_path)
    for i in range(201):
        (folder / f"ex01_{i}.py").touch()
    with pytest.raises(UnsafeSubmission, match="more than 200 exercise files in one folder"):
        unpack(tmp_path / "sub", tmp_path / "out")
    assert not (tmp_path / "out" / "exercises").exists()


def _bad_batch(subs: Path) -> dict[str, Path]:
    subs.mkdir()
    bad = {name: raw_zip(subs / f"{name}.zip", entries)
           for name, (entries, _) in BAD_ARCHIVES.items() if name != "count-understated"}
    bad["many"] = raw_zip(subs / "many.zip", [{"name": f"f{i}".encode()} for i in range(5000)])
    hostile = '=HYPERLINK("evil")<script>alert(1)<\x1b]0;owned\x07\x1b[2J\nrow2 [x](y)'
    good = subs / hostile / "exercises"
    good.mkdir(parents=True)
    (good / "ex01_requires_grad.py").write_bytes(
        (ROOT / "course/solutions/ex01_requires_grad.py").read_bytes())
    bad["hostile"] = subs / hostile
    return bad


def test_a_batch_of_bad_archives_still_gets_its_gradebook(tmp_path):
    paths = _bad_batch(tmp_path / "subs")
    # Time is not what this test is about: a generous limit, so that the one honest submission
    # scores full marks however busy the machine is (nothing here runs long).
    summary = grade(list(paths.values()), tmp_path / "out", jobs=2, seed=3,
                    limits=Limits(timeout=60), progress=open(os.devnull, "w"))
    names = {key: submission_name(path) for key, path in paths.items()}
    for key, (_, reason) in BAD_ARCHIVES.items():
        if key in names:
            assert reason in summary.reports[names[key]].problem, key
    assert "more than 200 files and folders, and no exercise files" in \
        summary.reports[names["many"]].problem
    hostile = summary.reports[names["hostile"]]
    assert hostile.problem is None
    for t in hostile.exercises[0].tasks:
        assert t.points == t.max_points, (t.id, t.feedback)
    rows = (tmp_path / "out" / "gradebook.csv").read_text().splitlines()
    assert len(rows) == 1 + len(paths)
    # The hostile name is shown and stored without its control characters, and distinct.
    assert "\x1b" not in names["hostile"] and "\n" not in names["hostile"]
    assert names["hostile"] != submission_name(Path(str(paths["hostile"]) + "x"))
    md = (tmp_path / "out" / "feedback" / f"{names['hostile']}.md").read_text()
    assert md.startswith("# Feedback: ` =HYPERLINK(\"evil\")<script>alert(1)< row2 [x](y)-")
    _md_is_inert(md)
    page = (tmp_path / "out" / "feedback" / f"{names['hostile']}.html").read_text()
    assert "<script" not in page and "\x1b" not in page


def test_cli_grade_keeps_the_terminal_clean(tmp_path):
    paths = _bad_batch(tmp_path / "subs")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "course", "grade", *map(str, paths.values()),
                             "--out", str(tmp_path / "out"), "--timeout", "5", "--seed", "1"],
                            env=env, capture_output=True, text=True, timeout=300)
    # (graded, with uploads that need attention: 1, not the 2 of a run that failed)
    assert result.returncode == 1 and " uploads need attention " in result.stdout, result
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not any(c in stream for c in "\x1b\x07\r"), stream
    problems = [line for line in result.stderr.splitlines() if line.startswith("course: ")
                and not line.startswith("course: Learner code ran in")]
    # One line each (count-understated not in it), or one naming all those with the same
    # problem ("...: 3 submissions: a, b, c")
    assert len(problems) == len(set(problems)) <= len(BAD_ARCHIVES)
    for name in [n for n in BAD_ARCHIVES if n != "count-understated"] + ["many"]:
        said = rf"(^course: |submissions: |, ){re.escape(name)}(: |, | and |$)"
        assert sum(bool(re.search(said, line)) for line in problems) == 1, name
    assert any("marked UTF-8 but is not valid UTF-8" in line for line in problems)


HOSTILE = ("=HYPERLINK(\"http://evil\")<script>alert(1)</script>\x1b]0;owned\x07\x1b[31mred"
           "\r\nnext ![img](http://x/y.png) [link](javascript:alert(1)) <http://evil> ```")


def test_sanitizers():
    assert one_line(HOSTILE).startswith('=HYPERLINK("http://evil")<script>alert(1)</script>red '
                                        "next")
    assert "\x1b" not in clean(HOSTILE) and "\x07" not in clean(HOSTILE)
    assert clean("a\u202eb\x00c\udcff") == "a\ufffdb\ufffdc\ufffd"
    assert clean("progress 10%\rprogress 20%") == "progress 10%\nprogress 20%"
    assert md_code("a`b") == "`` a`b ``"
    assert md_code("``") == "``` `` ```"
    fenced = md_fence("x\n````\ny")
    assert fenced.startswith("`````text\n") and fenced.endswith("\n`````")


def _md_is_inert(md: str) -> None:
    """No raw HTML, link, image or autolink outside code spans and fenced blocks."""
    outside, fence = [], None
    for line in md.splitlines():
        run = len(line) - len(line.lstrip("`"))
        if fence is None and run >= 3:
            fence = run
        elif fence is not None and line.strip() == "`" * fence:
            fence = None
        elif fence is None:
            outside.append(re.sub(r"(`+).*?[^`]\1(?!`)", "", line))  # code spans
    text_outside = "\n".join(outside)
    for marker in ("<", "](", "http", "\x1b"):
        assert marker not in text_outside, (marker, text_outside)


def test_feedback_is_safe_in_every_format():
    task = TaskResult("ex01.make_trainable", "a leaf", 0, 1, "failed",
                      f"raised ValueError: {HOSTILE}", output=HOSTILE)
    report = Report([ExerciseResult("ex01", "Tensors", [task])], name=HOSTILE,
                    problem=f"refused {HOSTILE!r}")
    md = markdown(report)
    _md_is_inert(md)
    assert "```text\n" not in md.replace("````text\n", "")  # the fence outgrows ``` inside
    page = html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page and "\x1b" not in page
    shown = text(report)
    assert not any(c in shown for c in "\x1b\x07\r")
    assert "alert(1)" in shown  # cleaned, not lost


def test_progress_bar_shows_names_on_one_clean_line(tmp_path):
    out = tmp_path / "progress.txt"
    with open(out, "w") as stream:
        bar = ProgressBar(1, stream)
        bar.step("eve\x1b]0;owned\x07\nmallory 3/21")
    assert out.read_text() == "[" + "#" * 30 + "] 1/1 eve mallory 3/21\n"


def test_a_zip_from_macos_finds_its_wrapping_folder(tmp_path):
    """Archive Utility adds __MACOSX/ (resource forks) beside the folder, Finder .DS_Store."""
    archive = tmp_path / "alice.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("alice/exercises/ex01_requires_grad.py", "x = 1\n")
        zf.writestr("alice/.DS_Store", b"\0\0\0\1Bud1")
        zf.writestr("__MACOSX/alice/exercises/._ex01_requires_grad.py", b"\0\5\26\7")
        zf.writestr(".DS_Store", b"\0\0\0\1Bud1")
    assert unpack(archive, tmp_path / "out") == tmp_path / "out" / "alice" / "exercises"


def test_the_autograder_finds_the_zip_beside_macos_litter(tmp_path):
    from course.upload import graded_upload
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    archive = tmp_path / "alice.zip"
    archive.write_bytes(b"PK\5\6" + bytes(18))
    assert graded_upload(tmp_path) == archive


NEAR_EMPTY = {  # what a learner zipped (or an LMS's placeholder), and what the grader says
    "empty": ([], "empty zip: no files in it"),
    "folders": ([("exercises/", b""), ("exercises/old/", b"")],
                "empty zip: only folders ('exercises/', 'exercises/old/'), no files in them"),
    "macos": ([("__MACOSX/", b""), ("__MACOSX/._ex01_requires_grad.py", b"x"),
               (".DS_Store", b"x")],
              "empty zip: only the files macOS adds to what it zips (__MACOSX/, .DS_Store), "
              "none of the learner's"),
    "other": ([("report.pdf", b"%PDF"), ("exercises/ex1.py", b"x = 1\n")],
              "no exercise files (exNN_*.py) found, only 2 other file(s): 'exercises/ex1.py', "
              "'report.pdf'; the course's files are named like ex01_requires_grad.py"),
    "blank": ([("notes.py", b"")],
              "no exercise files (exNN_*.py) found, only 1 other file(s): 'notes.py' (all "
              "empty: 0 bytes)"),
}


@pytest.mark.parametrize("case", sorted(NEAR_EMPTY))
def test_a_near_empty_zip_says_what_it_is(tmp_path, case):
    """An empty zip read "no exercise files (exNN_*.py) found" and, in the gradebook,
    `unreadable`: it was read, and there was nothing in it. Each near-empty submission says
    what it holds, and its row is `nothing to grade` with that reason."""
    members, reason = NEAR_EMPTY[case]
    path = tmp_path / f"{case}-20261201T100000Z.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    with pytest.raises(UnsafeSubmission) as refused:
        unpack(path, tmp_path / "out")
    assert str(refused.value).startswith(reason)
    folder = tmp_path / case
    folder.mkdir()
    with zipfile.ZipFile(path) as zf:
        zf.extractall(folder)
    with pytest.raises(UnsafeSubmission) as refused:
        unpack(folder, tmp_path / "out2")
    assert str(refused.value).startswith(reason.replace("empty zip", "empty folder"))


def test_near_empty_submissions_are_rows_of_0_with_their_reason(tmp_path):
    from course.gradebook import Gradebook, read_roster
    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "ada-20261201T100000Z.zip", "w"):
        pass
    with zipfile.ZipFile(subs / "bob-20261201T100000Z.zip", "w") as zf:
        zf.writestr(EX01, "")  # an exercise file of 0 bytes: graded, and says so
    (subs / "cy-20261201T100000Z.zip").write_bytes(b"PK\3\4 truncated")
    (tmp_path / "roster.csv").write_text("Student,SIS Login ID\nAda,ada\nBob,bob\nCy,cy\n")
    with open(os.devnull, "w") as quiet:
        grade(sorted(subs.iterdir()), tmp_path / "out", jobs=1, seed=3, progress=quiet,
              exercises=["ex01"], limits=Limits(timeout=60),
              gradebook=Gradebook("csv", read_roster(tmp_path / "roster.csv")))
    import csv
    with open(tmp_path / "out" / "gradebook.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert rows["Ada"]["status"] == "nothing to grade" and rows["Ada"]["total"] == "0"
    assert rows["Ada"]["problem"] == (
        "empty zip: no files in it; no exercise files (exNN_*.py) to grade")
    assert rows["Cy"]["status"] == "unreadable"
    assert rows["Bob"]["total"] == "0"
    assert "ex01_requires_grad.py is empty (0 bytes)" in rows["Bob"]["problem"]


def test_a_zip_of_0_bytes_is_nothing_to_grade_and_says_so(tmp_path):
    """A 0-byte file named .zip (an upload that failed, an LMS's placeholder) was
    `unreadable`, "no end-of-archive record: truncated, or not a zip": the instructor went
    looking for a damaged archive. It was read, and holds nothing: it says so."""
    from course.unpack import nothing_to_grade
    (tmp_path / "ada-20261201T100000Z.zip").write_bytes(b"")
    with pytest.raises(UnsafeSubmission) as refused:
        unpack(tmp_path / "ada-20261201T100000Z.zip", tmp_path / "out")
    assert str(refused.value) == ("empty file (0 bytes): not a zip, not even an empty one; no "
                                  "exercise files (exNN_*.py) to grade")
    assert nothing_to_grade(str(refused.value))
