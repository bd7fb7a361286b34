"""Annotations written as strings, which typing may evaluate as code: a file is refused for one
that is more than names (``"Value"`` and ``"list[Value]"`` are fine; ``Literal``'s values are
kept as they are, never evaluated).
"""

from __future__ import annotations

import ast

from course import learner_source
from course.own_code.gateways import CODE_BY_NAME, _plain


def _names_only(annotation: str) -> bool:
    """Whether a string annotation is a forward reference ("Value", "list[Value]",
    "Value | None"): names, attributes and subscripts, no call, each name plain."""
    parsed = learner_source.parse(annotation, mode="eval")  # (text of the file: no ast.parse)
    tree = parsed.tree
    if tree is None or parsed.long_fstrings:
        return False
    allowed = (ast.Expression, ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.List,
               ast.Constant, ast.BinOp, ast.BitOr, ast.Load)
    return all(isinstance(n, allowed) for n in ast.walk(tree)) and all(
        _plain(n.id) and n.id not in CODE_BY_NAME for n in ast.walk(tree)
        if isinstance(n, ast.Name)) and all(
        _plain(n.attr) for n in ast.walk(tree) if isinstance(n, ast.Attribute))


def _in_annotation(node: ast.AST, parents: dict) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, (ast.arg, ast.AnnAssign)) and child is parent.annotation or \
                isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and child is parent.returns:
            return True
        child, parent = parent, parents.get(parent)
    return False


def _literal(node: ast.Constant, parents: dict) -> bool:
    """Whether a string in an annotation is a value of ``Literal[...]``, which typing keeps as
    it is (never evaluated)."""
    parent = parents.get(node)
    if isinstance(parent, ast.Tuple):
        parent = parents.get(parent)
    if not isinstance(parent, ast.Subscript):
        return False
    name = parent.value
    return (isinstance(name, ast.Name) and name.id == "Literal") or \
        (isinstance(name, ast.Attribute) and name.attr == "Literal")
