"""f-strings that take Python's parser long to read: what the grader's own process parses of a
learner's file (similarity.csv's fingerprints, ex10's rule on the source) must not hold it.

Before Python 3.12 the parser finds each replacement field of an f-string by a search from the
string's start, so an f-string of n fields in n characters costs n * n, in one call that holds
the grader's whole process: every thread of it, the jobs graded beside this submission too
(course.sandbox reads their replies once it runs again). A red team's exercise file of one 600
KB f-string held it for a minute, 1 MiB for two, per file; and each field costs about 25 us
however short its f-string (1 MiB of them: 8 s). An honest exercise file holds a few dozen
fields, each f-string a few hundred characters times fields. (From 3.12 the tokenizer reads
f-strings as tokens of their own, and none is a STRING token here.)

    >>> costly('x = f"{a}"')
    []
    >>> [token.start for token in costly('x = 1\\ny = f"' + "{a}" * 10_000 + '"\\n')]
    [(2, 4)]
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator

# One f-string's characters times fields at most (about 0.03 s to parse), and a file's fields
# in f-strings at most (about 0.25 s).
WORK, FIELDS = 1 << 26, 10_000


def may_cost(source: str | bytes) -> bool:
    """Whether ``source`` may hold an f-string that ``costly`` names (a quick count)."""
    braces = source.count("{" if isinstance(source, str) else b"{")
    return braces > FIELDS or braces * len(source) > WORK


def costly(text: str) -> list[tokenize.TokenInfo]:
    """The f-strings of ``text`` past ``WORK``, or past the file's first ``FIELDS`` fields, in
    order, each as one STRING token. Read token by token in Python, in time linear in its
    length, in which other threads run: tokenize.TokenError (or a SyntaxError) where the file
    does not read."""
    if not may_cost(text):
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
    lines: list[str] = []
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
                lines = lines or io.StringIO(text).readlines()
                (row, col), (end_row, end_col) = first.start, token.end
                literal = "".join(lines[row - 1:end_row])[col:]
                literal = literal[:len(literal) - len(lines[end_row - 1]) + end_col]
                yield tokenize.TokenInfo(tokenize.STRING, literal, first.start, token.end,
                                         first.line)


def _work(literal: str) -> int:
    """A string literal's characters times its replacement fields, if it is an f-string."""
    prefix = literal[:min(i for i in (literal.find('"'), literal.find("'"), len(literal))
                          if i >= 0)]
    return len(literal) * literal.count("{") if "f" in prefix.lower() else 0
