"""The course machinery: exercises, the autograder and the `course` command.

In a notebook::

    from course import check
    check("ex03")      # grades exercises/ex03_backward.py and shows the feedback
"""

from course.local import check

__all__ = ["check"]
