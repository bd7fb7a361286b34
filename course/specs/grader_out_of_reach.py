"""A source rule for the tasks whose checks run in the learner's process (ex03's to ex08's,
ex09's fit): the file keeps to minigrad's public API, math, numpy and plain modules,
read from the source by the grader's own process (course/own_code/'s rule, with minigrad
allowed).

Those checks (course/watch.py's ``watched``, ``probe.Walks``, library_call's
``without_library``, ex09's watching loss function, each probe's hooks) are the grader's own
code in the learner's process, where the file's code can rebind them: red team 24's one line
``sys.modules["course.watch"].watched = lambda call, on_call, *_: (call(), None)`` scored 1/1
at ex03's Cube with minigrad's autograd.grad doing the work, and anything that reaches the
grader's objects (gc.get_objects, a frame's f_back.f_globals, a function's __globals__ or
__closure__, ``import course.watch``) can do as much. An honest answer needs none of those
gateways, so the rule refuses them before any code runs, as ex10's does.

    >>> rule = grader_out_of_reach("Cube")
    >>> rule("import minigrad as torch\\nfrom collections import deque\\nimport math")
    >>> rule("import gc\\nfound = gc.get_objects()")[:32]
    "Your file's line 1 imports gc. H"
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import minigrad
from course import compare, own_code
from course.specs import predict
from course.tasks import Task

# What the lessons and exercise stubs read of minigrad's private names: micrograd's node
# (_prev, _backward, _op), a tensor's in-place counter (_version), and the tensors a node saved,
# by PyTorch's names (grad_fn._saved_self ...).
TAUGHT = frozenset({"_prev", "_backward", "_op", "_version"})

# What a learner imports to try their code, as the lessons do (matplotlib's plots, lesson 07's
# tracemalloc): fine to import anywhere, used only where the file runs as a script.
TRYING_OUT = (*own_code.SCRIPT_ONLY, "sys", "matplotlib", "tracemalloc", "pprint", "timeit",
              "argparse", "os", "pathlib", "json", "pdb")

def _minigrads_private_names() -> frozenset[str]:
    """Every private attribute name minigrad's source reads or writes (``._ids``, ``._saved``),
    but those the lessons teach: a file that writes one on an object of its own may not read
    it on minigrad's (red team 25 wrote ``graph_task._ids`` on a module it reached through a
    dict)."""
    names = {match for path in Path(minigrad.__file__).parent.rglob("*.py")
             for match in re.findall(r"\.(_[A-Za-z]\w*)", path.read_text(encoding="utf-8"))}
    return frozenset(name for name in names if not name.endswith("__")) - TAUGHT


# contextlib beside ex10's plain modules: after lesson 07 a learner may well write
# `torch.no_grad() if ... else contextlib.nullcontext()`; it reaches nothing of the grader's.
# No size limit of its own: minigrad is there to reach anyway, and a file of any size a
# submission holds is parsed in the parent already (library_call's rule, course.calls).

RULE = own_code.Rule(allowed=(*own_code.ALLOWED_MODULES, "minigrad", "contextlib",
                              "dataclasses"),
                     interface=TAUGHT, interface_prefixes=("_saved_",),
                     foreign=_minigrads_private_names(),
                     methods=frozenset({"modules"}), noun="an answer", max_characters=None,
                     script_only=TRYING_OUT, decorators=frozenset({"dataclass"}))


# What to write instead, where the refused line is a habit of honest code (said by the rule's
# words for it, course/own_code/'s): the learner reads the line's fix first.
INSTEAD = (
    (r" imports torch(\.\w+)*$", compare.TORCH_IS_MINIGRAD),
    (r" (uses vars|reads __dict__)$",
     "Read the attributes you need by name (self.losses); vars(self) and self.__dict__ are "
     "fine only to show them, inside an f-string or print()."),
    (r" uses (setattr|delattr) with a computed name$",
     "Set the attribute itself (p.grad = None), one line per name if need be."),
    (r" uses getattr with a computed name$",
     "Write the attribute itself (model.weight), or loop over names written in the file: "
     "for name in (\"weight\", \"bias\"): getattr(model, name)."),
    (r" uses dataclass other than as @dataclass on a class statement",
     "Put @dataclass (or @dataclass(frozen=True)) on a class statement of your own, based on "
     "nothing or on your own such classes, or write its __init__ yourself: dataclass writes "
     "Python from its fields' names and runs it, so only a class statement's own fields are "
     "sure to be plain names."),
    (r" binds \w+ to a second module \(one name, one module\)$",
     "Give each module a name of its own (a * import binds the module's modules too: "
     "from minigrad import * binds random to minigrad.random; import minigrad as torch "
     "instead)."),
    (r" imports (logging|tqdm)(\.\w+)*$",
     "Use print() for what you want to see as your code runs."),
    (r" a private name of code other than this file's$",
     "Use its public name, the one PyTorch gives it (x.grad, not x._grad)."),
    (r" a private name minigrad's own code uses too$",
     "Give your attribute a name minigrad does not use inside (self.params, or "
     "self._my_params, for self._params): the rule cannot tell your attribute from "
     "minigrad's own by its name alone."),
)


def instead(said: str) -> str:
    """What to write instead of the line ``said`` names, as a sentence, or ""."""
    return next((advice + " " for pattern, advice in INSTEAD if re.search(pattern, said)), "")


def the_line(source: str, said: str) -> str:
    """The line ``said`` names, quoted as the file has it ("line 4, `return vars(self)`"),
    short and printable (a reply is shown in a terminal); "that line" where it names none."""
    number = re.match(r"line (\d+) ", said)
    lines = re.split(r"\r\n|\r|\n", source)  # (as Python counts lines: not str.splitlines)
    if number is None or not 0 < int(number[1]) <= len(lines):
        return "that line"
    text = "".join(c if c.isprintable() else "?" for c in lines[int(number[1]) - 1].strip())
    return f"line {number[1]}, `{text if len(text) <= 80 else text[:77] + '...'}`"


def reached(source: str) -> str | None:
    """The first way ``source`` reaches past ``RULE`` ("line 3 imports sys"), or None. (Tests
    of the run-time checks behind the rule switch it off here: folder_sandboxes.)"""
    return own_code.reaches_out(source, RULE)


def grader_out_of_reach(task: str) -> Callable[[str], str | None]:
    """A source rule (``Task.source_rule``) for ``task``: what in the file reaches past
    minigrad's public API and plain computation, said in the lesson's terms, or None."""
    def rule(source: str) -> str | None:
        said = reached(source)
        if said is None:
            return None
        if re.search(INSTEAD[0][0], said):  # (a habit, not a reach: the fix says it all)
            return f"Your file's {said}, but {compare.TORCH_IS_MINIGRAD}"
        return (f"Your file's {said}. {instead(said)}How your {task} does its work is checked "
                "while it runs, so this exercise's file uses minigrad through its public names "
                "(as you would PyTorch), math, numpy and plain modules such as collections, "
                "itertools and functools, and nothing that reaches into Python's own machinery "
                "(sys, gc, inspect, frames, __globals__, exec, getattr with a computed name, the "
                f"private names of other code): change {the_line(source, said)}. Code that only "
                "tries yours (prints, plots, sys, tracemalloc) goes under if __name__ == "
                "\"__main__\":.")

    return rule


def kept_out(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """``tasks`` (an exercise's) each held to the rule as well, after its own source rule (whose
    message, the more particular, comes first: ex06's and ex07's library_call). Not a
    prediction task (course/specs/predict.py): its answers are data, compared in the grader's
    process, with no check in the learner's to switch off."""
    return tuple(task if predict.is_prediction(task) else dataclasses.replace(
        task, source_rule=first_broken(*filter(None, (task.source_rule, grader_out_of_reach(
            task.name))))) for task in tasks)


def first_broken(*rules: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """One source rule from several: the first one's message the file breaks, or None."""
    return lambda source: next((said for rule in rules if (said := rule(source)) is not None),
                               None)
