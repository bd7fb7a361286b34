"""The script part: what runs only when the file is run as a script (``if __name__ ==
"__main__":``), never when the grader imports it, and so is not read. The modules that run
code from strings (``SCRIPT_ONLY``: doctest) may be used there alone.
"""

from __future__ import annotations

import ast


def _run_as_a_script(tree: ast.Module) -> set[ast.AST]:
    """What runs only when the file is run as a script (``if __name__ == "__main__":``, a
    doctest.testmod() say), never when the grader imports it: not read."""
    unread: set[ast.AST] = set()
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) else None
        if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) \
                and test.left.id == "__name__" and len(test.ops) == 1 \
                and isinstance(test.ops[0], ast.Eq) and isinstance(test.comparators[0],
                                                                   ast.Constant) \
                and test.comparators[0].value == "__main__":
            unread |= {n for statement in node.body for n in ast.walk(statement)}
    return unread
