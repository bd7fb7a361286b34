"""The grader's own process parses a learner's file in one place, course/learner_source.py.

Parsing hostile source there is a cost the file chooses, and one long parse holds every thread
of the grader: a file of one 600 KB f-string held it in ast.parse 29 s to a minute (red team
10), found again in each new reader that called ast.parse itself (similarity, then ex10's rule,
then telling a stub from code left above its raise). So the rest of course/ parses no learner
text (a scan of its source, below), and what ``parse`` reads of a file is what ast.parse reads,
line for line and column for column, costly f-strings read as empty ones."""

import ast
import time
from pathlib import Path

from course import learner_source, stub
from course.learner_source import parse
from course.own_code.annotations import _names_only

ROOT = Path(__file__).resolve().parents[1]

# Calls that parse, compile or run Python source: ``(module, attribute)``, or a builtin's name.
PARSERS = {("ast", "parse"), ("ast", "literal_eval"), ("tokenize", "generate_tokens"),
           ("tokenize", "tokenize"), ("symtable", "symtable"), ("codeop", "compile_command"),
           ("code", "compile_command"), ("compileall", "compile_dir"),
           ("compileall", "compile_file"), ("py_compile", "compile")}
BUILTINS = {"compile", "exec", "eval"}
# Where course/ may do so: (file, function) -> why it is not the grader parsing learner text.
ALLOWED = {
    ("course/bwrap.py", "_write_withheld_specs"): "the course's own specs, variants withheld",
    ("course/child.py", "_import_source"):
        "runs in the sandbox's child, the learner's own process: importing the file is its job",
    ("course/release.py", "withhold_variants"): "the course's own spec modules (course/specs)",
    ("course/release.py", "_drop_unused"): "the course's own spec modules (course/specs)",
    ("course/release.py", "_spec_names"): "the course's own spec modules (course/specs)",
    ("course/release.py", "_normalized"):
        "the course's own solutions, stubs and edition files (leaks, solution_bodies)",
    ("course/release.py", "solution_bodies"): "the reference solutions (--solutions DIR)",
    ("course/release.py", "solved_stubs"): "the exercise stubs of the edition being written",
    ("course/sandbox.py", "compile_packages"): "the course's and minigrad's own packages",
    ("course/specs/predict.py", "run"): "the course's own predict programs",
    ("course/specs/ex05.py", "_survives"): "the course's own expressions (ex05's GRAPHS)",
}
OWNER = "course/learner_source.py"


def _parses(path: Path) -> list[tuple[str, str, int]]:
    """(function, call, line) for each use of a parser in ``path``'s source, through any name
    its imports bind (``import ast as a``, ``from ast import parse``): a call or a reference."""
    tree = ast.parse(path.read_text())  # (the course's own source)
    modules: dict[str, str] = {}  # a name bound to a module: which one
    functions: dict[str, str] = {}  # a name bound to a parser: "module.attribute"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if (node.module, alias.name) in PARSERS:
                    functions[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    found = []

    def visit(node: ast.AST, where: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            where = node.name if where == "<module>" else where
        what = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (modules.get(node.value.id), node.attr) in PARSERS:
            what = f"{modules[node.value.id]}.{node.attr}"
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            what = functions.get(node.id) or (node.id if node.id in BUILTINS else None)
        if what is not None:
            found.append((where, what, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(tree, "<module>")
    return found


def test_only_learner_source_parses_in_the_graders_process():
    """A new reader of learner files that calls ast.parse (or compile, or tokenize) itself
    brings red team 10's freeze back: it goes through course.learner_source.parse. The course
    parses its own files elsewhere; each such place is named here with the reason it may."""
    used, stray = set(), []
    for path in sorted((ROOT / "course").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name == OWNER:
            continue
        for function, what, line in _parses(path):
            if (name, function) in ALLOWED:
                used.add((name, function))
            else:
                stray.append(f"{name}:{line} {what} in {function}")
    assert not stray, ("parse learner text with course.learner_source.parse (or, for the "
                       f"course's own files, add the place to ALLOWED with why): {stray}")
    assert used == set(ALLOWED), f"ALLOWED names places that parse nothing: {set(ALLOWED) - used}"
    # The scan sees what it is for: the module itself, and a stray use however it is imported.
    assert {what for _, what, _ in _parses(ROOT / OWNER)} >= {"ast.parse",
                                                             "tokenize.generate_tokens"}


def test_the_scan_finds_a_parse_however_it_is_named(tmp_path):
    path = tmp_path / "reader.py"
    path.write_text("import ast as a\nfrom ast import parse as p\nimport tokenize\n"
                    "def f(s):\n    return a.parse(s), p(s), compile(s, 'f', 'exec')\n"
                    "g = tokenize.generate_tokens\n")
    assert _parses(path) == [("f", "ast.parse", 5), ("f", "ast.parse", 5), ("f", "compile", 5),
                             ("<module>", "tokenize.generate_tokens", 6)]


def _positions(tree: ast.AST) -> list[tuple]:
    """Every node's type and position, in order, the insides of f-strings left out."""
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        found.append((type(node).__name__, *(getattr(node, a, None) for a in (
            "lineno", "col_offset", "end_lineno", "end_col_offset"))))
        if not isinstance(node, ast.JoinedStr):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def test_a_costly_f_string_read_as_empty_keeps_every_line_and_column():
    """A multi-line f-string read as "" made one line of many: every line below it moved up,
    and a traceback's line (stub.raising_function's) named another statement. Read as an
    empty f-string that keeps its line breaks and width (in UTF-8 bytes, as ast counts
    columns), every node is where ast.parse puts it, the f-string itself too."""
    fields = "{x}é\n" * 5_000  # costly (course.learner_source.WORK); ast.parse reads it in ~0.1 s
    source = ("x = 1\n"
              f'a = (rf"""{fields}""""tail" f"{{x}}"); b = {{"k": 2}}\n'
              f"c = f'''{fields}''' + f'{'{x}' * 10_001}'\"t\"; d = 3\n"  # two on one line
              "def g(y):\n"
              "    y += 1\n"
              "    raise NotImplementedError\n")
    parsed = parse(source)
    assert parsed.long_fstrings == (2, 5_003, 10_003)
    assert _positions(parsed.tree) == _positions(ast.parse(source))
    assert stub.raising_function(source, source.count("\n")) == ("g", True)
    # The same as bytes, as the grader reads a file: its coding line, Windows line ends.
    data = ("# coding: latin-1\r\n" + source.replace("\n", "\r\n")).encode("latin-1")
    assert _positions(parse(data).tree) == _positions(ast.parse(data))
    assert parse(data).long_fstrings == (3, 5_004, 10_004)


def test_a_file_that_does_not_parse_is_answered_not_raised():
    costly = 'x = f"' + "{x}" * 20_000 + '"\n'
    for source in ["def f(:\n", "x = 1\0\n", b"# coding: no-such-codec\nx = 1\n",
                   b"x = '\xff'\n", costly + "y = (\n", costly + "\0", "x = '\ud800'\n"]:
        assert parse(source) == (None, parse(source).long_fstrings, False), source[:20]
    assert parse(costly + "y = (\n").long_fstrings == ()  # it did not tokenize: none known
    assert parse(costly + "y = = 1\n").long_fstrings == (1,)
    # Nested too deeply for the grader's stack: Python may still run it, so it is told apart.
    deep = "x = " + "-" * 100_000 + "1\n"
    assert parse(deep) == (None, (), True)
    assert parse(costly + deep) == (None, (1,), True)


def test_a_600_kb_f_string_costs_the_graders_readers_no_long_parse():
    """Red team 10's file, through each reader of the grader's process (and an expression
    as ex10's rule reads a string annotation)."""
    for padding in ['pad = f"' + "{x}" * 200_000 + '"\n', 'pad = rf"""' + "{x}\n" * 150_000
                    + '"""\n']:
        source = "def f(x):\n    raise NotImplementedError\n" + padding
        begin = time.monotonic()
        assert parse(source).long_fstrings == (3,)
        assert stub.raising_function(source, 2) == ("f", False)
        assert time.monotonic() - begin < 2
    annotation = "f'" + "{x}" * 20_000 + "'"
    begin = time.monotonic()
    assert parse(annotation, mode="eval").long_fstrings == (1,)
    assert not _names_only(annotation)  # what it holds is not read: not names only
    assert time.monotonic() - begin < 1
    assert _names_only("list[Value]") and parse("list[Value]", "eval").tree is not None
    assert learner_source.WORK < 1 << 27  # (the budget the times above are measured against)
