"""Red team 25b's attacks on the source rule's new allowances (honest25's, beside red team 25's
refusals), each a real learner file through the real grader, and the honest files beside them
that must still pass (docs/grading.md, red team 25's "25b" list).

Each file below scored 1/1 at ex03's Cube, past the rule, by autograd.grad with the grader's
watch switched off (red team 25's payload: course.watch's ``watched`` rebound, minigrad's
numbering of backward calls swapped); each is refused now, with its line named.
"""

import textwrap

import folder_sandboxes
import pytest
from test_course_redteam23b import _CUBE, _UNSEEN_DERIVATIVE
from test_course_redteam24d import _BY_AUTOGRAD
from test_course_redteam25 import _NOTHING

from course.specs import grader_out_of_reach

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# What each file runs once it reaches sys: Cube by autograd.grad, out of the watch's sight.
_PAYLOAD = "import itertools\nimport sys\n\nimport minigrad as torch\n\n" \
    "sys.modules['course.watch'].watched = lambda call, on_call, *_: (call(), None)\n" \
    "graph_task = sys.modules['minigrad.autograd.graph_task']\n" + textwrap.dedent(
        _CUBE + _UNSEEN_DERIVATIVE + "            return grad_output * derivative()\n")

# The script part (`if __name__ == "__main__":`, never read: it runs only as a script) run on
# import all the same: a match's capture pattern bound __name__ to "__main__", where
# `__name__ = "__main__"` was refused.
_SCRIPT_PART_ON_IMPORT = 'match "__main__":\n    case __name__:\n        pass\n\n' \
    'if __name__ == "__main__":\n' + textwrap.indent(_PAYLOAD, "    ")

# getattr(x, name) is allowed where every binding of name is a loop over a literal list of
# plain names; `for __doc__ in ():` binds nothing, and in a class body __doc__ is the class's
# docstring, any text. So a class per gateway name climbed from a generator's frame to
# importlib's globals (which hold sys), and from sys to builtins' exec.
_GATEWAY = '''
    class {name}:
        "{attribute}"
        for __doc__ in ():
            pass
        found = getattr({of}, __doc__)
'''

_DOCSTRINGS_AS_NAMES = f"CODE = {_PAYLOAD!r}\nkept = {{}}\n\n\ndef _climb():" + \
    _GATEWAY.format(name="Frame", attribute="gi_frame", of="running") + """
    frame = Frame.found
    while True:""" + textwrap.indent(
        _GATEWAY.format(name="Up", attribute="f_back", of="frame")
        + _GATEWAY.format(name="Globals", attribute="f_globals", of="Up.found"), "    ") + """
        frame = Up.found
        if "sys" in Globals.found:
            break
""" + _GATEWAY.format(name="Modules", attribute="modules", of='Globals.found["sys"]') \
    + _GATEWAY.format(name="Exec", attribute="exec", of='Modules.found["builtins"]') + """
    Exec.found(CODE, kept)
    yield


running = _climb()
next(running, None)
Cube = kept["Cube"]
"""


@pytest.mark.parametrize("source, said", [
    (_SCRIPT_PART_ON_IMPORT, "line 2 binds __name__"),
    (_DOCSTRINGS_AS_NAMES, "line 10 uses getattr with a computed name"),
], ids=["match binds __name__", "a class's docstring as a name"])
@pytest.mark.parametrize("seed", [0, 5])
def test_the_graders_watch_switched_off_past_the_new_allowances_is_refused(grade, source,
                                                                           said, seed):
    t = grade("ex03", source, seed=seed)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith(f"Your file's {said}. "), t.feedback


# functools' `*` binds WRAPPER_UPDATES, ("__dict__",), which the rule did not see bound: a
# variable "bound only to a literal list" (assigned one after the loop) was looped over first,
# and getattr read a graph node's __dict__, minigrad's private state, and emptied it.
_STAR_BOUND_NAMES = _CUBE.replace("class Cube", """from functools import *

    import minigrad as torch

    node = (torch.ones(1, requires_grad=True) * 2).grad_fn
    for name in WRAPPER_UPDATES:
        getattr(node, name).clear()

    WRAPPER_UPDATES = ["weight"]


    class Cube""") + "            return grad_output * 3 * x ** 2\n"


def test_a_name_a_star_import_bound_is_not_a_name_written_in_the_file(grade):
    t = grade("ex03", _STAR_BOUND_NAMES, seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 8 uses getattr with a computed name"), \
        t.feedback


# The same ways, each in a line or two (read by the rule, in this process): __name__ (or any
# dunder no plain class defines) bound by an except, an import or a global, and a dunder or a
# star-bound name as getattr's loop variable.
@pytest.mark.parametrize("source, said", [
    ("try:\n    pass\nexcept ValueError as __name__:\n    pass", "line 3 binds __name__"),
    ("import math as __name__", "line 1 binds __name__"),
    ("from math import pi as __builtins__", "line 1 binds __builtins__"),
    ("def f():\n    global __name__", "line 2 binds __name__"),
    ("match {}:\n    case {**__annotations__}:\n        pass", "line 2 binds __annotations__"),
    ("'gi_frame'\nfor __doc__ in ():\n    pass\ngetattr(f, __doc__)",
     "line 4 uses getattr with a computed name"),
    ("class A:\n    'f_back'\n    for __qualname__ in ():\n        pass\n"
     "    getattr(A, __qualname__)", "line 5 uses getattr with a computed name"),
    ("from functools import *\nfor WRAPPER_ASSIGNMENTS in ():\n    pass\n"
     "getattr(f, WRAPPER_ASSIGNMENTS)", "line 4 uses getattr with a computed name"),
])
def test_bindings_made_before_any_loop_runs_are_refused(source, said):
    assert grader_out_of_reach.reached(source) == said


# An honest Cube beside each allowance above, through the grader: a match's capture pattern,
# a class with a docstring, a `*` import, getattr over names written in the file.
_HONEST = """
    from functools import *

    import minigrad as torch


    class Settings:
        "What the demo below prints."
        power = 3
        scale = 1.0


    def shown(obj):
        return [getattr(obj, name) for name in ("power", "scale")]


    def exponent(value):
        match value:
            case int(n) | float(n):
                return n
            case other:
                raise TypeError(other)
""" + _CUBE + """
            n = exponent(Settings.power)
            return reduce(lambda g, _: g, [0], grad_output * n * x ** (n - 1))


    if __name__ == "__main__":
        print(shown(Settings))
"""


@pytest.mark.parametrize("seed", [0, 5])
def test_an_honest_cube_with_each_allowance_passes(grade, seed):
    t = grade("ex03", _HONEST, seed=seed)["Cube"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# minigrad's classes rebound through a value computed from one, where red team 25 refused a
# name bound to one (`T = torch.Tensor; T.backward = f`): a display's item, a call's result, a
# lambda's, a condition's. Each passed the rule (and, like red team 25's, scored 0 all the
# same: the probe's own backward() ran the lambda); each is refused now, with its line named.
_COMPUTED = {
    "a display's item": f"[torch.Tensor][0].backward = {_NOTHING}",
    "an or's operand": f"(torch.Tensor or None).backward = {_NOTHING}",
    "next(iter(...))": f"next(iter([torch.Tensor])).backward = {_NOTHING}",
    "a lambda's result": f"(lambda: torch.Tensor)().backward = {_NOTHING}",
    "a condition's branch": f"(torch.Tensor if True else None).backward = {_NOTHING}",
    "a dict made by a call": f"dict(T=torch.Tensor)['T'].backward = {_NOTHING}",
    "setattr on a display's item": f"setattr([torch.Tensor][0], 'backward', {_NOTHING})",
}


@pytest.mark.parametrize("way", sorted(_COMPUTED))
def test_minigrads_classes_rebound_through_a_value_computed_from_one_are_refused(grade, way):
    source = "import minigrad as torch\n" + _COMPUTED[way] + "\n" + textwrap.dedent(_BY_AUTOGRAD)
    t = grade("ex03", source, seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    said = "uses setattr on" if "setattr" in way else "rebinds backward of"
    assert t.feedback.startswith(f"Your file's line 2 {said} what may be a class or module not "
                                 "this file's"), t.feedback


def test_minigrads_class_reached_through_a_subclass_of_the_files_own_is_refused(grade):
    """A subclass's mro() lists minigrad's class it is based on (__mro__ and __bases__, dunders,
    were refused already); it passed the rule and scored 0, as the rebinding above."""
    source = "import minigrad as torch\n\n\nclass T(torch.Tensor):\n    pass\n\n\n" \
        f"T.mro()[1].backward = {_NOTHING}\n" + textwrap.dedent(_BY_AUTOGRAD)
    t = grade("ex03", source, seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 8 reads mro. "), t.feedback


# A class body's __annotations__ bound by a match (`case __annotations__:`, where an assignment
# to it was refused), with a key of the file's own str class whose format() wrote a statement
# into the source @dataclass runs (the parameters of dataclasses' own function maker): Cube by
# autograd.grad, 1/1 at ex03 past the rule. Refused now at the match's line.
_DATACLASS_FIELD_WRITES_CODE = f"CODE = {_PAYLOAD!r}\nkept = {{}}\n" + '''
from dataclasses import dataclass

import minigrad as torch

formatted = []


class Name(str):
    def __format__(self, spec):
        formatted.append(spec)
        if len(formatted) > 1:
            return "x"
        return ("x=0, **given):\\n import sys\\n frame = sys._getframe()\\n"
                " while 'CODE' not in frame.f_globals:\\n  frame = frame.f_back\\n"
                " exec(frame.f_globals['CODE'], frame.f_globals['kept'])\\n"
                " return lambda *args, **kwargs: None\\ndef _unused(y")

    def __hash__(self):
        return str.__hash__(self)

    def __eq__(self, other):
        return str.__eq__(self, other)


@dataclass
class Holder:
    match {Name("x"): int}:
        case __annotations__:
            pass


Cube = kept["Cube"]
'''


@pytest.mark.parametrize("seed", [0, 5])
def test_a_dataclass_field_named_by_a_match_capture_is_refused(grade, seed):
    t = grade("ex03", _DATACLASS_FIELD_WRITES_CODE, seed=seed)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 31 binds __annotations__. "), t.feedback
