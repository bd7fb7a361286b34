"""A class of varied submissions, as an instructor with hundreds of students gets them: written
to a folder of zips with a roster, to run `course grade` over by hand.

Most learners are honest (right, half done, or making a known mistake); some uploads crash on
import, loop forever in one task, or try what a hostile learner tries (read the reference
solutions, write outside the sandbox, print without end, fork); a few students submit twice (the
later one counts), one uploads the same name twice in other case (`X.zip`, `x.ZIP`), and some
are late by their manifest's clock. grade_50.py times the plain class; this one is for checking
that a large, messy class grades right and whole.

    python benchmarks/varied_class.py OUT --n 500     # OUT/submissions/*.zip, OUT/roster.csv
    course grade OUT/submissions --out OUT/grades --roster OUT/roster.csv \\
        --deadline 2026-12-01T23:59+00:00 --jobs 2
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.grade_50 import class_sources  # noqa: E402 - needs the project on sys.path

DEADLINE = "20261201T235900Z"
ON_TIME, LATE = "20261201T120000Z", "20261202T093000Z"

# Prepended to one exercise file (ex01's, or every one's): what each kind of trouble does.
CRASH = "raise RuntimeError('my file crashes on import')\n"
HANG_IN_ONE = "while True:\n    pass\n"
HOSTILE = """\
import os, socket, subprocess
for path in ('/work', '/root', '/etc/shadow', os.path.expanduser('~')):
    try:
        print(path, os.listdir(path)[:3])
    except OSError as e:
        print('refused', e)
try:
    open('/tmp/pwned-by-learner', 'w').write('x')
except OSError as e:
    print('refused', e)
try:
    socket.create_connection(('example.org', 80), timeout=1)
except OSError as e:
    print('refused', e)
for _ in range(50):
    try:
        if os.fork() == 0:
            os._exit(0)
    except OSError:
        break
print('x' * 5_000_000)
"""


def _zip(path: Path, files: dict[str, str], name: str, stamp: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for filename, text in files.items():
            zf.writestr(f"exercises/{filename}", text)
        zf.writestr("manifest.json", json.dumps({"name": name, "time": stamp}))


def _prefixed(files: dict[str, str], prefix: str, every: bool = False) -> dict[str, str]:
    first = sorted(files)[0]
    return {f: (prefix + text if every or f == first else text) for f, text in files.items()}


def _half(perfect: dict[str, str], stubs: dict[str, str]) -> dict[str, str]:
    names = sorted(perfect)
    return {f: (perfect if i < len(names) // 2 else stubs)[f] for i, f in enumerate(names)}


def make_varied_class(out: Path, n: int) -> dict[str, str]:
    """Write ``n`` zips into ``out/submissions`` and ``out/roster.csv``; return each zip's
    kind by its file name (what a spot check expects of it)."""
    sources = class_sources()
    perfect, stubs = sources["perfect"], sources["stubs"]
    kinds = {
        "perfect": perfect, "stubs": stubs, "wrong": sources["wrong"],
        "half": _half(perfect, stubs), "crash": _prefixed(perfect, CRASH),
        "hostile": _prefixed(perfect, HOSTILE), "hang": _prefixed(perfect, HANG_IN_ONE),
    }
    # Mostly honest; the hostile and hanging ones rarer (a hang costs its task's time limit).
    cycle = ["perfect", "wrong", "half", "perfect", "stubs", "wrong", "half", "perfect",
             "crash", "wrong", "half", "perfect", "wrong", "half", "perfect", "wrong",
             "half", "perfect", "wrong", "hostile", "half", "perfect", "wrong", "half",
             "perfect", "wrong", "half", "perfect", "wrong", "hang"]
    folder = out / "submissions"
    folder.mkdir(parents=True)
    made: dict[str, str] = {}
    students = []
    i = 0
    while len(made) < n:
        login = f"s{i:04d}"
        students.append(login)
        kind = cycle[i % len(cycle)]
        stamp = LATE if i % 17 == 5 else ON_TIME
        if i % 25 == 3 and len(made) + 2 <= n:  # a first try, then the one that counts
            _zip(folder / f"{login}-20261130T100000Z.zip", stubs, login, "20261130T100000Z")
            made[f"{login}-20261130T100000Z.zip"] = "stubs (earlier)"
        if i == 7 and len(made) + 2 <= n:  # one name twice, in other case: the first graded
            _zip(folder / f"{login.upper()}.zip", perfect, login, stamp)
            made[f"{login.upper()}.zip"] = "perfect"
            _zip(folder / f"{login}.ZIP", stubs, login, stamp)
            made[f"{login}.ZIP"] = "skipped"
            i += 1
            continue
        name = f"{login}-{stamp}.zip"
        _zip(folder / name, kinds[kind], login, stamp)
        made[name] = kind + (" late" if stamp == LATE else "")
        i += 1
    with open(out / "roster.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"])
        for j, login in enumerate(students + ["s9999"]):  # and one who hands in nothing
            writer.writerow([f"Student {login}", 1000 + j, "", login, "A"])
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a new folder")
    parser.add_argument("--n", type=int, default=500, help="number of submission zips")
    args = parser.parse_args(argv)
    made = make_varied_class(args.out, args.n)
    (args.out / "kinds.json").write_text(json.dumps(made, indent=1))
    print(f"wrote {len(made)} submissions to {args.out / 'submissions'}, "
          f"roster {args.out / 'roster.csv'}, kinds {args.out / 'kinds.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
