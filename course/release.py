"""`course release OUT`: write the student edition, the course without its answers.

The repository is the open, self-study edition: the reference solutions ship with it. A class
gets the student edition instead: lessons (with their outputs), exercise stubs, minigrad and
the `course` tool, but

- no reference solutions (``course/solutions/`` is left out);
- no misconception variants: they are wrong on purpose, yet some are one token from right
  (``backward`` without ``grad_output *``, a training step without ``zero_grad()``), so each
  ``Misconception(...)``'s variant becomes ``None`` in ``course/specs/`` and the helpers only
  it used are dropped;
- no misconception fixes (shown after a mistake made twice; many are the answer's own line):
  each ``fix=`` becomes ``""``;
- instead, the outcomes of the reference and of every variant on the public cases, computed
  now and stored as plain data (``course.published``), so `course check` and
  ``check("exNN")`` give the repository's feedback, misconceptions named (with no fix).

The edition is what is committed (git's HEAD), never the working copy, where an instructor may
have solved an exercise or left notes. Hidden cases are the same generators at a seed drawn
when the instructor grades: their expected results exist nowhere in the edition. Before
anything is kept, the edition is searched (``leaks``) for an exercise file whose task no
longer raises NotImplementedError, and for the body of every reference function, compared as
tokens (spacing and comments do not hide it); a hit removes the edition and fails the release.

What this module parses (ast.parse, tokenize) is the course's own: its specs, reference
solutions and stubs, and the edition written from them; never a learner's file, which the
grader parses with course.learner_source alone (tests/test_course_learner_source.py).

    >>> release(Path("student-edition"))                              # doctest: +SKIP
    PosixPath('student-edition')
"""

from __future__ import annotations

import ast
import io
import json
import re
import shutil
import subprocess
import tarfile
import textwrap
import time
import tokenize
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from course import engine, published
from course.errors import UsageError
from course.local import CHECK_SEED
from course.submit import course_version
from course.tasks import EXERCISE_FILES, EXERCISE_IDS, TAUGHT_IN_LESSONS, exercise, filename
from course.told_apart import refusal

REPOSITORY = Path(__file__).resolve().parents[1]
# What the edition holds, relative to the repository; course/ is filtered below.
CONTENTS = ("pyproject.toml", "Makefile", ".gitignore", "conftest.py", "minigrad", "course",
            "exercises", "notebooks", "docs/minigrad.md", "docs/viz.md", "binder",
            "tests/test_course_public_cases.py")
# Makefile targets for the course's developers: they need the repository's browser test,
# benchmarks and golden programs, which the edition does not ship; and `test`, which in a
# learner's hands would lint their code and compare the lessons they ran with the outputs
# handed out (`make check` is theirs).
DEVELOPER_TARGETS = ("browser-test", "bench", "goldens", "numpy-floor", "test")
LESSON_BODY_LINES = 3
# In the edition's Makefile instead of the repository's `test`: an instructor who checks an
# edition, or a learner used to `make test`, got make's "No rule to make target 'test'".
EDITION_TEST = """\
# The course repository's `make test` (its developers' tests) is not in this edition.
test:
\t@echo "make test: not in the student edition. Check your exercises with: make check" >&2
\t@echo "(an instructor checking this edition: make install, then .venv/bin/python -m \\
\tpytest tests/ --doctest-modules minigrad --nbval notebooks/)" >&2
\t@exit 2
"""

README = """\
# The autograd course: student edition

This is the **student edition** of the autograd course (version {version}, released
{released}). It holds the lessons, the exercises and minigrad, but not the reference
solutions: your instructor grades your work with inputs you have not seen.

## Start

    make lab            # sets up .venv (a minute or two), opens JupyterLab at the next lesson
    make install        # only sets up .venv (then `.venv/bin/course ...` in any terminal)

You need `python3` (3.10 or newer, with `venv`) and `make`, on Linux or macOS (on Windows,
inside WSL); or run
`python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/course lab`.
Lessons are in `notebooks/` (start with `00_start_here.ipynb`), your exercises in `exercises/`.

## Checking your work

In a lesson's last cell: `check("ex03")`. In a JupyterLab terminal (File > New > Terminal),
where `course` is on the PATH:

    course check            # all exercises; or `course check ex03`
    course list             # your progress, and the next lesson

In any other shell, from this folder, write `.venv/bin/course` (or run
`source .venv/bin/activate` once). `course check` runs your functions on the public inputs
and compares what they return (values, gradients, the graph) with the results of the
reference solutions, which were computed when this edition was released and are stored in
`course/expected/`. When your answer matches a known mistake, the feedback names it and
says why (how to fix it is in your graded feedback, not here: finding the fix is the exercise).
Passing here is a strong sign, not the grade: grading uses fresh inputs.

## Handing in

    course submit --name YOUR_LOGIN_ID

writes `submissions/YOUR_LOGIN_ID-<time>.zip` (never over an earlier one): upload that file
where your instructor asks (on Gradescope, the zip or the files of `exercises/`). Only the
exercise files named as handed out (`ex03_backward.py`...) are graded.

## When you are stuck

- **"not attempted yet"**: the function still raises `NotImplementedError`; save the file
  (Ctrl+S) and check again: checking reads the file as saved.
- **"took longer than ... s"**: the code loops forever or does far too much work; the line
  under it usually names the line of your file that was running ("outside any function": code
  at the top of the file, which runs when the file is imported, before any check).
- **A lesson got messed up**: `git checkout notebooks/03_backward.ipynb` (in a git clone)
  restores it; from a zip, copy that one file out of the zip again. Your work lives in
  `exercises/`, which lessons never change.
- **Anything else**: `course doctor` checks the environment and says what to fix.

More: [docs/minigrad.md](docs/minigrad.md) (how minigrad is built),
[docs/viz.md](docs/viz.md) (pictures of the graph). Where they name a file under `tests/`
or a `make` target this folder's Makefile leaves out (`make goldens`, `make bench`, `make
numpy-floor`), it is the course's own repository's, which this edition does not include.
"""


class ReleaseError(UsageError):
    """The edition could not be written safely."""


def withhold_variants(source: str) -> str:
    """``source`` of a spec module with every ``Misconception``'s variant replaced by ``None``,
    its fix by ``""``, and the top-level definitions only those used removed (comments
    elsewhere kept). A fix is what `course check` shows after a mistake made twice, and many
    are the answer's own line (ex03's backward, its return statement whole): in the edition
    anyone could read them without trying; graded feedback (`course grade`, Gradescope) shows
    them."""
    tree = ast.parse(source)
    data = source.encode()  # ast's column offsets count UTF-8 bytes, not characters
    offsets = [0]
    for line in data.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))

    def span(node: ast.AST) -> tuple[int, int]:
        return (offsets[node.lineno - 1] + node.col_offset,  # type: ignore[attr-defined]
                offsets[node.end_lineno - 1] + node.end_col_offset)  # type: ignore[attr-defined]

    withheld = _withheld(tree)
    suspects = {n.id for v, _ in withheld for n in ast.walk(v) if isinstance(n, ast.Name)}
    for (start, end), by in sorted(((span(v), by) for v, by in withheld), reverse=True):
        data = data[:start] + by + data[end:]
    return _drop_unused(data.decode(), suspects)


def _withheld(tree: ast.AST) -> list[tuple[ast.expr, bytes]]:
    """Each ``Misconception``'s variant and fix in ``tree``, with what replaces it."""
    withheld: list[tuple[ast.expr, bytes]] = []
    for node in ast.walk(tree):
        called = getattr(node, "func", None)
        if isinstance(node, ast.Call) and "Misconception" in (getattr(called, "id", None),
                                                              getattr(called, "attr", None)):
            given = node.args[2:3] or [k.value for k in node.keywords if k.arg == "variant"]
            if not given:
                raise ReleaseError(f"a Misconception without a variant at line {node.lineno}")
            withheld.append((given[0], b"None"))
            fix = node.args[3:4] or [k.value for k in node.keywords if k.arg == "fix"]
            withheld += [(fix[0], b'""')] if fix else []
    return withheld


def write_withheld_specs(specs: Path, into: Path) -> Path:
    """Write the spec modules of ``specs`` into ``into`` (which may be ``specs`` itself) as the
    student edition holds them: each ``ex*.py`` with its variants withheld, the others as they
    are. Grading sandboxes get the same (``course.bwrap``, ``course.child``): the variants and
    the correct helpers only they use are answers there too."""
    into.mkdir(parents=True, exist_ok=True)
    sources = {spec.stem: spec.read_text() for spec in sorted(specs.glob("*.py"))}
    written = {name: withhold_variants(source) for name, source in sources.items()
               if name.startswith("ex")}
    # A shared module's fix that no spec uses now goes too (through_data's, for an update
    # through .data: ex07's SGD step). Its helpers for variants stay, as they always have.
    before, after = _spec_names(sources.values()), _spec_names(written.values())
    for name, source in sources.items():
        if name not in written:
            gone = before.imported.get(name, set()) - after.imported.get(name, set())
            written[name] = _drop_unused(source, gone & before.in_fixes)
    for name, source in written.items():
        (into / f"{name}.py").write_text(source)
    return into


@dataclass
class _SpecNames:
    """What spec modules name: from each course.specs module, the names they import; and
    the names their misconceptions' fixes use."""

    imported: dict[str, set[str]] = field(default_factory=dict)
    in_fixes: set[str] = field(default_factory=set)


def _spec_names(sources: Iterable[str]) -> _SpecNames:
    names = _SpecNames()
    for source in sources:
        tree = ast.parse(source)
        names.in_fixes |= {n.id for part, by in _withheld(tree) if by == b'""'
                           for n in ast.walk(part) if isinstance(n, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "course.specs."):
                module = (node.module or "").rsplit(".", 1)[1]
                names.imported.setdefault(module, set()).update(a.name for a in node.names)
    return names


def _drop_unused(source: str, suspects: set[str]) -> str:
    """Remove top-level definitions and imports of ``suspects`` nothing else refers to, until
    none is left (a removed definition makes the names it used suspects in turn). The source
    is parsed once; each statement's names are counted once (this runs in every grading run,
    not only at release)."""
    tree = ast.parse(source)
    everywhere = _name_counts(tree)
    inside = [_name_counts(node) for node in tree.body]  # a name used only in here
    gone: dict[int, str] = {}  # statement index -> what replaces it ("": nothing)
    changed = True
    while changed:
        changed = False
        for i, node in enumerate(tree.body):
            names = _bound_names(node)
            if gone.get(i) == "" or suspects.isdisjoint(names):
                continue
            unused = [n for n in names if n in suspects and everywhere[n] == inside[i][n]]
            if not unused:
                continue
            changed = True
            if isinstance(node, (ast.Import, ast.ImportFrom)) and len(unused) < len(names):
                node.names = [a for a in node.names if _alias_name(a) not in unused]
                gone[i] = ast.unparse(node) + "\n"
            else:
                gone[i] = ""
                everywhere -= inside[i]
                suspects |= set(inside[i])
    lines = source.splitlines(keepends=True)
    for i in sorted(gone, key=lambda i: -tree.body[i].lineno):  # bottom up: lines stay put
        node, keep = tree.body[i], gone[i]
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        end = node.end_lineno or node.lineno
        while not keep and end < len(lines) and not lines[end].strip():  # blank lines after
            end += 1
        lines[first - 1:end] = [keep] if keep else []
    return "".join(lines)


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


def _name_counts(node: ast.AST) -> Counter[str]:
    """How often each name is used in ``node``: counted once per tree, not by a walk of the
    whole tree for every name (withholding runs in every grading run, not only at release)."""
    return Counter(n.id for n in ast.walk(node) if isinstance(n, ast.Name))


def _normalized(text: str) -> list[str]:
    """Code as logical lines of tokens: indentation, blank lines, comments and the spacing
    between tokens do not count, so ``x@w  # mine`` is ``x @ w`` and a statement split over
    lines is one. Text that is not Python (a lesson's cell magic) is compared line by line,
    whitespace collapsed."""
    lines, current = [], []
    try:
        for token in tokenize.generate_tokens(io.StringIO(textwrap.dedent(text)).readline):
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                if current:
                    lines.append(" ".join(current))
                current = []
            elif token.type not in _NOT_CODE:
                current.append(token.string)
    except (tokenize.TokenError, SyntaxError):
        kept = (" ".join(line.split()) for line in text.splitlines())
        return [line for line in kept if line and not line.startswith("#")]
    return lines


_NOT_CODE = (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)


def solution_bodies(solutions: Path) -> Iterator[tuple[str, list[str]]]:
    """(``file:function``, normalized body lines) for every function and method of the
    reference solutions, docstrings left out."""
    for path in sorted(solutions.glob(EXERCISE_FILES)):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(
                        getattr(body[0], "value", None), ast.Constant):
                    body = body[1:]
                if body:
                    # Padded to their columns, the statements tokenize as the file does.
                    text = "\n".join(ast.get_source_segment(source, s, padded=True) or ""
                                      for s in body)
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
    found += solved_stubs(edition)
    given = {p.name: _normalized(committed_stub(repository, p.name))
             for p in solutions.glob(EXERCISE_FILES)}
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
            if path.suffix == ".ipynb" and name in TAUGHT_IN_LESSONS:
                continue
            if len(body) >= shortest and "\n".join(body) in joined and _contains(lines, body):
                found.append(f"{path.relative_to(edition)} holds the body of {name}")
    return found


def solved_stubs(edition: Path) -> list[str]:
    """Tasks the edition's exercise files answer: a task's function (or class) raises no
    NotImplementedError there. Committed answers would otherwise pass as handed-out code."""
    found = []
    for eid in EXERCISE_IDS:
        path = edition / "exercises" / filename(eid)
        try:
            tree = ast.parse(path.read_text())
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue  # a missing or broken stub is the edition's own test's to find
        defined = {node.name: node for node in tree.body if isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        for task in exercise(eid).tasks:
            node = defined.get(task.name)
            if node is not None and not any(
                    isinstance(n, ast.Raise) and "NotImplementedError" in ast.unparse(n)
                    for n in ast.walk(node)):
                found.append(f"exercises/{path.name} holds the answer to {task.id} (where the "
                             "stub raises NotImplementedError)")
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
    _computed_from_what_ships(REPOSITORY)
    expected = {eid: engine.expectations(eid, CHECK_SEED, solutions) for eid in EXERCISE_IDS}
    # (the edition publishes every variant's results: comparing them costs a second or so)
    misnamed = refusal(EXERCISE_IDS, solutions)
    if misnamed:
        raise ReleaseError(misnamed.message, misnamed.items)
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


_VARIABLE = re.compile(r"^([A-Z_]+) *[:?]?= *(.*?) *$", re.MULTILINE)  # NAME := value


def edition_gitignore(text: str, makefile: str,
                      withheld: tuple[str, ...] = DEVELOPER_TARGETS) -> str:
    """The .gitignore ``text`` without the patterns of what only the ``withheld`` targets
    make: the value of a variable of the repository's ``makefile`` that the edition's drops
    with the targets that used it (FLOOR_VENV's ``.venv-numpy-floor``, `make numpy-floor`'s
    environment). In a learner's .gitignore it only asks what that folder is."""
    kept = {name for name, _ in _VARIABLE.findall(edition_makefile(makefile, withheld))}
    dropped = {value.strip("/") for name, value in _VARIABLE.findall(makefile)
               if name not in kept and value}
    return "".join(line for line in text.splitlines(keepends=True)
                   if line.strip().strip("/") not in dropped)


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


# What computes the published expected results: the specs (cases, probes, variants), the
# reference solutions and the minigrad they run on.
COMPUTED_FROM = ("course/specs", "course/solutions", "minigrad")


def _computed_from_what_ships(repository: Path) -> None:
    """Refuse a release whose expected results would come from uncommitted code: the edition
    ships the committed specs, but the results were computed from the working copy's. A task
    added and not yet committed was published with its expected results and graded nowhere;
    a changed case, judged against another case's results."""
    if not (repository / ".git").exists():  # (`committed` refuses it, saying why)
        return
    changed = subprocess.run(["git", "-C", str(repository), "diff", "--name-only", "HEAD", "--",
                              *COMPUTED_FROM], capture_output=True, text=True, check=False)
    names = changed.stdout.split()
    if names:
        raise ReleaseError(f"{', '.join(names[:3])}{' ...' if len(names) > 3 else ''} differ "
                           "from the last commit: the edition ships what is committed, but its "
                           "expected results would be computed from the working copy; commit "
                           "or discard the change, then release again")


def committed(repository: Path, edition: Path, contents: tuple[str, ...] = CONTENTS) -> None:
    """Write ``contents`` as committed in ``repository`` (git's HEAD) into ``edition``.

    Never the working copy: there an instructor may have solved an exercise, reformatted a
    solution past the leak search, or left notes with answers; none of it is committed, so none
    of it ships. A copy without git (a "Download ZIP") cannot tell handed-out code from edits,
    so it is refused."""
    if not (repository / ".git").exists():  # else git would look for a repository above
        raise ReleaseError(f"{repository} is not a git clone: `course release` ships what is "
                           "committed (git's HEAD), never a working copy; release from a clone")
    listed = subprocess.run(["git", "-C", str(repository), "ls-tree", "--name-only", "HEAD",
                             "--", *contents], capture_output=True, text=True, check=False)
    present = [name for name in contents if any(
        line == name or line.startswith(name + "/") for line in listed.stdout.splitlines())]
    archive = subprocess.run(["git", "-C", str(repository), "archive", "--format=tar", "HEAD",
                              "--", *present], capture_output=True, check=False)
    if listed.returncode != 0 or archive.returncode != 0:
        said = (archive.stderr.decode(errors="replace") or listed.stderr).strip()
        raise ReleaseError(f"git could not read the committed course in {repository}: "
                           f"{said.splitlines()[-1] if said else 'is there a commit?'}")
    edition.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        # git's own archive of this repository: the "data" filter (where Python has it) still
        # refuses links out of the folder.
        tar.extractall(edition, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))


def _write(edition: Path, expected: dict[str, list]) -> None:
    committed(REPOSITORY, edition)
    makefile, gitignore = edition / "Makefile", edition / ".gitignore"
    if makefile.is_file():
        repositorys = makefile.read_text()
        makefile.write_text(re.sub(r"^(\.PHONY:.*)$", r"\1 test",
                                   edition_makefile(repositorys), flags=re.MULTILINE)
                            .rstrip("\n") + "\n\n" + EDITION_TEST)
        if gitignore.is_file():
            gitignore.write_text(edition_gitignore(gitignore.read_text(), repositorys))
    shutil.rmtree(edition / "course" / "solutions", ignore_errors=True)
    write_withheld_specs(edition / "course" / "specs", edition / "course" / "specs")
    folder = edition / "course" / published.FOLDER.name
    for eid, tasks in expected.items():
        published.save(folder, eid, CHECK_SEED, tasks)
    released = time.strftime("%Y-%m-%d", time.gmtime())
    published.describe(folder, seed=CHECK_SEED, released=released, version=course_version())
    (edition / "README.md").write_text(README.format(version=course_version(),
                                                     released=released))
