"""Builtins that read attributes by name, and namespaces made into text: what of them an honest
file does, and so is not refused, as it reaches nothing.

``getattr`` over names written in the file (``for name in ("weight", "bias")``) reads what
``model.weight`` would; with a literal name it reads that attribute; with any other it may read
whatever a string built at run time names. ``vars(self)`` or ``self.__dict__`` only made into
text (in an f-string, given to print) hands the namespace on to nothing.
"""

from __future__ import annotations

import ast

from course.own_code.bindings import Names
from course.own_code.classes import _undecorated
from course.own_code.gateways import _plain, _private
from course.own_code.rule import Rule

# Calls that make text of what they are given (print's, an f-string's): a dict shown, the
# namespace ``vars(self)`` or ``self.__dict__`` is, never handed on.
SHOWING = frozenset({"print", "str", "repr", "len"})


def _shown_only(node: ast.AST, parents: dict, names: Names) -> bool:
    """Whether ``node``'s value is only made into text: in an f-string, or given to print()
    (the builtin: not a ``print`` of the file's own, which could keep what it is given)."""
    parent = parents.get(node)
    if isinstance(parent, ast.FormattedValue) and parent.value is node:
        return True
    return isinstance(parent, ast.Call) and node in parent.args and isinstance(
        parent.func, ast.Name) and parent.func.id in SHOWING - names.bound


def _by_name(node: ast.Name, parent: ast.AST | None, written: frozenset[str], own: set[str],
             rule: Rule) -> str | None:
    """getattr(x, "name") reads x.name; getattr(x, name) reads whatever name holds: fine where
    that is one of the names written in the file (``for name in ("weight", "bias")``)."""
    if not (isinstance(parent, ast.Call) and parent.func is node and len(parent.args) > 1):
        return f"uses {node.id} with a computed name"
    name = parent.args[1]
    if isinstance(name, ast.Name) and name.id in written and node.id == "getattr":
        return None  # (a read only: setattr(Tensor, name, f) would rebind minigrad's own)
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return f"uses {node.id} with a computed name"
    if name.value in rule.decorators:
        return _undecorated(name.value)
    if _private(name.value) and name.value not in own and not rule.teaches(name.value):
        return f"reads {name.value}, a private name of code other than this file's"
    return None if _plain(name.value) else f"reads {name.value}"
