""""Did you mean: 'grad'?": the name a misspelled attribute or variable most likely meant.

Python prints this suggestion under a traceback at its prompt, but from 3.10 to 3.11 it is
not part of the exception's message, which is all the grader reads (the traceback module adds
it from 3.12 on). A learner's typo (``x.gard``, ``torch.no_gard()``, ``retrun_value``) then
read as a bare AttributeError or NameError; with the suggestion it reads as Python would say it.
Which name is close enough: one that differs only in case (``X`` for ``x``), else difflib's
similarity of 0.75 or more (``CLOSE``): it finds swapped
letters (``gard`` for ``grad``, which Python's own edit distance misses) and leaves out names
that merely share letters (``iter`` for ``tensor``, at 0.6). A name no name in scope comes
close to may be one of an imported module's: ``tensor`` is then ``torch.tensor``.

    >>> import minigrad as torch
    >>> try:
    ...     torch.ones(2).gard
    ... except AttributeError as e:
    ...     print(suggestion(e))
    grad
"""

from __future__ import annotations

import builtins
import difflib
import re
from types import ModuleType

CLOSE = 0.75

# A misspelled keyword (``torch.tensor(v, require_grad=True)``) raises a TypeError that names
# neither the function's keywords nor a near one, and the called function is not on the
# traceback to ask. These are the keywords the lessons and exercises pass to PyTorch's API.
KEYWORDS = ("requires_grad", "dtype", "retain_graph", "create_graph", "gradient", "inputs",
            "grad_outputs", "allow_unused", "dim", "keepdim", "set_to_none", "lr", "momentum",
            "weight_decay", "max_norm", "device")
_UNEXPECTED_KEYWORD = re.compile(r"got an unexpected keyword argument '(\w+)'")


def suggestion(exc: BaseException) -> str | None:
    """The existing name closest to the one an AttributeError or NameError could not find (or
    the keyword a TypeError's unexpected one meant), or None. Names starting with "_" are
    suggested only for a name that does too, as Python does. Runs where learner code runs (its
    ``__dir__`` may raise anything): any failure is None."""
    try:
        name = getattr(exc, "name", None)
        if type(exc) is TypeError:
            found = _UNEXPECTED_KEYWORD.search(str.__str__(exc.args[0])) \
                if exc.args and type(exc.args[0]) is str else None
            if found is None:
                return None
            name, candidates = found.group(1), list(KEYWORDS)
        elif type(exc) is AttributeError:
            candidates = dir(exc.obj)
        elif type(exc) is NameError and exc.__traceback__ is not None:
            tb = exc.__traceback__
            while tb.tb_next is not None:
                tb = tb.tb_next  # the frame that looked the name up
            frame = tb.tb_frame
            candidates = [*frame.f_locals, *frame.f_globals, *dir(builtins)]
        else:
            return None
        if not isinstance(name, str):
            return None
        names = [c for c in candidates if type(c) is str and c != name
                 and (name.startswith("_") or not c.startswith("_"))]
        # A name that differs only in case comes first: difflib scores x against X at 0 (one
        # letter, no match), where Python's own suggestion finds it (X = torch.tensor(...),
        # then x.grad).
        close = [c for c in names if c.lower() == name.lower()] or \
            difflib.get_close_matches(name, names, n=1, cutoff=CLOSE)
        if close:
            return close[0]
        return _in_a_module(name, frame.f_globals) if type(exc) is NameError else None
    except BaseException:  # noqa: BLE001 - a hostile object's __dir__ or __eq__
        return None


def _in_a_module(name: str, scope: dict) -> str | None:
    """``torch.tensor`` for a bare ``tensor``: the name as an attribute of a module the file
    imported (under the name it gave it), where no name in scope comes close."""
    return next((f"{alias}.{name}" for alias, value in scope.items()
                 if type(value) is ModuleType and type(alias) is str
                 and not alias.startswith("_") and hasattr(value, name)), None)
