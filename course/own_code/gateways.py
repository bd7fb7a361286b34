"""The names that lead out of plain computation, whoever's object they are read on.

A file is refused for

- a builtin that runs or finds code by name (``exec``, ``__import__``, ``globals``...), as a
  name or as an attribute (``CODE_BY_NAME``; ``getattr`` and its kin only with a name written
  in the file: course/own_code/by_name.py);
- a gateway attribute (``GATEWAYS``): a frame's (``f_back``, ``tb_frame``), or a name that
  leads to the interpreter (``sys``, ``modules``, ``ctypes``, ``types``), to pickle
  (``load``), to raw memory (numpy's ``as_strided``), to attributes named by strings
  (``attrgetter``, ``update_wrapper``), to annotations evaluated as code
  (``get_type_hints``, ``singledispatch``), or to files (numpy's ``fromfile`` reads the
  process's memory in /proc/self/mem);
- reading, defining or binding (a match's capture, an import's name...) a dunder a plain class
  does not define (``PLAIN_DUNDERS``: ``__globals__``, ``__subclasses__``;
  ``__array_interface__`` makes numpy read any address), and defining ``__name__``
  (``case __name__:`` ran the script part on import).
"""

from __future__ import annotations

# Builtins that run code made from data, find objects by name, or open files.
CODE_BY_NAME = frozenset({"exec", "eval", "compile", "__import__", "globals", "locals", "vars",
                          "open", "breakpoint", "memoryview", "__builtins__", "__loader__",
                          "__spec__"})
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


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def _private(name: str) -> bool:
    return name.startswith("_") and not _dunder(name)


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
