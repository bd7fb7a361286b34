"""What ex10's own engine may use: math, numpy and a few plain-computation modules, read
from the file's source by the grader's own process.

ex10 asks for an engine of the learner's own ("No minigrad here", its docstring says). Its
probes check that at run time (course/specs/ex10.py: minigrad's node counter, a profiler
around sum_to_size), but they run in the learner's process, where code written against them
can switch them off: a red team passed them by rebinding minigrad's counter, by computing in
a process forked or a thread started at import, and by running minigrad inside the profiler's
own callback. Each of those first reached minigrad, or the interpreter's machinery, through an
import or an introspection gateway, which the source shows. So ``reaches_out`` reads the
source in the parent, where learner code never runs, and names the first line that reaches past
the rule. Each module here decides one part of it, and says what it refuses and why:

- ``rule``: what a file may use (``Rule``), and ex10's (``ENGINE``): math, numpy and a few
  plain-computation modules, in a file no longer than an engine takes;
- ``gateways``: the names that lead out, on whatever object (``exec``, ``__globals__``,
  ``f_back``, ``sys``, numpy's ``fromfile``), and the dunders a plain class may define;
- ``modules``: which modules a file may import, and how it may use them (their public
  attributes, within their own package; never handed on, never rebound);
- ``bindings``: what the file's bindings say of its names (``Names``), and which attributes
  are its own;
- ``by_name``: ``getattr`` over names written in the file, ``vars(self)`` made into text;
- ``classes`` and ``aliases``: what may be a class not the file's own, and the file's names
  for one (``T = torch.Tensor; T.backward = mine``), which it may not write on or make
  classes from;
- ``script`` and ``annotations``: the script part, never read, and string annotations,
  which typing may evaluate;
- ``reach``: the walk that asks each of them of every node (``reaches_out``).

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

from course.own_code.bindings import Names
from course.own_code.reach import reaches_out
from course.own_code.rule import (
    ALLOWED_MODULES,
    ENGINE,
    INTERFACE,
    MAX_CHARACTERS,
    SCRIPT_ONLY,
    Rule,
)

__all__ = ["ALLOWED_MODULES", "ENGINE", "INTERFACE", "MAX_CHARACTERS", "SCRIPT_ONLY", "Names",
           "Rule", "reaches_out"]
