"""A source rule for tasks that ask the learner to write what the library already does (ex06's
``zero_grads``, ex07's ``sgd_step`` and ``clip_grad_norm``): calling the library's own version
scores 0, and says why."""

from __future__ import annotations

import ast
from collections.abc import Callable

from course import learner_source


def library_call(task: str, names: frozenset[str], message: str) -> Callable[[str], str | None]:
    """A source rule (``Task.source_rule``): ``message`` where the learner's function ``task``
    names one of ``names`` (or a name the file bound to one: ``library_names``), the library's
    own version of what the task asks to write. It reads the file's syntax tree in the grader's
    process: it finds a learner's shortcut, not a forger's (a name built at run time escapes
    it)."""
    def rule(source: str) -> str | None:
        tree = learner_source.parse(source).tree  # (the grader's one way to parse a file)
        if tree is None:  # (not Python: the run says so)
            return None
        known = library_names(tree, names)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == task \
                    and any(_names(n, known) for n in ast.walk(node)):
                return message
        return None

    return rule


def library_names(tree: ast.AST, names: frozenset[str]) -> set[str]:
    r"""``names`` and the names ``tree`` binds to one of them: ``from minigrad.nn.utils import
    clip_grad_norm_ as c`` at the top of the file, ``import minigrad.optim as o``, ``step =
    torch.optim.SGD`` (a red team's 1/1: the function then said only ``c(params, max_norm)``).

        >>> found = library_names(ast.parse("from a.optim import SGD as S\nmake = S\n"),
        ...                       frozenset({"optim"}))
        >>> sorted(found)
        ['S', 'make', 'optim']
    """
    found = set(names)
    assignments = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = set((node.module or "").split("."))
            found |= {alias.asname or alias.name for alias in node.names
                      if alias.name in names or module & names}
        elif isinstance(node, ast.Import):  # (`import a.optim` binds `a`: only an `as` counts)
            found |= {alias.asname for alias in node.names
                      if alias.asname and alias.name.split(".")[-1] in names}
        elif isinstance(node, ast.Assign):
            assignments.append(node)
    # In the file's order, once: a chain of names bound before use is followed, in linear time.
    for node in sorted(assignments, key=lambda n: (n.lineno, n.col_offset)):
        if _names(node.value, found):
            found |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return found


def _names(node: ast.AST, known: set[str] | frozenset[str]) -> bool:
    """Whether ``node`` is a name, or an attribute, that ``known`` holds."""
    return isinstance(node, ast.Attribute) and node.attr in known \
        or isinstance(node, ast.Name) and node.id in known
