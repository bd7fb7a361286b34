"""A source rule for tasks that ask the learner to write what the library already does (ex06's
``zero_grads``, ex07's ``sgd_step`` and ``clip_grad_norm``): calling the library's own version
scores 0, and says why."""

from __future__ import annotations

import ast
from collections.abc import Callable

from course import learner_source


def library_call(task: str, names: frozenset[str], message: str) -> Callable[[str], str | None]:
    """A source rule (``Task.source_rule``): ``message`` where the learner's function ``task``
    names one of ``names``, the library's own version of what the task asks to write. It
    reads the file's syntax tree in the grader's process: it finds a learner's shortcut, not a
    forger's (a name built at run time escapes it)."""
    def rule(source: str) -> str | None:
        tree = learner_source.parse(source).tree  # (the grader's one way to parse a file)
        if tree is None:  # (not Python: the run says so)
            return None
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == task \
                    and any(isinstance(n, ast.Attribute) and n.attr in names
                            or isinstance(n, ast.Name) and n.id in names for n in ast.walk(node)):
                return message
        return None

    return rule
