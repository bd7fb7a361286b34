"""What a file may use, as a ``Rule``, and ex10's (``ENGINE``): an engine of its own, with
math, numpy and a few plain-computation modules.

The rule is ex10's unless a ``Rule`` says otherwise: the exercises whose checks run in the
learner's process take it with minigrad allowed (course/specs/grader_out_of_reach.py), and the
same rules keep the grader's modules, which are in that process, out of reach. A file longer
than ``MAX_CHARACTERS`` is refused: an engine shipped in the file as data.
"""

from __future__ import annotations

import dataclasses

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
# ex10's stub is ~5,000 characters, its reference ~3,000. A red team carried minigrad in the
# file as 500 KB of base64 (imported once a string ran as code): data, not an engine.
MAX_CHARACTERS = 64_000
# The private attributes the task itself names: a node's inputs, read on the grader's nodes too.
INTERFACE = frozenset({"_prev"})


@dataclasses.dataclass(frozen=True)
class Rule:
    """What a file may use, beyond which every rule of course/own_code holds: the modules it
    may import, the private names of other code it may read (those its task or lessons name),
    the gateway names it may call as a method (``model.modules()`` is nn.Module's, not
    ``sys.modules``), what its answer is called in a reply ("an engine"), and the functions it
    may use only as the decorator of a class statement (dataclasses' ``dataclass``: it writes
    Python from the names of the class's fields and runs it, and only a class statement's are
    sure to be names, not a str of the file's own whose repr writes a statement)."""

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
