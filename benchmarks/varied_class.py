"""A class of varied submissions, as an instructor with hundreds of students gets them: written
to a folder of zips with a roster, to run `course grade` over by hand, then to check its
gradebook against what each zip is.

Most learners are honest (right, right with a script part of their own, half done, half wrong,
or making a known mistake); some uploads crash on import, hold a syntax error, fill memory, loop
forever in one task, save one file under another name, or try what a hostile learner tries (read
the reference solutions, write outside the sandbox, print without end, fork, leave a process
running, burn CPU in a thread, reach the grader's modules); a few students submit twice (the
later one counts), one uploads the same name twice in other case (`X.zip`, `x.ZIP`), and some
are late by their manifest's clock. grade_50.py times the plain class; this one is for checking
that a large, messy class grades right and whole.

    python benchmarks/varied_class.py OUT --n 500     # OUT/submissions/*.zip, OUT/roster.csv
    course grade OUT/submissions --out OUT/grades --roster OUT/roster.csv \\
        --deadline 2026-12-01T23:59+00:00 --jobs 2
    python benchmarks/varied_class.py OUT --check OUT/grades   # false results, if any
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
from course.tasks import all_exercises  # noqa: E402

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
SYNTAX_ERROR = "def broken(:\n"
# Written bytes, so that the memory is really taken (a bytearray's zeros are not, until touched).
MEMORY_HOG = "hog = [b'x' * (1 << 20) for _ in range(4096)]\n"
# A thread that burns CPU after the import returns, while the tasks run.
THREAD_BURNER = """\
import threading

def _spin():
    while True:
        pass

threading.Thread(target=_spin, daemon=True).start()
"""
# A process that outlives the import, idle: the sandbox ends it, and the answers stand.
LEFT_RUNNING = """\
import os
import time

if os.fork() == 0:
    time.sleep(10 ** 6)
"""
# The grader's modules reached through gc (session 34's source rule refuses the import).
GATEWAY = """\
import gc

for found in gc.get_objects():
    if isinstance(found, dict) and found.get("__name__") == "course.watch":
        found["watched"] = lambda call, on_call, *_: (call(), None)
"""
# Appended to every file: what an honest learner adds to try their code, as the lessons do.
SCRIPT_PART = """

if __name__ == "__main__":
    import doctest
    import sys

    print(sys.version)
    doctest.testmod()
"""

# kind: (the exercise its trouble sits in, prepended to its file), for the kinds made from
# the reference solutions with trouble in one file; that exercise scores below full marks
# ("trouble"), every other one full marks.
TROUBLE = {
    "crash": ("ex01", CRASH), "hostile": ("ex01", HOSTILE), "hang": ("ex01", HANG_IN_ONE),
    "syntax": ("ex02", SYNTAX_ERROR), "memory": ("ex01", MEMORY_HOG),
    "threads": ("ex04", THREAD_BURNER), "left running": ("ex02", LEFT_RUNNING),
    "gateway": ("ex03", GATEWAY),
}
MISNAMED = "ex04"  # saved as ex04_grad.py.txt


def _zip(path: Path, files: dict[str, str], name: str, stamp: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for filename, text in files.items():
            zf.writestr(f"exercises/{filename}", text)
        zf.writestr("manifest.json", json.dumps({"name": name, "time": stamp}))


def _prefixed(files: dict[str, str], prefix: str, eid: str) -> dict[str, str]:
    return {f: (prefix + text if f.startswith(eid + "_") else text) for f, text in files.items()}


def _halves(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    names = sorted(first)
    return {f: (first if i < len(names) // 2 else second)[f] for i, f in enumerate(names)}


def expected(kind: str, exercise_ids: list[str]) -> dict[str, str]:
    """What each exercise of a zip of this kind scores: "full", "zero", or "trouble" (below
    full marks: the file's trouble costs it, whatever answers it also holds)."""
    kind = kind.removesuffix(" late")
    first_half = set(sorted(exercise_ids)[:len(exercise_ids) // 2])
    if kind in ("perfect", "script part", "left running"):  # (an idle process cheats no one)
        return dict.fromkeys(exercise_ids, "full")
    if kind in ("half", "half wrong"):
        return {e: "full" if e in first_half else "zero" for e in exercise_ids}
    if kind in TROUBLE or kind == "misnamed":
        bad = MISNAMED if kind == "misnamed" else TROUBLE[kind][0]
        return {e: ("zero" if kind == "misnamed" else "trouble") if e == bad else "full"
                for e in exercise_ids}
    return dict.fromkeys(exercise_ids, "zero")  # stubs, wrong


def make_varied_class(out: Path, n: int) -> dict[str, str]:
    """Write ``n`` zips into ``out/submissions`` and ``out/roster.csv``; return each zip's
    kind by its file name (what ``false_results`` expects of it)."""
    sources = class_sources()
    perfect, stubs, wrong = sources["perfect"], sources["stubs"], sources["wrong"]
    kinds = {
        "perfect": perfect, "stubs": stubs, "wrong": wrong,
        "half": _halves(perfect, stubs), "half wrong": _halves(perfect, wrong),
        "script part": {f: text + SCRIPT_PART for f, text in perfect.items()},
        "misnamed": {(f + ".txt" if f.startswith(MISNAMED + "_") else f): text
                     for f, text in perfect.items()},
        **{kind: _prefixed(perfect, text, eid) for kind, (eid, text) in TROUBLE.items()},
    }
    # Mostly honest; the troubled and hanging ones rarer (a hang costs its task's time limit).
    cycle = ["perfect", "wrong", "half", "script part", "stubs", "half wrong", "crash",
             "perfect", "wrong", "syntax", "half", "misnamed", "perfect", "memory", "wrong",
             "half wrong", "hostile", "script part", "half", "perfect", "threads", "wrong",
             "left running", "half", "perfect", "gateway", "wrong", "half wrong", "perfect",
             "hang"]
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


def false_results(made: dict[str, str], gradebook: Path) -> tuple[int, list[str]]:
    """The exercises gradebook.csv scores otherwise than their zip's kind says (an honest
    answer failed, a wrong one or a troubled file passed), one line each, and how many
    exercises were compared."""
    points = {ex.id: ex.max_points for ex in all_exercises()}
    kinds = {Path(name).stem: kind for name, kind in made.items()}
    compared, wrong = 0, []
    with open(gradebook, newline="") as f:
        for row in csv.DictReader(f):
            kind = kinds.get(row["submission"])
            if kind is None:
                continue  # the student who handed in nothing
            for eid, want in expected(kind, list(points)).items():
                got = int(row[eid])
                compared += 1
                if got != {"full": points[eid], "zero": 0}.get(want, min(got, points[eid] - 1)):
                    wrong.append(f"{row['submission']} ({kind}): {eid} {got}/{points[eid]}, "
                                 f"expected {want}; {row['problem']}")
    return compared, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a new folder")
    parser.add_argument("--n", type=int, default=500, help="number of submission zips")
    parser.add_argument("--check", type=Path, metavar="GRADES",
                        help="compare GRADES/gradebook.csv with OUT/kinds.json instead")
    args = parser.parse_args(argv)
    if args.check:
        made = json.loads((args.out / "kinds.json").read_text())
        compared, wrong = false_results(made, args.check / "gradebook.csv")
        print("\n".join(wrong))
        print(f"false results: {len(wrong)} of {compared} exercises")
        return 1 if wrong else 0
    made = make_varied_class(args.out, args.n)
    (args.out / "kinds.json").write_text(json.dumps(made, indent=1))
    print(f"wrote {len(made)} submissions to {args.out / 'submissions'}, "
          f"roster {args.out / 'roster.csv'}, kinds {args.out / 'kinds.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
