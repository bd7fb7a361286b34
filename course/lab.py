"""`course lab`: JupyterLab on the course folder, opened at the lesson to work on next.

The server's root is the course folder, so its file browser shows notebooks/ and exercises/;
the page it opens is lesson 00 before any check, then the first unfinished lesson
(`course.progress.next_lesson`). The server, its kernels and its terminals find this
environment's programs first on PATH, so `course check` works in a JupyterLab terminal, and
`python` there is the course's even where ~/.bashrc activates conda or pyenv.

    >>> lab_command(Path("."), port=8890, open_browser=False)[1:4]    # doctest: +SKIP
    ['lab', '--ServerApp.root_dir=/home/ada/autograd-course', '--LabApp.default_url=/lab/tree/...']
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from course.errors import UsageError
from course.progress import next_lesson
from course.workspace import STATE, atomic_write


def _bin() -> Path:
    # Not resolved: in a virtual environment, python's own folder is the environment's bin/.
    return Path(sys.executable).parent


def start_url(root: Path) -> str:
    """The JupyterLab page to open: the next lesson's notebook, or the file browser."""
    lesson = next_lesson(root)
    return f"/lab/tree/{quote(lesson.notebook.as_posix())}" if lesson else "/lab"


def lab_command(root: Path, port: int | None = None, open_browser: bool = True) -> list[str]:
    """The command that serves the course folder and opens `start_url`."""
    jupyter = shutil.which("jupyter", path=str(_bin())) or shutil.which("jupyter")
    if jupyter is None:
        raise UsageError("JupyterLab is not installed: run `make lab` (or pip install "
                         "jupyterlab)")
    command = [jupyter, "lab", f"--ServerApp.root_dir={root.resolve()}",
               f"--LabApp.default_url={start_url(root)}"]
    # An interactive shell, not the login shell JupyterLab runs when its output is not a terminal:
    # a login shell's /etc/profile would reset PATH and lose this environment's bin/.
    shell = os.environ.get("SHELL") or shutil.which("sh") or "sh"
    command.append("--ServerApp.terminado_settings=shell_command="
                   f"{shlex.join(terminal_shell(root, shell))}")
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    return command


def terminal_shell(root: Path, shell: str) -> list[str]:
    """What JupyterLab's terminals run: ``shell``, interactive. bash and zsh (macOS's default)
    read the learner's own startup files, where conda or pyenv put their own python first on
    PATH; the course's then put this environment's bin/ first again: `python` in a terminal
    is then the one with minigrad, as in the lessons. Other shells run as they are."""
    first = f'PATH={shlex.quote(str(_bin()))}:"$PATH"\n'
    state = (root / STATE).resolve()
    try:
        if Path(shell).name == "bash":
            atomic_write(state / "bashrc", f"{WRITTEN}[ -f ~/.bashrc ] && . ~/.bashrc\n{first}")
            return [shell, "--rcfile", str(state / "bashrc")]
        if Path(shell).name == "zsh":
            # zsh has no --rcfile: it reads .zshenv and .zshrc from $ZDOTDIR, here the
            # course's, which read the learner's own (from their ZDOTDIR, which their .zshenv
            # may set).
            zsh = state / "zsh"
            atomic_write(zsh / ".zshenv", f"{WRITTEN}_course_zdotdir=$ZDOTDIR\nZDOTDIR=$HOME\n"
                                          '[ -f "$ZDOTDIR/.zshenv" ] && . "$ZDOTDIR/.zshenv"\n'
                                          "_learner_zdotdir=$ZDOTDIR\nZDOTDIR=$_course_zdotdir\n")
            atomic_write(zsh / ".zshrc", f"{WRITTEN}ZDOTDIR=$_learner_zdotdir\n"
                                         '[ -f "$ZDOTDIR/.zshrc" ] && . "$ZDOTDIR/.zshrc"\n'
                                         f"{first}")
            return ["env", f"ZDOTDIR={zsh}", shell]
    except OSError as e:  # a read-only course folder still opens its lessons
        print(f"course: warning: could not write the terminals' startup file in {STATE}/ "
              f"({e}): JupyterLab's terminals run your shell as it is", file=sys.stderr)
    return [shell]


WRITTEN = ("# Written by `course lab` for its terminals: your own startup file, then the "
           "course's\n# environment first on PATH.\n")


def lab_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with this environment's bin/ first on PATH (for kernels and terminals)."""
    rest = [p for p in environ.get("PATH", "").split(os.pathsep) if p and p != str(_bin())]
    return {**environ, "PATH": os.pathsep.join([str(_bin()), *rest])}


def open_lab(root: Path, port: int | None = None, open_browser: bool = True) -> None:
    """Become the JupyterLab server (exec, so Ctrl-C reaches JupyterLab's own shutdown)."""
    command = lab_command(root, port, open_browser)
    os.chdir(root)
    os.execve(command[0], command, lab_environment(os.environ))
