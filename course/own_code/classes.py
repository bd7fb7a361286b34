"""What may be a class or module not the file's own, and what a file may not do with one.

A file is refused where it

- writes an attribute on what may be a class or module not its own: ``type(x).f = g``,
  ``x.__class__.f = g``, ``super()``, or a name (an attribute, a container) the file binds to
  an imported class (course/own_code/aliases.py), or a value computed from one
  (``[torch.Tensor][0].backward = mine``); and ``setattr`` on any of them;
- calls ``type`` on a class (``type(int)("K", (), d)`` makes a class from data, as
  ``type("K", (), d)`` would; so does a classmethod's ``type(cls)``; ``type(self)(...)`` is
  fine), makes a class from data otherwise
  (Enum's functional form) or a metaclass;
- uses a ``Rule``'s decorator (dataclasses' ``dataclass``) other than on a class statement
  based on nothing or on the file's own plain classes: it writes Python from the names of the
  class's fields.
"""

from __future__ import annotations

import ast
import builtins
from types import ModuleType
from typing import Any

from course.own_code.bindings import Names
from course.own_code.modules import _attribute

# Enum's classes, which make a class from data when called with its members (a dict whose keys
# may be any dunder: a red team's __array_interface__, built at run time).
ENUMS = frozenset({"Enum", "IntEnum", "Flag", "IntFlag", "StrEnum", "ReprEnum"})
# What an attribute written on may be: ``type(x).backward = mine`` rebinds minigrad's own method.
_CLASS_OF = ("what may be a class or module not this file's (type(x), x.__class__, super(), "
             "or a name of the file's for one of minigrad's, such as T = torch.Tensor): "
             "minigrad's classes are used as they are")


def _may_be_a_class(value: ast.AST, others: set[str]) -> bool:
    """Whether ``value``, an object an attribute is written on, may be a class or module that is
    not the file's own: an attribute chain through ``__class__`` or a name in ``others``
    (imported, or a name or attribute the file binds to something imported), or rooted at
    ``type(x)``, ``super()`` or a name in ``others``."""
    while isinstance(value, (ast.Attribute, ast.Subscript)):  # (``kept[0].backward = mine``)
        if isinstance(value, ast.Attribute) and (value.attr == "__class__"
                                                 or value.attr in others):
            return True  # (``self.T.backward``, with ``self.T = torch.Tensor``)
        value = value.value
    if isinstance(value, ast.Call):
        return isinstance(value.func, ast.Name) and value.func.id in ("type", "super")
    return isinstance(value, ast.Name) and value.id in others


def _a_class(value: ast.AST, others: set[str], modules: dict[str, ModuleType],
             names: Names) -> bool:
    """Whether ``value`` is sure to be, or may be, a class rather than an instance: a builtin
    class the file does not rebind (``int``), a class of the file's own, a module's attribute
    that is one (``np.ndarray``, not ``np.pi``), or what ``_may_be_a_class`` says may be one
    (an imported name, ``T = torch.Tensor``, ``type(x)``, ``x.__class__``)."""
    if isinstance(value, ast.Name) and value.id not in names.bound and isinstance(
            vars(builtins).get(value.id), type):
        return True
    path, root = [], value
    while isinstance(root, ast.Attribute):
        path.append(root.attr)
        root = root.value
    if isinstance(root, ast.Name) and root.id in modules and "__class__" not in path:
        found: Any = modules[root.id]
        for attribute in reversed(path):
            found = _attribute(found, attribute)
        return isinstance(found, type)
    return isinstance(value, ast.Name) and value.id in names.classes \
        or _may_be_a_class(value, others)


# Methods whose first parameter is the class itself, by decorator or by name (implicitly).
_CLASS_METHODS = frozenset({"__init_subclass__", "__class_getitem__", "__new__"})


def _a_methods_class(value: ast.AST, parents: dict) -> bool:
    """Whether ``value`` is the first parameter of the method it is in, where that is the class
    (``cls`` of a ``@classmethod``): ``type(cls)("K", (), d)`` made a class from data past the
    rule, as ``type(int)`` did (red team 27). A function nested in the method, whose parameters
    do not name it, sees the method's (red team 27b: a nested def's ``type(cls)`` passed)."""
    if not isinstance(value, ast.Name):
        return False
    method = parents.get(value)
    while method is not None and not (isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
                                      and _binds(method, value.id)):
        method = parents.get(method)
    if method is None or not isinstance(parents.get(method), ast.ClassDef):
        return False
    first = [*method.args.posonlyargs, *method.args.args][:1]
    return bool(first) and first[0].arg == value.id and (
        method.name in _CLASS_METHODS
        or any(isinstance(d, ast.Name) and d.id == "classmethod"
               for d in method.decorator_list))


def _binds(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether ``name`` is a parameter of ``function`` (else a function nested in another sees
    the enclosing one's)."""
    arguments = function.args
    return name in {a.arg for a in (*arguments.posonlyargs, *arguments.args,
                                    *arguments.kwonlyargs, arguments.vararg, arguments.kwarg)
                    if a is not None}


def _computed_from_a_class(value: ast.AST, others: set[str]) -> bool:
    """Whether ``value``, an object an attribute is written on, may be a class or module not the
    file's own (``_may_be_a_class``) or is computed from one: a display's item, a call's
    function or argument, a lambda's body, a condition's branch (``[torch.Tensor][0]``,
    ``next(iter([torch.Tensor]))``, ``(lambda: torch.Tensor)()`` each rebound minigrad's own
    past the rule, red team 25b). Only for what is written on: a
    name bound to a call's result (``x = torch.zeros(3)``) is the call's, not a class."""
    if _holds_a_class(value, others):
        return True
    inner = [value.value] if isinstance(value, (ast.Attribute, ast.Subscript, ast.Starred,
                                                ast.NamedExpr)) else \
        [value.func, *value.args, *(k.value for k in value.keywords)] \
        if isinstance(value, ast.Call) else \
        [value.body] if isinstance(value, ast.Lambda) else \
        [value.body, value.orelse] if isinstance(value, ast.IfExp) else \
        [*value.values] if isinstance(value, (ast.BoolOp, ast.Dict)) else \
        [*value.elts] if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else []
    return any(_computed_from_a_class(item, others) for item in inner)


def _holds_a_class(value: ast.AST, others: set[str]) -> bool:
    """Whether ``value`` may be a class or module not the file's own, or a display of them
    (``[torch.Tensor]``, ``{"T": torch.Tensor}``): not a call's result, which is the call's."""
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        return any(_holds_a_class(item, others) for item in value.elts)
    if isinstance(value, ast.Dict):
        return any(_holds_a_class(item, others) for item in value.values)
    if isinstance(value, ast.Starred):
        return _holds_a_class(value.value, others)
    return _may_be_a_class(value, others)


def _decorates_a_class(node: ast.AST, parents: dict, classes: frozenset[str]) -> bool:
    """Whether ``node`` is a decorator of a class statement (``@dataclass``, or called with
    constants, ``@dataclass(frozen=True)``) that names no metaclass and no base but the file's
    plain classes: its fields are then the names its body writes. (A base's metaclass may
    give it fields named by data: TypedDict's copies a base's, made by
    ``TypedDict("Base", {field: int})`` from a str whose repr wrote a statement, a test
    found.)"""
    parent = parents.get(node)
    if isinstance(parent, ast.Call) and parent.func is node and not parent.args and all(
            isinstance(k.value, ast.Constant) for k in parent.keywords):
        node, parent = parent, parents.get(parent)
    return isinstance(parent, ast.ClassDef) and node in parent.decorator_list \
        and not parent.keywords and all(isinstance(b, ast.Name) and b.id in classes
                                        for b in parent.bases)


def _undecorated(name: str) -> str:
    return (f"uses {name} other than as @{name} on a class statement whose bases, if any, are "
            "this file's own plain classes")


def _called_with_members(node: ast.AST, parent: ast.AST | None) -> bool:
    """Whether ``node`` is called with more than one argument (Enum's functional form)."""
    return isinstance(parent, ast.Call) and parent.func is node \
        and (len(parent.args) > 1 or bool(parent.keywords))
