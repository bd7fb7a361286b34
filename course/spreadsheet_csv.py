"""Reading a CSV an instructor saved from a spreadsheet (a roster), whatever Excel made of it.

Excel writes a "CSV" in several ways, and a roster from any of them must read as the same rows:

- the text's encoding: "CSV UTF-8" (UTF-8 with a byte-order mark), "Unicode Text" (UTF-16
  with one, tab-separated), or plain "CSV" in the Windows code page (cp1252 in Western Europe).
  The first two are told by their byte-order mark; the code page cannot be told from UTF-8 with
  certainty, so its bytes are refused with where they are and how to save the file instead of
  guessing (a wrong guess would misspell every accented name, and they would match no one);
- the delimiter: ``,``, or ``;`` where the decimal separator is a comma (European Excel), or
  a tab: the one the header line holds most of.

    >>> delimiter("Student;ID;SIS Login ID")
    ';'
    >>> delimiter("Student,ID")
    ','
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from course.errors import UsageError

# Longest first: UTF-8's mark is no prefix of the others', but UTF-16's must be tried as such.
_MARKS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
          (codecs.BOM_UTF16_BE, "utf-16"))
_DELIMITERS = (",", ";", "\t")  # a tie goes to the first: a comma, CSV's own


def delimiter(header: str) -> str:
    """The delimiter a header line uses: of ``, ; tab``, the one it holds most of."""
    return max(_DELIMITERS, key=header.count)


def decode(raw: bytes, path: Path, what: str) -> str:
    """The text of ``raw``, the bytes of ``path`` (``what`` it is, for the message): by its
    byte-order mark, else UTF-8; bytes of another encoding are a UsageError naming the line."""
    encoding = next((name for mark, name in _MARKS if raw.startswith(mark)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise UsageError(
            f"cannot read {what} {path}: byte 0x{raw[e.start]:02x} on line {line} is not "
            f"{encoding.upper().replace('-SIG', '')} (a spreadsheet's own encoding, such as "
            'Windows\'s cp1252?): save it from Excel as "CSV UTF-8 (Comma delimited)"') from None


def read_rows(path: Path, what: str) -> list[dict[str, str]]:
    """The rows of the CSV ``path`` (``what`` it is, for messages), by its header line."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read {what} {path}: {e.strerror or e}") from None
    text = decode(raw, path, what)
    try:
        return list(csv.DictReader(io.StringIO(text, newline=""),
                                   delimiter=delimiter(text.partition("\n")[0])))
    except csv.Error as e:
        raise UsageError(f"cannot read {what} {path}: {e}") from None
