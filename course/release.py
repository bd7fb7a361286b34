"""`course release OUT`: write the student edition, the course without its answers.

The repository is the open, self-study edition: the reference solutions ship with it. A class
gets the student edition instead: lessons (with their outputs), exercise stubs, minigrad and
the `course` tool, but

- no reference solutions (``course/solutions/`` is left out);
- no misconception variants: they are wrong on purpose, yet some are one token from right
  (``backward`` without ``grad_output *``, a training step without ``zero_grad()``), so each
  ``Misconception(...)``'s variant becomes ``None`` in ``course/specs/`` and the helpers only
  it used are dropped;
- instead, the outcomes of the reference and of every variant on the public cases, computed
  now and stored as plain data (``course.published``), so `course check` and
  ``check("exNN")`` give the same feedback as in the repository, misconceptions named.

Hidden cases are the same generators at a seed drawn when the instructor grades: their
expected results exist nowhere in the edition. Before anything is kept, the edition is searched
for the body of every reference function (``leaks``); a hit (say, a solved exercise file in
the instructor's checkout) removes the edition and fails the release.

    >>> release(Path("student-edition"))                              # doctest: +SKIP
    PosixPath('student-edition')
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from course import engine, published
from course.errors import UsageError
from course.local import CHECK_SEED
from course.submit import course_version
from course.tasks import EXERCISE_IDS

REPOSITORY = Path(__file__).resolve().parents[1]
# What the edition holds, relative to the repository; course/ is filtered below.
CONTENTS = ("pyproject.toml", "Makefile", ".gitignore", "minigrad", "course", "exercises",
            "notebooks", "docs/minigrad.md", "docs/viz.md", "binder",
            "tests/test_course_public_cases.py")
# Makefile targets for the course's developers: they need the repository's browser test,
# benchmarks and golden programs, which the edition does not ship.
DEVELOPER_TARGETS = ("browser-test", "bench", "goldens", "numpy-floor")
LESSON_BODY_LINES = 3
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".course")

README = """\
# The autograd course: student edition

This is the **student edition** of the autograd course (version {version}, released
{released}). It holds the lessons, the exercises and minigrad, but not the reference
solutions: your instructor grades your work with inputs you have not seen.

## Start

    make lab            # sets up .venv, opens JupyterLab at the first lesson
    make test           # checks this edition: its expected results, minigrad, the lessons

or `python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/course lab`.
Lessons are in `notebooks/` (start with `00_start_here.ipynb`), exercises in `exercises/`.

## Checking your work

    course check            # all exercises; or `course check ex03`
    course list             # your progress
    course submit --name YOUR_LOGIN_ID

or `from course import check; check("ex03")` in a notebook. `course check` runs your functions
on the public inputs and compares what they return (values, gradients, the graph) with the
results of the reference solutions, which were computed when this edition was released and are
stored in `course/expected/`. When your answer matches a known mistake, the feedback names it.
Passing here is a strong sign, not the grade: grading uses fresh inputs.

More: [docs/minigrad.md](docs/minigrad.md) (how minigrad is built),
[docs/viz.md](docs/viz.md) (pictures of the graph).
"""


class ReleaseError(UsageError):
    """The edition could not be written safely."""


def withhold_variants(source: str) -> str:
    """``source`` of a spec module with every ``Misconception``'s variant replaced by ``None``
    and the top-level definitions only the variants used removed (comments elsewhere kept)."""
    tree = ast.parse(source)
    data = source.encode()  # ast's column offsets count UTF-8 bytes, not characters
    offsets = [0]
    for line in data.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))

    def span(node: ast.AST) -> tuple[int, int]:
        return (offsets[node.lineno - 1] + node.col_offset,  # type: ignore[attr-defined]
                offsets[node.end_lineno - 1] + node.end_col_offset)  # type: ignore[attr-defined]

    variants = []
    for node in ast.walk(tree):
        called = getattr(node, "func", None)
        if isinstance(node, ast.Call) and "Misconception" in (getattr(called, "id", None),
                                                              getattr(called, "attr", None)):
            given = node.args[2:3] or [k.value for k in node.keywords if k.arg == "variant"]
            if not given:
                raise ReleaseError(f"a Misconception without a variant at line {node.lineno}")
            variants.append(given[0])
    suspects = {n.id for v in variants for n in ast.walk(v) if isinstance(n, ast.Name)}
    for start, end in sorted((span(v) for v in variants), reverse=True):
        data = data[:start] + b"None" + data[end:]
    return _drop_unused(data.decode(), suspects)


def _drop_unused(source: str, suspects: set[str]) -> str:
    """Remove top-level definitions and imports of ``suspects`` nothing else refers to, until
    none is left (a removed definition makes the names it used suspects in turn)."""
    while True:
        tree = ast.parse(source)
        doomed, keep = None, None
        for node in tree.body:
            names = _bound_names(node)
            unused = [n for n in names if n in suspects and not _used_outside(tree, node, n)]
            if unused:
                doomed = node
                if isinstance(node, (ast.Import, ast.ImportFrom)) and len(unused) < len(names):
                    node.names = [a for a in node.names if _alias_name(a) not in unused]
                    keep = ast.unparse(node) + "\n"
                break
        if doomed is None:
            return source
        suspects |= {n.id for n in ast.walk(doomed) if isinstance(n, ast.Name)}
        first = min([doomed.lineno, *(d.lineno for d in getattr(doomed, "decorator_list", []))])
        lines = source.splitlines(keepends=True)
        end = doomed.end_lineno or doomed.lineno
        while keep is None and end < len(lines) and not lines[end].strip():  # blank lines after
            end += 1
        source = "".join(lines[:first - 1] + ([keep] if keep else []) + lines[end:])


def _alias_name(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


def _bound_names(node: ast.stmt) -> list[str]:
    """The names a top-level statement defines (functions, classes, simple assignments,
    imports)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
            node.targets[0], ast.Name):
        return [node.targets[0].id]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [_alias_name(a) for a in node.names]
    return []


def _used_outside(tree: ast.Module, definition: ast.stmt, name: str) -> bool:
    inside = {id(n) for n in ast.walk(definition)}
    return any(isinstance(n, ast.Name) and n.id == name and id(n) not in inside
               for n in ast.walk(tree))


def _normalized(text: str) -> list[str]:
    """Code lines without indentation, blank lines or comments, whitespace collapsed."""
    kept = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in kept if line and not line.startswith("#")]


def solution_bodies(solutions: Path) -> Iterator[tuple[str, list[str]]]:
    """(``file:function``, normalized body lines) for every function and method of the
    reference solutions, docstrings left out."""
    for path in sorted(solutions.glob("ex[0-9][0-9]_*.py")):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(
                        getattr(body[0], "value", None), ast.Constant):
                    body = body[1:]
                if body:
                    text = "\n".join(ast.get_source_segment(source, s) or "" for s in body)
                    yield f"{path.name}:{node.name}", _normalized(text)


def _file_text(path: Path) -> str | None:
    try:
        text = path.read_text()
    except (UnicodeDecodeError, OSError):
        return None
    if path.suffix == ".ipynb":  # the cells' sources, not their JSON escaping
        try:
            cells = json.loads(text).get("cells", [])
            return "\n".join("".join(c.get("source", "")) for c in cells)
        except (ValueError, AttributeError):
            return text
    return text


def committed_stub(repository: Path, filename: str) -> str:
    """The exercise stub ``exercises/<filename>`` as committed in ``repository`` (git's HEAD);
    "" when that is not a git checkout or the file is not committed. Not the working copy: an
    instructor may have solved the exercises there."""
    if not (repository / ".git").exists():  # else git would look for a repository above
        return ""
    shown = subprocess.run(["git", "-C", str(repository), "show", f"HEAD:exercises/{filename}"],
                           capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else ""


def leaks(edition: Path, solutions: Path, repository: Path = REPOSITORY) -> list[str]:
    """Where the edition holds reference code: a solutions folder, or a file containing the
    body of a reference function line for line. In a lesson only bodies of three lines or
    more count: a two-line answer can be the very example the lesson teaches. A body that the
    exercise's stub committed in ``repository`` holds too (ex10's ``__repr__``) is code
    every learner is handed, not an answer: it is left out."""
    found = [str(p.relative_to(edition)) for p in edition.rglob("solutions") if p.is_dir()]
    given = {p.name: _normalized(committed_stub(repository, p.name))
             for p in solutions.glob("ex[0-9][0-9]_*.py")}
    bodies = [(name, body) for name, body in solution_bodies(solutions)
              if not _contains(given[name.split(":")[0]], body)]
    for path in sorted(p for p in edition.rglob("*") if p.is_file()):
        text = _file_text(path)
        if text is None:
            continue
        lines = _normalized(text)
        joined = "\n".join(lines)
        # In code one line counts: several whole answers are one line (ex08's to_numpy).
        shortest = LESSON_BODY_LINES if path.suffix == ".ipynb" else 1
        for name, body in bodies:
            if len(body) >= shortest and "\n".join(body) in joined and _contains(lines, body):
                found.append(f"{path.relative_to(edition)} holds the body of {name}")
    return found


def _contains(lines: list[str], block: list[str]) -> bool:
    n = len(block)
    return any(lines[i:i + n] == block for i in range(len(lines) - n + 1))


def release(out: Path, solutions: Path = engine.SOLUTIONS) -> Path:
    """Write the student edition into ``out`` (which must not exist yet)."""
    out = out.resolve()
    if out.exists():
        raise ReleaseError(f"{out} already exists: give a new folder")
    if not solutions.is_dir():
        raise ReleaseError(f"no reference solutions in {solutions}")
    if not (REPOSITORY / "notebooks").is_dir() or not (REPOSITORY / "exercises").is_dir():
        raise ReleaseError(f"{REPOSITORY} is not a course repository checkout (no notebooks/ "
                           "or exercises/): run `course release` from a clone")
    expected = {eid: engine.expectations(eid, CHECK_SEED, solutions) for eid in EXERCISE_IDS}
    staging = out.with_name(f".{out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write(staging, expected)
        found = leaks(staging, solutions, REPOSITORY)
        if found:
            raise ReleaseError("reference code would reach the student edition: "
                               + "; ".join(found[:5]))
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def edition_makefile(text: str, withheld: tuple[str, ...] = DEVELOPER_TARGETS) -> str:
    """The Makefile without the ``withheld`` targets: each paragraph (lines between blank
    lines) that defines one of them, or only variables nothing else uses, is left out."""
    paragraphs = text.split("\n\n")
    rule = re.compile(rf"^({'|'.join(map(re.escape, withheld))}):", re.MULTILINE)
    kept = [p for p in paragraphs if not rule.search(p)]
    for _ in range(len(kept)):  # variables whose users went: their paragraphs go too
        defined = {i: re.findall(r"^([A-Z_]+) *[:?]?=", p, re.MULTILINE)
                   for i, p in enumerate(kept)}
        unused = [i for i, names in defined.items() if names and all(
            f"$({name})" not in "\n\n".join(q for j, q in enumerate(kept) if j != i)
            for name in names) and not rule.search(kept[i])]
        if not unused:
            break
        kept = [p for i, p in enumerate(kept) if i not in unused]
    result = "\n\n".join(kept)
    for name in set(re.findall(r"^([A-Z_]+) *[:?]?=", text, re.MULTILINE)) - set(
            re.findall(r"^([A-Z_]+) *[:?]?=", result, re.MULTILINE)):
        result = result.replace(f" $({name})", "")  # e.g. `clean`'s folders of a dropped one
    phony = " ".join(t for t in re.search(r"^\.PHONY:(.*)$", text, re.MULTILINE)[1].split()
                     if t not in withheld)
    return re.sub(r"^\.PHONY:.*$", f".PHONY: {phony}", result, flags=re.MULTILINE)


def _write(edition: Path, expected: dict[str, list]) -> None:
    for name in CONTENTS:
        source, target = REPOSITORY / name, edition / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=SKIPPED)
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    makefile = edition / "Makefile"
    if makefile.is_file():
        makefile.write_text(edition_makefile(makefile.read_text()))
    shutil.rmtree(edition / "course" / "solutions", ignore_errors=True)
    for spec in (edition / "course" / "specs").glob("ex*.py"):
        spec.write_text(withhold_variants(spec.read_text()))
    folder = edition / "course" / published.FOLDER.name
    for eid, tasks in expected.items():
        published.save(folder, eid, CHECK_SEED, tasks)
    released = time.strftime("%Y-%m-%d", time.gmtime())
    published.describe(folder, seed=CHECK_SEED, released=released, version=course_version())
    (edition / "README.md").write_text(README.format(version=course_version(),
                                                     released=released))
