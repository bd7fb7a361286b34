"""Shared code: submissions that hold the reference solutions' code, or each other's.

The open edition of this course publishes its reference solutions (course/solutions/), so the
quickest way to a better grade is to copy them, or a classmate's file. `course grade` takes a
fingerprint of every function and method of each exercise file it grades (``fingerprints``),
keeps them with the results, and writes ``OUT/similarity.csv`` (``write``): which functions
each submission shares with the reference solutions, and which each pair of students share.

A fingerprint leaves out what copying changes cheaply: comments, docstrings, spacing, line
breaks and the function's own name (``def my_train`` bound by ``train = my_train``); its second
form also the names of variables and parameters. Its third form, the
code's shingles (every run of ``SHINGLE`` consecutive syntax tokens, hashed), finds a
reference solution, or a classmate's function, that was copied and then edited (a statement
added, two swapped, a loop rewritten): most of its shingles are still there
(``EDITED_SHARE``; between students, of the shingles few students write).
Functions smaller than ``MIN_NODES`` syntax nodes are left out: there honest solutions
coincide. Code kept from fingerprints as data run with ``exec`` (a compressed copy) is named
by its calls instead (``hidden_code``). A row is a lead for the instructor to read, not a
verdict: two students can write the same ten-line loop.

    >>> code = "def f(xs, n):\\n    return [x * n + 1 for x in xs if 0 < x < n or x == -n != 2]\\n"
    >>> a, = fingerprints(code, "ex.py").values()
    >>> b, = fingerprints(code.replace("xs", "values") + "# mine\\n", "ex.py").values()
    >>> a[1] == b[1], a[0] == b[0], a[2] == b[2]
    (True, False, True)
"""

from __future__ import annotations

import ast
import copy
import csv
import functools
import hashlib
import io
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from itertools import combinations, islice
from pathlib import Path
from typing import Any, NamedTuple

from course import learner_source
from course.download import Download
from course.gradebook import neutralise, owner
from course.tasks import EXERCISE_FILES, TAUGHT_IN_LESSONS, exercise
from course.unpack import MAX_FILE_BYTES
from course.workspace import atomic_write, read_json

MIN_NODES = 40
# Functions fingerprinted per file (a file of thousands adds nothing but time): the ones the
# tasks name first, so that decoys written above a copy cannot push it out.
MAX_PER_FILE = 50
NESTED = 1  # levels of functions inside functions fingerprinted on their own (see _functions)
GROUP = 10  # students sharing one function beyond which it gets one row, not one per pair
REFERENCE = "the reference solutions"
HIDES = "(unknown: code run from data)"  # shares_with of a submission that hides code
STUBS = Path(__file__).resolve().parents[1] / "exercises"  # a checkout's or edition's stubs
VERBATIM, RENAMED, EDITED, HIDDEN = "verbatim", "names changed", "edited", "hidden"
SHINGLE = 5  # syntax tokens per shingle: part of a statement
# A function holding this share of a same-named reference function's shingles is an edited
# copy of it. Solutions written another way hold under half of them (an iterative order
# against a recursive one: 29%; tests/test_course_similarity.py measures some); every
# reference function with a statement added keeps 85% or more. Honest code that follows the
# lesson's recipe closely can hold as much: hence the share in the report, and a lead only.
EDITED_SHARE = 0.8
# Calls that run code made from data, decode data that could be code, or load a module by
# hand (a second copy of minigrad, whose autograd the graders' checks do not watch).
RUNS_DATA = {"exec", "eval", "compile", "__import__", "import_module", "loads", "decompress",
             "b64decode", "b32decode", "b16decode", "b85decode", "a85decode", "unhexlify",
             "fromhex", "spec_from_file_location", "module_from_spec", "exec_module",
             "load_module", "run_path", "run_module", "reload", "builtins", "__builtins__",
             "codecs", "marshal", "pickle", "Unpickler", "FunctionType", "CodeType", "get_code"}
# Between students, a function is compared by the shingles few students write: at least this
# many (a few lines), so that a short function's handful cannot make a share.
MIN_SHINGLES = 12


def _renamed(tree: ast.AST) -> ast.AST:
    """``tree`` with every variable and parameter renamed after its order of first appearance
    (in place). A loop, not a NodeTransformer, whose recursion a deeply nested expression
    takes past Python's limit (see ``_dump``)."""
    names: dict[str, str] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            node.id = names.setdefault(node.id, f"v{len(names)}")
        elif isinstance(node, ast.arg):  # (its annotation keeps its names, as it always did)
            node.arg = names.setdefault(node.arg, f"v{len(names)}")
        else:
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return tree


def _functions(body: list[ast.stmt], prefix: str = "", depth: int = 0
               ) -> Iterator[tuple[str, ast.AST]]:
    """(qualified name, node) for the functions and methods defined in ``body``, also where
    ``if``, ``try``, ``with``, ``for``, ``while`` or ``match`` hold them: a red team's copy of
    every reference file, indented under ``if True:``, had no function to compare. Functions
    inside functions only NESTED deep (``Value.__pow__._backward``): a deeper one's code is
    in the fingerprints of those around it, and each function's are taken from all of its
    code, so each level more walked the same code again (a red team's 400 KB file of 50
    nested defs around one long line held the grader's process 111 s)."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
            if depth < NESTED:
                yield from _functions(node.body, f"{prefix}{node.name}.", depth + 1)
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node.body, f"{prefix}{node.name}.", depth)
        else:
            yield from _functions(_statements_in(node), prefix, depth)


def _statements_in(node: ast.AST) -> list[ast.stmt]:
    """The statements ``node`` holds: its bodies, and those of its ``except`` and ``case``
    clauses (which are not statements themselves)."""
    held = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt):
            held.append(child)
        elif isinstance(child, (ast.excepthandler, ast.match_case)):
            held.extend(child.body)
    return held


def _size(tree: ast.AST) -> int:
    """The number of nodes in ``tree``, counted up to MIN_NODES."""
    return sum(1 for _ in islice(ast.walk(tree), MIN_NODES))


class _Text(str):
    """Punctuation of ``_dump``'s output, told apart from a field's own str value."""


def _constant(value: Any) -> str:
    """``repr(value)`` of a constant, which for an int of more than 4,300 digits raises
    ValueError (Python's limit on converting ints to text): a hex literal of 5,000 digits in
    a copied function once wiped its whole file's fingerprints."""
    try:
        return repr(value)
    except ValueError:
        return hex(value) if isinstance(value, int) else type(value).__name__


@functools.cache
def _layout(kind: type) -> tuple[str, tuple[tuple[str, _Text], ...]]:
    """A node type's opening text and its fields, each with the text before its value."""
    return f"{kind.__name__}(", tuple((name, _Text(f"{name}=")) for name in kind._fields)


_CLOSE, _CLOSE_LIST = _Text(")"), _Text("]")


def _dump(tree: ast.AST) -> str:
    """What ``ast.dump`` shows of ``tree`` (every node's type and fields, no positions), in
    a loop rather than by recursion, so that no depth a file Python compiles may have stops
    it (ast.dump recursed once a level: a thousand-deep expression raised RecursionError)."""
    out: list[str] = []
    stack: list[Any] = [tree]
    push, pop, write = stack.append, stack.pop, out.append
    while stack:
        item = pop()
        if type(item) is _Text:
            write(item)
        elif isinstance(item, ast.AST):
            opening, fields = _layout(type(item))
            write(opening)
            push(_CLOSE)
            for name, label in reversed(fields):
                push(getattr(item, name, None))
                push(label)
        elif type(item) is list:
            write("[")
            push(_CLOSE_LIST)
            stack.extend(reversed(item))
        else:
            write(_constant(item))
            write(",")
    return "".join(out)


def _digest(tree: ast.AST) -> str:
    return hashlib.sha256(_dump(tree).encode()).hexdigest()[:32]


def _tokens(function: ast.AST) -> list[str]:
    """The function in pre-order (source order), one token per node: its kind, and the name,
    attribute or constant it holds. The names the function binds itself (parameters and
    variables) are all one token, whatever they are called and in whatever order they appear,
    so renaming changes no token and an added statement only those near it; the names it
    uses from outside (torch, len, print) and attributes stay. Load/store markers carry
    nothing a reader sees."""
    bound = {n.arg for n in ast.walk(function) if isinstance(n, ast.arg)} | {
        n.id for n in ast.walk(function)
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    tokens, stack = [], [function]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.expr_context):
            continue
        if isinstance(node, ast.Constant):
            detail = _constant(node.value)[:20]
        elif isinstance(node, ast.arg) or (isinstance(node, ast.Name) and node.id in bound):
            detail = "_"
        else:
            detail = next((v for v in (getattr(node, a, None) for a in ("id", "attr", "name"))
                           if isinstance(v, str)), "")
        tokens.append(f"{type(node).__name__}:{detail}")
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return tokens


def _shingles(function: ast.AST) -> list[int]:
    """The hashes of every SHINGLE consecutive tokens of ``function``, each once, sorted."""
    tokens = _tokens(function)
    return sorted({zlib.crc32("\n".join(tokens[i:i + SHINGLE]).encode())
                   for i in range(max(1, len(tokens) - SHINGLE + 1))})


def _graded_names(file: str) -> set[str]:
    """The names the tasks of exercise file ``file`` call (none for another file)."""
    try:
        return {task.name for task in exercise(file[:4]).tasks}
    except KeyError:
        return set()


def _parse(source: str | bytes) -> tuple[ast.Module | None, list[str]]:
    """``source``'s syntax tree (course.learner_source: each f-string too costly to parse read
    as an empty one), None for a file that is not Python; and what of it went unread, for
    ``hidden_code`` to name as it names code run from data: such f-strings (what they held,
    code in their fields too), or the whole file where it nests too deeply to parse here,
    though it may run in the sandbox: such a file, a copy of the reference beside it, is
    named, never silently left out."""
    parsed = learner_source.parse(source)
    if parsed.tree is None:
        return None, [UNREAD] if parsed.too_deep else []
    return parsed.tree, [LONG_FSTRINGS] if parsed.long_fstrings else []


def fingerprints(source: str, file: str) -> dict[str, list]:
    """``{"file:function": [verbatim, renamed, shingles]}`` for the functions of ``source`` of
    at least MIN_NODES nodes, docstrings left out; ``{}`` for a file that is not Python (or
    too deeply nested to parse: ``hidden_code`` names that). However long or deep: padding a
    copied function makes it no less a copy."""
    tree, _ = _parse(source)
    return {} if tree is None else _fingerprinted(tree, file) or {}


def _aliases(tree: ast.Module, names: set[str]) -> set[str]:
    """The functions that ``tree`` binds to one of ``names`` (``train = my_train``), wherever
    the assignment is: a copy defined under another name is graded under the task's."""
    return {node.value.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and any(isinstance(t, ast.Name) and t.id in names for t in node.targets)}


def _fingerprinted(tree: ast.Module, file: str, reference: Reference | None = None
                   ) -> dict[str, list] | None:
    """``fingerprints`` of a parsed file, None if it could not be taken (read_code names the
    file then); renames the variables of ``tree`` in place. Every step is a loop, not a
    recursion, and no constant's text can fail: one function a thousand levels deep, or
    holding a hex literal of 5,000 digits (whose decimal text Python refuses to make), once
    cost the whole file its fingerprints, and a red team's full copy of the reference
    solutions, each file with such a function added, scored 32/32 with no row.

    Of the file's functions, the first MAX_PER_FILE (those the tasks call first) are kept,
    and, where ``reference`` is given, any other that holds a reference function's code: a
    copy moved into a helper the task calls (``def train(*a): return _impl(*a)``), written
    below fifty decoys, was left out."""
    taken: dict[str, ast.AST] = {}
    found: dict[str, list] = {}
    try:
        defined = dict(_functions(tree.body))  # a name's last def is the one run
        graded = _graded_names(file)
        graded |= _aliases(tree, graded)
        for name in sorted(defined, key=lambda name: name.split(".")[0] not in graded):
            if len(taken) >= MAX_PER_FILE and reference is None:
                break
            # The function's own node only (its code is shared), without its name: a copy
            # defined as my_train and bound to train is still a copy.
            node = copy.copy(defined[name])
            node.name = ""
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
            if _size(node) < MIN_NODES:
                continue
            key = f"{file}:{name}"
            fingerprint = [_digest(node), None, _shingles(node)]
            if len(taken) < MAX_PER_FILE or fingerprint[0] in reference.verbatim \
                    or _share(key, fingerprint, reference)[0] >= EDITED_SHARE:
                taken[key] = node
                found[key] = fingerprint
        # Renaming changes the tree in place, so it comes after every function's own digest.
        # A nested function is then renamed twice, first as part of its outer one: the same
        # result, as names are renamed by their order of first appearance.
        for key, node in taken.items():
            found[key][1] = _digest(_renamed(node))
    except (ValueError, RecursionError, MemoryError):
        return None
    return found


def hidden_code(source: str) -> list[str]:
    """The names in ``source`` of what runs code made from data (``exec``) or turns data into
    it (``zlib.decompress``): a copy hidden in an encoded string holds no function to
    fingerprint. Any use counts, not only a call (``run = exec``, ``map(exec, ...)``, an
    import). No exercise needs them. ``[]`` for a file that is not Python. A lead, not a
    guard: a name built from strings (``getattr(builtins, "ex" + "ec")``) goes unseen."""
    tree, unread = _parse(source)
    return unread if tree is None else _hidden_in(tree, unread)


# What hidden_code names for a file whose f-strings were too costly to read
# (course.learner_source), and for one whose code could not be read at all here, though Python
# may run it.
LONG_FSTRINGS = "f-strings too long to read"
UNREAD = "code nested too deeply or too large to read"


def _hidden_in(tree: ast.Module, unread: Iterable[str] = ()) -> list[str]:
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.alias):
            used |= set(node.name.split("."))
        elif isinstance(node, ast.ImportFrom) and node.module:
            used |= set(node.module.split("."))
    return sorted(used & RUNS_DATA) + list(unread)


def hidden_text(hidden: dict[str, list[str]]) -> str:
    """``{"ex06_zeroing.py": ["decompress", "exec"]}`` as "ex06_zeroing.py (decompress, exec)"."""
    return "; ".join(f"{file} ({', '.join(map(str, calls))})"
                     for file, calls in sorted(hidden.items()) if isinstance(calls, list))


class Code(NamedTuple):
    """What similarity.csv is made from, per submission: its functions' fingerprints
    (``fingerprints``) and, by file, its calls that run data as code (``hidden_code``)."""

    fingerprints: dict[str, list]
    hidden: dict[str, list[str]]


def _readable(paths: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of the exercise files in ``paths`` that can be read. Bytes, not text:
    read as UTF-8, a file with a coding line (latin-1, utf-7) that Python ran as written did
    not parse, and went uncompared."""
    for path in paths:
        if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_FILE_BYTES:
            yield path.name, path.read_bytes()


def file_fingerprints(paths: Iterable[Path]) -> dict[str, list]:
    """The fingerprints of the functions in ``paths`` (exercise files), by file name."""
    return read_code(paths).fingerprints


def read_code(paths: Iterable[Path], reference: Reference | None = None) -> Code:
    """A submission's ``Code``, from its exercise files ``paths``, each parsed once; with
    ``reference``, every function that holds a reference function's code is in it, however
    many functions come first (``_fingerprinted``)."""
    code = Code({}, {})
    for name, source in _readable(paths):
        tree, unread = _parse(source)
        if tree is None:
            if unread:
                code.hidden[name] = unread
            continue
        calls = _hidden_in(tree, unread)  # first: fingerprinting renames its names
        found = _fingerprinted(tree, name, reference)
        if found is None:
            calls.append(UNREAD)
        if calls:
            code.hidden[name] = calls
        code.fingerprints.update(found or {})
    return code


def _how(verbatim_digests: Iterable[str]) -> str:
    return VERBATIM if len(set(verbatim_digests)) == 1 else RENAMED


@functools.cache
def given(stubs: Path) -> frozenset[str]:
    """The fingerprints (names changed) of the code the stubs in ``stubs`` hand every
    learner, such as ex10's Value.__init__: everyone's copy of it is the same, and no lead."""
    found = file_fingerprints(sorted(stubs.glob(EXERCISE_FILES))).values()
    return frozenset(fingerprint[1] for fingerprint in found)


class Reference(NamedTuple):
    """The reference solutions' fingerprints: as written, with names changed, and each
    function's shingles by its name (the code the stubs give left out)."""

    verbatim: set[str]
    renamed: set[str]
    shingles: dict[str, set[int]]


# The methods lesson 10 builds with every learner (course.tasks.TAUGHT_IN_LESSONS: Value's + and
# *): everyone's is the reference's, so no copy of theirs is a lead, the reference's own are
# nothing to find a copy of, and students share them with no one. Only these methods of Value:
# any function named __add__ once went unread, and a red team's copy of the reference's
# topological_order and sum_to_size, each moved into a helper class's __add__ or __mul__ and
# called as `_Walk() + root`, scored 4/4 on ex10 with no row. Such a method is compared with
# the reference's other functions as any function is (an honest __add__ holds at most a third
# of any of them).
TAUGHT = frozenset(f"{file}:Value.{name}" for file, name in
                   (taught.split(":") for taught in TAUGHT_IN_LESSONS))


def reference_digests(solutions: Path, stubs: Path = STUBS) -> Reference:
    found = {f: fp for f, fp in file_fingerprints(sorted(solutions.glob(EXERCISE_FILES))
                                                  ).items()
             if fp[1] not in given(stubs) and f not in TAUGHT}
    return Reference({fp[0] for fp in found.values()}, {fp[1] for fp in found.values()},
                     {f: set(fp[2]) for f, fp in found.items()})


def _share(function: str, fingerprint: list, reference: Reference) -> tuple[float, str]:
    """The largest share of a reference function's shingles (one of the same file, whatever
    its name) that ``function`` holds, and that reference function's name."""
    mine = fingerprint[2] if len(fingerprint) > 2 else None  # results of an older grader
    if not isinstance(mine, list):
        return 0.0, ""
    file = function.split(":")[0] + ":"
    return max(((len(theirs.intersection(mine)) / len(theirs), name)
                for name, theirs in reference.shingles.items()
                if name.startswith(file) and theirs), default=(0.0, ""))


def copied(found: dict[str, list], reference: Reference) -> tuple[list[str], str]:
    """The functions of one submission (its fingerprints) that hold a reference solution's
    code, and how: verbatim when every one of them does as written, names changed when some
    do only with other names, edited when some hold most of it (those named with their share,
    "ex06_zeroing.py:train (88%)", or "ex06_zeroing.py:fit (88% of train)" for a reference
    function of another name)."""
    verbatim = [f for f, fp in sorted(found.items()) if fp[0] in reference.verbatim]
    renamed = [f for f, fp in sorted(found.items())
               if fp[0] not in reference.verbatim and fp[1] in reference.renamed]
    shares = {f: _share(f, fp, reference) for f, fp in sorted(found.items())
              if f not in verbatim and f not in renamed}
    edited = [f"{f} ({share:.0%}{'' if of == f else ' of ' + of.split(':')[1]})"
              for f, (share, of) in shares.items() if share >= EDITED_SHARE]
    return sorted(verbatim + renamed + edited), \
        EDITED if edited else RENAMED if renamed else VERBATIM


def _edited_pairs(submissions: dict[str, dict[str, list]], reference: Reference,
                  skip: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Pairs of students' functions of the same name where one holds EDITED_SHARE or more of
    the other's shingles (of the smaller one's): a classmate's code copied, then edited.
    Only shingles that few students write count: not those more than GROUP students hold
    (the lesson's idioms, in a large class), nor the reference function's (a copy of it is
    reported as that). ``skip``: (submission, function) already reported."""
    holders: dict[str, dict[str, set[int]]] = defaultdict(dict)  # function -> name -> shingles
    for name, found in submissions.items():
        for function, fingerprint in found.items():
            if (name, function) not in skip and len(fingerprint) > 2 \
                    and isinstance(fingerprint[2], list):
                holders[function][name] = set(fingerprint[2]) - reference.shingles.get(
                    function, set())
    download = Download.of(submissions)
    student = {name: owner(name, download) for name in submissions}
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for function, held in holders.items():
        by_shingle: dict[int, list[str]] = defaultdict(list)  # -> the submissions holding it
        for name, shingles in held.items():
            for shingle in shingles:
                by_shingle[shingle].append(name)
        rare = {h: sorted(names) for h, names in by_shingle.items()
                if len({student[n] for n in names}) <= GROUP}
        size: Counter[str] = Counter(n for names in rare.values() for n in names)
        common: Counter[tuple[str, str]] = Counter(  # rare shingles each pair holds
            pair for names in rare.values() for pair in combinations(names, 2))
        for (a, b), count in common.items():
            smaller = min(size[a], size[b])
            # (the same code with other names: an exact pair; one student's: no pair)
            if smaller >= MIN_SHINGLES and count >= EDITED_SHARE * smaller \
                    and submissions[a][function][1] != submissions[b][function][1] \
                    and student[a] != student[b]:
                pairs[(a, b)].append((f"{function} ({count / smaller:.0%})", EDITED))
    return pairs


def _shared(out: Path, solutions: Path, stubs: Path,
            only: Collection[str] | None = None) -> list[list[Any]]:
    """similarity.csv's rows, most shared functions first, between the submissions ``only``
    (None: every one graded into ``out``). ``of``: how many functions were fingerprinted in
    the submission (in the smaller of the two, for a pair)."""
    reference = reference_digests(solutions, stubs)
    submissions: dict[str, dict[str, list]] = {}
    rows = []
    for path in sorted((out / "results").glob("*.json")):
        if only is not None and path.stem not in only:
            continue
        extra = read_json(path, {}).get("extra_data", {})
        found = extra.get("fingerprints")
        if isinstance(found, dict):  # the stubs' own code left out: everyone has it
            submissions[path.stem] = {k: v for k, v in found.items() if isinstance(v, list)
                                      and len(v) in (2, 3) and v[1] not in given(stubs)}
        hidden = extra.get("hidden_code")
        if isinstance(hidden, dict) and hidden:
            rows.append([path.stem, HIDES, len(hidden), "", hidden_text(hidden), HIDDEN])
    reported: set[tuple[str, str]] = set()  # (submission, function) already in a row
    download = Download.of(submissions)  # (whose a name is: course.gradebook.owner)
    # renamed digest -> (submission, function, verbatim digest) of each function holding it
    holders: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for name, found in submissions.items():
        functions, how = copied(found, reference)
        if functions:
            rows.append([name, REFERENCE, len(functions), len(found), "; ".join(functions),
                         how])
        reported |= {(name, f.split(" (")[0]) for f in functions}  # an edited one's share
        # Lesson 10's methods: the same in every submission, shared with no one (TAUGHT).
        reported |= {(name, f) for f in found if f in TAUGHT}
        for function, (verbatim, renamed, *_) in found.items():
            if (name, function) not in reported:  # a reference copy is reported as that alone
                holders[renamed].add((name, function, verbatim))
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for held in holders.values():
        if len({owner(name, download) for name, _, _ in held}) > GROUP:
            # Code many students share: one row for all of them, not a row per pair.
            names = sorted({name for name, _, _ in held})
            functions = sorted({function for _, function, _ in held})
            rows.append([f"{len(names)} submissions", "; ".join(names), 1, "",
                         "; ".join(functions), _how(v for _, _, v in held)])
            reported |= {(name, function) for name, function, _ in held}
            continue
        for (a, function, one), (b, _, other) in combinations(sorted(held), 2):
            # (a student's own earlier submission is no one else's)
            if owner(a, download) != owner(b, download):
                pairs[(a, b)].append((function, VERBATIM if one == other else RENAMED))
    for pair, shared in _edited_pairs(submissions, reference, reported).items():
        pairs[pair] += shared
    rows += [[a, b, len(shared), min(len(submissions[a]), len(submissions[b])),
              "; ".join(sorted(f for f, _ in shared)),
              next((how for how in (EDITED, RENAMED) if any(h == how for _, h in shared)),
                   VERBATIM)]
             for (a, b), shared in pairs.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))


def write(out: Path, solutions: Path, stubs: Path = STUBS,
          only: Collection[str] | None = None) -> tuple[Path, int]:
    """Write OUT/similarity.csv from the graded results of the submissions ``only`` (`course
    grade` gives those its gradebook counts: a learner's superseded copy of the reference,
    replaced by their own work, is no lead; None: every one); returns it and its number of
    rows."""
    rows = _shared(out, solutions, stubs, only)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["submission", "shares_with", "functions_shared", "of", "functions", "how"])
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    path = out / "similarity.csv"
    atomic_write(path, text.getvalue())
    return path, len(rows)

