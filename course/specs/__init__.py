"""Task specifications, one module per exercise file: cases, probes and misconceptions.

Each module defines ``TASKS``. Misconception variants are written here, next to the task they
belong to, as the wrong code a learner plausibly writes.
"""
