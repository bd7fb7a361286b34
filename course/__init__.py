"""The course machinery: exercises, the autograder and the `course` command.

In a notebook::

    from course import check
    check("ex03")      # grades exercises/ex03_backward.py and shows the feedback
"""

from typing import Any

__all__ = ["check"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the sandboxed grading child starts from `course.child` for every
    # submission and needs none of the grader's machinery that `check` brings in.
    if name == "check":
        from course.local import check
        return check
    raise AttributeError(f"module 'course' has no attribute {name!r}")
