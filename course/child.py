"""The sandboxed side of grading: a zygote that forks one fresh process per exercise file.

Importing numpy and minigrad costs a few tenths of a second; grading a class means hundreds of
exercise files. So ``python -m course.child`` starts a *zygote* that imports them once and never
runs learner code; for every request it forks, and the fork (a fresh process per exercise file)
locks itself down before touching the learner's file:

- its own session and process group (the parent kills the whole group when it is done),
- resource limits: address space, CPU seconds, size of any file it writes, no core dumps,
- stdin from /dev/null, stdout and stderr into one size-capped file, a scratch working dir,
- a minimal environment, and ``course.solutions`` unimportable.

It then imports the exercise file and runs each requested task's probe on every case, writing
``task<i>.json``/``.npz`` (see ``course.wire``) after each task and a line to ``progress``
("start i", "done i") so the parent can time each task and knows which one a crash hit.

Zygote protocol, one JSON line each way: request ``{"config": path}``; replies ``{"pid": n}``
then ``{"status": wait_status}`` once the fork has exited.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def error_info(exc: BaseException, learner_file: str | None = None) -> dict[str, Any]:
    """Type and message of an exception, robust to exceptions with hostile ``__str__``, and
    the line of the learner's file it came from (the last frame there)."""
    try:
        message = str(exc)[:1000]
    except BaseException:  # the learner's exception may raise anything
        message = "<unprintable>"
    info: dict[str, Any] = {"type": type(exc).__name__, "message": message}
    if learner_file:
        info["message"] = message.replace(str(Path(learner_file).parent) + os.sep, "")
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename == learner_file]
        if frames:
            info["line"] = [frames[-1].lineno, (frames[-1].line or "")[:200]]
    if isinstance(exc, OSError):
        info["errno"] = exc.errno
    if isinstance(exc, SystemExit):
        info["message"] = repr(exc.code)[:200]
    return info


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):
        pass  # a limit this platform refuses is not worth failing the run for


def _lock_down(cfg: dict[str, Any]) -> None:
    limits = cfg["limits"]
    _limit(resource.RLIMIT_AS, limits["memory_mb"] << 20)
    _limit(resource.RLIMIT_CPU, limits["cpu_s"])
    _limit(resource.RLIMIT_FSIZE, limits["output_bytes"])
    _limit(resource.RLIMIT_CORE, 0)
    # A write past RLIMIT_FSIZE then fails with EFBIG (reported as an output flood) instead of
    # killing the process with SIGXFSZ.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    out = os.open(Path(cfg["out"]) / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.closerange(3, 1 << 16)  # the zygote's pipes and anything else inherited
    sys.stdin = open(0, closefd=False)  # lives as long as the process
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    os.chdir(cfg["scratch"])
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    # The reference solutions live in the same installation; keep the obvious door shut.
    sys.modules["course.solutions"] = None  # type: ignore[assignment]


def _output_position() -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # a flood makes flush fail; the task reports it
            pass
    try:
        return os.lseek(1, 0, os.SEEK_END)
    except OSError:
        return 0


def run_exercise(cfg: dict[str, Any]) -> None:
    """Import the learner's file and run the requested tasks (inside the locked-down fork)."""
    from course import wire
    from course.tasks import exercise

    out = Path(cfg["out"])
    progress = open(out / "progress", "a", buffering=1)
    ex = exercise(cfg["exercise"])
    progress.write("import\n")
    try:
        spec = importlib.util.spec_from_file_location(f"exercise_{ex.id}", cfg["path"])
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    except BaseException as e:  # any failure of the learner's import is data
        wire.dump(out / "import", error_info(e, cfg["path"]))
        progress.write("import-failed\n")
        return
    for index in cfg["tasks"]:
        task = ex.tasks[index]
        progress.write(f"start {index}\n")
        fn = getattr(module, task.name, None)
        start, begin = _output_position(), time.perf_counter()
        cases = []
        for case in task.cases(task.rng(cfg["seed"])):
            try:
                cases.append({"facts": task.probe(fn, case)})
            except BaseException as e:  # sys.exit etc. fail this case only
                cases.append({"error": error_info(e, cfg["path"])})
        wire.dump(out / f"task{index}", {
            "cases": cases,
            "seconds": time.perf_counter() - begin,
            "output": [start, _output_position()],
        })
        progress.write(f"done {index}\n")


def _fork_and_run(cfg_path: str) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        os.setsid()
        cfg = json.loads(Path(cfg_path).read_text())
        _lock_down(cfg)
        run_exercise(cfg)
    except BaseException:  # the fork must end here, whatever happened
        code = 70
    finally:
        # os._exit: no atexit handlers or finalizers the learner may have registered.
        os._exit(code)


def zygote() -> None:
    """Serve fork requests from the parent until stdin closes."""
    import numpy  # noqa: F401 - preloaded once, shared by every fork

    import minigrad  # noqa: F401
    from course.tasks import EXERCISE_IDS, exercise

    for eid in EXERCISE_IDS:  # import every spec (and nn, optim) now, not once per fork
        try:
            exercise(eid)
        except Exception:
            pass  # the fork reports it for that exercise alone
    reply = sys.stdout
    for line in sys.stdin:
        pid = _fork_and_run(json.loads(line)["config"])
        reply.write(json.dumps({"pid": pid}) + "\n")
        reply.flush()
        _, status = os.waitpid(pid, 0)
        reply.write(json.dumps({"status": status}) + "\n")
        reply.flush()


if __name__ == "__main__":
    zygote()
