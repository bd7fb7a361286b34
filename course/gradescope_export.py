"""Who submitted what, and when, in Gradescope's "Export Submissions" download.

The download (unzipped) holds one folder per submission, ``submission_<id>/``, and beside
them ``submission_metadata.yml``, which Gradescope (Ruby) writes as YAML keyed by folder::

    submission_1001:
      :submitters:
      - :name: Ada Lovelace
        :email: ada@uni.edu
        :sid: '1815'
      :created_at: 2026-11-25 18:01:02.123456000 Z
      :score: 12.0
      :results: ...        (a programming assignment's results.json; anything at all)
      :history: ...        (earlier submissions)

Only ``:submitters:`` (name, email, sid) and ``:created_at:`` are read; every other key and
whatever lies under it is skipped by its indentation, never parsed: ``:results:`` holds the
autograder's output, text of any shape and tens of megabytes for a class, which a full YAML
loader would have to accept in full (a Ruby tag, ``!ruby/hash:...``, anywhere in it, which
PyYAML's safe loader refuses, would lose the whole class; PyYAML is also no dependency of
ours, only of Jupyter's). What is read is read strictly: every submission's keys as far in
as the first one's (two spaces as Ruby writes them; four if another writer saved the file
again), a submitter's keys under a ``- ``, plain, ``'single'`` or ``"double"``
quoted scalars (continued on deeper lines, as Ruby folds a long one). Anything else there is
that submission's warning, never an exception: the file comes from a download anyone may
have edited.

    >>> export = read_metadata_text("submission_7:\\n  :submitters:\\n  - :name: Ada\\n"
    ...                             "  :created_at: 2026-11-25 18:01:02.5 Z\\n")
    >>> export.submissions["submission_7"].submitters[0].name, export.warnings
    ('Ada', [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from course.ownership import changeable_by_others, others_may_change
from course.sanitize import one_line
from course.workspace import read_head

METADATA = "submission_metadata.yml"
# A class of 1,000 with long autograder outputs in :results: stays well under this; a file
# over it is refused whole (with a warning) rather than read in part.
MAX_BYTES = 256 << 20
MAX_SUBMITTERS = 50  # Gradescope's groups are a handful; more is no export of its
MAX_FIELD = 200  # characters of a name, email or sid
MAX_WARNINGS = 20
SUBMITTER_FIELDS = (":name", ":email", ":sid")
# Ruby's Time as Psych writes it: 2019-09-04 21:03:57.297916000 Z (or -07:00 for an offset)
_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?\s*(Z|[+-]\d\d:?\d\d)?")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


class BadMetadata(ValueError):
    """A part of the file not in the form Gradescope writes: its line, and what is wrong."""


@dataclass(frozen=True)
class Submitter:
    """One student of a submission, as Gradescope names them (each may be empty)."""

    name: str
    email: str = ""
    sid: str = ""

    def shown(self) -> str:
        """``Ada Lovelace (ada@uni.edu, SID 1815)``: the student, for a message."""
        ids = ", ".join(x for x in (self.email, f"SID {self.sid}" if self.sid else "") if x)
        return (self.name or self.email or self.sid or "?") + (f" ({ids})" if ids else "")


@dataclass(frozen=True)
class Submission:
    """A submission's folder as the metadata describes it."""

    submitters: tuple[Submitter, ...]
    created_at: datetime | None


@dataclass
class Export:
    """What ``submission_metadata.yml`` says, and what of it could not be read (warnings)."""

    submissions: dict[str, Submission] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# -- lines and blocks ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    number: int
    indent: int
    text: str  # without the indent; "" for a blank line


def _line(number: int, raw: str) -> _Line:
    body = raw.lstrip(" ")
    if body.startswith("\t"):
        raise BadMetadata(f"line {number}: a tab indents it (YAML indents with spaces)")
    if body.startswith("#"):
        body = ""  # a comment
    return _Line(number, len(raw) - len(body), body.rstrip())


_READ = (":submitters", ":created_at")
# The first line indented at all (not blank, not a comment): the first submission's first key.
_FIRST_KEY = re.compile(r"^( +)[^ \r\n#]", re.MULTILINE)


def _key_indent(text: str) -> int:
    """How far in the file's submissions have their keys: as far as its first submission's
    first key (two spaces as Ruby writes them; four as another YAML writer may have)."""
    first = _FIRST_KEY.search(text)
    return len(first.group(1)) if first else 2


def _lines(text: str, indent: int) -> list[_Line]:
    """The lines of ``text`` this reader needs: every line from the left margin to the keys'
    ``indent`` (``_key_indent``), and the lines under the keys it reads; the lines under any
    other key (a class's :results:, tens of megabytes) are stepped over by one search, never
    split or kept."""
    # The lines that give the file its shape: a submission's folder (at the left margin) and
    # its keys (and a list's "- " beside them).
    shape = re.compile(rf"^ {{0,{indent}}}[^ \r\n].*$", re.MULTILINE)
    found, number, at, keep = [], 1, 0, False
    for match in shape.finditer(text):
        between = text[at:match.start()]
        if keep:
            found += [_line(number + 1 + i, raw) for i, raw in
                      enumerate(between.split("\n")[1:-1])]
        number += between.count("\n")
        at = match.end()
        line = _line(number, match.group().rstrip("\r"))
        if line.indent == indent and not _dash(line):
            keep = any(line.text == f"{key}:" or line.text.startswith(f"{key}: ")
                       for key in _READ)
        elif line.indent != indent:
            keep = False
        if line.indent != indent or keep or not _dash(line):
            found.append(line)
    if keep:
        found += [_line(number + 1 + i, raw) for i, raw in
                  enumerate(text[at:].split("\n")[1:])]
    return found


def _items(lines: list[_Line]) -> list[tuple[_Line, list[_Line]]]:
    """A block's entries, each its head line and the lines under it: a head is a line at the
    block's indent (its first line's), and lines deeper, blank, or a ``- `` at that indent (a
    sequence Ruby writes under a key without indenting it) belong to the head before."""
    filled = [line for line in lines if line.text]
    if not filled:
        return []
    indent, items = filled[0].indent, []
    for line in lines:
        if line.text and line.indent < indent:
            raise BadMetadata(f"line {line.number}: indented less than the lines before it")
        dash = line.text == "-" or line.text.startswith("- ")
        if line.text and line.indent == indent and not (dash and items
                                                        and not _dash(items[0][0])):
            items.append((line, []))
        elif items:
            items[-1][1].append(line)
    return items


def _dash(line: _Line) -> bool:
    return line.text == "-" or line.text.startswith("- ")


def _key_value(line: _Line) -> tuple[str, str]:
    """``:name: Ada`` -> (":name", "Ada"); a key quoted or plain, never a complex one."""
    text = line.text
    if text[:1] in ("'", '"'):
        end = _quoted_end(text, line.number)
        key, rest = _scalar(text[:end + 1], line.number), text[end + 1:]
        if not (rest == ":" or rest.startswith(": ")):
            raise BadMetadata(f"line {line.number}: a key without ':' after it")
        return str(key), rest[1:].strip()
    at = text.find(": ", 1)
    if at < 0:
        if not text.endswith(":") or len(text) < 2:
            raise BadMetadata(f"line {line.number}: not a key and value")
        return text[:-1], ""
    return text[:at], text[at + 2:].strip()


def _quoted_end(text: str, number: int) -> int:
    """Where the quoted scalar starting ``text`` ends (the index of its closing quote)."""
    quote, at = text[0], 1
    while at < len(text):
        if quote == '"' and text[at] == "\\":
            at += 2
            continue
        if text[at] == quote:
            if quote == "'" and text[at + 1:at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    raise BadMetadata(f"line {number}: a quoted text with no closing {quote}")


def _scalar(text: str, number: int) -> str | None:
    """A scalar's text, already joined from its lines: plain, 'single' or "double" quoted;
    None for YAML's null. Anything else Ruby writes (a block scalar, a tag, an anchor, a
    flow collection) is no name, email, sid or time: refused."""
    if text[:1] == "'":
        if _quoted_end(text, number) != len(text) - 1:
            raise BadMetadata(f"line {number}: text after a quoted value")
        return text[1:-1].replace("''", "'")
    if text[:1] == '"':
        if _quoted_end(text, number) != len(text) - 1:
            raise BadMetadata(f"line {number}: text after a quoted value")
        return _unescape(text[1:-1], number)
    if text[:1] in tuple("|>!&*[]{}@`%,?"):
        raise BadMetadata(f"line {number}: a value written as {text[:1]!r}...: not a text "
                          "Gradescope writes here")
    text = re.sub(r"\s+#.*$", "", text)
    return None if text in ("", "~", "null", "Null", "NULL") else text


def _unescape(body: str, number: int) -> str:
    out, at = [], 0
    while at < len(body):
        char = body[at]
        if char != "\\":
            out.append(char)
            at += 1
            continue
        code = body[at + 1:at + 2]
        if code in _HEX:
            digits = body[at + 2:at + 2 + _HEX[code]]
            # (a lone surrogate is no character: it could not be written to the CSV)
            if len(digits) != _HEX[code] or not re.fullmatch(r"[0-9A-Fa-f]+", digits) \
                    or int(digits, 16) > 0x10FFFF or 0xD800 <= int(digits, 16) <= 0xDFFF:
                raise BadMetadata(f"line {number}: a bad \\{code} escape")
            out.append(chr(int(digits, 16)))
            at += 2 + _HEX[code]
        elif code in _ESCAPES:
            out.append(_ESCAPES[code])
            at += 2
        else:
            raise BadMetadata(f"line {number}: an unknown escape \\{code}")
    return "".join(out)


def _value(head: _Line, under: list[_Line]) -> str | None:
    """A scalar value that may go on over the deeper lines ``under`` its key, folded as YAML
    folds it: a line break is a space, a blank line a newline; a quoted scalar's line ending
    in ``\\`` goes on with no space."""
    _, first = _key_value(head)
    parts = [first]
    for line in under[:1000]:  # (a name, an email, a time: never a thousand lines long)
        if not line.text:
            parts.append("\n")
        elif parts[-1].endswith("\\") and first.startswith('"'):
            parts[-1] = parts[-1][:-1]
            parts.append(line.text)
        else:
            parts.append(("" if parts[-1].endswith("\n") or not parts[-1] else " ")
                         + line.text)
    text = "".join(parts)
    # (blank lines after it separate it from the next key: no part of it)
    return _scalar(text.rstrip("\n").strip(" "), head.number)


# -- the metadata ----------------------------------------------------------------------------

def _time(text: str | None, number: int) -> datetime | None:
    match = _TIME.fullmatch(text or "")
    if not match:
        raise BadMetadata(f"line {number}: :created_at: {one_line(str(text))[:60]!r} is no "
                          "time (Gradescope writes 2026-11-25 18:01:02.123456000 Z)")
    day, clock, fraction, zone = match.groups()
    when = datetime.fromisoformat(f"{day}T{clock}")
    when += timedelta(microseconds=int((fraction or "0")[:6].ljust(6, "0")))
    if zone in (None, "Z"):
        return when.replace(tzinfo=timezone.utc)
    sign = 1 if zone[0] == "+" else -1
    hours, minutes = int(zone[1:3]), int(zone[-2:])
    return when.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


def _field(fields: dict[str, str], key: str, folder: str, warnings: list[str]) -> str:
    """A submitter's name, email or sid, one line of printable text (control characters and
    line breaks made spaces, with a warning: no LMS writes them)."""
    text = fields.get(key, "")
    shown = one_line(text)
    if len(shown) > MAX_FIELD:
        warnings.append(f"{METADATA}: {folder}: a submitter's {key[1:]} is "
                        f"{len(shown)} characters long: cut to {MAX_FIELD}")
        shown = shown[:MAX_FIELD]
    if shown != text:
        warnings.append(f"{METADATA}: {folder}: a submitter's {key[1:]} {shown!r} held "
                        "control characters or line breaks: read without them")
    return shown


def _submitters(head: _Line, under: list[_Line], folder: str,
                warnings: list[str]) -> tuple[Submitter, ...]:
    if _key_value(head)[1] not in ("", "[]"):
        raise BadMetadata(f"line {head.number}: :submitters: is not a list")
    entries = _items(under)
    if any(not _dash(line) for line, _ in entries):
        raise BadMetadata(f"line {head.number}: :submitters: is not a list")
    if len(entries) > MAX_SUBMITTERS:
        raise BadMetadata(f"line {head.number}: {len(entries)} submitters (at most "
                          f"{MAX_SUBMITTERS} are read)")
    found = []
    for dash, rest in entries:
        # "- :name: Ada" and the lines under it: a mapping whose keys line up with its first
        # (two columns past the "-" as Ruby writes it, four as PyYAML's indent=4 does)
        mapping = dash.text[1:].lstrip(" ")
        first = _Line(dash.number, dash.indent + len(dash.text) - len(mapping), mapping)
        fields: dict[str, str] = {}
        for line, deeper in _items([first, *rest] if first.text else rest):
            key, _ = _key_value(line)
            if key in SUBMITTER_FIELDS:
                value = _value(line, deeper)
                fields[key] = "" if value is None else value
        submitter = Submitter(*(_field(fields, key, folder, warnings)
                                for key in SUBMITTER_FIELDS))
        if not any((submitter.name, submitter.email, submitter.sid)):
            warnings.append(f"{METADATA}: {folder}: a submitter (line {dash.number}) has no "
                            "name, email or sid: left out")
            continue
        found.append(submitter)
    return tuple(found)


def _submission(folder: str, under: list[_Line], indent: int,
                warnings: list[str]) -> Submission:
    """The submission ``folder`` from the lines ``under`` it, its keys ``indent`` spaces in
    (as the file's first submission's: one file, one writer, one indent)."""
    submitters: tuple[Submitter, ...] | None = None
    created_at = None
    filled = [line for line in under if line.text]
    if filled and filled[0].indent != indent:
        raise BadMetadata(f"line {filled[0].number}: {folder}'s keys are {filled[0].indent} "
                          f"spaces in, the first submission's {indent}")
    for line, deeper in _items(under):
        if _dash(line):
            raise BadMetadata(f"line {line.number}: a list where {folder}'s keys are")
        key, _ = _key_value(line)
        if key == ":submitters":
            submitters = _submitters(line, deeper, folder, warnings)
        elif key == ":created_at":
            created_at = _time(_value(line, deeper), line.number)
    if submitters is None:  # (or its keys further in than the first submission's)
        warnings.append(f"{METADATA}: {folder}: no :submitters: list found {indent} spaces "
                        "in (as the first submission's keys): named by its folder alone")
    return Submission(submitters or (), created_at)


def read_metadata_text(text: str) -> Export:
    """The metadata in ``text`` (see the module docstring); a submission whose part of it is
    not as Gradescope writes it is left out, with a warning naming its line."""
    export, indent = Export(), _key_indent(text)
    try:
        lines = _lines(text, indent)
    except BadMetadata as e:
        export.warnings.append(f"{METADATA}: {e}: not read")
        return export
    while lines and lines[0].text in ("", "---"):
        lines = lines[1:]
    try:
        top = _items(lines)
    except BadMetadata as e:
        export.warnings.append(f"{METADATA}: {e}: not read")
        return export
    for head, under in top:
        try:
            key, value = _key_value(head)
            if value or head.indent:
                raise BadMetadata(f"line {head.number}: not a submission's folder name and "
                                  "its keys")
            if not re.fullmatch(r"[\w.\- ]{1,255}", key) or key in (".", ".."):
                raise BadMetadata(f"line {head.number}: {one_line(key)[:60]!r} is no "
                                  "folder name")
            if key in export.submissions:
                raise BadMetadata(f"line {head.number}: {key} is listed twice")
            export.submissions[key] = _submission(key, under, indent, export.warnings)
        except BadMetadata as e:
            export.warnings.append(f"{METADATA}: {e}: that submission is left out")
    if len(export.warnings) > MAX_WARNINGS:  # (one a line on the terminal: the first say why)
        more = len(export.warnings) - MAX_WARNINGS
        export.warnings[MAX_WARNINGS:] = [f"{METADATA}: {more} more warning(s) like these"]
    return export


def _written_by_another(folder: Path) -> str | None:
    """Why ``folder``'s metadata may have been written by someone other than the grader's
    user, who downloaded the export (None: it cannot have been): it, or the folder holding
    it, is another user's, or others may write there, or in a folder on the way to it without
    the sticky bit (course.ownership.others_may_change, as for --out). The metadata says who
    submitted each folder beside it and when, as Gradescope's own word: a red team's file
    planted in a drop folder every learner writes to gave a classmate's folder, and her 3 of
    3, to its maker, and its maker's to her; one in a learner's own folder, graded where it
    lies, names anyone its maker likes as the submitter of the folder beside it."""
    # (a folder given through a link: the folder it leads to holds the file; one in a folder
    # others may write in is theirs to swap for their own between this check and the read)
    return others_may_change(folder) or changeable_by_others(folder / METADATA)


def read_metadata(folder: Path) -> Export | None:
    """``folder``'s ``submission_metadata.yml``, read (None: it has none). The file is
    opened without following a link (a learner's folder cannot lend another's metadata),
    and only where nobody but the grader's user could have written it (else not read, with
    a warning: its folders are then graded as anyone's, named by their folder)."""
    raw = read_head(folder / METADATA, MAX_BYTES + 1, follow_links=False)
    if raw is None:
        return None
    try:
        another = _written_by_another(folder)
    except OSError as e:
        another = f"it cannot be looked at ({e.strerror})"
    if another is not None:
        return Export(warnings=[f"{folder / METADATA}: not read, as Gradescope's word on who "
                                f"submitted what: {one_line(another)} (give the export as "
                                "downloaded, unzipped by the user who grades it)"])
    if len(raw) > MAX_BYTES:
        return Export(warnings=[f"{folder / METADATA}: over {MAX_BYTES >> 20} MiB: not read"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Export(warnings=[f"{folder / METADATA}: not UTF-8 ({e.reason} at byte "
                                f"{e.start}): not read"])
    return read_metadata_text(text)


def export_of(folder: Path) -> Export | None:
    """``read_metadata(folder)``, read once a run however many of its submissions are
    graded (read again if the file changed: its size or time differ)."""
    try:
        stat = (folder / METADATA).lstat()
    except OSError:
        return None
    return _export_of(str(folder.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _export_of(folder: str, _mtime: int, _size: int) -> Export | None:
    return read_metadata(Path(folder))


def submission_of(path: Path) -> Submission | None:
    """What the metadata beside the folder ``path`` says of it (None: no metadata there, or
    it does not list ``path``, or ``path`` is no folder)."""
    if not path.is_dir():
        return None
    export = export_of(path.resolve().parent)
    return export.submissions.get(path.name) if export else None


def export_warnings(folder: Path, graded: list[Path]) -> list[str]:
    """What to tell the instructor of the export in ``folder``, of which ``graded`` are
    graded: the metadata's own warnings, the folders it lists that are not there, and the
    graded folders it does not list (graded, but counted by their folder name alone)."""
    export = export_of(folder)
    if export is None:
        return []
    told = list(export.warnings)
    absent = sorted(name for name in export.submissions if not (folder / name).is_dir())
    if absent:
        told.append(f"{folder / METADATA} lists {len(absent)} folder(s) not in {folder}: "
                    f"{', '.join(absent[:5])}{' ...' if len(absent) > 5 else ''} (not graded)")
    unlisted = sorted(p.name for p in graded if p.is_dir() and p.name not in export.submissions)
    if unlisted:
        told.append(f"{len(unlisted)} folder(s) in {folder} that {METADATA} does not list "
                    f"(or could not be read for): {', '.join(unlisted[:5])}"
                    f"{' ...' if len(unlisted) > 5 else ''}: graded, named by their folder "
                    "alone (not on a roster)")
    return told
