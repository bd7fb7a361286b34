"""The walk that ties the rule together: ``reaches_out`` reads what the file binds once
(course/own_code/bindings.py, aliases.py, modules.py), then asks of each node outside the
script part what it reaches past the rule, and names the first line that does.

Each kind of node is asked by its own function (an import, an attribute, a string, a name),
which asks the modules that know: the rule is read in the grader's process, never run.
"""

from __future__ import annotations

import ast
import functools
from types import ModuleType

from course import learner_source
from course.own_code.aliases import _aliases
from course.own_code.annotations import _in_annotation, _literal, _names_only
from course.own_code.bindings import (
    _DEFINITIONS,
    Names,
    _bindings,
    _names_written_here,
    _other_bindings,
    _own_attributes,
    _plain_classes,
)
from course.own_code.by_name import _by_name, _shown_only
from course.own_code.classes import (
    _CLASS_OF,
    ENUMS,
    _a_class,
    _a_methods_class,
    _called_with_members,
    _computed_from_a_class,
    _decorates_a_class,
    _undecorated,
)
from course.own_code.gateways import (
    BY_NAME,
    CODE_BY_NAME,
    PLAIN_DUNDERS,
    _dunder,
    _plain,
    _plain_definition,
    _private,
)
from course.own_code.modules import (
    _bound_modules,
    _bound_twice,
    _import,
    _import_from,
    _module_use,
    _starred,
)
from course.own_code.rule import ENGINE, Rule
from course.own_code.script import _run_as_a_script


@functools.lru_cache(maxsize=8)  # (each of an exercise's tasks asks of the same file)
def reaches_out(source: str, rule: Rule = ENGINE) -> str | None:
    """The first way ``source`` reaches past what ``rule`` allows ("line 3 imports sys"), or
    None. A file that does not parse is left to its import, which says why."""
    if rule.max_characters is not None and len(source) > rule.max_characters:
        return (f"size, {len(source):,} characters, is more than {rule.noun} of one's own takes"
                f" (at most {rule.max_characters:,}: {rule.noun} carried in the file as data is "
                "not)")
    parsed = learner_source.parse(source)
    if parsed.long_fstrings:  # 64,000 characters of one held the grader's process 3 s, per task
        return (f"line {parsed.long_fstrings[0]} holds an f-string too long to read quickly "
                f"({rule.noun}'s f-strings are short)")
    if parsed.too_deep:  # Python compiles it no more than the rule reads it
        return "line 1 nests too deeply to be read"
    tree = parsed.tree
    if tree is None:
        return None
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    modules = _bound_modules(tree, rule)
    unread = _run_as_a_script(tree)
    own = _own_attributes(tree)
    imported = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for a in node.names} | set().union(*_starred(tree, rule).values())
    bindings, assigned = _bindings(tree, parents)
    names = Names(_names_written_here(bindings, tree, parents, rule.decorators,
                                      frozenset(imported)),
                  _plain_classes(bindings), frozenset(bindings),
                  frozenset(_aliases(assigned, tree, modules, imported)))
    found = [(node.lineno, what) for node in ast.walk(tree) if node not in unread
             and (what := _reach(node, parents, modules, own, rule, imported, names))
             is not None]
    found += _bound_twice(tree, rule)
    return "line {} {}".format(*min(found)) if found else None


def _reach(node: ast.AST, parents: dict, modules: dict[str, ModuleType], own: set[str],
           rule: Rule, imported: set[str], names: Names | None = None) -> str | None:
    """What ``node`` reaches past ``rule``, or None. ``own``: the file's own attributes
    (``_own_attributes``); ``imported``: the names it imports from modules; ``names``: what
    the file's bindings say of its names."""
    names = names or Names()
    # (not only a def's: ``case __name__:`` matched against "__main__" ran the script part,
    # never read, on import, red team 25b)
    refused = next((n for n in _other_bindings(node) if not _plain_definition(n)), None)
    if refused is not None:
        return f"{'defines' if isinstance(node, _DEFINITIONS) else 'binds'} {refused}"
    if isinstance(node, ast.Import):
        return _import(node, rule)
    if isinstance(node, ast.ImportFrom):
        return _import_from(node, rule)
    if isinstance(node, ast.Attribute):
        return _attribute_reach(node, parents, modules, own, rule, imported, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _string_reach(node, parents)
    if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == "type"
                                              for b in node.bases):
        return f"defines {node.name}, a kind of class (a metaclass)"
    if isinstance(node, ast.Call) and (node.args[1:] or node.keywords) and (
            isinstance(node.func, ast.Name) and node.func.id == "wraps"
            or isinstance(node.func, ast.Attribute) and node.func.attr == "wraps"):
        return "uses wraps with the attributes to copy named (as update_wrapper: wraps(f) alone)"
    if not isinstance(node, ast.Name):
        return None
    return _name_reach(node, parents, modules, own, rule, imported, names)


def _attribute_reach(node: ast.Attribute, parents: dict, modules: dict[str, ModuleType],
                     own: set[str], rule: Rule, imported: set[str], names: Names) -> str | None:
    """What reading or writing ``node``'s attribute reaches past ``rule``, or None."""
    parent = parents.get(node)
    if node.attr == "__dict__" and _shown_only(node, parents, names) and not (
            isinstance(node.value, ast.Name) and node.value.id in modules):
        return None
    if not _plain(node.attr) and not (node.attr in rule.methods and isinstance(
            parent, ast.Call) and parent.func is node):
        return f"reads {node.attr}"
    if node.attr in ENUMS and _called_with_members(node, parent):
        return f"uses {node.attr} to make a class from data (write a class statement)"
    if node.attr in rule.decorators and not _decorates_a_class(node, parents, names.classes):
        return _undecorated(node.attr)
    if node.attr == "__class__" and isinstance(node.ctx, (ast.Store, ast.Del)):
        return "rebinds __class__ (an object's class is the one it was made with)"
    root = node.value
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(root, ast.Name) and root.id in modules:
        return None  # (a module's attributes: said where the module is used)
    if isinstance(node.ctx, (ast.Store, ast.Del)) and isinstance(node.value, ast.Name) \
            and node.value.id in imported:
        # (``from minigrad import Tensor``, then ``Tensor.backward = mine``; or through a
        # name of the file's own, ``T = torch.Tensor``: ``_aliases``)
        return f"rebinds {node.value.id}.{node.attr}, imported, not this file's"
    if isinstance(node.ctx, (ast.Store, ast.Del)) \
            and _computed_from_a_class(node.value, imported | names.aliases | set(modules)):
        return f"rebinds {node.attr} of {_CLASS_OF}"
    if _private(node.attr) and (node.attr not in own or node.attr in rule.foreign) \
            and not rule.teaches(node.attr):
        if node.attr in own:  # (the file's own too, ``self._params``: it cannot tell which)
            return f"uses {node.attr}, a private name minigrad's own code uses too"
        return f"reads {node.attr}, a private name of code other than this file's"
    return None


def _string_reach(node: ast.Constant, parents: dict) -> str | None:
    """What a string reaches past the rule: as an annotation, code typing may evaluate; as a
    dict's key, say, a dunder a class may be made with."""
    if _in_annotation(node, parents) and not _names_only(node.value) \
            and not _literal(node, parents):
        return "writes an annotation as a string of more than names (typing evaluates it)"
    if _dunder(node.value) and node.value not in PLAIN_DUNDERS:  # (as a dict's key, say)
        return f"writes {node.value}"
    return None


def _name_reach(node: ast.Name, parents: dict, modules: dict[str, ModuleType], own: set[str],
                rule: Rule, imported: set[str], names: Names) -> str | None:
    """What using or binding the name ``node`` reaches past ``rule``, or None."""
    parent = parents.get(node)
    if isinstance(node.ctx, ast.Store):
        return None if _plain_definition(node.id) else f"defines {node.id}"
    if node.id == "vars" and isinstance(parent, ast.Call) and parent.func is node \
            and len(parent.args) == 1 and not parent.keywords \
            and _shown_only(parent, parents, names) \
            and not (isinstance(parent.args[0], ast.Name) and parent.args[0].id in modules):
        return None  # (its text only: a module's, its globals, are not handed on either)
    if node.id in CODE_BY_NAME or (node.id.startswith("__") and node.id not in PLAIN_DUNDERS):
        return f"uses {node.id}"
    if node.id in BY_NAME:
        if node.id != "getattr" and isinstance(parent, ast.Call) and parent.func is node \
                and parent.args and _computed_from_a_class(
                    parent.args[0], imported | names.aliases | set(modules)):
            return f"uses {node.id} on {_CLASS_OF}"
        return _by_name(node, parent, names.written, own, rule)
    if node.id in imported and not _plain(node.id):  # (bound by an import's *)
        return f"uses {node.id}, imported by a *: import the names you use by name"
    if node.id in ENUMS and _called_with_members(node, parent):
        return f"uses {node.id} to make a class from data (write a class statement)"
    if node.id in rule.decorators and not _decorates_a_class(node, parents, names.classes):
        return _undecorated(node.id)
    if node.id == "type" and not (isinstance(parent, ast.Call) and parent.func is node
                                  and len(parent.args) == 1 and not parent.keywords) \
            and not (_in_annotation(node, parents) and not isinstance(parent, ast.Call)):
        # (``-> type`` names it, calls nothing; an annotation's call runs as the def does)
        return "uses type other than as type(x) (to make a class, write a class statement)"
    if node.id == "type" and isinstance(parent, ast.Call) and parent.func is node \
            and (_a_class(parent.args[0], imported | names.aliases, modules, names)
                 or _a_methods_class(parent.args[0], parents)):
        # (the class of a class is type itself, or a metaclass: ``type(int)("K", (), d)`` made
        # a class from data where ``type("K", (), d)`` was refused)
        return "uses type(...) of a class (its class makes classes: write a class statement)"
    if node.id in modules:
        return _module_use(node, parents, modules[node.id], rule)
    return None
