"""No code but the learner's own file: the guard of a fork graded without minigrad (ex10).

ex10's sandbox holds no engine (no minigrad, no installed package but numpy, no file but
ex10's; ``course.bwrap``), so a learner who wants gradients without writing an engine has to
bring one inside the file as data, then run it: run a string as code, or write it out and
import it. Red teams found gadgets in the allowed modules that do the first (a dataclass's
generated source, typing's forward references, raw memory through numpy's array protocol),
and course/own_code/ refuses each one it knows of. This refuses them all, by what they do
rather than how they are reached: an audit hook (``sys.addaudithook``, which nothing in the
process can remove) installed before the learner's file is imported raises on

- running code that was not the file's own module body (``exec``, ``eval``, the code of a
  function made from a code object, a code object made or changed, ``marshal.loads``);
- compiling source other than the file itself once (a forward reference of names only, such
  as ``Optional["Value"]``, is compiled by typing and fine, and so is the one line
  ``collections.namedtuple`` compiles and runs for each new class, its fields being names);
- importing a module not imported already (the zygote imports what an engine may use first);
- opening a file for writing, starting a process, loading a shared library.

    >>> refused("exec", ("<code object>",))
    'runs code that is not your file'
"""

from __future__ import annotations

import os
import re
import sys
from types import CodeType
from typing import Any

from course.own_code import ALLOWED_MODULES

# What an engine of one's own may use (the modules the rule allows, numpy's submodules it loads
# on first use), and what reports an error, imported by the zygote before any fork: in the fork
# no module is imported any more.
PRELOADED = (*ALLOWED_MODULES, "numpy.random", "numpy.linalg", "numpy.fft", "numpy.polynomial",
             "numpy.ma", "numpy.char", "numpy.rec", "numpy.strings", "collections.abc",
             "linecache", "traceback")
# A forward reference typing compiles: names, dots, subscripts, commas, `|`.
_NAMES = re.compile(r"[\w.\[\], |]*")
# The __new__ collections.namedtuple compiles for a class (its fields are checked names).
_NAMEDTUPLE = re.compile(r"lambda _cls(, \w+)*,?: _tuple_new\(_cls, \((\w+, )*(\w+,?)?\)\)")
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_REFUSED = {
    "import": "imports a module ex10's sandbox did not load",
    "function.__new__": "runs code that is not your file",
    "code.__new__": "makes code from data",
    "marshal.loads": "makes code from data",
    "pickle.find_class": "loads objects from data",
    "ctypes.dlopen": "loads a library",
    "ctypes.dlsym": "loads a library",
    "os.system": "starts a process",
    "os.exec": "starts a process",
    "os.posix_spawn": "starts a process",
    "os.spawn": "starts a process",
    "os.fork": "starts a process",
    "os.forkpty": "starts a process",
    "subprocess.Popen": "starts a process",
}

_WATCHED = frozenset({"exec", "compile", "open", *_REFUSED})


def refused(event: str, args: tuple, own: dict[str, int] | None = None, path: str = ""
            ) -> str | None:
    """What ``event`` does that the fork refuses, or None. ``own``: how many times the file's
    compile (``"compile"``) and code (by its file name) may still pass: once each, as the
    import does them."""
    own = {} if own is None else own
    if event == "exec":
        code = args[0] if args else None
        name = code.co_filename if isinstance(code, CodeType) else None
        if name is not None and own.get(name):  # (a name is path, or "<string>" once)
            own[name] -= 1
            return None
        return "runs code that is not your file"
    if event == "compile":
        source, filename = (list(args) + [None, None])[:2]
        if filename == path and own.get("compile"):
            own["compile"] -= 1
            return None
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        if isinstance(text, str) and filename == "<string>":
            if _NAMES.fullmatch(text):
                return None  # typing's forward reference (compiled, never run)
            if _NAMEDTUPLE.fullmatch(text):
                own["<string>"] = 1  # namedtuple runs what it compiled, next
                return None
        return "compiles code that is not your file"
    if event == "open":
        mode, flags = (list(args) + [None, None, None])[1:3]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITES):
            return "opens a file for writing"
        return None
    return _REFUSED.get(event)


def own_code_only(path: str) -> None:
    """From now on, refuse in this process what ``refused`` names (the learner's file at
    ``path`` is imported next)."""
    own = {"compile": 1, path: 1}

    # What the hook uses is bound here, not looked up in this module when an event comes: a red
    # team switched it off by rebinding course.audit.refused.
    def hook(event: str, args: tuple, watched: frozenset = _WATCHED, judge: Any = refused
             ) -> None:
        if event not in watched:  # (id() is an event too: an engine calls it per node)
            return
        why = judge(event, args, own, path)
        if why is not None:
            raise RuntimeError(f"your file {why} ({event}): ex10's engine is your own code, "
                               f"run as it is written")

    sys.addaudithook(hook)


def preload() -> None:
    """Import what an engine may use (the fork imports nothing)."""
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
