"""Run one golden program under real PyTorch or under minigrad, and normalise what it prints.

A golden program is a small PyTorch script (``tests/golden/programs/*.py``) that starts with
``import torch`` and prints results. The same file runs under either backend:

- ``torch``: the real PyTorch of the Python running the child (used by ``record.py``);
- ``minigrad``: ``minigrad`` is registered as ``torch`` in ``sys.modules`` (and every
  ``torch.<sub>`` import resolves to ``minigrad.<sub>``), so the unchanged program runs on it;
- ``minigrad-readable``: the same with minigrad's speed paths undone (minigrad/overrides.py),
  so every backward runs the reading path's formulas (tests/test_overrides.py).

In the child, warnings go to stdout as ``<Category>: <message>`` (always shown, no file or
line), and an uncaught exception prints ``<ExcType>: <message>`` as the last line (no
traceback) with exit status 0, so an error is part of the compared output.

Example::

    >>> from golden.harness import run_program  # with tests/ on sys.path, as under pytest
    >>> print(run_program("tests/golden/programs/core_001_tensor_scalar.py", "minigrad"))
    ... # doctest: +SKIP
    tensor(2., requires_grad=True)
    torch.float32 torch.Size([]) 0 0 1
    ...

Command line (what ``run_program`` spawns)::

    python tests/golden/harness.py --backend torch|minigrad PROGRAM
    python tests/golden/harness.py --backend minigrad --batch PROGRAM...   # JSON lines
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import re
import runpy
import signal
import subprocess
import sys
import tempfile
import time
import types
import warnings
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent
PROGRAMS_DIR = GOLDEN_DIR / "programs"
EXPECTED_DIR = GOLDEN_DIR / "expected"
REPO_ROOT = GOLDEN_DIR.parent.parent
BACKENDS = ("torch", "minigrad", "minigrad-readable")
TIMEOUT_SECONDS = 60

# The only differences the comparison forgives: where objects live, what the module is called,
# and where inside PyTorch's C++ sources a warning or error was raised.
_NORMALISATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"0x[0-9a-fA-F]+"), "0x..."),
    (re.compile(r"minigrad"), "torch"),
    (re.compile(r" ?\(Triggered internally at [^)]*\)"), ""),
)


def discover(patterns: list[str] | None = None) -> list[Path]:
    """The golden programs, sorted by name; ``patterns`` (names or globs, ``.py`` optional) filter.

    >>> [p.name for p in discover(["core_001_*"])]  # doctest: +SKIP
    ['core_001_tensor_scalar.py']
    """
    # (a file named _*.py holds helpers the programs import: it is not a program)
    programs = sorted(p for p in PROGRAMS_DIR.glob("*.py") if not p.name.startswith("_"))
    if not patterns:
        return programs
    wanted = [Path(pattern).name.removesuffix(".py") for pattern in patterns]
    chosen = [p for p in programs if any(fnmatch.fnmatchcase(p.stem, w) for w in wanted)]
    unmatched = [w for w in wanted if not any(fnmatch.fnmatchcase(p.stem, w) for p in programs)]
    if unmatched:
        raise FileNotFoundError(f"no golden program matches {', '.join(unmatched)}")
    return chosen


def expected_path(program: Path) -> Path:
    """Where the recorded PyTorch output of ``program`` lives."""
    return EXPECTED_DIR / f"{program.stem}.out"


def normalise(output: str) -> str:
    """Apply the allowed normalisations to a program's output.

    >>> normalise("<MulBackward0 object at 0x7f3a> minigrad.float64")
    '<MulBackward0 object at 0x...> torch.float64'
    """
    for pattern, replacement in _NORMALISATIONS:
        output = pattern.sub(replacement, output)
    return output


# The CPU features OpenBLAS's SkylakeX kernels need (its kernel/Makefile.L1's AVX-512 set).
SKYLAKEX_FLAGS = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:  # not Linux
        return set()
    return set(next((line.split(":", 1)[1].split() for line in text.splitlines()
                     if line.startswith("flags")), []))


def child_env() -> dict[str, str]:
    """The environment every program runs in: fixed hash seed, one thread, unbuffered, and
    numpy's OpenBLAS on the kernels of the machine the outputs were recorded on.

    That machine (an Intel CPU with AVX-512) ran OpenBLAS's SkylakeX kernels. On AMD's
    AVX-512 CPUs OpenBLAS picks its Haswell kernels instead, whose matrix-vector products
    add in another order (six weights of 1/6 times 2, 6, ..., 22: 12.0 there, 12.000001 as
    PyTorch has it), so a last printed digit differs in two programs; PyTorch itself prints
    differently there in four (its MKL picks other kernels too). Where the CPU can run them,
    programs get the recording machine's kernels, as they get its one thread."""
    env = dict(os.environ)
    env.update(
        PYTHONHASHSEED="0",
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    if SKYLAKEX_FLAGS <= _cpu_flags():
        env["OPENBLAS_CORETYPE"] = "SkylakeX"
    env.pop("PYTHONWARNINGS", None)
    return env


def run_programs(
    paths: list[Path], backend: str, jobs: int | None = None, python: str | None = None,
    environment: dict[str, str] | None = None,
) -> dict[Path, str]:
    """Run many golden programs, ``jobs`` batches in parallel; return normalised outputs.

    Each batch is one interpreter that sets up the backend once and forks per program (see
    ``run_batch``), which keeps the whole golden suite fast. Without ``os.fork`` it falls back
    to one interpreter per program. ``environment`` adds variables to ``child_env()``'s.
    """
    programs = [Path(p).resolve() for p in paths]
    if not hasattr(os, "fork"):
        return {p: run_program(p, backend, python) for p in programs}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(programs)))
    batches = [programs[i::jobs] for i in range(jobs)]
    children = [
        subprocess.Popen(
            [python or sys.executable, str(Path(__file__).resolve()), "--backend", backend,
             "--batch", *map(str, batch)],
            cwd=PROGRAMS_DIR,
            env={**child_env(), **(environment or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for batch in batches if batch
    ]
    outputs: dict[Path, str] = {}
    for child in children:
        stdout, stderr = child.communicate()
        for line in stdout.decode("utf-8").splitlines():
            record = json.loads(line)
            outputs[Path(record["program"])] = normalise(record["output"])
        if child.returncode != 0:
            raise RuntimeError(f"golden batch failed ({child.returncode}): {stderr.decode()}")
    return outputs


def run_program(path: str | os.PathLike[str], backend: str, python: str | None = None) -> str:
    """Run one golden program in a fresh interpreter and return its normalised output.

    ``python`` is the interpreter to use (default: the current one); stderr is merged into
    the output so nothing a program emits goes unchecked.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
    program = Path(path).resolve()
    completed = subprocess.run(
        [python or sys.executable, str(Path(__file__).resolve()), "--backend", backend,
         str(program)],
        cwd=program.parent,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    output = completed.stdout.decode("utf-8", errors="replace")
    if completed.returncode != 0:
        output += f"<harness: exit status {completed.returncode}>\n"
    return normalise(output)


# --- the child side -------------------------------------------------------------------------


class _AliasLoader(importlib.abc.Loader):
    """Loads ``torch.<sub>`` as the already-importable ``minigrad.<sub>`` module."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: types.ModuleType) -> None:
        # The module was executed when minigrad imported it; aliasing must not run it again.
        pass


class _TorchAliasFinder(importlib.abc.MetaPathFinder):
    """Resolves every ``torch.X`` import to ``minigrad.X``, on demand.

    On demand because nn/optim may not exist yet: a program importing ``torch.nn`` then fails
    with the same ModuleNotFoundError text it would show without the alias.
    """

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("torch."):
            return None
        target_name = "minigrad." + fullname[len("torch."):]
        try:
            found = importlib.util.find_spec(target_name)
        except ModuleNotFoundError:
            return None
        if found is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(target_name))


def alias_minigrad_as_torch() -> None:
    """Make ``import torch`` (and its submodules) give minigrad."""
    sys.path.insert(0, str(REPO_ROOT))
    minigrad = importlib.import_module("minigrad")
    sys.modules["torch"] = minigrad
    # Submodules minigrad already imported are aliased eagerly, the rest through the finder.
    for name, module in list(sys.modules.items()):
        if name.startswith("minigrad.") and module is not None:
            sys.modules.setdefault("torch." + name[len("minigrad."):], module)
    sys.meta_path.insert(0, _TorchAliasFinder())


def _show_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int,
    file: object = None, line: str | None = None,
) -> None:
    print(f"{category.__name__}: {message}", flush=True)


def route_warnings_to_stdout() -> None:
    """Every warning, every time, as ``<Category>: <message>`` on stdout."""
    warnings.resetwarnings()
    warnings.simplefilter("always")
    warnings.showwarning = _show_warning


def prepare_backend(backend: str) -> None:
    """Process-wide setup shared by every program: the torch alias and the warning format."""
    if backend.startswith("minigrad"):
        alias_minigrad_as_torch()
    if backend == "minigrad-readable":  # the reading path's formulas, without the speed paths
        from minigrad import overrides

        overrides.readable_only(("speed",)).__enter__()
    route_warnings_to_stdout()


def execute(program: Path) -> None:
    """Run ``program`` as ``__main__``; an uncaught error becomes its last output line."""
    sys.argv = [str(program)]
    sys.path.insert(0, str(program.parent))
    try:
        runpy.run_path(str(program), run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            print(f"SystemExit: {exit_.code}")
    except BaseException as error:  # the error is the output being compared
        sys.stdout.flush()
        print(f"{type(error).__name__}: {error}")
    sys.stdout.flush()


def run_child(program: Path, backend: str) -> int:
    """Body of the one-program child process."""
    sys.stderr = sys.stdout
    prepare_backend(backend)
    execute(program)
    return 0


def _run_forked(program: Path) -> str:
    """Run one program in a fork of this (already prepared) process and return its output.

    The fork starts from the state right after ``prepare_backend``, so programs never see
    each other's state, yet the backend is imported once per batch instead of once per program.
    """
    with tempfile.TemporaryFile() as captured:
        pid = os.fork()
        if pid == 0:  # the child: run, never return into the batch loop
            status = 0
            try:
                os.chdir(program.parent)
                os.dup2(captured.fileno(), 1)
                os.dup2(captured.fileno(), 2)
                sys.stdout = sys.stderr = open(1, "w", encoding="utf-8", closefd=False)
                execute(program)
            except BaseException:  # anything escaping must still end the child
                status = 70
            finally:
                os._exit(status)
        status = _wait(pid)
        captured.seek(0)
        output = captured.read().decode("utf-8", errors="replace")
    if status != 0:
        output += f"<harness: exit status {status}>\n"
    return output


def _wait(pid: int) -> int:
    """Wait for a forked program, killing it after TIMEOUT_SECONDS; return its exit status."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return -signal.SIGKILL
        time.sleep(0.002)


def run_batch(programs: list[Path], backend: str) -> int:
    """Body of the batch child: one JSON line ``{"program", "output"}`` per program."""
    prepare_backend(backend)
    real_stdout = sys.stdout
    for program in programs:
        output = _run_forked(program)
        real_stdout.write(json.dumps({"program": str(program), "output": output}) + "\n")
        real_stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one golden program under a backend.")
    parser.add_argument("--backend", choices=BACKENDS, required=True)
    parser.add_argument("--batch", action="store_true",
                        help="run many programs, each in a fork, printing JSON lines")
    parser.add_argument("programs", type=Path, nargs="+")
    args = parser.parse_args(argv)
    programs = [program.resolve() for program in args.programs]
    if args.batch:
        return run_batch(programs, args.backend)
    if len(programs) != 1:
        parser.error("without --batch, give exactly one program")
    return run_child(programs[0], args.backend)


if __name__ == "__main__":
    sys.exit(main())
