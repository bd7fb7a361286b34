"""Reference solutions, one file per exercise, named like the learner's files in exercises/.

The grader loads them by path (``--solutions DIR`` points at another copy), runs them in the
trusted parent process and compares the learner's results with theirs.
"""
