"""Which function of a learner's file still raises NotImplementedError, and whether it is the
stub as handed out or holds code the learner wrote around that ``raise``.

Exercise stubs hand out each function as a docstring and ``raise NotImplementedError``. A
learner who writes their code above that line and forgets to delete it, or whose function
calls another they have not written yet (ex09's fit calling training_step), gets the same
error as one who has not started, and "not attempted yet" then read as if their work had not
been saved. The grader's own process reads the source (learner code never runs here) to tell
them apart: the function whose body holds the raise, found by its line, and whether it holds
any statement besides its docstring and that raise.

    >>> source = '''
    ... def f(values):
    ...     \"\"\"Docstring.\"\"\"
    ...     t = list(values)
    ...     raise NotImplementedError
    ... def g():
    ...     raise NotImplementedError
    ... '''
    >>> raising_function(source, 5), raising_function(source, 7), raising_function(source, 1)
    (('f', True), ('g', False), None)
"""

from __future__ import annotations

import ast

from course import learner_source


def raising_function(source: str, line: object) -> tuple[str, bool] | None:
    """The name of the function whose own body raises at ``line`` (of a learner's file; an
    untrusted line number), and whether it holds statements besides its docstring and that
    raise; None where no function's body raises there."""
    if type(line) is not int:
        return None
    # Not ast.parse: a file of one costly f-string held the grader's process a minute in it,
    # and every task raising NotImplementedError parses it again. Read as f"", such an
    # f-string leaves the lines below it where they were, as ``line`` names them.
    tree = learner_source.parse(source).tree
    if tree is None:
        return None  # not Python here: nothing to tell at a line of it
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                isinstance(s, ast.Raise) and s.lineno == line for s in node.body):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            return node.name, len(body) > 1
    return None
