"""`python -m course`: the course command line."""

import sys


def main(argv: list[str] | None = None) -> int:
    print("course: the command line arrives with the exercises issue", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
