"""Who a submission is, by the name Moodle's "Download all submissions" gives it.

With "Download submissions in folders", each learner's files are in a folder of their own,
``<full name>_<participant id>_assignsubmission_file`` (older versions end it with ``_``);
without it, each file is ``<full name>_<participant id>_assignsubmission_file_<its name>``.
The participant id is Moodle's, the one its grading worksheet gives in the Identifier column
(``Participant 1234567``). Moodle writes a full name's underscores as spaces, so the name ends
at the first ``_``: a learner who names their upload ``Ada_7_assignsubmission_file_hw.zip``
cannot make it read as participant 7's.

    >>> MoodleName.of("Ada Lovelace_1234567_assignsubmission_file").shown()
    'Ada Lovelace (participant 1234567)'
    >>> MoodleName.of("Ada Lovelace_1234567_assignsubmission_file_hw.zip").original
    'hw.zip'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

# (file submissions only: an online text is in a folder of its own, ..._onlinetext, which
# holds no exercise files and would be one more submission of the learner's, with no time)
_NAME = re.compile(r"(?P<name>[^_]*)_(?P<id>\d+)_assignsubmission_file(?:_(?P<original>.*))?",
                   re.DOTALL)
# What else Moodle downloads, a folder per learner: their online text (onlinetext.html)
_OTHER = re.compile(r"[^_]*_\d+_assignsubmission_(?!file_?$)[a-z]+_?")
# The grading worksheet's Identifier: "Participant 1234567" (in the site's language).
_IDENTIFIER = re.compile(r"\D*(\d+)\s*")
# The grading worksheet's column of when each learner's submission last changed, by Moodle's
# clock ("-": nothing submitted)
SUBMITTED = "Last modified (submission)"
# How Moodle writes that time (its userdate(), to the minute, in the downloading teacher's
# time zone, without saying which): "Tuesday, 1 December 2026, 11:59 PM" in English,
# "Tuesday, December 1, 2026, 11:59 PM" in US English, and either with a 24-hour clock where
# the teacher's preference says so. The weekday is left out before parsing.
_WORKSHEET_TIMES = ("%d %B %Y, %I:%M %p", "%B %d, %Y, %I:%M %p", "%d %B %Y, %H:%M",
                    "%B %d, %Y, %H:%M")


@dataclass(frozen=True)
class MoodleName:
    """What Moodle's download name says: the participant and their full name as Moodle gave
    it, and the name the learner gave the file ("" for a learner's folder)."""

    participant: str
    full_name: str
    original: str = ""

    def shown(self) -> str:
        """``Ada Lovelace (participant 1234567)``: the learner, for the gradebook."""
        return f"{self.full_name} (participant {self.participant})"

    @staticmethod
    def of(name: str) -> MoodleName | None:
        """What ``name`` says, or None: not a name Moodle gives."""
        found = _NAME.fullmatch(name)
        return MoodleName(found["id"], found["name"].strip(), found["original"] or "") \
            if found else None


def moodle_folder(path: Path) -> bool:
    """Whether ``path`` is a learner's folder of Moodle's download (their uploads inside)."""
    found = MoodleName.of(path.name)
    return found is not None and not found.original and path.is_dir()


def moodle_other(path: Path) -> bool:
    """Whether ``path`` is a learner's folder of Moodle's download that holds no files they
    uploaded (their online text): no submission of exercise files."""
    return _OTHER.fullmatch(path.name) is not None and path.is_dir()


def worksheet_time(text: str, zone: tzinfo) -> datetime | None:
    """The grading worksheet's ``Last modified (submission)`` as a time in ``zone`` (the
    teacher's Moodle time zone, which the worksheet does not say), or None: "-" (no
    submission) or not a time Moodle writes in English.

        >>> from datetime import timezone
        >>> worksheet_time("Tuesday, 1 December 2026, 11:59 PM", timezone.utc).isoformat()
        '2026-12-01T23:59:00+00:00'
    """
    _, comma, rest = text.strip().partition(", ")
    for layout in _WORKSHEET_TIMES:
        try:
            return datetime.strptime(rest if comma else text, layout).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def participant(identifier: str) -> str:
    """``Participant 1234567`` -> ``1234567``: the grading worksheet's Identifier as the
    download names it ("" for anything else)."""
    found = _IDENTIFIER.fullmatch(identifier)
    return found[1] if found else ""


def worksheet_in_another_language(first_column: list[tuple[str, str]]) -> bool:
    """Whether a roster's first column (its header and each row's cell) reads as the
    Identifier of Moodle's grading worksheet in a language other than English (``Kennung``:
    ``Teilnehmer/in 1234567``): Moodle writes that column first, in the downloader's language,
    each cell a word and a participant id."""
    cells = [cell for _, cell in first_column if cell.strip()]
    return bool(cells) and first_column[0][0].strip().lower() != "identifier" and all(
        participant(cell) and not cell.strip()[:1].isdigit() for cell in cells)
