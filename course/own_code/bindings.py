"""What a file's bindings say of its names, read once for the other modules (``Names``).

The file's own attributes (``self._op = ...``, ``def _backward``: ``_own_attributes``) are the
private names it may read; any other private attribute, unless the task names it (``_prev``),
is the private machinery of other code (``typing.get_args(...)[0]._evaluate`` runs a string as
code, a red team found). The names it binds (``_bindings``) tell its plain classes, which a
``Rule``'s decorators may decorate, and the variables that only ever hold a name written in the
file, which getattr may be given (course/own_code/by_name.py).
"""

from __future__ import annotations

import ast
import dataclasses

from course.own_code.gateways import _dunder, _plain


@dataclasses.dataclass(frozen=True)
class Names:
    """What a file's bindings say of its names (``_bindings``)."""

    written: frozenset[str] = frozenset()  # only ever a plain name written in the file
    classes: frozenset[str] = frozenset()  # its plain classes (``_plain_classes``)
    bound: frozenset[str] = frozenset()  # every name it binds, anywhere
    aliases: frozenset[str] = frozenset()  # its names for imported classes (``_aliases``)


def _own_attributes(tree: ast.Module) -> set[str]:
    """The attributes the file defines on its own objects: assigned to an attribute
    (``self._prev = ...``, ``out._backward = f``), defined in a class body (a method, a class
    attribute) or named in ``__slots__``."""
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
            own.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                          ast.ClassDef)):
                    own.add(statement.name)
                targets = statement.targets if isinstance(statement, ast.Assign) else \
                    [statement.target] if isinstance(statement, ast.AnnAssign) else []
                for target in targets:
                    own |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
                    if isinstance(target, ast.Name) and target.id == "__slots__":
                        own |= {n.value for n in ast.walk(statement.value)
                                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return own


def _bindings(tree: ast.Module, parents: dict
              ) -> tuple[dict[str, list[ast.AST]], list[tuple[ast.AST, ast.AST]]]:
    """Each name the file binds, with the statements (or parameters, handlers...) that bind
    it, anywhere in the file: where a name is bound any way, it may hold anything. And each
    target a statement gives a value, with the value (``_assigned``), which
    course/own_code/aliases.py follows classes through: both are read in one walk."""
    bindings: dict[str, list[ast.AST]] = {}
    assigned: list[tuple[ast.AST, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bindings.setdefault(node.id, []).append(parents.get(node))
        for name in _other_bindings(node):
            bindings.setdefault(name, []).append(node)
        assigned += _assigned(node)
    return bindings, assigned


def _assigned(node: ast.AST) -> list[tuple[ast.AST, ast.AST]]:
    """The targets ``node`` gives a value, each with the value: an assignment's (``T =
    torch.Tensor``, ``T := ...``), a loop's (``for T in (torch.Tensor,)``), a with
    statement's."""
    if isinstance(node, ast.Assign):
        return [(t, node.value) for t in node.targets]
    if isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
        return [(node.target, node.value)]
    if isinstance(node, (ast.For, ast.comprehension)):
        return [(node.target, node.iter)]
    if isinstance(node, ast.With):
        return [(item.optional_vars, item.context_expr) for item in node.items
                if item.optional_vars is not None]
    return []


def _plain_classes(bindings: dict[str, list[ast.AST]]) -> frozenset[str]:
    """The names bound only by class statements of plain classes: no metaclass named, no base
    but another such class (so type makes each, from its body alone)."""
    classes = {name for name, where in bindings.items()
               if all(isinstance(b, ast.ClassDef) for b in where)}
    while True:
        kept = {name for name in classes if all(
            not b.keywords and all(isinstance(base, ast.Name) and base.id in classes
                                   for base in b.bases) for b in bindings[name])}
        if kept == classes:
            return frozenset(kept)
        classes = kept


def _names_written_here(bindings: dict[str, list[ast.AST]], tree: ast.Module, parents: dict,
                        refused: frozenset[str], imported: frozenset[str]) -> frozenset[str]:
    """The variables that only ever hold a plain attribute name written in the file: each
    binding of theirs is a loop's over a literal list of such names (``for name in ["weight",
    "bias"]``, a comprehension's too), or over a variable bound only to one and used only so
    (``NAMES = ("weight", "bias")``). A learner's getattr(model, name) over them reads what
    ``model.weight`` would; a variable bound any other way (a parameter, ``name += "x"``, a
    walrus, an import...) may hold a name built at run time. (None of ``refused``, the
    rule's decorators, which getattr would hand on.) Nor a name Python or an import binds
    before any loop runs: a dunder (a class body's ``__doc__`` is its docstring, any text:
    ``for __doc__ in ()`` made "gi_frame" a name written here, red team 25b), or one of
    ``imported``, which a ``*`` binds unseen (functools' ``WRAPPER_UPDATES``, "__dict__")."""
    preset = {name for name in bindings if _dunder(name) or name in imported}
    loads: dict[str, list[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads.setdefault(node.id, []).append(node)
    lists = {name for name, where in bindings.items() if name not in preset
             and all(isinstance(b, (ast.Assign, ast.AnnAssign)) and _names_literal(b.value, refused)
                    and _single_target(b, name) for b in where)
             and all(_iterated(use, parents) for use in loads.get(name, []))}
    return frozenset(name for name, where in bindings.items() if name not in preset and all(
        isinstance(b, (ast.For, ast.comprehension)) and isinstance(b.target, ast.Name)
        and (_names_literal(b.iter, refused)
             or isinstance(b.iter, ast.Name) and b.iter.id in lists)
        for b in where))


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _other_bindings(node: ast.AST) -> list[str]:
    """The names ``node`` binds other than as an ast.Name: a parameter, an except's, a match
    pattern's, a definition's, an import's, a global or nonlocal statement's."""
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, _DEFINITIONS):
        return [node.name]
    if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)):
        return [node.name] if node.name else []
    if isinstance(node, ast.MatchMapping):
        return [node.rest] if node.rest else []
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [a.asname or a.name.partition(".")[0] for a in node.names]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    return []


def _names_literal(node: ast.AST | None, refused: frozenset[str]) -> bool:
    """Whether ``node`` is a literal list, tuple or set of plain public attribute names, none
    of them ``refused``."""
    return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isidentifier()
        and _plain(e.value) and not e.value.startswith("_") and e.value not in refused
        for e in node.elts)


def _single_target(statement: ast.Assign | ast.AnnAssign, name: str) -> bool:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == name


def _iterated(use: ast.Name, parents: dict) -> bool:
    """Whether a variable is read only as what a loop runs over (handed to nothing that could
    change it)."""
    parent = parents.get(use)
    return isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is use
