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
- uses a module other than through its public attributes, within its own package
  (``m = numpy.core``, ``f(np)``, ``collections._sys``, ``typing.operator``): a module handed
  on, or one an allowed module imported, is one the rules no longer follow;
- reads a private attribute (``x._name``) that the file does not define on its own objects
  (``self._op = ...``, ``def _backward``) and the task does not name (``_prev``, the inputs of
  every node topological_order is given): the private machinery of other code
  (``typing.get_args(...)[0]._evaluate`` runs a string as code, a red team found);
- uses a builtin that runs or finds code by name (``exec``, ``__import__``, ``globals``,
  ``getattr`` with a computed name...), as a name or as an attribute, or imports a module an
  allowed one imported from elsewhere (enum keeps the builtins module as ``bltns``). Not
  refused, as honest files do it and it reaches nothing: getattr over names written in the
  file (``for name in ("weight", "bias")``), and ``vars(self)`` or ``self.__dict__`` only
  made into text (in an f-string, given to print);
- reads a gateway attribute: a dunder other than those a plain class defines
  (``__globals__``, ``__subclasses__``), a frame's (``f_back``, ``tb_frame``), or a name that
  leads to the interpreter (``sys``, ``modules``, ``ctypes``, ``types``), to pickle (``load``),
  to raw memory (numpy's ``as_strided``), to attributes named by strings (``attrgetter``,
  ``update_wrapper``, ``wraps`` given the names) or to
  annotations evaluated as code (``get_type_hints``, ``singledispatch``);
- defines or binds (a match's capture, an import's name...) a dunder a plain class does not,
  or ``__name__`` (``case __name__:`` ran the script part on import; ``__array_interface__``
  makes numpy read any address), also as a string (a key of the dict ``type(name, bases,
  dict)`` makes a class of), makes a class from data (``type``, Enum's functional form) or a
  metaclass, defines how its attributes are looked up (``__getattr__`` answers numpy's
  protocols by a name built at run time), or writes an annotation as a string that is more
  than names (``"Value"`` and ``"list[Value]"`` are fine: typing may evaluate them);
- imports two modules under one name (the rule reads each name as one module);
- writes an attribute on what may be a class or module not its own: ``type(x).f = g``,
  ``x.__class__.f = g``, ``super()``, or a name (an attribute, a container) the file binds to
  an imported class, ``T = torch.Tensor; T.backward = mine``, or a value computed from one
  (``[torch.Tensor][0].backward = mine``), or a parameter of the file's own function given one
  by a call, a default or ``map`` (``def patch(cls): cls.backward = mine``, then
  ``patch(torch.Tensor)``); and ``setattr`` on any of them;
- calls ``type`` on a class (``type(int)("K", (), d)`` makes a class from data, as
  ``type("K", (), d)`` would; ``type(self)(...)`` is fine);
- imports two modules under one name (the rule reads each name as one module; a ``*`` binds
  the module's modules too), or by a ``*`` a module it makes on first use (numpy's);
- uses a ``Rule``'s decorator (dataclasses' ``dataclass``) other than on a class statement
  based on nothing or on the file's own plain classes: it writes Python from the names of
  the class's fields;
- reads or writes files (numpy's ``fromfile`` reads the process's memory in /proc/self/mem);
- is longer than ``MAX_CHARACTERS``: an engine shipped in the file as data.

An honest engine needs none of these: ex10's stub and reference import math and numpy only.

The rule is ex10's (``ENGINE``) unless a ``Rule`` says otherwise: the exercises whose checks
run in the learner's process take it with minigrad allowed (course/specs/grader_out_of_reach.py),
and the same rules keep the grader's modules, which are in that process, out of reach. Each
also refuses rebinding an allowed module's names (``torch.autograd.grad = mine``).

This is a rule about the source, not a proof: a gadget it does not know of could still run
code it never read. So ex10's file also runs where there is no engine to reach: no minigrad,
and of the installed packages numpy alone (``course.tasks.WITHOUT_MINIGRAD``, course.bwrap),
in a process where no code runs but the file's own (course/audit.py).

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
import builtins
import dataclasses
import functools
import importlib
import warnings
from types import ModuleType
from typing import Any

from course import learner_source

# Plain computation. What they imported from elsewhere (typing's operator, dataclasses' re) is
# out of reach: a chain of attributes stays within the package it starts from.
# (Not dataclasses: it runs generated source in which a field's name, a str subclass with a
# __repr__ of its own, can write a statement, a red team found.)
ALLOWED_MODULES = ("math", "cmath", "numpy", "random", "collections", "itertools", "functools",
                   "operator", "heapq", "bisect", "typing", "numbers", "abc", "enum", "copy",
                   "statistics", "time", "warnings", "__future__")
# Modules that run code from strings (doctest runs a docstring's examples): imported anywhere,
# used only where the file runs as a script, never when the grader imports it.
SCRIPT_ONLY = ("doctest",)
# Builtins that run code made from data, find objects by name, or open files.
CODE_BY_NAME = frozenset({"exec", "eval", "compile", "__import__", "globals", "locals", "vars",
                          "open", "breakpoint", "memoryview", "__builtins__", "__loader__",
                          "__spec__"})
# ex10's stub is ~5,000 characters, its reference ~3,000. A red team carried minigrad in the
# file as 500 KB of base64 (imported once a string ran as code): data, not an engine.
MAX_CHARACTERS = 64_000
# The private attributes the task itself names: a node's inputs, read on the grader's nodes too.
INTERFACE = frozenset({"_prev"})
# Enum's classes, which make a class from data when called with its members (a dict whose keys
# may be any dunder: a red team's __array_interface__, built at run time).
ENUMS = frozenset({"Enum", "IntEnum", "Flag", "IntFlag", "StrEnum", "ReprEnum"})
# Fine with a literal name (checked as the attribute it reads), not with a computed one.
BY_NAME = frozenset({"getattr", "setattr", "delattr"})
# The dunders a Value (or any plain class) defines and uses.
PLAIN_DUNDERS = frozenset({
    "__init__", "__repr__", "__str__", "__format__", "__class__", "__name__", "__qualname__",
    "__doc__", "__file__", "__hash__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
    "__ge__", "__bool__", "__float__", "__int__", "__index__", "__round__", "__trunc__",
    "__floor__", "__ceil__", "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__",
    "__isub__", "__mul__", "__rmul__", "__imul__", "__truediv__", "__rtruediv__",
    "__itruediv__", "__div__", "__rdiv__", "__floordiv__", "__rfloordiv__", "__mod__",
    "__rmod__", "__pow__", "__rpow__", "__ipow__", "__neg__", "__pos__", "__abs__",
    "__matmul__", "__rmatmul__", "__len__", "__iter__", "__next__", "__getitem__",
    "__setitem__", "__contains__", "__call__", "__enter__", "__exit__", "__post_init__",
    "__slots__", "__all__", "__copy__",
    "__main__",  # (the script guard's string)
    "__deepcopy__",
    # a module's own description of itself
    "__author__", "__version__", "__email__", "__license__", "__credits__",
    # numpy's protocols that hand numpy a learner's own values (not __array_interface__,
    # which hands it a memory address)
    "__array__", "__array_priority__", "__array_ufunc__"})
# Names that lead from an object or a module to the interpreter, to other modules, to pickle,
# or to annotations evaluated as code.
GATEWAYS = frozenset({
    "_evaluate", "_eval_type",  # typing's evaluation of a string, however defined
    "sys", "os", "modules", "builtins", "importlib", "ctypes", "ctypeslib", "types",
    "CodeType", "FunctionType", "subprocess", "threading", "multiprocessing", "gc", "inspect",
    "f2py", "testing", "distutils", "load", "loads", "pickle", "read_array", "NpzFile",
    "npyio", "as_strided", "stride_tricks", "byte_bounds", "array_utils", "attrgetter",
    "methodcaller", "get_type_hints", "ForwardRef", "singledispatch", "singledispatchmethod",
    # reads and writes attributes named by strings (a function's __globals__ merged into
    # another's, a name built at run time: red team 25); functools.wraps(f) alone is fine
    "update_wrapper",
    "make_dataclass",  # (a dataclass whose fields are named by data: see Rule.decorators)
    # a class's bases as a list: a subclass of the file's own led back to minigrad's class,
    # ``T.mro()[1].backward = f`` (red team 25b; ``__mro__`` and ``__bases__`` are dunders)
    "mro",
    # files (the process's own memory is one: /proc/self/mem)
    "fromfile", "tofile", "memmap", "loadtxt", "savetxt", "genfromtxt", "fromregex",
    "DataSource",
    # classes made from data, whose dict may hold any dunder (type's three arguments too)
    "ABCMeta", "EnumMeta", "EnumType", "new_class",
    "f_back", "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "tb_next",
    "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code"})


@dataclasses.dataclass(frozen=True)
class Rule:
    """What a file may use, beyond which every rule above holds: the modules it may import,
    the private names of other code it may read (those its task or lessons name), the gateway
    names it may call as a method (``model.modules()`` is nn.Module's, not ``sys.modules``),
    what its answer is called in a reply ("an engine"), and the functions it may use only as
    the decorator of a class statement (dataclasses' ``dataclass``: it writes Python from the
    names of the class's fields and runs it, and only a class statement's are sure to be
    names, not a str of the file's own whose repr writes a statement)."""

    allowed: tuple[str, ...] = ALLOWED_MODULES
    interface: frozenset[str] = INTERFACE
    interface_prefixes: tuple[str, ...] = ()
    # private names the allowed packages use themselves: never the file's own, whatever it
    # writes (``b._ids = 0`` beside ``graph_task._ids``, red team 25)
    foreign: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    noun: str = "an engine"
    max_characters: int | None = MAX_CHARACTERS  # (None: as large as a submission's file)
    script_only: tuple[str, ...] = SCRIPT_ONLY
    decorators: frozenset[str] = frozenset()

    def teaches(self, name: str) -> bool:
        """Whether ``name``, a private attribute of other code, is one the task names."""
        return name in self.interface or name.startswith(self.interface_prefixes)


# ex10's: an engine of its own, with math and numpy.
ENGINE = Rule()


@dataclasses.dataclass(frozen=True)
class Names:
    """What a file's bindings say of its names (``_bindings``)."""

    written: frozenset[str] = frozenset()  # only ever a plain name written in the file
    classes: frozenset[str] = frozenset()  # its plain classes (``_plain_classes``)
    bound: frozenset[str] = frozenset()  # every name it binds, anywhere
    aliases: frozenset[str] = frozenset()  # its names for imported classes (``_aliases``)


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
    bindings = _bindings(tree, parents)
    names = Names(_names_written_here(bindings, tree, parents, rule.decorators,
                                      frozenset(imported)),
                  _plain_classes(bindings), frozenset(bindings),
                  frozenset(_aliases(tree, modules, imported)))
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
    parent = parents.get(node)
    # (not only a def's: ``case __name__:`` matched against "__main__" ran the script part,
    # never read, on import, red team 25b)
    refused = next((n for n in _other_bindings(node) if not _plain_definition(n)), None)
    if refused is not None:
        return f"{'defines' if isinstance(node, _DEFINITIONS) else 'binds'} {refused}"
    if isinstance(node, ast.Import):
        return next((f"imports {a.name}" for a in node.names if not _allowed(a.name, rule)),
                    None)
    if isinstance(node, ast.ImportFrom):
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
    if isinstance(node, ast.Attribute):
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
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _in_annotation(node, parents) and not _names_only(node.value) \
                and not _literal(node, parents):
            return "writes an annotation as a string of more than names (typing evaluates it)"
        if _dunder(node.value) and node.value not in PLAIN_DUNDERS:  # (as a dict's key, say)
            return f"writes {node.value}"
    if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == "type"
                                              for b in node.bases):
        return f"defines {node.name}, a kind of class (a metaclass)"
    if isinstance(node, ast.Call) and (node.args[1:] or node.keywords) and (
            isinstance(node.func, ast.Name) and node.func.id == "wraps"
            or isinstance(node.func, ast.Attribute) and node.func.attr == "wraps"):
        return "uses wraps with the attributes to copy named (as update_wrapper: wraps(f) alone)"
    if not isinstance(node, ast.Name):
        return None
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
            and _a_class(parent.args[0], imported | names.aliases, modules, names):
        # (the class of a class is type itself, or a metaclass: ``type(int)("K", (), d)`` made
        # a class from data where ``type("K", (), d)`` was refused)
        return "uses type(...) of a class (its class makes classes: write a class statement)"
    if node.id in modules:
        return _module_use(node, parents, modules[node.id], rule)
    return None


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


def _aliases(tree: ast.Module, modules: dict[str, ModuleType], imported: set[str]) -> set[str]:
    """The names the file binds to what may be a class or module not its own: an attribute chain
    of a module or an imported name (``T = torch.Tensor``, ``(T, U) = (Tensor, 1)``, ``T :=
    ...``, ``for T in (torch.Tensor,)``), ``type(x)`` or ``x.__class__``, or another such name.
    Written on, they rebind minigrad's classes as ``torch.Tensor.backward = mine`` would."""
    bindings = [(target, value) for node in ast.walk(tree) for target, value in (
        [(t, node.value) for t in node.targets] if isinstance(node, ast.Assign) else
        [(node.target, node.value)] if isinstance(node, (ast.AnnAssign, ast.NamedExpr))
        and node.value is not None else
        [(node.target, node.iter)] if isinstance(node, (ast.For, ast.comprehension)) else
        [(item.optional_vars, item.context_expr) for item in node.items
         if item.optional_vars is not None] if isinstance(node, ast.With) else [])]
    bindings += _parameters_given(tree)
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


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def _private(name: str) -> bool:
    return name.startswith("_") and not _dunder(name)


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


def _bindings(tree: ast.Module, parents: dict) -> dict[str, list[ast.AST]]:
    """Each name the file binds, with the statements (or parameters, handlers...) that bind
    it, anywhere in the file: where a name is bound any way, it may hold anything."""
    bindings: dict[str, list[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bindings.setdefault(node.id, []).append(parents.get(node))
        for name in _other_bindings(node):
            bindings.setdefault(name, []).append(node)
    return bindings


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


def _run_as_a_script(tree: ast.Module) -> set[ast.AST]:
    """What runs only when the file is run as a script (``if __name__ == "__main__":``, a
    doctest.testmod() say), never when the grader imports it: not read."""
    unread: set[ast.AST] = set()
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) else None
        if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) \
                and test.left.id == "__name__" and len(test.ops) == 1 \
                and isinstance(test.ops[0], ast.Eq) and isinstance(test.comparators[0],
                                                                   ast.Constant) \
                and test.comparators[0].value == "__main__":
            unread |= {n for statement in node.body for n in ast.walk(statement)}
    return unread


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


def _allowed(module: str, rule: Rule) -> bool:
    """An allowed module or a public submodule of one, not a package's tests: the grader's own
    process imports each to read the file (numpy's tests import pytest and seed numpy's global
    generator there, a red team found; numpy's conftest sets an environment variable)."""
    top, *rest = module.split(".")
    return top in rule.allowed + rule.script_only and all(map(_public_part, rest))


def _public_part(name: str) -> bool:
    return not name.startswith(("_", "test", "conftest")) and _plain(name)


def _plain_definition(name: str) -> bool:
    """Whether a name may be defined: any but a dunder a plain class does not define, and
    ``__name__`` (``__name__ = "__main__"`` would run the script part on import)."""
    return name != "__name__" and (not _dunder(name)
                                   or name in PLAIN_DUNDERS)


def _plain(name: str) -> bool:
    """Whether an attribute may be read (or a name defined): no gateway, no builtin that runs
    code, no dunder but a plain class's."""
    if _dunder(name):
        return name in PLAIN_DUNDERS
    return name not in GATEWAYS and name not in CODE_BY_NAME and name not in BY_NAME
