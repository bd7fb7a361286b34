"""Whether a learner's function has a return statement: one without it returns None.

A function that computes its answer and never hands it back (the `return` line forgotten, or
the value left on a line of its own) gives None, whatever it computed. Its check then read
only "returned total norm: expected a number, got None", or, where a known mistake also
returns None (ex05's y.grad), that mistake's sentence, which is not what the learner wrote.
The grader's own process reads the source (learner code never runs here) to tell that case
apart: the task's function, defined at the top of the file, holds no return statement of its
own (one inside a function nested in it is that function's).

    >>> returns_nothing("def f(x):\\n    y = x * 2\\n", "f")
    True
    >>> returns_nothing("def f(x):\\n    def g():\\n        return 1\\n    g()\\n", "f")
    True
    >>> returns_nothing("def f(x):\\n    if x:\\n        return None\\n", "f")
    False
    >>> returns_nothing("f = lambda x: x\\n", "f")
    False
"""

from __future__ import annotations

import ast

from course import learner_source

# Said under a difference that ends "got None", for a function that returns nothing.
NO_RETURN = ("{name} has no return statement, so it returns None, whatever it computed: a "
             "function hands back only what a `return` gives it. End it with `return` and "
             "the value its docstring asks for.")


def returns_nothing(source: str, name: str) -> bool:
    """Whether the file's top-level function ``name`` holds no return statement of its own;
    False where the file defines no such function or does not parse here."""
    tree = learner_source.parse(source).tree
    if tree is None:
        return False
    found = [node for node in tree.body
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name]
    # (the last definition is the one that runs)
    return bool(found) and not _returns(found[-1])


def _returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``function``'s body holds a return statement that is not another function's.
    Statements alone are walked (a return is one), with a list, not recursion: a file's
    expressions may nest as deep as the parser lets them."""
    waiting: list[ast.AST] = list(function.body)
    while waiting:
        node = waiting.pop()
        if isinstance(node, ast.Return):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            waiting.extend(child for child in ast.iter_child_nodes(node)
                           if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)))
    return False
