"""course/own_code/: what ex10's own engine may use, read from the source in the parent.
Each way out is one a red team used, or the next one a reader of the rule would try."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from course import engine
from course.own_code import reaches_out
from course.tasks import exercise

ROOT = Path(__file__).resolve().parents[1]

PLAIN = {  # an engine's everyday code: nothing to say
    "math": "import math\nx = math.exp(1.0)",
    "a deque": "from collections import deque\nq = deque()",
    "a module's class": "import collections\nq = collections.deque()",
    "numpy": "import numpy as np\nz = np.zeros((2, 3)).sum(axis=(0,), keepdims=True)",
    "a numpy submodule's function": "import numpy as np\nn = np.linalg.norm([3.0, 4.0])",
    "slots and operators": "class V:\n    __slots__ = ('data',)\n    def __add__(self, o):\n"
                           "        return V(self.data + o.data)",
    "a main guard": "if __name__ == '__main__':\n    pass",
    "type hints": "from typing import List\nx: List[int] = []",
    "getattr with a name": "x = getattr(a, 'data', 0.0)",
    "str.format": "s = '{}'.format(1.0)",
    "private attributes of one's own": "class V:\n    def __init__(self):\n        self._prev = ()"
                                       "\n    def f(self, other):\n        return other._prev",
    "a private method or slot": "class V:\n    __slots__ = ('_op',)\n    def _backward(self):\n"
                                "        pass\n    def f(self, o):\n        o._backward()\n"
                                "        return o._op",
    # what a red team found refused wrongly, with the third
    "a module's own description": "__author__ = 'Alice'\n__version__ = '1.0'",
    "literal strings": "from typing import Literal\ndef f(op: Literal['+', '*']): pass",
    "copying": "class V:\n    def __copy__(self):\n        pass\n    def __deepcopy__(self, memo):"
               "\n        pass",
    # what a red team's reading of the first rule found it refused wrongly
    "a forward reference": "class Value:\n    def __add__(self, other: 'Value') -> 'Value':\n"
                           "        pass",
    "a forward reference in a generic": "from typing import Optional\n"
                                        "def f(v) -> Optional['Value']:\n    pass",
    "doctest when run as a script": "if __name__ == '__main__':\n    import doctest\n"
                                    "    doctest.testmod()",
    "random weights": "import random\nx = random.uniform(-1, 1)",
    "operator and warnings": "import operator\nimport warnings\nf = operator.add",
    "an alias of an operator": "class V:\n    def __truediv__(s, o):\n        pass\n"
                               "    __rdiv__ = __rtruediv__ = __truediv__",
    "rounding": "class V:\n    def f(self):\n        return self.__round__()",
    "numpy's own protocols": "class V:\n    __array_priority__ = 100\n"
                             "    def __array__(self):\n        return self.data",
}
WAYS_OUT = {  # source -> what the learner is told
    "minigrad": ("import minigrad as torch", "line 1 imports minigrad"),
    "minigrad in a function": ("def f():\n    from minigrad.breadth import formulas",
                               "line 2 imports minigrad.breadth"),
    "sys": ("import sys", "line 1 imports sys"),
    "os, to fork": ("def f():\n    import os\n    os.fork()", "line 2 imports os"),
    "a relative import": ("from . import x", "line 1 imports ."),
    "a star import": ("from numpy import *", "line 1 imports char from numpy (by its *: "
                                             "import the names you use by name)"),
    "numpy's testing": ("import numpy.testing", "line 1 imports numpy.testing"),
    "numpy's testing by name": ("from numpy import testing", "line 1 imports testing from numpy"),
    "a module's private name": ("import collections\ns = collections._sys",
                                "line 2 reads collections._sys"),
    "a submodule as a value": ("import numpy as np\nc = np.core",
                               "line 2 uses the module np.core as a value"),
    "a module handed on": ("import numpy as np\nf(np)", "line 2 uses the module np as a value"),
    "exec": ("exec('1')", "line 1 uses exec"),
    "globals": ("globals()['__name__'] = 'x'", "line 1 uses globals"),
    "__builtins__": ("b = __builtins__", "line 1 uses __builtins__"),
    "getattr with a computed name": ("x = getattr(a, name)",
                                     "line 1 uses getattr with a computed name"),
    "getattr handed on": ("import functools\nfunctools.reduce(getattr, ['a'], x)",
                          "line 2 uses getattr with a computed name"),
    "getattr of a dunder": ("x = getattr(f, '__globals__')", "line 1 reads __globals__"),
    "a function's globals": ("def f(g):\n    return g.__globals__", "line 2 reads __globals__"),
    "a class's subclasses": ("x = type(a).__mro__", "line 1 reads __mro__"),
    "a traceback's frames": ("try:\n    1 / 0\nexcept Exception as e:\n    e.__traceback__",
                             "line 4 reads __traceback__"),
    "a generator's frame": ("g = (x for x in [])\nf = g.gi_frame", "line 2 reads gi_frame"),
    "pickle through numpy": ("import numpy as np\nnp.load(f, allow_pickle=True)",
                             "line 2 reads load"),
    "a string annotation": ("def f(x: '__import__(\"sys\")'): pass",
                            "line 1 writes an annotation as a string of more than names (typing "
                            "evaluates it)"),
    "annotations evaluated": ("import typing\ntyping.get_type_hints(f)",
                              "line 2 reads get_type_hints"),
    "the first of two": ("import numpy as np\nimport sys\nexec('1')", "line 2 imports sys"),
    # A red team's ways past the first version of the rule (each reached sys.modules).
    "a module an allowed one imported": (
        "import enum\nm = enum.bltns.eval('1')",
        "line 2 reads enum.bltns, a module enum imported from elsewhere"),
    "attribute names as strings": ("import typing\nget = typing.operator.attrgetter",
                                   "line 2 reads attrgetter"),
    "a builtin as an attribute": ("x = enum_module.bltns.eval('1')", "line 1 reads eval"),
    "numpy's view of raw memory": (
        "import numpy as np\nv = np.lib.stride_tricks.as_strided(a, (2,), (8,))",
        "line 2 reads as_strided"),
    "numpy reading an address": ("class A:\n    __array_interface__ = {'data': (0, False)}",
                                 "line 2 defines __array_interface__"),
    "the script part run on import": ("__name__ = '__main__'\nif __name__ == '__main__':\n"
                                      "    import sys", "line 1 defines __name__"),
    # Found in review after the second red team: the builtins module imported by name from
    # enum, and getattr read from it as an attribute.
    "a foreign module imported by name": ("from enum import bltns",
                                          "line 1 imports bltns from enum"),
    "getattr as an attribute": ("f = bltns.getattr", "line 1 reads getattr"),
    "a string annotation that calls": ("def f(x: 'len(1)'): pass",
                                       "line 1 writes an annotation as a string of more than "
                                       "names (typing evaluates it)"),
    # The third red team's: typing's ForwardRef evaluated by hand, and private machinery.
    "typing's evaluation": ("import typing\n"
                            "typing.get_args(typing.List['exec(s) or int'])[0]._evaluate(g, None)",
                            "line 2 reads _evaluate"),
    "typing's evaluation, defined as one's own": (
        "class V:\n    def _evaluate(self):\n        pass\nref._evaluate(g, None)",
        "line 4 reads _evaluate"),
    "a package's tests, imported by the grader to read the file": (
        "import numpy.linalg.tests.test_linalg", "line 1 imports numpy.linalg.tests.test_linalg"),
    "numpy's conftest": ("from numpy import conftest", "line 1 imports conftest from numpy"),
    # The fourth red team's: code run from a string by a dataclass's generated source (a
    # field named by a str with its own __repr__), numpy reading raw memory (a dunder as a
    # dict key of type(), /proc/self/mem), and doctest read as numpy.
    "dataclasses": ("import dataclasses", "line 1 imports dataclasses"),
    "a class made from data": ("K = type('K', (), d)", "line 1 uses type other than as type(x) "
                                                       "(to make a class, write a class "
                                                       "statement)"),
    "type handed on": ("make = type\nK = make('K', (), d)", "line 1 uses type other than as "
                                                           "type(x) (to make a class, write a "
                                                           "class statement)"),
    "a dunder as a string": ("d = {'__array_interface__': {}}", "line 1 writes "
                                                               "__array_interface__"),
    "a metaclass": ("class M(type):\n    pass", "line 1 defines M, a kind of class (a "
                                                 "metaclass)"),
    "abc's metaclass": ("import abc\nK = abc.ABCMeta('K', (), d)", "line 2 reads ABCMeta"),
    "the process's memory as a file": ("import numpy as np\nm = np.fromfile('/proc/self/mem')",
                                       "line 2 reads fromfile"),
    "one name, two modules": ("import doctest as np\nif __name__ == '__main__':\n"
                              "    import numpy as np",
                              "line 3 binds np to a second module (one name, one module)"),
    "an engine carried as data": ("x = 1\n" + "#" * 64_000, "size, 64,006 characters, "
                                  "is more than an engine of one's own takes (at most 64,000: "
                                  "an engine carried in the file as data is not)"),
    # The fourth's: numpy's array protocol answered by __getattr__, or put in a class by Enum's
    # functional form, with the name built at run time.
    "attributes looked up by code": ("class W:\n    def __getattr__(self, name):\n        pass",
                                     "line 2 defines __getattr__"),
    "Enum's functional form": ("import enum\nK = enum.Enum('K', members)",
                               "line 2 uses Enum to make a class from data (write a class "
                               "statement)"),
    "another object's private name": ("import warnings\nm = warnings.catch_warnings()._module",
                                      "line 2 reads _module, a private name of code other than "
                                      "this file's"),
}


@pytest.mark.parametrize("way", PLAIN)
def test_an_engines_everyday_code_passes(way):
    assert reaches_out(PLAIN[way]) is None


@pytest.mark.parametrize("way", WAYS_OUT)
def test_each_way_out_is_named_with_its_line(way):
    source, said = WAYS_OUT[way]
    assert reaches_out(source) == said


@pytest.mark.parametrize("file", ["exercises/ex10_inside_autograd.py",
                                  "course/solutions/ex10_inside_autograd.py"])
def test_the_stub_and_the_reference_pass(file):
    assert reaches_out((ROOT / file).read_text()) is None


def test_a_file_python_cannot_compile_is_left_to_its_import():
    assert reaches_out("def f(:\n") is None
    assert reaches_out("x = " + "-" * 60_000 + "1") == "line 1 nests too deeply to be read"


def test_the_file_is_read_as_python_decodes_it():
    """A red team's file declared UTF-7, whose `+AAo-` Python decodes to a new line: read as
    UTF-8, its import of sys was one line of comment to the rule."""
    source = b"# coding: utf-7\nimport math\n# nothing to see+AAo-import sys\n"
    value = exercise("ex10").tasks[1]
    assert engine._breaks_rule(value, source).startswith("Your file's line 4 imports sys.")
    # A coding line Python does not know: the file will not import (and no rule is broken).
    assert engine._breaks_rule(value, b"# coding: no-such-codec\nimport math\n") is None


def test_an_f_string_too_long_to_parse_quickly_is_named_without_parsing_it():
    """64,000 characters of one f-string held the grader's own process 3 s in ast.parse (its
    cost is quadratic in length before Python 3.12), for each of ex10's three tasks, every
    thread of it waiting (red team 10). An engine's f-strings are short."""
    reference = (ROOT / "course/solutions/ex10_inside_autograd.py").read_text()
    padded = reference + 'NOTE = f"' + "{0}" * 19_000 + '"\n'
    begin = time.monotonic()
    said = reaches_out(padded)
    assert time.monotonic() - begin < 1
    line = padded.count("\n")
    assert said == f"line {line} holds an f-string too long to read quickly (an engine's " \
                   "f-strings are short)"
    assert reaches_out(reference + 'NOTE = f"{0}{1}"\n') is None
