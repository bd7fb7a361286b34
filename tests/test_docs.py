"""The documents' code says what exists: every repository path they name in code (backticks or
code blocks) is there, every `make` target they give is in the Makefile, every `course`
command is one the CLI has."""

from __future__ import annotations

import ast
import doctest
import importlib
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from course.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
             ROOT / "benchmarks" / "README.md"]
# Not present in the repository: written by `course release` into the student edition, by
# `course check` into the learner's course folder, or by `make browser-test` (its screenshots;
# checked only where the top folder exists, so a build/ of another tool's failed the check).
WRITTEN_LATER = {"course/expected/", ".course/mistakes_seen.json", "build/browser/"}
# In a path, these stand for any name: exNN, NNN, <name>, globs.
PLACEHOLDER = re.compile(r"NNN|NN|<[^>]*>|\*")


def _code(text: str) -> list[str]:
    """Inline code spans and the lines of indented or fenced code blocks."""
    spans = re.findall(r"`([^`\n]+)`", text)
    blocks = re.findall(r"^(?: {4}|\t)(.+)$", text, re.MULTILINE)
    fenced = [line for block in re.findall(r"^```.*?\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
              for line in block.splitlines()]
    return spans + blocks + fenced


def _paths(code: str) -> list[str]:
    tops = {p.name for p in ROOT.iterdir()} - {".git", ".venv"}
    found = []
    for word in code.split():
        word = word.strip("(),;'\"").split("::")[0]
        if "/" in word and word.split("/")[0] in tops and "$" not in word:
            found.append(word)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_named_in_code_exists(document: Path) -> None:
    missing = []
    for code in _code(document.read_text()):
        for path in _paths(code):
            if path in WRITTEN_LATER:
                continue
            pattern = PLACEHOLDER.sub("*", path)
            if not (ROOT / path).exists() and not any(ROOT.glob(pattern.rstrip("/"))):
                missing.append(path)
    assert not missing, f"{document.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_make_target_and_course_command_exists(document: Path) -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    commands = set(next(a for a in build_parser()._actions if a.dest == "command").choices)
    for code in _code(document.read_text()):
        for target in re.findall(r"(?:^|[;&|] *)make ([a-z][\w-]*)", code):
            assert target in targets, f"{document.name}: `make {target}` is no Makefile target"
        for command in re.findall(r"(?:^|[\s/])course ([a-z][\w-]*)", code):
            assert command in commands, f"{document.name}: `course {command}` is no command"


COURSE_MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "course").rglob("*.py")
    if "solutions" not in p.parts and p.name != "__main__.py")


@pytest.mark.parametrize("name", COURSE_MODULES)
def test_the_course_modules_examples_run(name: str) -> None:
    """The examples in course/'s docstrings (minigrad's run as `make test`'s doctests)."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"


def test_the_counts_the_documents_give_are_the_catalogs() -> None:
    """"30 tasks in all" (README) and "of the 32 points" (grading.md) go stale when a task
    joins: both are counted from the exercises' specs."""
    from course.tasks import all_exercises

    exercises = all_exercises()
    tasks = sum(len(e.tasks) for e in exercises)
    points = sum(e.max_points for e in exercises)
    stated = [(int(n), tasks, "tasks") for n in re.findall(r"(\d+) tasks in all",
                                                            (ROOT / "README.md").read_text())]
    stated += [(int(n), points, "points") for n in re.findall(
        r"of the (\d+) points", (ROOT / "docs" / "grading.md").read_text())]
    assert stated, "the documents no longer state the counts: update this test"
    for said, counted, what in stated:
        assert said == counted, f"the documents say {said} {what}; the specs hold {counted}"


def _code_lines(source: str) -> int:
    """Lines holding code: not blank, not only a comment, not part of a docstring."""
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    code: set[int] = set()
    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
               tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in skipped:
            code.update(range(token.start[0], token.end[0] + 1))
    return len(code - docstrings)


def _reading_path() -> tuple[str, list[tuple[str, str]]]:
    """docs/minigrad.md's "How it is built" section, and its table's rows (path, lines said)."""
    text = (ROOT / "docs" / "minigrad.md").read_text()
    section = text[text.index("## How it is built"):]
    rows = re.findall(r"^\| `(minigrad/[\w/]+\.py)` \| (\d+) \|", section, re.MULTILINE)
    assert rows, "the table of the reading path has moved: update this test"
    return section, rows


def test_lesson_10_guides_the_reading_path_in_its_order() -> None:
    """Lesson 10's "Read on" sends the learner through the files of the reading path in the
    table's order, none left out, each step with a question to answer (a guided reading, not
    a list): the lesson and docs/minigrad.md must not drift apart as files come and go."""
    _, rows = _reading_path()
    lesson = json.loads((ROOT / "notebooks" / "10_inside_autograd.ipynb").read_text())
    reading = next("".join(c["source"]) for c in lesson["cells"]
                   if "".join(c["source"]).startswith("## Read on"))
    steps = [step.split("\n\n")[0] for step in re.split(r"^\d+\. ", reading, flags=re.M)[1:]]
    order = [path for step in steps
             for path in dict.fromkeys(re.findall(r"`(minigrad/[\w/]+\.py)`", step))]
    assert order == [path for path, _ in rows]
    assert all("?" in step for step in steps), "a step of the reading asks no question"


def test_the_reading_paths_line_counts_are_its_files() -> None:
    """docs/minigrad.md's "How it is built" gives each reading-path file's length, their total
    and about how much of it is code: every edit of those files can make them stale."""
    section, rows = _reading_path()
    sources = {path: (ROOT / path).read_text() for path, _ in rows}
    stale = {path: (int(said), len(sources[path].splitlines())) for path, said in rows
             if int(said) != len(sources[path].splitlines())}
    assert not stale, f"docs/minigrad.md's line counts (said, counted): {stale}"
    total, files, code = re.search(r"([\d,]+) lines in (\w+) files \(about ([\d,]+) without",
                                   section).groups()
    number_words = "zero one two three four five six seven eight nine ten eleven twelve " \
                   "thirteen fourteen fifteen sixteen".split()
    assert (int(total.replace(",", "")), files) == (
        sum(len(s.splitlines()) for s in sources.values()), number_words[len(rows)])
    counted = sum(_code_lines(s) for s in sources.values())
    assert abs(int(code.replace(",", "")) - counted) <= 10, f"about {code} lines of code: {counted}"


def test_the_reading_path_writes_each_function_body_once() -> None:
    """DESIGN: each backward formula written once. No two functions of the reading path have
    the same body (a one-line body, `return grad` or `raise NotImplementedError`, says what it
    is: those may repeat); a second copy is the first one, reused, or a shared helper."""
    seen: dict[str, str] = {}
    twice = []
    for path, _ in _reading_path()[1]:
        for node in ast.walk(ast.parse((ROOT / path).read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            body = node.body[1:] if ast.get_docstring(node) else node.body
            if not body or body[0].lineno == body[-1].end_lineno:
                continue
            key = ast.dump(ast.Module(body=body, type_ignores=[]))
            where = f"{path}:{node.lineno} {node.name}"
            if key in seen:
                twice.append((seen[key], where))
            seen.setdefault(key, where)
    assert not twice, f"the same body written twice: {twice}"


def test_every_course_module_has_its_row() -> None:
    """docs/course.md places each module of the course package: a module added without a row
    is one a maintainer auditing the grader does not know to read."""
    text = (ROOT / "docs" / "course.md").read_text()
    named = set(re.findall(r"`(course/[\w/]+\.py)`", text))
    modules = {f"course/{path.name}" for path in (ROOT / "course").glob("*.py")}
    assert modules - named == set(), "modules without a row in docs/course.md"
    assert named - modules == set(), "rows of docs/course.md for modules that are gone"
