"""What a learner opens and sees: `course lab` (the server's root, the lesson it opens, its flags,
PATH for terminals), `course list` (lessons, exercises, progress) and the lessons' kernel
metadata (a lesson opened and saved unchanged stays unchanged). The browser's view of the same
is `make browser-test` (tests/browser/check_lessons.py)."""

import asyncio
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from lab_server import course_lab

from course.lab import lab_command, lab_environment
from course.progress import listing

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture
def course_dir(tmp_path):
    """A fresh clone's lessons and exercises, with no progress yet."""
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def _progress(course_dir, **scores):
    (course_dir / ".course").mkdir(exist_ok=True)
    (course_dir / ".course" / "progress.json").write_text(json.dumps(
        {eid: {"score": got, "max_score": best} for eid, (got, best) in scores.items()}))


def _option(command, name):
    return next(arg.split("=", 1)[1] for arg in command if arg.startswith(f"--{name}="))


def test_lab_serves_the_course_folder_and_opens_lesson_00_on_a_fresh_clone(course_dir):
    command = lab_command(course_dir)
    assert command[1] == "lab"
    assert _option(command, "ServerApp.root_dir") == str(course_dir.resolve())
    assert _option(command, "LabApp.default_url") == "/lab/tree/notebooks/00_start_here.ipynb"


def test_lab_opens_the_first_unfinished_lesson_once_work_has_started(course_dir):
    def opens():
        return _option(lab_command(course_dir), "LabApp.default_url").rsplit("/", 1)[-1]
    _progress(course_dir, ex01=(1, 2))
    assert opens() == "01_requires_grad.ipynb"
    _progress(course_dir, ex01=(2, 2), ex02=(0, 2))
    assert opens() == "02_graph.ipynb"
    _progress(course_dir, ex01=(2, 2))  # ex02 never checked: still unfinished
    assert opens() == "02_graph.ipynb"
    _progress(course_dir, **{f"ex{n:02d}": (1, 1) for n in range(1, 100)})
    assert opens() == sorted((course_dir / "notebooks").glob("[0-9][0-9]_*.ipynb"))[-1].name


def test_lab_port_and_no_browser_flags(course_dir):
    assert "--no-browser" not in lab_command(course_dir)
    assert not any(a.startswith("--ServerApp.port=") for a in lab_command(course_dir))
    command = lab_command(course_dir, port=8890, open_browser=False)
    assert "--no-browser" in command and _option(command, "ServerApp.port") == "8890"


def test_lab_allows_root_only_for_root(course_dir, monkeypatch):
    monkeypatch.setattr("os.geteuid", lambda: 0)
    assert lab_command(course_dir)[-1] == "--allow-root"
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    assert "--allow-root" not in lab_command(course_dir)


def test_lab_puts_this_environment_first_on_path():
    env = lab_environment({"PATH": os.pathsep.join(["/usr/bin", str(BIN), "/bin"]), "X": "1"})
    assert env["PATH"].split(os.pathsep) == [str(BIN), "/usr/bin", "/bin"]
    assert env["X"] == "1"
    assert lab_environment({})["PATH"] == str(BIN)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_course_lab_starts_jupyterlab_on_the_course_folder(course_dir):
    """The real command: the server answers on the given port, lists exercises/, opens lesson
    00, and its environment (inherited by kernels and terminals) has `course` first on PATH."""
    with course_lab(course_dir, {**os.environ, "PATH": "/usr/bin:/bin"},
                    course_dir / "lab.log") as lab:
        assert lab.port == lab.asked and lab.path == "/lab/tree/notebooks/00_start_here.ipynb"
        names = {item["name"] for item in lab.api("contents/exercises")["content"]}
        assert "ex01_requires_grad.py" in names
        environ = Path(f"/proc/{lab.process.pid}/environ").read_bytes().split(b"\0")
        path = next(v for v in environ if v.startswith(b"PATH=")).decode()[5:]
        assert shutil.which("course", path=path) == str(BIN / "course")


# Where conda init and pyenv put their PATH for each shell; zsh is macOS's default shell.
STARTUP_FILES = {"bash": [".bashrc"], "zsh": [".zshenv", ".zshrc"]}


@pytest.mark.parametrize("shell", sorted(STARTUP_FILES))
def test_a_terminals_python_is_the_courses_after_the_learners_startup_files(course_dir,
                                                                            tmp_path, shell):
    """conda and pyenv put their own python first on PATH in ~/.bashrc or ~/.zshrc, which a
    terminal reads after `course lab` set PATH: `python` in a JupyterLab terminal was theirs,
    without minigrad. Typed into a real terminal of the real server, it is the course's, and
    the learner's own startup files still ran. (.ci/run installs zsh.)"""
    if shutil.which(shell) is None:
        pytest.skip(f"needs {shell}")
    home, other = tmp_path / "home", tmp_path / "conda" / "bin"
    home.mkdir()
    other.mkdir(parents=True)
    (other / "python").write_text("#!/bin/sh\necho not the course's\n")
    (other / "python").chmod(0o755)
    for n, name in enumerate(STARTUP_FILES[shell]):
        (home / name).write_text(f'export PATH="{other}:$PATH"  # as conda init writes\n'
                                 f"export LEARNERS_RC_{n}=read\n")
    env = {**os.environ, "PATH": "/usr/bin:/bin", "HOME": str(home),
           "SHELL": shutil.which(shell)}
    env.pop("ZDOTDIR", None)
    ran = " ".join(f"$LEARNERS_RC_{n}" for n in range(len(STARTUP_FILES[shell])))
    with course_lab(course_dir, env, course_dir / "lab.log") as lab:
        # (The quotes keep the echo of what is typed from reading as the answer's end.)
        typed = f"echo {ran}; command -v python; echo END-OF-ANSW''ER"
        said = asyncio.run(_in_terminal(lab, typed, "END-OF-ANSWER"))
    # (Terminal control sequences: colours, and zsh's keypad mode, ESC = and ESC >.)
    answer = re.sub(r"\x1b(\[[?0-9;]*[a-zA-Z]|[=>])", "",
                    said[said.rindex(typed) + len(typed):said.rindex("END-OF-ANSWER") + 13])
    assert answer.split() == ["read"] * len(STARTUP_FILES[shell]) + [
        str(BIN / "python"), "END-OF-ANSWER"], said


async def _in_terminal(lab, line, until):
    """What a new JupyterLab terminal prints after ``line`` is typed, up to ``until``."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    name = lab.api("terminals", method="POST")["name"]
    ws = await websocket_connect(HTTPRequest(
        f"ws://127.0.0.1:{lab.port}/terminals/websocket/{name}",
        headers={"Authorization": f"token {lab.token}"}))
    await ws.write_message(json.dumps(["stdin", line + "\r"]))
    said = ""
    deadline = time.monotonic() + 30
    while until not in said and time.monotonic() < deadline:
        message = await asyncio.wait_for(ws.read_message(), timeout=30)
        if message is None:
            break
        kind, *text = json.loads(message)
        if kind == "stdout":
            said += text[0]
    ws.close()
    return said


def test_list_shows_lessons_with_their_exercises_and_progress(course_dir):
    _progress(course_dir, ex01=(2, 2), ex02=(1, 2))
    rows = listing(course_dir).splitlines()
    assert rows[0].split() == ["lesson", "exercise", "last", "check"]
    lesson = {row[:2]: row for row in rows[1:] if row[:2].isdigit()}
    assert lesson["00"].split() == ["00", "Why", "gradients", "matter"]  # no exercise
    assert "requires_grad" in lesson["01"] and lesson["01"].endswith(
        "exercises/ex01_requires_grad.py   2/2 ✓")
    assert "The computational graph" in lesson["02"] and lesson["02"].endswith("1/2")
    assert lesson["03"].endswith("not checked yet")
    (course_dir / "exercises" / "ex04_grad.py").unlink()
    assert listing(course_dir).splitlines()[5].endswith("missing file")
    assert rows[-1] == "next: notebooks/02_graph.ipynb (`course lab` opens it)"


def test_lessons_store_the_kernel_jupyterlab_writes_back():
    """JupyterLab replaces a notebook's kernelspec with the running kernel's on open; when they
    differ, every lesson is modified before the learner types anything."""
    from jupyter_client.kernelspec import KernelSpecManager
    kernel = KernelSpecManager().get_kernel_spec("python3")
    expected = {"display_name": kernel.display_name, "language": kernel.language,
                "name": "python3"}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        stored = json.loads(notebook.read_text())["metadata"]["kernelspec"]
        assert stored == expected, notebook.name
