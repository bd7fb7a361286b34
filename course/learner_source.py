"""A learner's file parsed in the grader's own process: the one place that does it.

The grader's process reads learner source and never runs it: similarity.csv's fingerprints
(course.similarity), ex10's rule on the source (course.own_code), telling a stub from code left
above its raise (course.stub). Parsing is the step there whose cost the file chooses, and one
long parse holds the whole process: every thread of it, the jobs graded beside this submission
too (course.sandbox reads their replies once it runs again). So each such parse is ``parse``
(tests/test_course_learner_source.py holds the rest of course/ to that), which

- reads each f-string too costly for Python's parser (below) as an empty one, ``f""``, that
  keeps its line breaks (as line continuations) and its width: every line and column after it
  is the file's own, as a traceback from the learner's process names them;
- decodes a file's bytes as Python does (its coding line, a BOM, else UTF-8);
- answers every file: one that is not Python (SyntaxError, a null byte, an unknown coding, a
  file that does not tokenize) has no tree; nor has one that Python may run but that is nested
  too deeply, or is too large, to parse here (RecursionError, MemoryError: Python's parser
  stops at a depth that shrinks with the depth of the stack it is called from, and the
  grader's is deeper than the sandbox's, by a few dozen levels near 3,000 on Python 3.11),
  which says so.

Costly f-strings. Before Python 3.12 the parser finds each replacement field of an f-string by
a search from the string's start, so an f-string of n fields in n characters costs n * n, in
one call. A red team's exercise file of one 600 KB f-string held the grader 29 s to a minute,
1 MiB for two, per parse; and each field costs about 25 us however short its f-string (1 MiB
of them: 8 s). An honest exercise file holds a few dozen fields, each f-string a few hundred
characters times fields. They are found token by token, in Python, in time linear in the
file's length, in which other threads run. (From 3.12 the tokenizer reads f-strings as tokens
of their own, and none is a STRING token here.)

    >>> parse("x = 1\\n").tree is not None
    True
    >>> parsed = parse("x = 1\\ny = f'''" + "{a}\\n" * 10_000 + "'''; z = 2\\nw = 3\\n")
    >>> parsed.long_fstrings, [(s.lineno, s.col_offset) for s in parsed.tree.body]
    ((2,), [(1, 0), (2, 0), (10002, 5), (10003, 0)])
    >>> parse("x = (\\n"), parse("-" * 100_000 + "1").too_deep
    (Parsed(tree=None, long_fstrings=(), too_deep=False), True)
"""

from __future__ import annotations

import ast
import importlib.util
import io
import itertools
import tokenize
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

# One f-string's characters times fields at most (about 0.03 s to parse), and a file's fields
# in f-strings at most (about 0.25 s).
WORK, FIELDS = 1 << 26, 10_000


class Parsed(NamedTuple):
    """What ``parse`` read of a learner's file."""

    tree: ast.Module | ast.Expression | None  # None: not read (too_deep: though Python may)
    long_fstrings: tuple[int, ...] = ()  # the lines where f-strings read as f"" begin
    too_deep: bool = False  # nested too deeply, or too large, to parse here


def parse(source: str | bytes, mode: Literal["exec", "eval"] = "exec") -> Parsed:
    """``source`` (a learner's file, or text from one) parsed as ``ast.parse`` does, in a
    time that follows its length: each costly f-string read as ``f""``, the lines and
    columns of the rest kept. Raises nothing for anything ``source`` holds."""
    long: tuple[int, ...] = ()
    try:
        text = source
        if _may_cost(source):
            if isinstance(source, bytes):
                text = importlib.util.decode_source(source)
            text, long = _without_costly_fstrings(text)
        return Parsed(ast.parse(text, mode=mode), long)
    except (RecursionError, MemoryError):
        return Parsed(None, long, too_deep=True)
    # ValueError: a null byte, text that is not UTF-8; LookupError: an unknown coding;
    # TokenError: a file that does not tokenize (nor, then, compile).
    except (SyntaxError, ValueError, LookupError, OverflowError, tokenize.TokenError):
        return Parsed(None, long)


def _without_costly_fstrings(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with its costly f-strings read as ``f""``, each holding the line breaks it
    held (as line continuations) and as wide as it was; and the lines where they begin.
    Written once, piece by piece: a red team's 120,000 costly f-strings on one line of 1 MiB,
    each cut in by copying the whole line, held the grader 32 s per parse."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # (the lines Python's parser counts)
    costly = _costly(text)
    if not costly:
        return text, ()
    at = _offsets(text)
    pieces, done = [], 0
    for token in costly:
        (row, _), (end_row, _) = token.start, token.end
        begin, end = at(token.start), at(token.end)
        empty = 'f"' + "\\\n" * (end_row - row) + '"'  # (a line continuation adds nothing)
        width = _width(text[max(begin, at((end_row, 0))):end])  # (on its last line)
        pieces += [text[done:begin], _padded(empty, width, text[end:end + 1])]
        done = end
    pieces.append(text[done:])
    return "".join(pieces), tuple(token.start[0] for token in costly)


def _offsets(text: str) -> Callable[[tuple[int, int]], int]:
    """Where in ``text`` a tokenizer's (row, column) is, as an index (rows split as the
    tokenizer's are: at "\\n")."""
    starts = list(itertools.accumulate(map(len, io.StringIO(text).readlines()), initial=0))
    return lambda position: starts[position[0] - 1] + position[1]


def _width(text: str) -> int:
    """``text``'s width as ast counts columns: in UTF-8 bytes."""
    return len(text.encode("utf-8", "surrogatepass"))


def _padded(empty: str, width: int, after: str) -> str:
    """``empty``, an f-string, made to end ``width`` columns into its last line, where the
    f-string it stands for ended: joined to one more empty string, it ends where that does.
    (Not ``f""""``, nor ``""`` before a quote: a triple-quoted string would begin there.)"""
    last = empty.rsplit("\n", 1)[-1]
    short = width - len(last)
    if short < (3 if last == empty else 2):
        return empty + " " * short  # (a few columns short, where it was as short)
    return empty + " " * (short - 2) + ("''" if after.startswith('"') else '""')


def _may_cost(source: str | bytes) -> bool:
    """Whether ``source`` may hold an f-string that ``_costly`` names (a quick count)."""
    braces = source.count("{" if isinstance(source, str) else b"{")
    return braces > FIELDS or braces * len(source) > WORK


def _costly(text: str) -> list[tokenize.TokenInfo]:
    """The f-strings of ``text`` past ``WORK``, or past the file's first ``FIELDS`` fields, in
    order, each as one STRING token; tokenize.TokenError (or a SyntaxError) where the file
    does not tokenize.

    >>> _costly('x = f"{a}"')
    []
    >>> [token.start for token in _costly('x = 1\\ny = f"' + "{a}" * 10_000 + '"\\n')]
    [(2, 4)]
    """
    if not _may_cost(text):
        return []
    found, fields = [], 0
    for token in _literals(text):
        work = _work(token.string)
        if work > WORK or (work and fields + token.string.count("{") > FIELDS):
            found.append(token)
        elif work:
            fields += token.string.count("{")
    return found


def _literals(text: str) -> Iterator[tokenize.TokenInfo]:
    """The string literals of ``text``, each one STRING token: from Python 3.12 tokenize
    splits an f-string into tokens of its own (FSTRING_START ... FSTRING_END), joined here."""
    start = getattr(tokenize, "FSTRING_START", None)
    at: Callable[[tuple[int, int]], int] | None = None
    depth, first = 0, None
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING and not depth:
            yield token
        elif start is not None and token.type == start:
            depth += 1
            first = first if depth > 1 else token
        elif start is not None and token.type == tokenize.FSTRING_END and depth:
            depth -= 1
            if not depth and first is not None:
                at = at or _offsets(text)  # (not the line joined per f-string: n * n)
                yield tokenize.TokenInfo(tokenize.STRING, text[at(first.start):at(token.end)],
                                         first.start, token.end, first.line)


def _work(literal: str) -> int:
    """A string literal's characters times its replacement fields, if it is an f-string."""
    prefix = literal[:min(i for i in (literal.find('"'), literal.find("'"), len(literal))
                          if i >= 0)]
    return len(literal) * literal.count("{") if "f" in prefix.lower() else 0
