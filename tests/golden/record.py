"""Record what real PyTorch prints for each golden program into ``tests/golden/expected/``.

Run it with a Python that has PyTorch 2.13.0 and numpy (the tests themselves never need
torch); how to make one in /tmp/torchenv: docs/minigrad.md, "Parity with PyTorch"::

    /tmp/torchenv/bin/python tests/golden/record.py            # every program
    /tmp/torchenv/bin/python tests/golden/record.py core_01*   # names or globs, .py optional
    /tmp/torchenv/bin/python tests/golden/record.py --check    # re-run, report drift only

Each program ``programs/<name>.py`` runs in a fresh interpreter through ``harness.py`` with the
``torch`` backend; its normalised output goes to ``expected/<name>.out`` and torch's version to
``expected/VERSION``. ``tests/test_golden.py`` then runs the same program with minigrad
aliased as torch and requires the identical output.

Adding a program: write ``programs/<area>_<NNN>_<topic>.py`` (``import torch``, print results;
catch expected errors and print ``type(e).__name__, e``; print nothing random or timing- or
address-dependent), record it, read the ``.out`` file to check it shows what you meant.
``programs/_golden.py`` holds print helpers several programs share (``from _golden import
attempt, grads, rounded``); a file named ``_*.py`` is not a program.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import EXPECTED_DIR, discover, expected_path, run_program  # noqa: E402


def torch_version() -> str:
    import torch

    return torch.__version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="program names or globs (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="compare fresh torch output with the recorded files, write nothing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    version = torch_version()  # fails early, and clearly, without torch
    programs = discover(args.names)
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outputs = pool.map(lambda p: run_program(p, "torch"), programs)
        drifted = []
        for program, output in zip(programs, outputs, strict=True):
            target = expected_path(program)
            if args.check:
                if not target.exists() or target.read_text(encoding="utf-8") != output:
                    drifted.append(program.stem)
                    print(f"DRIFT {program.stem}")
                continue
            target.write_text(output, encoding="utf-8")
            print(f"recorded {target.name} ({len(output.splitlines())} lines)")
    if args.check:
        print(f"{len(programs) - len(drifted)}/{len(programs)} programs match torch {version}")
        return 1 if drifted else 0
    (EXPECTED_DIR / "VERSION").write_text(f"{version}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
