"""Running a learner's exercise file in a locked-down child process (the parent's side).

A ``Sandbox`` owns one zygote (``course.child``) and runs one exercise file at a time in a fresh
fork of it. Each task gets ``Limits.timeout`` seconds of wall-clock time; when a task hangs or
its process dies (``sys.exit`` is caught in the child, ``os._exit``, a crash, the CPU limit),
that task alone fails with the reason and a new fork carries on with the remaining tasks.

    >>> with Sandbox(Limits(timeout=5)) as box:                      # doctest: +SKIP
    ...     runs = box.run("ex03", "exercises/ex03_backward.py", [0, 1, 2], seed=0)
    >>> runs[0].cases[0]["facts"]                                   # doctest: +SKIP
    {"f'(x0).type": 'number', "f'(x0)": 0.5361}
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course import wire
from course.compare import describe_error

OUTPUT_SHOWN = 1500  # characters of a task's printed output kept for feedback


@dataclass(frozen=True)
class Limits:
    """Per-task wall clock (s), address space (MiB) and printed output (bytes) of a child."""

    timeout: float = 10.0
    memory_mb: int = 2048
    output_bytes: int = 1 << 20

    def cpu_seconds(self, n_tasks: int) -> int:
        # A backstop only: the wall clock normally fires first.
        return int(self.timeout * (n_tasks + 1)) + 5


@dataclass
class TaskRun:
    """What one task produced in the child: its cases, or why it produced nothing."""

    cases: list[dict[str, Any]] | None
    failure: str | None = None
    output: str = ""
    seconds: float = 0.0


class SandboxError(RuntimeError):
    """The sandbox itself could not run (not the learner's fault)."""


def child_env(home: str) -> dict[str, str]:
    """A minimal environment: no tokens or settings of the grader leak into learner code."""
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "TZ") if k in os.environ}
    return {
        **keep,
        "HOME": home,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        # One thread each: limits are per process and cores are shared with other jobs.
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            continue


def _death_reason(status: int, timed_out: bool, limits: Limits, n_tasks: int) -> str:
    if timed_out:
        return f"took longer than {limits.timeout:g} s (the time limit): an endless loop?"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return f"used more than {limits.cpu_seconds(n_tasks)} s of CPU time"
        if sig == signal.SIGKILL:
            return "was killed (out of memory?)"
        if sig == signal.SIGSEGV:
            return "crashed (segmentation fault)"
        return f"was killed by signal {signal.Signals(sig).name}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return f"ended the process (exit code {code}, e.g. os._exit) before returning"


class Sandbox:
    """One zygote plus the bookkeeping to run exercise files in its forks; not thread-safe
    (give each worker thread its own)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._home = tempfile.mkdtemp(prefix="course-zygote-")
        self._log = open(Path(self._home) / "zygote.log", "wb")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "course.child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
            cwd=self._home, env=child_env(self._home), start_new_session=True,
        )
        self._buffer = b""

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.stdin.close()  # type: ignore[union-attr]
            try:
                self._proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()
        shutil.rmtree(self._home, ignore_errors=True)

    # -- talking to the zygote ------------------------------------------------------------
    def _reply(self, timeout: float | None) -> dict[str, Any] | None:
        """The zygote's next reply line, or None if none arrives within ``timeout``."""
        fd = self._proc.stdout.fileno()  # type: ignore[union-attr]
        end = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            wait = None if end is None else max(0.0, end - time.monotonic())
            if not select.select([fd], [], [], wait)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                log = Path(self._home, "zygote.log").read_text(errors="replace")[-2000:]
                raise SandboxError(f"the grading child process stopped:\n{log}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _spawn(self, config: Path) -> int:
        self._proc.stdin.write(json.dumps({"config": str(config)}).encode() + b"\n")  # type: ignore[union-attr]
        self._proc.stdin.flush()  # type: ignore[union-attr]
        reply = self._reply(timeout=60)
        if reply is None or "pid" not in reply:
            raise SandboxError("the grading child process did not start a job")
        return int(reply["pid"])

    def _watch(self, pid: int, out: Path) -> tuple[int, bool]:
        """Wait for the fork to end, killing it when a task overruns; -> (status, timed_out)."""
        seen, deadline, timed_out = "", time.monotonic() + self.limits.timeout, False
        while True:
            reply = self._reply(timeout=0.02)
            if reply is not None:
                return int(reply["status"]), timed_out
            progress = _read_progress(out)
            if progress != seen:  # a task started or finished: its own clock starts now
                seen, deadline = progress, time.monotonic() + self.limits.timeout
            elif not timed_out and time.monotonic() > deadline:
                _kill_group(pid)
                timed_out = True

    # -- running an exercise file ---------------------------------------------------------
    def run(self, exercise_id: str, path: Path | str, tasks: list[int], seed: int
            ) -> dict[int, TaskRun]:
        """Run ``tasks`` (indices) of the exercise file at ``path``; one ``TaskRun`` each."""
        runs: dict[int, TaskRun] = {}
        pending = list(tasks)
        while pending:
            job = Path(tempfile.mkdtemp(prefix="course-job-"))
            try:
                left = self._run_once(job, exercise_id, Path(path), pending, seed, runs)
            finally:
                shutil.rmtree(job, ignore_errors=True)
            if left == pending:  # no progress at all: never retry forever
                _fail_all(pending, runs, "the grading process ended unexpectedly", "")
                left = []
            pending = left
        return runs

    def _run_once(self, job: Path, exercise_id: str, path: Path, pending: list[int],
                  seed: int, runs: dict[int, TaskRun]) -> list[int]:
        out, scratch = job / "out", job / "scratch"
        out.mkdir()
        scratch.mkdir()
        config = job / "config.json"
        config.write_text(json.dumps({
            "exercise": exercise_id, "path": str(path.resolve()), "tasks": pending,
            "seed": seed, "out": str(out), "scratch": str(scratch),
            "limits": {"memory_mb": self.limits.memory_mb,
                       "cpu_s": self.limits.cpu_seconds(len(pending)),
                       "output_bytes": self.limits.output_bytes},
        }))
        pid = self._spawn(config)
        try:
            status, timed_out = self._watch(pid, out)
        finally:
            _kill_group(pid)  # whatever it forked, still in its process group
        reason = _death_reason(status, timed_out, self.limits, len(pending))
        lines = _read_progress(out).splitlines()
        if (out / "import.json").exists():
            failure = f"importing the file failed: {_import_error(out / 'import')}"
            return _fail_all(pending, runs, failure, _output(out, 0, None))
        for i in pending:
            if (out / f"task{i}.json").exists():
                runs[i] = _collect(out, i)
                continue
            if f"start {i}" in lines:  # this task killed its process: fail it, go on
                runs[i] = TaskRun(None, f"this task {reason}", _output(out, None, None))
                return pending[pending.index(i) + 1:]
            if "start" not in " ".join(lines):  # died before the first task: importing
                return _fail_all(pending[pending.index(i):], runs,
                                 f"importing the file {reason}", _output(out, 0, None))
            return pending[pending.index(i):]
        return []


def _read_progress(out: Path) -> str:
    try:
        with open(out / "progress", "rb") as f:
            return f.read(4096).decode(errors="replace")
    except OSError:
        return ""


def _import_error(stem: Path) -> str:
    try:
        info = wire.load(stem)
        if info.get("type") == "SyntaxError":
            return f"SyntaxError: {info['message']}"
        return describe_error(info).removeprefix("raised ")
    except (wire.WireError, KeyError, TypeError, AttributeError):
        return "unknown error"


def _fail_all(tasks: list[int], runs: dict[int, TaskRun], failure: str, output: str
              ) -> list[int]:
    for i in tasks:
        runs[i] = TaskRun(None, failure, output)
    return []


def _output(out: Path, start: int | None, end: int | None) -> str:
    """What the child printed between two offsets (the tail when ``start`` is None)."""
    try:
        with open(out / "output.txt", "rb") as f:
            size = f.seek(0, os.SEEK_END)
            end = size if end is None else min(int(end), size)
            start = max(0, end - OUTPUT_SHOWN) if start is None else max(0, int(start))
            f.seek(start)
            data = f.read(min(max(0, end - start), OUTPUT_SHOWN + 1))
    except (OSError, ValueError, TypeError):
        return ""
    text = data.decode(errors="replace")
    return text[:OUTPUT_SHOWN] + ("\n... (output truncated)" if len(text) > OUTPUT_SHOWN else "")


def _collect(out: Path, i: int) -> TaskRun:
    try:
        reply = wire.load(out / f"task{i}")
        cases = reply["cases"]
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            raise wire.WireError("malformed cases")
        span = reply.get("output") or [0, 0]
        return TaskRun(cases, None, _output(out, span[0], span[1]),
                       float(reply.get("seconds", 0.0)))
    except (wire.WireError, KeyError, TypeError, ValueError, IndexError, AttributeError):
        return TaskRun(None, "the task's results could not be read back (were they tampered with?)",
                       _output(out, None, None))
