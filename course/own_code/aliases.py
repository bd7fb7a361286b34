"""The file's names for what may be a class or module not its own (``_aliases``): written on,
they rebind minigrad's classes as ``torch.Tensor.backward = mine`` would.

A name is one where the file binds it to such a value (``T = torch.Tensor``, ``self.T =
torch.Tensor``, ``kept["T"] = torch.Tensor``, ``for T in (torch.Tensor,)``), or where it is a
parameter of the file's own function given one by a call, a default or ``map`` (``def
patch(cls): cls.backward = mine``, then ``patch(torch.Tensor)``: red team 26).
"""

from __future__ import annotations

import ast
from types import ModuleType

from course.own_code.classes import _holds_a_class


def _aliases(assigned: list[tuple[ast.AST, ast.AST]], tree: ast.Module,
             modules: dict[str, ModuleType], imported: set[str]) -> set[str]:
    """The names the file binds to what may be a class or module not its own: an attribute chain
    of a module or an imported name (``T = torch.Tensor``, ``(T, U) = (Tensor, 1)``, ``T :=
    ...``, ``for T in (torch.Tensor,)``), ``type(x)`` or ``x.__class__``, or another such name.
    Written on, they rebind minigrad's classes as ``torch.Tensor.backward = mine`` would.
    ``assigned``: each target the file gives a value, with the value (``_bindings`` reads them
    in the walk it reads the names in)."""
    bindings = [*assigned, *_parameters_given(tree)]
    aliases: set[str] = set()
    while True:
        others = imported | aliases | set(modules)
        found = {name for target, value in bindings for name in _bound_to(target, value, others)}
        if found <= aliases:
            return aliases
        aliases |= found


def _parameters_given(tree: ast.Module) -> list[tuple[ast.AST, ast.AST]]:
    """Each parameter of the file's own functions with what it may be given: its default
    (``def f(T=torch.Tensor)``), an argument of a call of the function by its name
    (``patch(torch.Tensor)``), or what ``map(patch, [torch.Tensor])`` hands it (an iterable,
    which holds a class where its display does). A class handed on so is written on as
    ``torch.Tensor.backward = mine`` would be (red team 26)."""
    functions: dict[str, list[str]] = {}
    given: list[tuple[ast.AST, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            positional = [*a.posonlyargs, *a.args]
            given += [(ast.Name(id=p.arg), d) for p, d in
                      zip(positional[len(positional) - len(a.defaults):], a.defaults)]
            given += [(ast.Name(id=p.arg), d) for p, d in zip(a.kwonlyargs, a.kw_defaults)
                      if d is not None]
            if not isinstance(node, ast.Lambda):
                functions.setdefault(node.name, []).extend(p.arg for p in positional)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        mapped = node.func.id == "map" and bool(node.args)
        function = node.args[0] if mapped else node.func
        parameters = functions.get(function.id, []) if isinstance(function, ast.Name) else \
            [p.arg for p in (*function.args.posonlyargs, *function.args.args)] \
            if isinstance(function, ast.Lambda) else []
        given += [(ast.Name(id=p), v) for p, v in
                  zip(parameters, node.args[1:] if mapped else node.args)]
        given += [(ast.Name(id=k.arg), k.value) for k in node.keywords if k.arg in parameters]
    return given


def _bound_to(target: ast.AST, value: ast.AST, others: set[str]) -> set[str]:
    """The names ``target = value`` binds to what may be a class or module not the file's own
    (pairs of a tuple taken apart; otherwise each name the target binds, if the value is one or
    a display holding one): a name, an attribute's name (``self.T = torch.Tensor``, then
    ``self.T.backward``), a container's name (``kept["T"] = torch.Tensor``)."""
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
            and len(target.elts) == len(value.elts):
        return {name for t, v in zip(target.elts, value.elts) for name in _bound_to(t, v, others)}
    return _target_names(target) if _holds_a_class(value, others) else set()


def _target_names(target: ast.AST) -> set[str]:
    """The names an assignment to ``target`` binds, by which the value is then reached."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return {name for item in target.elts for name in _target_names(item)}
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    if isinstance(target, ast.Attribute):
        return {target.attr}
    if isinstance(target, ast.Subscript):
        return _target_names(target.value)
    return {target.id} if isinstance(target, ast.Name) else set()
