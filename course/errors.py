"""The one exception the command line turns into a one-line message and exit code 2."""


class UsageError(Exception):
    """Bad input from the user: unknown exercise, missing file, corrupt archive...

    >>> str(UsageError("unknown exercise 'ex42'"))
    "unknown exercise 'ex42'"
    """
