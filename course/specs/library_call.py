"""A source rule for tasks that ask the learner to write what the library already does (ex06's
``zero_grads``, ex07's ``sgd_step`` and ``clip_grad_norm``): calling the library's own version
scores 0, and says why. And its run-time counterpart (``without_library``), for a name the
rule cannot read: one built at run time."""

from __future__ import annotations

import ast
import os
import re
from collections import defaultdict
from collections.abc import Callable
from types import ModuleType
from typing import Any

from course import learner_source, watch


def library_call(task: str, names: frozenset[str], message: str) -> Callable[[str], str | None]:
    """A source rule (``Task.source_rule``): ``message`` where the name ``task`` is bound, in
    the learner's file, to something that names one of ``names``, the library's own version of
    what the task asks to write: its ``def`` whose body does, or whatever ``library_names``
    follows there (a helper of the file's, ``sgd_step = _step``, a lambda). It reads the file's
    syntax tree in the grader's process: it finds a learner's shortcut, not a forger's (a name
    built at run time escapes it). A file it cannot read in full scores 0 too (``_unread``)."""
    def rule(source: str) -> str | None:
        parsed = learner_source.parse(source)  # (the grader's one way to parse a file)
        unread = _unread(parsed)
        if unread:
            return (f"{unread}, so whether your {task} uses the library's own version of what "
                    "this task asks you to write cannot be told: nest less deeply, and keep "
                    "f-strings short.")
        if parsed.tree is None:  # (not Python: the run says so)
            return None
        found = library_names(parsed.tree, names)
        # (a module's own __getattr__ answers for any name the file does not bind, the task's
        # too: the grader takes it with getattr, and red team 15's handed out SGD so, 1/1)
        return message if task in found or "__getattr__" in found else None

    return rule


def _unread(parsed: learner_source.Parsed) -> str | None:
    """What of a parsed file the rule could not read, or None. Each hid the library's SGD, and
    scored 1/1 (red team 14): one line ``- - ... 1`` 2,940 deep, which the sandbox ran and
    the grader's deeper stack did not parse; ``f'{torch.optim.SGD(params, lr).step()}'``
    after 10,000 fields of f-strings, read as ``f""``."""
    if parsed.too_deep:  # (Python's parser in the sandbox gives up less deep than here)
        return "Your file nests too deeply to be read here"
    if parsed.long_fstrings:
        return (f"Line {parsed.long_fstrings[0]} of your file holds an f-string past what is read "
                f"here (a file's first {learner_source.FIELDS:,} fields, shorter f-strings)")
    return None


def library_names(tree: ast.AST, names: frozenset[str]) -> set[str]:
    r"""``names`` and the names ``tree`` binds to something that names one of them: an import
    (``from minigrad.nn.utils import clip_grad_norm_ as c``, ``import minigrad.optim as o``), an
    assignment (``step = o.SGD``, ``f = lambda p: c(p, 1.0)``), a ``def`` or ``class`` whose
    body does, and so on along the chain, in any order (a helper may follow its caller). Red
    teams scored 1/1 with each: the task's function then said only ``c(params, max_norm)``,
    ``_optimizer(params, lr).step()``, or was no ``def`` at all (``sgd_step = _step``).

    The file's names are read without scopes (a local ``c`` is the global ``c``): a shortcut
    hides behind a helper more easily than honest code reuses a name the file bound to the
    library. A name the file binds counts where it is used as a name; the library's names also
    as attributes (``torch.optim``), and as names unless the file defines its own function or
    class of that name (an honest ``def zero_grad(p, set_to_none)`` that zero_grads called
    scored 0, and so would a ``class SGD`` of one's own).

        >>> found = library_names(ast.parse("make = S\nfrom a.optim import SGD as S\n"
        ...                                 "def step(p):\n    make(p).step()\n"),
        ...                       frozenset({"optim"}))
        >>> sorted(found)
        ['S', 'make', 'optim', 'step']
    """
    found: set[str | int] = set()
    own: set[str] = set()  # the names of the file's own functions and classes
    classes: set[int] = set()  # the file's classes (by the node's id)
    starred = False  # whether the file imports * from somewhere
    # What finding a name finds next: a use of a name leads to the binding it is used in (a key
    # of its own, the node's id: a tuple's many names cost one step each, not one per pair),
    # a binding to the names it binds.
    leads_to: defaultdict[str | int, set[str | int]] = defaultdict(set)
    waiting: list[tuple[ast.AST, int | None]] = [(tree, None)]  # (a node, its binding)
    while waiting:  # (a stack, not recursion: the tree may be nested as deeply as Python allows)
        node, binding = waiting.pop()
        if isinstance(node, ast.ImportFrom):
            module = set((node.module or "").split("."))
            found |= {alias.asname or alias.name for alias in node.names
                      if alias.name in names or module & names}
            starred = starred or any(alias.name == "*" for alias in node.names)
        elif isinstance(node, ast.Import):  # (`import a.optim` binds `a`: only an `as` counts)
            found |= {alias.asname for alias in node.names
                      if alias.asname and alias.name.split(".")[-1] in names}
        used = node.id if isinstance(node, ast.Name) else \
            f".{node.attr}" if isinstance(node, ast.Attribute) and node.attr in names else \
            _named(node, names)
        if used is not None and binding is not None:
            leads_to[used].add(binding)
        bound = _bound(node)
        if bound is None:
            waiting += [(child, binding) for child in ast.iter_child_nodes(node)]
            continue
        if isinstance(bound, str):  # (a def, a class: its name, then all of it)
            own.add(bound)
            if binding in classes:  # a method: its class's, no name of the file's (else
                leads_to[id(node)].add(binding)  # one __init__ led to every class's)
            else:
                leads_to[id(node)].add(bound)
                if binding is not None:
                    leads_to[bound].add(binding)
            if isinstance(node, ast.ClassDef):
                classes.add(id(node))
            waiting += [(child, id(node)) for child in ast.iter_child_nodes(node)]
            continue
        # An assignment (a `for`, a `with ... as`...): its value leads to the names it binds,
        # and to where it is (inside a def: the def, which uses the value, whatever it keeps
        # it in: `state["optimizer"] = torch.optim.SGD(...)`, `box.norm = ...`, 1/1 each).
        value, targets = bound
        waiting.append((value, id(node)))
        leads_to[id(node)] |= targets
        if binding is not None:
            leads_to[id(node)].add(binding)
        waiting += [(child, binding) for child in ast.iter_child_nodes(node) if child is not value]
    # (".optim": as an attribute; `from x import *` may bind any of them over the file's own)
    found |= {f".{name}" for name in names} | (names if starred else names - own)
    # Each name followed once: linear in the file's length.
    following = list(found)
    while following:
        for then in leads_to.pop(following.pop(), ()):
            if then not in found:
                found.add(then)
                following.append(then)
    return {name for name in found if isinstance(name, str) and not name.startswith(".")}


def _bound(node: ast.AST) -> tuple[ast.AST, set[str]] | str | None:
    """What ``node`` binds names to: a def's or class's name (bound to all of the node); an
    assignment's value and the names it binds, as a ``for``'s (or a comprehension's) iterable
    and target, a ``with``'s context and its ``as``, a keyword argument's value and its name
    (``globals().update(sgd_step=...)``), a namespace's keys given with ``update({...})``,
    ``setdefault`` or ``setattr``, a ``match``'s subject and its captures (red team 15
    bound ``torch.optim.SGD`` by each at the top of the file, and sgd_step called it: 1/1);
    or None."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Assign):
        return node.value, _stored(node.targets)
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value:
        return node.value, _stored([node.target])
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return node.iter, _stored([node.target])
    if isinstance(node, ast.withitem) and node.optional_vars is not None:
        return node.context_expr, _stored([node.optional_vars])
    if isinstance(node, ast.keyword) and node.arg is not None:
        return node.value, {node.arg}
    if isinstance(node, ast.Call):
        return _set_by_call(node)
    if isinstance(node, ast.Match):
        return node.subject, {name for case in node.cases for p in ast.walk(case.pattern)
                              for name in (getattr(p, "name", None), getattr(p, "rest", None))
                              if isinstance(name, str)}
    return None


def _set_by_call(call: ast.Call) -> tuple[ast.AST, set[str]] | None:
    """What a call that sets names binds: ``setattr(obj, "name", value)`` as ``obj.name =
    value`` (and ``name`` itself on a namespace), a namespace's ``update({"name": value})``,
    ``setdefault("name", value)`` and ``__setitem__("name", value)``; None for any other."""
    func, args = call.func, call.args
    if isinstance(func, ast.Name) and func.id == "setattr" and len(args) == 3:
        name = _identifier(args[1])
        if name is None:
            return None
        return args[2], ({name} if _namespace(args[0]) else set()) \
            | _stored([ast.Attribute(args[0], name, ast.Store())])
    if isinstance(func, ast.Attribute) and _namespace(func.value) and args:
        keys = args[0].keys if func.attr == "update" and isinstance(args[0], ast.Dict) else \
            [args[0]] if func.attr in ("setdefault", "__setitem__") else []
        names = {name for name in map(_identifier, keys) if name}
        return (args[-1], names) if names else None
    return None


def _identifier(node: ast.AST | None) -> str | None:
    """The name a string constant spells, or None."""
    value = node.value if isinstance(node, ast.Constant) else None
    return value if isinstance(value, str) and value.isidentifier() else None


def _stored(targets: list[ast.expr]) -> set[str]:
    """The names assigning to ``targets`` binds: its names, a name given as a string key of a
    namespace (``globals()["sgd_step"] = ...``), and a name whose dunder is replaced
    (``sgd_step.__code__ = ...``), each of which scored 1/1 (red team 15). ``d["k"] = ...``
    and ``obj.step = ...`` bind none."""
    found = set()
    for target in (node for assigned in targets for node in ast.walk(assigned)):
        if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
            found.add(target.id)
        elif isinstance(target, ast.Subscript) and _namespace(target.value) \
                and _identifier(target.slice):
            found.add(target.slice.value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.attr.startswith("__") and target.attr.endswith("__"):
            found.add(target.value.id)
    return found


def _namespace(node: ast.expr) -> bool:
    """Whether ``node`` may be a namespace reached at run time (``globals()``, ``vars(m)``,
    ``sys.modules[__name__]``, ``m.__dict__``), whose keys are names, not a variable of the
    file's (``self``, ``d``)."""
    return isinstance(node, (ast.Call, ast.Subscript)) or (
        isinstance(node, ast.Attribute) and node.attr == "__dict__")


# A string that is a name or a dotted path of names ("clip_grad_norm_", "minigrad.optim")
_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _named(node: ast.AST, names: frozenset[str]) -> str | None:
    """``.<name>`` where ``node`` is a string that names one of ``names`` (as a name or a part
    of a dotted path), as an attribute would: ``getattr(torch.nn.utils, "clip_grad_norm_")``,
    ``vars(torch)["optim"]`` and ``importlib.import_module("minigrad.optim")`` scored 1/1 (red
    team 15). A sentence that mentions it (a message, a docstring) is no such string."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and _PATH.fullmatch(node.value)):
        return None
    return next((f".{part}" for part in node.value.split(".") if part in names), None)


class LibraryCalled(Exception):
    """The task's function ran the library's own version of what the task asks to write (its
    message says so, to the learner)."""


# Read with str's own method inside the profiler, where no code of the learner's may run (as
# course/specs/ex10.py's _minigrad_calls does).
_STARTSWITH = str.startswith


def library_files(*modules: ModuleType) -> tuple[str, ...]:
    """The files of ``modules`` as ``without_library`` reads them: a package's folder, a
    module's own file."""
    return tuple(os.path.dirname(m.__file__) + os.sep if m.__file__.endswith("__init__.py")
                 else m.__file__ for m in modules)


def without_library(call: Callable[[], Any], files: tuple[str, ...], message: str) -> Any:
    """``call()``'s result, or ``LibraryCalled(message)`` where code of the library's ``files``
    (paths, or the folders they start with: taken before learner code is imported) ran during
    the call, or the call took its calls out of the profiler's sight (course/watch.py).

    The source rule reads names; a name built at run time escapes it
    (``getattr(torch.nn.utils, "clip_grad_" + "norm_")``: 1/1, red team 24b). The library's
    code running is what the rule stands for, whatever named it."""
    ran: list[str] = []

    def see(frame: Any) -> None:
        file = frame.f_code.co_filename
        if type(file) is str and _STARTSWITH(file, files):
            ran.append(file)

    result, unseen = watch.watched(call, see)
    if ran or unseen:
        raise LibraryCalled(message if ran else f"{message} (It took its work out of sight of "
                            f"the check that sees this: {unseen}.)")
    return result
