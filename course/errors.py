"""The one exception the command line turns into an error message and exit code 2."""

from __future__ import annotations

from collections.abc import Iterable


class UsageError(Exception):
    """Bad input from the user: unknown exercise, missing file, corrupt archive...

    ``items``: what the message lists, one problem each (every mistake the public cases would
    not name): the command line prints the message on one line and each item on a line of
    its own beneath it, so that a list of ten reads as ten lines, not one run-on line.

    >>> str(UsageError("unknown exercise 'ex42'"))
    "unknown exercise 'ex42'"
    >>> print(UsageError("two problems:", ["the first", "the second"]))
    two problems:
    the first
    the second
    """

    def __init__(self, message: str, items: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message, self.items = message, tuple(items)

    def __str__(self) -> str:
        return "\n".join((self.message, *self.items))
