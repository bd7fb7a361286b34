"""Which modules a file may import, and how it may use them.

A file is refused where it

- imports a module other than the rule's (minigrad, torch, sys, os, threading...), a package's
  tests, or a name an allowed module imported from elsewhere (enum keeps the builtins module as
  ``bltns``);
- uses a module other than through its public attributes, within its own package
  (``m = numpy.core``, ``f(np)``, ``collections._sys``, ``typing.operator``): a module handed
  on, or one an allowed module imported, is one the rules no longer follow;
- rebinds an allowed module's names (``torch.autograd.grad = mine``);
- imports two modules under one name (the rule reads each name as one module; a ``*`` binds
  the module's modules too), or by a ``*`` a module it makes on first use (numpy's).

Each allowed module is imported in the grader's own process, to be read as the file would see
it: none of them runs learner code on import.
"""

from __future__ import annotations

import ast
import importlib
import warnings
from types import ModuleType
from typing import Any

from course.own_code.gateways import PLAIN_DUNDERS, _plain
from course.own_code.rule import Rule


def _module_use(node: ast.Name, parents: dict, module: ModuleType, rule: Rule) -> str | None:
    """A module may be used as ``module.public.attribute`` (resolved here, on the parent's own
    copy of the module), as long as the chain ends in no module: ``np.sum(...)`` and
    ``collections.deque`` but not ``np``, ``np.core`` or ``collections._sys`` as values."""
    package = _package(module)
    if package in rule.script_only:
        return f"uses {node.id} outside if __name__ == \"__main__\":"
    path, value, link = [node.id], module, node
    while isinstance(parents.get(link), ast.Attribute) and parents[link].value is link:
        link = parents[link]
        path.append(link.attr)
        if link.attr.startswith("_") and link.attr not in PLAIN_DUNDERS:
            return f"reads {'.'.join(path)}"
        if not _plain(link.attr):
            return None  # (said where the attribute is read)
        value = _attribute(value, link.attr)
        if _foreign_module(value, package):
            return f"reads {'.'.join(path)}, a module {package} imported from elsewhere"
    if isinstance(value, ModuleType) and not _tested(link, parents.get(link)):
        return f"uses the module {'.'.join(path)} as a value"
    if link is not node and isinstance(link.ctx, (ast.Store, ast.Del)):
        # (the library's own functions rebound: code of the grader's that calls them runs the
        # file's instead)
        return f"rebinds {'.'.join(path)}, a name of {package}'s, not this file's"
    return None


def _tested(node: ast.AST, parent: ast.AST | None) -> bool:
    """Whether ``node`` is only tested for truth (``assert torch.optim``), handed to nothing."""
    return isinstance(parent, (ast.Assert, ast.If, ast.While)) and parent.test is node or \
        isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not)


def _foreign_module(value: Any, package: str) -> bool:
    """Whether ``value`` is a module ``package`` imported from elsewhere (enum's ``bltns``,
    the builtins module)."""
    return isinstance(value, ModuleType) and _package(value) != package.partition(".")[0]


def _package(module: ModuleType) -> str:
    name = vars(module).get("__name__")
    return name.partition(".")[0] if isinstance(name, str) else ""


def _attribute(value: Any, name: str) -> Any:
    """``value.name`` on a module or what it holds; None where there is none. (numpy warns
    of deprecated names and imports some submodules on first use: neither is the grader's
    to show.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return getattr(value, name, None)
        except Exception:
            return None


def _bound_modules(tree: ast.Module, rule: Rule) -> dict[str, ModuleType]:
    """The names the file binds to an allowed module (``np`` for ``import numpy as np``,
    ``linalg`` for ``from numpy import linalg``), with the parent's own copy of each."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")[0]
                if top in rule.script_only:  # (its name is all the rule needs: not imported
                    # here, where matplotlib would cost the grader's process its import)
                    bound[a.asname or top] = ModuleType(top)
                elif _allowed(a.name, rule):
                    bound[a.asname or top] = _module(a.name if a.asname else top)
        elif isinstance(node, ast.ImportFrom) and not node.level \
                and _allowed(node.module or "", rule) \
                and (node.module or "").partition(".")[0] not in rule.script_only:
            module = _module(node.module)
            names = _public_names(module) if node.names[0].name == "*" and isinstance(
                module, ModuleType) else []
            for name in names:  # (from minigrad import * binds autograd, nn, optim...)
                if isinstance(value := vars(module).get(name), ModuleType):
                    bound[name] = value
            for a in node.names:
                value = _attribute(module, a.name)
                if isinstance(value, ModuleType):
                    bound[a.asname or a.name] = value
    return {name: module for name, module in bound.items() if module is not None}


def _public_names(module: ModuleType) -> list[str]:
    """The names ``from module import *`` binds."""
    names = vars(module).get("__all__")
    if isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names):
        return list(names)
    return [name for name in vars(module) if not name.startswith("_")]


def _starred(tree: ast.Module, rule: Rule) -> dict[str, list[str]]:
    """The names each allowed module imported with ``*`` binds (``from minigrad import *``)."""
    return {node.module: _public_names(module) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and not node.level
            and node.names[0].name == "*" and _allowed(node.module or "", rule)
            and isinstance(module := _module(node.module), ModuleType)}


def _star_import(name: str) -> str | None:
    """What ``from name import *`` binds past the rule, or None: a module imported from
    elsewhere, a package's tests, or a name the module makes only when first asked for
    (numpy's ``testing``: the grader's process would import it to read the file). (Its other
    names past the rule, numpy's ``fromfile``, are refused where they are used.)"""
    module = _module(name)
    if module is None:
        return None  # (the import fails, and says why)
    found = vars(module)
    return next((f"imports {n} from {name} (by its *: import the names you use by name)"
                 for n in sorted(_public_names(module)) if n not in found
                 or isinstance(found[n], ModuleType) and (not _public_part(n) or
                                                          _foreign_module(found[n], name))),
                None)


def _bound_twice(tree: ast.Module, rule: Rule) -> list[tuple[int, str]]:
    """The imports that bind a name already bound to another module, anywhere in the file (the
    script part too): the rule reads each name as one module, so ``import doctest as np``
    beside ``import numpy as np`` made it read doctest's calls as numpy's. (A * binds the
    module's modules too: ``from minigrad import *`` binds random to minigrad.random.)"""
    found = []
    bound: dict[str, str] = {}
    starred = _starred(tree, rule)
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))),
                       key=lambda n: (n.lineno, n.col_offset)):
        for name, what in _import_bindings(node, starred):
            if bound.setdefault(name, what) != what:
                found.append((node.lineno, f"binds {name} to a second module (one name, one "
                                           f"module)"))
    return found


def _import_bindings(node: ast.Import | ast.ImportFrom, starred: dict[str, list[str]]
                     ) -> list[tuple[str, str]]:
    """The names an import binds, each with what it binds it to ("numpy", "minigrad.nn")."""
    if isinstance(node, ast.Import):
        return [(a.asname or a.name.split(".")[0], a.name if a.asname else a.name.split(".")[0])
                for a in node.names]
    module = f"{'.' * node.level}{node.module}"
    if node.names[0].name == "*":  # (an allowed module's: _starred's, never a relative one)
        return [] if node.level or node.module not in starred else [
            (name, f"{module}.{name}") for name in starred[node.module]
            if isinstance(vars(_module(module)).get(name), ModuleType)]
    return [(a.asname or a.name, f"{module}.{a.name}") for a in node.names]


def _module(name: str) -> Any:
    """An allowed module, imported in the grader's own process (none of them runs learner
    code on import); None if it does not exist."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _allowed(module: str, rule: Rule) -> bool:
    """An allowed module or a public submodule of one, not a package's tests: the grader's own
    process imports each to read the file (numpy's tests import pytest and seed numpy's global
    generator there, a red team found; numpy's conftest sets an environment variable)."""
    top, *rest = module.split(".")
    return top in rule.allowed + rule.script_only and all(map(_public_part, rest))


def _public_part(name: str) -> bool:
    return not name.startswith(("_", "test", "conftest")) and _plain(name)


def _import(node: ast.Import, rule: Rule) -> str | None:
    """What ``import name`` reaches past ``rule``: a module it does not allow."""
    return next((f"imports {a.name}" for a in node.names if not _allowed(a.name, rule)),
                None)


def _import_from(node: ast.ImportFrom, rule: Rule) -> str | None:
    """What ``from module import name`` reaches past ``rule``: a module it does not allow, one
    it allows only in the script part, a name the module imported from elsewhere or binds by a
    ``*`` past the rule, or one of the rule's decorators renamed (read by its name)."""
    if (node.module or "").partition(".")[0] in rule.script_only:
        return f"imports from {node.module} outside if __name__ == \"__main__\":"
    if node.level or not _allowed(node.module or "", rule):
        return f"imports {'.' * node.level}{node.module or ''}"
    if node.names[0].name == "*":
        return _star_import(node.module)
    renamed = next((a for a in node.names if a.name in rule.decorators
                    and a.asname not in (None, a.name)), None)
    if renamed is not None:
        return f"imports {renamed.name} as {renamed.asname} (keep its name: @{renamed.name})"
    return next((f"imports {a.name} from {node.module}" for a in node.names
                 if not _public_part(a.name) or _foreign_module(
                     _attribute(_module(node.module), a.name), node.module)), None)
