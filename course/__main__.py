"""`python -m course`: the course command line (the same program as `course`)."""

import sys

from course.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
