"""What ex10's own engine may use: math, numpy and a few plain-computation modules, read
from the file's source by the grader's own process.

ex10 asks for an engine of the learner's own ("No minigrad here", its docstring says). Its
probes check that at run time (course/specs/ex10.py: minigrad's node counter, a profiler
around sum_to_size), but they run in the learner's process, where code written against them
can switch them off: a red team passed them by rebinding minigrad's counter, by computing in
a process forked or a thread started at import, and by running minigrad inside the profiler's
own callback. Each of those first reached minigrad, or the interpreter's machinery, through an
import or an introspection gateway, which the source shows. So ``reaches_out`` reads the
source in the parent, where learner code never runs, and names the first line that

- imports a module other than ``ALLOWED_MODULES`` (minigrad, torch, sys, os, threading...);
- uses a module other than through its public attributes (``m = numpy.core``, ``f(np)``,
  ``collections._sys``): a module handed on is one the rules no longer follow;
- uses a builtin that runs or finds code by name (``exec``, ``__import__``, ``globals``,
  ``getattr`` with a computed name...);
- reads a gateway attribute: a dunder other than those a plain class defines
  (``__globals__``, ``__subclasses__``), a frame's (``f_back``, ``tb_frame``), or a name that
  leads to the interpreter (``sys``, ``modules``, ``ctypes``, ``types``), to pickle (``load``)
  or to annotations evaluated as code (``get_type_hints``, ``singledispatch``, a string used
  as an annotation).

An honest engine needs none of these: ex10's stub and reference import math and numpy only.
This is a rule about the source, not a proof: a gadget inside numpy that it does not know of
could still reach minigrad. With the probes' run-time checks, it leaves a learner who wants
minigrad's gradients without writing an engine a long way round, in code that reads as what
it is.

    >>> reaches_out("import math\\nx = math.exp(1.0)")
    >>> reaches_out("import minigrad as torch")
    'line 1 imports minigrad'
    >>> reaches_out("import collections\\nsys = collections._sys")
    'line 2 reads collections._sys'
    >>> reaches_out("def f(g):\\n    return g.__globals__")
    'line 2 reads __globals__'
"""

from __future__ import annotations

import ast
import importlib
import warnings
from types import ModuleType
from typing import Any

# Plain computation: none of them reaches the interpreter through a name the rules let through
# (collections keeps sys as `_sys`, a private name; typing and dataclasses as `sys`, a gateway).
ALLOWED_MODULES = ("math", "cmath", "numpy", "collections", "itertools", "functools", "heapq",
                   "bisect", "typing", "dataclasses", "numbers", "abc", "__future__")
# Builtins that run code made from data, find objects by name, or open files.
CODE_BY_NAME = frozenset({"exec", "eval", "compile", "__import__", "globals", "locals", "vars",
                          "open", "breakpoint", "input", "help", "memoryview", "__builtins__",
                          "__loader__", "__spec__"})
# Fine with a literal name (checked as the attribute it reads), not with a computed one.
BY_NAME = frozenset({"getattr", "setattr", "delattr"})
# The dunders a Value (or any plain class) defines and uses.
PLAIN_DUNDERS = frozenset({
    "__init__", "__repr__", "__str__", "__class__", "__name__", "__doc__", "__hash__",
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__float__",
    "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__", "__isub__", "__mul__", "__rmul__",
    "__imul__", "__truediv__", "__rtruediv__", "__itruediv__", "__pow__", "__rpow__",
    "__neg__", "__pos__", "__abs__", "__matmul__", "__rmatmul__", "__len__", "__iter__",
    "__getitem__", "__contains__", "__call__", "__post_init__", "__slots__"})
# Names that lead from an object or a module to the interpreter, to other modules, to pickle,
# or to annotations evaluated as code.
GATEWAYS = frozenset({
    "sys", "os", "modules", "builtins", "importlib", "ctypes", "ctypeslib", "types",
    "CodeType", "FunctionType", "subprocess", "threading", "multiprocessing", "gc", "inspect",
    "f2py", "testing", "distutils", "load", "loads", "pickle", "read_array", "NpzFile",
    "npyio", "get_type_hints", "ForwardRef", "singledispatch", "singledispatchmethod",
    "f_back", "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "tb_next",
    "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code"})


def reaches_out(source: str) -> str | None:
    """The first way ``source`` reaches past math and numpy ("line 3 imports sys"), or None.
    A file that does not parse is left to its import, which says why."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    except (RecursionError, MemoryError):  # Python compiles it no more than the rule reads it
        return "line 1 nests too deeply to be read"
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    modules = _bound_modules(tree)
    found = [(node.lineno, what) for node in ast.walk(tree)
             if (what := _reach(node, parents, modules)) is not None]
    return "line {} {}".format(*min(found)) if found else None


def _reach(node: ast.AST, parents: dict, modules: dict[str, ModuleType]) -> str | None:
    parent = parents.get(node)
    if isinstance(node, ast.Import):
        return next((f"imports {a.name}" for a in node.names if not _allowed(a.name)), None)
    if isinstance(node, ast.ImportFrom):
        if node.level or not _allowed(node.module or ""):
            return f"imports {'.' * node.level}{node.module or ''}"
        return next((f"imports {a.name} from {node.module}" for a in node.names
                     if a.name == "*" or a.name.startswith("_") or not _plain(a.name)), None)
    if isinstance(node, ast.Attribute):
        return None if _plain(node.attr) else f"reads {node.attr}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _in_annotation(
            node, parents):
        return "writes an annotation as a string (typing evaluates those as code)"
    if not isinstance(node, ast.Name) or isinstance(node.ctx, ast.Store):
        return None
    if node.id in CODE_BY_NAME or (node.id.startswith("__") and node.id not in PLAIN_DUNDERS):
        return f"uses {node.id}"
    if node.id in BY_NAME:
        return _by_name(node, parent)
    if node.id in modules:
        return _module_use(node, parents, modules[node.id])
    return None


def _by_name(node: ast.Name, parent: ast.AST | None) -> str | None:
    """getattr(x, "name") reads x.name; getattr(x, name) reads whatever name holds."""
    if not (isinstance(parent, ast.Call) and parent.func is node and len(parent.args) > 1
            and isinstance(parent.args[1], ast.Constant) and isinstance(parent.args[1].value,
                                                                        str)):
        return f"uses {node.id} with a computed name"
    name = parent.args[1].value
    return None if _plain(name) else f"reads {name}"


def _module_use(node: ast.Name, parents: dict, module: ModuleType) -> str | None:
    """A module may be used as ``module.public.attribute`` (resolved here, on the parent's own
    copy of the module), as long as the chain ends in no module: ``np.sum(...)`` and
    ``collections.deque`` but not ``np``, ``np.core`` or ``collections._sys`` as values."""
    path, value, link = [node.id], module, node
    while isinstance(parents.get(link), ast.Attribute) and parents[link].value is link:
        link = parents[link]
        path.append(link.attr)
        if link.attr.startswith("_") and link.attr not in PLAIN_DUNDERS:
            return f"reads {'.'.join(path)}"
        if not _plain(link.attr):
            return None  # (said where the attribute is read)
        value = _attribute(value, link.attr)
    if isinstance(value, ModuleType):
        return f"uses the module {'.'.join(path)} as a value"
    return None


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


def _bound_modules(tree: ast.Module) -> dict[str, ModuleType]:
    """The names the file binds to an allowed module (``np`` for ``import numpy as np``,
    ``linalg`` for ``from numpy import linalg``), with the parent's own copy of each."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if _allowed(a.name):
                    name = a.asname or a.name.split(".")[0]
                    bound[name] = _module(a.name if a.asname else a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and not node.level and _allowed(node.module or ""):
            for a in node.names:
                value = _attribute(_module(node.module), a.name)
                if isinstance(value, ModuleType):
                    bound[a.asname or a.name] = value
    return {name: module for name, module in bound.items() if module is not None}


def _module(name: str) -> Any:
    """An allowed module, imported in the grader's own process (none of them runs learner
    code on import); None if it does not exist."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _in_annotation(node: ast.AST, parents: dict) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, (ast.arg, ast.AnnAssign)) and child is parent.annotation or \
                isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and child is parent.returns:
            return True
        child, parent = parent, parents.get(parent)
    return False


def _allowed(module: str) -> bool:
    top, *rest = module.split(".")
    return top in ALLOWED_MODULES and not any(p.startswith("_") or not _plain(p) for p in rest)


def _plain(name: str) -> bool:
    """Whether an attribute may be read: no gateway, no dunder but a plain class's."""
    if name.startswith("__") and name.endswith("__"):
        return name in PLAIN_DUNDERS
    return name not in GATEWAYS
