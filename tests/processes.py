"""The processes a test marked (by their `comm`, the name a process gives itself), found
through /proc: used to check that what learner code started was killed.

Read entry by entry: a process that ends while /proc is walked is skipped (Path.glob raised
ProcessLookupError for it).
"""

from __future__ import annotations

import os
from pathlib import Path


def named(mark: str) -> list[int]:
    """The live processes whose comm is ``mark``."""
    found = []
    for pid in (entry.name for entry in os.scandir("/proc") if entry.name.isdigit()):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == mark:
                found.append(int(pid))
        except OSError:
            pass
    return found
