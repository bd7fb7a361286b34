"""Benchmark: grade a class of 50 submissions with 2 parallel jobs; the budget is 60 s.

The submissions cycle through perfect (the reference solutions), untouched stubs and ones made
of known-wrong variants, zipped like `course submit` output.

    python benchmarks/grade_50.py            # 50 submissions, --jobs 2
    python benchmarks/grade_50.py --n 4      # a quick run
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import engine  # noqa: E402 - needs the project on sys.path first
from course.grade import grade  # noqa: E402
from course.isolation import detect, unsandboxed  # noqa: E402
from course.tasks import all_exercises  # noqa: E402

BUDGET_S = 60.0
CLASS_SIZE = 50


def _variant_source(exercise) -> str:  # type: ignore[no-untyped-def]
    spec = importlib.import_module(f"course.specs.{exercise.id}")
    # The spec's source in the learner's file: the sandbox's specs hold no variant (course.bwrap).
    lines = [(ROOT / "course" / "specs" / f"{exercise.id}.py").read_text()]
    for task in exercise.tasks:
        if task.misconceptions:
            attr = next(k for k, v in vars(spec).items() if v is task.misconceptions[0].variant)
            lines.append(f"{task.name} = {attr}")
    return "\n".join(lines) + "\n"


def make_class(folder: Path, n: int) -> list[Path]:
    """``n`` submission zips: perfect, stubs and misconceptions in turn."""
    exercises = all_exercises()
    sources = {
        "perfect": {ex.filename: (engine.SOLUTIONS / ex.filename).read_text() for ex in exercises},
        "stubs": {ex.filename: (ROOT / "exercises" / ex.filename).read_text() for ex in exercises},
        "wrong": {ex.filename: _variant_source(ex) for ex in exercises},
    }
    kinds = list(sources)
    paths = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        path = folder / f"learner{i:03d}-{kind}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in sources[kind].items():
                zf.writestr(f"exercises/{name}", text)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=CLASS_SIZE, help="number of submissions")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    # Measured in the sandbox; where there is none (a learner's machine), without, and it says so.
    isolation = detect() if detect().sandboxed else unsandboxed("none on this machine")
    work = Path(tempfile.mkdtemp(prefix="grade-bench-"))
    try:
        paths = make_class(work, args.n)
        start = time.perf_counter()
        summary = grade(paths, work / "out", jobs=args.jobs, force=True,
                        progress=open(os.devnull, "w"), isolation=isolation)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    budget = BUDGET_S * args.n / CLASS_SIZE
    print(f"grade_50: graded {len(summary.graded)} submissions with --jobs {args.jobs} in "
          f"{seconds:.1f} s ({seconds / max(1, args.n):.2f} s each; budget {budget:.0f} s, "
          f"ratio {seconds / budget:.2f}; {isolation.mode} sandbox)")
    return 0 if seconds <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
