"""Showing untrusted text safely: submission and file names, learner output, exception messages.

Anything a submission controls may be hostile when shown: escape sequences that retitle or
clear the instructor's terminal, raw HTML or links in a Markdown file, right-to-left overrides
that make text read differently than it is. Each place that shows such text uses one of:

- ``clean(text)``: for a terminal or a text file: escape sequences removed, carriage returns
  made newlines, other control characters, bidirectional overrides and unpaired surrogates
  replaced by U+FFFD (so something visibly stood there);
- ``one_line(text)``: ``clean`` on a single line, for progress lines and one-line messages;
- ``md_code(text)`` and ``md_fence(text)``: a Markdown code span or fenced block that the text
  cannot close, so nothing inside becomes a link, an image, HTML or emphasis.

HTML is escaped with ``html.escape(clean(text))``.

    >>> one_line("\\x1b]0;owned\\x07ali\\x1b[31mce\\nsmith")
    'alice smith'
    >>> md_code("[click](http://x) <b>")
    '` [click](http://x) <b> `'
"""

from __future__ import annotations

import re

# CSI (colours, cursor moves), OSC (window title, hyperlinks; ended by BEL or ESC \ or
# unterminated), the other two-byte ESC sequences, and the one-byte C1 CSI.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                      r"|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]?")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` safe to print or write to a text file (newlines and tabs kept)."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("\ufffd", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """``clean(text)`` with every run of whitespace (newlines too) made one space."""
    return " ".join(clean(text).split())


def shorten(text: str, longest: int) -> str:
    """``text``, or its start and "..." when it is longer than ``longest`` characters.

        >>> shorten("expected 1, got 2", 12)
        'expected ...'
    """
    return text if len(text) <= longest else text[:longest - 3] + "..."


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall("`+", text)), default=0)


def md_code(text: str) -> str:
    """An inline Markdown code span holding ``text`` (on one line) literally."""
    text = one_line(text)
    fence = "`" * (_longest_backtick_run(text) + 1)
    return f"{fence} {text} {fence}"  # the spaces let text start or end with a backtick


def md_fence(text: str, info: str = "text") -> str:
    """A fenced Markdown code block holding ``text`` literally."""
    text = clean(text)
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{fence}{info}\n{text}\n{fence}"
