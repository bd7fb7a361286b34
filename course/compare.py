"""Comparing facts: the reference's against the learner's, with a tolerance, in words.

Every difference is reported as one line naming the case (its inputs), the fact (a value, a
gradient, a graph property) and expected vs got, e.g.

    >>> import numpy as np
    >>> compare_facts({"x.grad": np.array([1.0, 2.0])}, {"x.grad": np.array([1.0, 2.5])})
    'x.grad: expected [1., 2.], got [1. , 2.5] (largest difference at index 1: 2 vs 2.5)'
"""

from __future__ import annotations

import ast
import math
import re
from typing import Any

import numpy as np

from course.learner_source import parse
from course.sanitize import shorten
from course.wire import LINE_CHARS

Facts = dict[str, Any]

_HINTS = {
    ("number", "Tensor"): " (use .item() to get a Python number)",
    ("ndarray", "Tensor"): " (use .detach().numpy())",
    ("Tensor", "ndarray"): " (return the tensor, not its numpy array)",
    # ex08's to_numpy by .tolist() (and ex10's sum_to_size, where no tensor is)
    ("ndarray", "builtins.list"): (" (a numpy array, not a list, which .tolist() makes: a "
                                   "tensor's .numpy() gives one, as np.array(a_list) does)"),
    # ex10's Value holding np.array(data) in place of the stub's float(data)
    ("number", "ndarray"): " (a one-element array's number is float(x) or x.item())",
}
# `import torch` out of habit (course/specs/grader_out_of_reach.py says it too, before running).
TORCH_IS_MINIGRAD = ("this course's PyTorch is minigrad: write `import minigrad as torch` (the "
                     "lessons' first cell does the same).")
# A function or method returned where its result was meant: `t.detach().numpy` without ().
_UNCALLED = frozenset({"function", "method", "builtin_function_or_method", "method-wrapper"})
_NOT_CALLED = " (a function itself, not its result: call it, with ())"
# A tuple where one value was meant: most often a comma after it (`return slope,`),
# which Python's words ("got an object of type 'tuple'") leave unexplained.
_TRAILING_COMMA = (" (a comma after a value makes a tuple of one item: `return x,` returns "
                   "(x,), not x. torch.autograd.grad(...) and ctx.saved_tensors give tuples "
                   "too: unpack them, (g,) = ...)")
# Numbers computed in fewer bits than the reference's: rounded to them, they miss the check's
# tolerance by a little (float16 keeps about 3 significant digits). Seen in the learner's dtype,
# or, where the result was cast back (autograd gives a gradient its input's dtype; .item()
# gives a Python float), in the numbers themselves: every one is a float16 (or bfloat16) number.
_FEWER_BITS = (" (every number of yours is a {got} number: {got} keeps fewer digits than the "
               "check compares, about 3 where float32, the default, keeps 7. .half(), "
               "dtype=torch.float16 and torch.bfloat16 round every number to theirs)")


def _fewer_bits(exp: np.ndarray, got: np.ndarray) -> str:
    """_FEWER_BITS for float ``got`` held in fewer bits than ``exp``, or rounded to them."""
    if got.dtype.kind != "f" or exp.dtype.kind != "f":
        return ""
    if got.itemsize < 4 <= exp.itemsize:
        return _FEWER_BITS.format(got=got.dtype)
    nonzero = got[got != 0]  # (0 is every format's: it tells nothing)
    if exp.itemsize < 4 or nonzero.size == 0 or not np.isfinite(nonzero).all():
        return ""
    # Cast back, only the numbers tell, and small round ones (1.0, 0.5, 12.0) are every
    # format's too: a wrong answer's are then told apart by being far off, where rounding to
    # float16 (or bfloat16) leaves each number within a percent or so of the reference's.
    if not np.allclose(got.astype(np.float64), exp.astype(np.float64), rtol=1e-2, atol=1e-3):
        return ""
    return next((_FEWER_BITS.format(got=name) for name in ("float16", "bfloat16")
                 if _held(nonzero, name) and not _held(exp, name)), "")


def _held(values: np.ndarray, name: str) -> bool:
    """Whether every number of float ``values`` is one that ``name``, float16 or bfloat16, holds."""
    wide = values.astype(np.float32)
    if name == "float16":
        return bool((wide.astype(np.float16).astype(np.float32) == wide).all())
    return bool(((wide.view(np.uint32) & 0xFFFF) == 0).all())  # bfloat16: float32's top half


# A function meant to change its arguments in place reports what it returned as ``returned``.
_RETURNS_NOTHING = (" (this function changes its arguments in place and returns nothing: "
                    "leave out the return statement)")

# Why a .grad is None where a gradient was expected (the hint of several errors below).
_NONE_GRAD = ("If it was a .grad, possible causes: backward() did not run yet; the tensor is "
              "not a leaf (an intermediate result keeps a .grad only when retain_grad() was "
              "called before backward(); w = w - lr * w.grad makes a new, non-leaf w: update in "
              "place with -= under torch.no_grad()); it does not require grad "
              "(lessons 04, 07); or it is None on purpose: a parameter the loss did not use, "
              "or one zero_grad() set to None, keeps .grad None, and code that loops over "
              "parameters skips it, as optimizers and clip_grad_norm_ do "
              "(`if p.grad is None: continue`; lesson 09).")

# Why a tuple stood where a tensor was meant (the hint of several errors below): the two places
# lesson 03 hands one out, with how to take the tensor out of it.
_TUPLE = ("a tuple was used where a tensor was meant. torch.autograd.grad(...) and "
          "ctx.saved_tensors give a tuple, even of one tensor: unpack it, as in "
          "(g,) = torch.autograd.grad(y, x) or (x,) = ctx.saved_tensors (lesson 03).")

# Why a Python number has no backward(), .grad or requires_grad (the hint of two errors below).
# (.item() first: a loss's .item() before backward() met "make one with torch.tensor(value,
# requires_grad=True)" first, which makes a leaf with no graph back to the model.)
_NUMBER = ("a Python number was used where a tensor was meant: autograd follows tensors only. "
           ".item() and float() give a plain number, cut from the graph: call them last, after "
           "backward() (a loss's .item() is for logging and returning). A number of your own "
           "becomes a tensor with torch.tensor(value, requires_grad=True) (lessons 01, 03).")

_LIST = ("a Python list is not a tensor. A tensor's methods work on each tensor in a list "
         "(for p in params: ...); torch.tensor(values) makes one tensor of a list of numbers "
         "(lesson 01).")
_UNWRAPPED = ("a plain number stood where your Value reads .data: an operation given a plain "
              "number as `other` (a - 1, or the -1 of your own __neg__) must first make it a "
              "Value, Value(other), as the docstring says; or an operation returned a bare "
              "number where a new Value was meant (lesson 10).")
# Hints for an engine of the learner's own on plain numbers (ex10), not for minigrad's tensors.
VALUE_HINTS = frozenset({_UNWRAPPED})
# Hints that send the learner to minigrad's tensors: not for an engine of the learner's own on
# plain numbers (ex10, course.tasks.WITHOUT_MINIGRAD), where a number is wrapped in a Value.
TENSOR_HINTS = frozenset({_NUMBER, _LIST, _TUPLE})

# Errors the lessons show, recognised by their message: (type, part of the message, what it
# means). Where a symptom has several causes, the hint lists them rather than guessing one.
_REFLECTED = ("with a plain number on the left (0.5 + a), Python asks your Value's reflected "
              "method: __radd__ for +, __rsub__ for -, __rmul__ for *, __rtruediv__ for /. "
              "Write the one this operator needs, returning a new Value (lesson 10).")

_NOT_A_VALUE = ("a plain number stood where a Value was meant: each operation of your Value "
                "returns a new Value (the result's number, the Values it came from, its "
                "_backward), never the bare number, or backward() cannot reach through it "
                "(lesson 10).")

# A method named where its result was meant (t.detach, h.grad.norm): used, not called.
_UNCALLED_METHOD = ("a method was used without calling it: t.detach and t.norm only name the "
                    "method, t.detach() and t.norm() call it and give its result.")

# A walk over next_functions that took None for a node (its .next_functions, or .name() in
# ex02's grad_fn_names).
_NONE_NODE = ("a grad_fn was None: a leaf has no grad_fn, and next_functions holds None for "
              "inputs that need no gradient; skip None (lesson 02).")

# A pair of next_functions taken for the node it holds.
_NODE_PAIRS = ("a (node, index) pair was used where a node was meant: next_functions holds "
               "pairs, tuples, one per input. Unpack each, `for child, _ in "
               "node.next_functions:`, and skip a child that is None (lesson 02).")

ERROR_HINTS: tuple[tuple[str, str, str], ...] = (
    ("SyntaxError", "(unicode error) 'utf-8' codec can't decode",
     "the file is not saved as UTF-8, the encoding Python reads: a character such as é on "
     "that line was written in another one (Latin-1 or Windows-1252, some editors' default). "
     "Save the file as UTF-8 (JupyterLab's editor always does)."),
    ("RuntimeError", "floating point dtype can require gradients",
     "Only floating-point tensors can require grad: create it with float values or "
     "dtype=torch.float32 (lesson 01)."),
    ("AttributeError", "'NoneType' object has no attribute 'zero_'",
     ".grad is None until a backward() reaches the tensor: assign p.grad = None instead, or "
     "check `if p.grad is not None` first (lesson 06)."),
    ("TypeError", "'bool' object is not callable",
     "a tensor's flags (requires_grad, is_leaf) are attributes holding True or False, not "
     "methods: read or set them without parentheses, p.requires_grad = False. The method "
     "that switches the flag ends with an underscore: p.requires_grad_(False) (lesson 01)."),
    ("AttributeError", "'Tensor' object has no attribute 'zero'",
     "there is no zero(): methods that change a tensor in place end with an underscore, as "
     "zero_() does (lessons 01, 06)."),
    ("TypeError", "assigned grad expected to be a Tensor or None",
     ".grad holds a tensor or None, never a number: clearing a gradient means .grad = None, "
     "or filling the tensor it holds with zeros in place (lesson 06)."),
    ("TypeError", "'type' object does not support the context manager protocol",
     "a class was used as a context manager without calling it: torch.no_grad, "
     "torch.enable_grad and torch.inference_mode need their parentheses, "
     "`with torch.no_grad():` (lesson 07)."),
    ("AttributeError", "'NoneType' object has no attribute 'next_functions'", _NONE_NODE),
    # ex02's `for child in node.next_functions:`, each child a pair: before _TUPLE, whose
    # autograd.grad and saved_tensors have nothing to do with it
    *(("AttributeError", f"'tuple' object has no attribute '{part}'", _NODE_PAIRS)
      for part in ("next_functions", "name", "variable")),
    ("AttributeError", "'NoneType' object has no attribute 'name'", _NONE_NODE),
    # a .grad read before backward() reached it (x.grad.item() first), or a non-leaf's .grad
    ("AttributeError", "'NoneType' object has no attribute",
     f"a value was None: a function that returns nothing gives None. {_NONE_GRAD}"),
    # ex02's walk started at the tensor y rather than at its node y.grad_fn
    *(("AttributeError", f"'Tensor' object has no attribute '{part}'",
       "a tensor is not a node of the graph: the walk starts at y.grad_fn, and nodes, not "
       "tensors, have next_functions and name() (lesson 02).")
      for part in ("next_functions", "name")),
    ("AttributeError", "object has no attribute 'variable'",
     "only a leaf's AccumulateGrad node has .variable (the leaf tensor itself); every other "
     "node stands for an operation: test a node for it before reading it (lesson 02)."),
    # ctx.saved_tensors() in Cube's backward
    ("TypeError", "'tuple' object is not callable",
     "a tuple was called as if it were a method: ctx.saved_tensors is an attribute holding "
     "a tuple, read without parentheses, (x,) = ctx.saved_tensors (lesson 03)."),
    # x ^ 2 for a square, as some languages write powers: Python's ^ is exclusive or
    *((kind, part, "^ is Python's bitwise exclusive or, defined for integers and bools only, "
                   "not a power: x ** 2 squares x (lesson 03).")
      for kind, part in (("NotImplementedError", "\"bitwise_xor_cpu\" not implemented"),
                         ("TypeError", "unsupported operand type(s) for ^"))),
    # x.grad() for x.grad, and h.grad.norm.item() or `gamma * t.detach` for a call's result
    ("TypeError", "'Tensor' object is not callable",
     "a tensor was called, with (), as if it were a function: .grad and .data are attributes "
     "holding a tensor, read without parentheses (x.grad) (lesson 04)."),
    # (PyTorch's own methods are of type builtin_function_or_method)
    *((kind, part.format(method), _UNCALLED_METHOD)
      for method in ("method", "function", "builtin_function_or_method")
      for kind, part in (("AttributeError", "'{}' object has no attribute"),
                         ("TypeError", "and '{}'"), ("TypeError", "'{}' and"))),
    ("TypeError", "argument 'dtype' must be torch.dtype, not str",
     "dtype takes one of torch's types, such as torch.float32, not its name as a string "
     "(lesson 01)."),
    ("TypeError", "and 'NoneType'", f"an operand was None. {_NONE_GRAD}"),
    ("AttributeError", "'tuple' object has no attribute", _TUPLE),
    ("AttributeError", "'float' object has no attribute", _NUMBER),
    ("AttributeError", "'int' object has no attribute", _NUMBER),
    ("AttributeError", "'list' object has no attribute", _LIST),
    ("NotImplementedError", 'is missing the required "forward" function',
     "an nn.Module runs its method named forward: check that name's spelling, and that the "
     "method is indented inside the class (lesson 09)."),
    ("TypeError", "gradients can be either Tensors or None",
     "backward(gradient=...) takes a tensor shaped like the output, not a list or a number: "
     "wrap it in torch.tensor(...) (lesson 03)."),
    ("TypeError", "'tuple' and", _TUPLE),
    ("TypeError", "and 'tuple'", _TUPLE),
    ("TypeError", "must be Tensor, not tuple", _TUPLE),
    # f(x0) on ex03's float x0, or an .item() passed on to torch.sin
    *(("TypeError", f"must be Tensor, not {number}", _NUMBER) for number in ("float", "int")),
    ("TypeError", "'NoneType' and", f"an operand was None. {_NONE_GRAD}"),
    ("RuntimeError", "a leaf Variable that requires grad is being used in an in-place",
     "an in-place change to a leaf that requires grad must run inside "
     "`with torch.no_grad():` (lesson 07)."),
    ("RuntimeError", "does not require grad and does not have a grad_fn",
     "backward() was called on a tensor without a graph: nothing it was computed from "
     "requires grad. Possible causes: an input created without requires_grad=True (lessons "
     "01, 03); a computation under torch.no_grad(), or from detached tensors, or from a "
     "parameter rebound by w = w - lr * w.grad under no_grad (lessons 07, 08)."),
    ("RuntimeError", "backward through the graph a second time",
     "backward() ran twice through one graph, whose saved tensors the first backward() "
     "freed. Usually one backward() per loss is meant: in a training loop, one per step, "
     "on a loss computed again in that step. Only where two passes through one graph are "
     "really needed: retain_graph=True on all but the last (lesson 05)."),
    # A loss weighed `loss * len(yb) // len(ys)`: ex05's share, floor-divided as a tensor.
    ("RuntimeError", "derivative for aten::floor_divide is not implemented",
     "// divides and rounds down to a whole number, a step with no useful slope, so autograd "
     "cannot differentiate it: divide with / instead, which keeps the fraction."),
    # ex04's h.grad.norm(dim=0).item(): a norm per column, where one number was meant
    ("RuntimeError", "cannot be converted to Scalar",
     ".item() takes the number out of a tensor of one element, and this one holds several. A "
     "reduction given a dim (t.norm(dim=0), t.sum(1)) keeps one number per row or column; "
     "with no dim, t.norm() and t.sum() reduce the whole tensor to one number."),
    ("RuntimeError", "grad can be implicitly created only for scalar outputs",
     "backward() on a tensor with several elements needs gradient= (a vector-Jacobian "
     "product), or a scalar such as .sum() (lesson 03)."),
    # torch.autograd.grad(out, x) where x is not on out's graph: in ex03 a first gradient
    # re-wrapped, torch.tensor(g.item(), requires_grad=True), to differentiate it again.
    ("RuntimeError", "appears to not have been used in the graph",
     "autograd found no path from the output back to that input: the output was not computed "
     "from that very tensor. A value copied into a new tensor (torch.tensor(t.item()), "
     ".detach()) starts a graph of its own, with no link to what it was computed from; so "
     "does a name rebound to another tensor after the output was computed (lessons 02, 03). "
     "allow_unused=True would only turn this error into a gradient of None."),
    ("RuntimeError", "Can't call numpy() on Tensor that requires grad",
     "detach the tensor first: t.detach().numpy() (lesson 08)."),
    ("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous",
     "a tensor of several numbers was used as a truth value, which Python cannot decide: "
     "`if t:`, `t in some_list` and `==` look at its elements. Whether a .grad exists is "
     "`p.grad is not None` (lesson 06); to find the same tensor, compare identities: "
     "any(t is s for s in found) (lesson 02)."),
    ("RuntimeError", "you can only change requires_grad flags of leaf variables",
     "requires_grad belongs to leaves: switch it on the tensors you created, or use "
     "detach() for a computed one (lessons 01, 08)."),
    ("RuntimeError", "modified by an inplace operation",
     "a tensor backward() needs was changed in place after it was saved (lesson 08)."),
    # ex10's topological_order is checked on graphs of the spec's own nodes (course/specs/ex10.py).
    ("AttributeError", "'_Node' object has no attribute",
     "topological_order is checked on graphs of plain nodes, not of your Values: each has "
     "`data` and `_prev`, nothing else. Walk the graph through `_prev` alone (lesson 10)."),
    # ex10: a plain number on the left of a Value.
    *(("TypeError", f"'{number}' and 'Value'", _REFLECTED) for number in ("int", "float")),
    # ex10: y, the last operation's result, a bare number (`return math.exp(self.data)`), met
    # by the check's y.backward(). Only ex10 reaches it: every other exercise meets _NUMBER,
    # a tensor hint, first. (A number's other attributes, `other.data` for an unwrapped
    # `other`, have other causes: no hint.)
    *(("AttributeError", f"'{number}' object has no attribute 'backward'", _NOT_A_VALUE)
      for number in ("int", "float")),
    # ex10: `other.data` of a plain number that was never wrapped (Value(other)).
    *(("AttributeError", f"'{number}' object has no attribute 'data'", _UNWRAPPED)
      for number in ("int", "float")),
    # loss_fn(y, model(x)): the labels where the scores go, and PyTorch's own words for it.
    ("NotImplementedError", "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'",
     "log_softmax was given integers: CrossEntropyLoss takes the model's scores (floats) first "
     "and the labels (int64) second, loss_fn(model(x), y) (lesson 09)."),
    # ex09's train_mlp: a last Linear layer with fewer outputs than there are classes.
    ("IndexError", "is out of bounds.",
     "a label was not a class index the model has a score for: CrossEntropyLoss needs one "
     "output of the model per class, so a label k needs at least k + 1 outputs from the last "
     "Linear layer (lesson 09)."),
    # labels as floats (y.float()): lesson 09's "Labels with the wrong dtype"
    ("RuntimeError", "expected target dtype to be Long or Byte",
     "CrossEntropyLoss takes the labels as class indices, int64, one per example, shape (N,): "
     "a float target of that shape is refused (lesson 09)."),
    # ex06's w @ x for x @ w (PyTorch's words name mat1 and mat2, the learner's neither)
    ("RuntimeError", "shapes cannot be multiplied",
     "in a @ b the last size of a must equal the first of b (the message gives both shapes, "
     "mat1 for a, mat2 for b). A batch x of shape (n, k) times weights w of shape (k,) is "
     "x @ w, one prediction per row; w @ x, the other way round, does not fit."),
    # A name the line cannot see. In Cube's backward, forward's x (lesson 03's ctx is how the
    # two share it); elsewhere a misspelling, or an import line removed.
    ("NameError", "name 'torch' is not defined",
     "the file's `import minigrad as torch` line is missing or was changed: each exercise "
     "file starts with it, and every torch. in the file needs it."),
    ("NameError", "is not defined",
     "a name was used where it has no value. Possible causes: it belongs to another function "
     "(forward's variables are gone when backward runs: what backward needs, forward saves "
     "with ctx.save_for_backward(...) and backward reads from ctx.saved_tensors, lesson 03); "
     "it is spelled differently where it was set; or it is set only further down, or inside "
     "an if that did not run."),
    ("ModuleNotFoundError", "No module named 'torch'", TORCH_IS_MINIGRAD),
)
_ARTICLES = {"None": "None", "tuple": "a tuple", "list of str": "a list of str",
             "Tensor": "a Tensor", "ndarray": "a numpy array", "number": "a number",
             "bool": "a bool",
             "list": "a list", "nn.Module": "an nn.Module", "dict": "a dict",
             "list of functions": "a list holding functions or methods themselves, not their "
                                  "results (call each, with ())"}


# What a case says when its output filled the limit first (course.gradebook lists such tasks
# with those that could not run).
OUTPUT_FLOOD = "printed too much output (the output limit was reached)"


# What a learner value's text may cost: numbers an array's text shows (numpy prints every
# element of an axis of up to six, however many axes: a 16 MB array of shape (2,) * 21 took
# 17 s to print), and how deep a list's text goes.
SHOWN_NUMBERS, SHOWN_DEPTH = 1000, 20


def _printed(value: np.ndarray, threshold: int) -> int:
    """How many numbers numpy's text of ``value`` shows (``threshold`` as array2string's)."""
    return value.size if value.size <= threshold else math.prod(min(n, 6) for n in value.shape)


def _array_text(value: np.ndarray, threshold: int, as_repr: bool = False) -> str:
    if _printed(value, threshold) > SHOWN_NUMBERS:  # (shape, dtype and the first numbers)
        head = np.array2string(value.ravel()[:6], precision=4, separator=", ")
        return f"<array of shape {value.shape}, {value.dtype}: {head[:-1]}, ...]>"
    if as_repr:
        return repr(value)
    return np.array2string(value, precision=4, separator=", ", threshold=threshold,
                           max_line_width=10**6)


def _repr(value: Any, width: int, depth: int = 0) -> str:
    """``repr(value)`` as far as its first ``width`` characters or so, at a cost that follows
    them: a reply's list may name one 8 MB array 200,000 times (each item of its text the
    array's), or nest as deep as JSON allows. Where it stops early the text ends in "...".
    """
    if isinstance(value, np.ndarray):
        return _array_text(value, 1000, as_repr=True)
    if isinstance(value, str):
        return repr(value[:width + 1])
    if isinstance(value, (list, tuple, dict)):
        opening, closing = {list: "[]", tuple: "()", dict: "{}"}.get(type(value), "[]")
        if depth >= SHOWN_DEPTH:
            return f"{opening}...{closing}"
        parts: list[str] = []
        used = 0
        for item in (value.items() if isinstance(value, dict) else value):
            if used > width:
                parts.append("...")
                break
            part = (f"{_repr(item[0], width - used, depth + 1)}: "
                    f"{_repr(item[1], width - used, depth + 1)}") \
                if isinstance(value, dict) else _repr(item, width - used, depth + 1)
            parts.append(part)
            used += len(part) + 2
        single = "," if isinstance(value, tuple) and len(parts) == 1 else ""
        return f"{opening}{', '.join(parts)}{single}{closing}"
    return repr(value)


def short(value: Any, width: int = 80) -> str:
    """A one-line, length-capped text for anything (learner values can be huge), made at a
    cost that follows ``width``, whatever the value."""
    if isinstance(value, np.ndarray):
        text = _array_text(value, 8)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = _repr(value, width)
    text = " ".join(text.split())
    return shorten(text, width)


def text(value: Any, width: int) -> str:
    """A learner value as text, a str as it is: ``str(value)[:width]`` at a cost that follows
    ``width`` (an error record's type or message, a layer's kind: a reply may make them any
    value, an array whose text takes seconds among them)."""
    return value[:width] if isinstance(value, str) else short(value, width)


def _kind(value: Any) -> str:
    known = _ARTICLES.get(value) if isinstance(value, str) else None
    if not known and isinstance(value, str) and value.startswith("builtins."):
        known = f"a {value.removeprefix('builtins.')}"  # Python's own list (course.probe)
    return known or f"an object of type {short(value, 40)}"


# What the child sends is untrusted: a forged reply may hold any JSON value or numeric array
# where the reference has a str, a float or a list. So nothing here runs the learner value's
# own ``==`` (an array's is elementwise, and its truth raises) or converts it unchecked (a
# 400-digit int overflows float): a malformed fact is a difference, never an exception.

def as_float(value: Any) -> float | None:
    """``value`` as a float if it is a real int or float within float range, else None."""
    if type(value) not in (int, float):  # bool, numpy scalars and containers are not numbers
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def same(exp: Any, got: Any) -> bool:
    """Whether ``got`` is exactly the reference's plain value ``exp``: the same type and value,
    item by item in lists and dicts, shape, dtype and values for arrays."""
    if isinstance(exp, np.ndarray):
        return (isinstance(got, np.ndarray) and got.shape == exp.shape
                and got.dtype == exp.dtype and bool(np.array_equal(exp, got)))
    if isinstance(exp, list):
        return (isinstance(got, list) and len(got) == len(exp)
                and all(same(e, g) for e, g in zip(exp, got)))
    if isinstance(exp, dict):
        return (isinstance(got, dict) and got.keys() == exp.keys()
                and all(same(v, got[k]) for k, v in exp.items()))
    return type(got) is type(exp) and got == exp


def _diff_arrays(key: str, exp: np.ndarray, got: Any, rtol: float, atol: float) -> str | None:
    if not isinstance(got, np.ndarray):
        return f"{key}: expected an array of shape {exp.shape}, got {short(got)}"
    if got.shape != exp.shape:
        return f"{key}: expected shape {tuple(exp.shape)}, got shape {tuple(got.shape)}"
    if exp.dtype.kind == "b" or got.dtype.kind not in "biuf":
        if got.dtype == exp.dtype and np.array_equal(exp, got):
            return None
        return f"{key}: expected {short(exp)}, got {short(got)}"
    e, g = exp.astype(np.float64), got.astype(np.float64)
    close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    fewer_bits = _fewer_bits(exp, got)
    if exp.ndim == 0:  # one number: nothing to locate
        return f"{key}: expected {short(exp)}, got {short(got)}{fewer_bits}"
    err = np.where(close, 0.0, np.nan_to_num(np.abs(g - e), nan=np.inf, posinf=np.inf))
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    where = idx[0] if len(idx) == 1 else tuple(int(i) for i in idx)
    return (f"{key}: expected {short(exp)}, got {short(got)} "
            f"(largest difference at index {where}: {e[idx]:.6g} vs {g[idx]:.6g}){fewer_bits}")


def _diff_lists(key: str, exp: list[Any], got: list[Any]) -> str:
    """Where two lists part: the first differing index and the items there, then the lists."""
    n = next((i for i, (e, g) in enumerate(zip(exp, got)) if not same(e, g)),
             min(len(exp), len(got)))
    if n < len(exp) and n < len(got):
        where = (f"first difference at index {n}: expected {short(exp[n], 40)}, "
                 f"got {short(got[n], 40)}")
    elif n < len(exp):
        where = f"{len(got)} items instead of {len(exp)}: missing from index {n} on"
    else:
        where = (f"{len(got)} items instead of {len(exp)}: extra items from index {n} on, "
                 f"starting with {short(got[n], 40)}")
    return f"{key}: {where} (expected {short(exp)}, got {short(got)}){_as_a_set(exp, got)}"


def _as_a_set(exp: list[Any], got: list[Any]) -> str:
    """Why a list has each expected item once, none other, where the expected one has repeats:
    made by set(), which keeps neither (ex02's list(set(names)) read only as "first difference
    at index 0")."""
    try:
        once = len(set(got)) == len(got) < len(exp) and set(got) == set(exp)
    except TypeError:  # (unhashable items: no set made them)
        return ""
    return (" (each item once, in another order, where some appear more than once: a set, "
            "list(set(...)), keeps neither the order nor the repeats)") if once else ""


def error_hint(error: dict[str, Any], tensors: bool = True) -> str | None:
    """What a known error means, for errors the lessons show; None for any other. ``tensors``
    False: the exercise computes without minigrad, and TENSOR_HINTS do not fit it."""
    kind, message = text(error.get("type", ""), 1000), text(error.get("message", ""), 5000)
    return next((hint for k, part, hint in ERROR_HINTS if k == kind and part in message
                 and hint not in (VALUE_HINTS if tensors else TENSOR_HINTS)), None)


def diff(key: str, exp: Any, got: Any, rtol: float = 1e-4, atol: float = 1e-5) -> str | None:
    """One line saying how ``got`` differs from ``exp`` for fact ``key``, or None if equal."""
    if key.endswith(".type"):
        if same(exp, got):
            return None
        name = key[: -len(".type")]
        hint = ""
        if isinstance(got, str):  # (a forged reply's may be anything: unhashable too)
            hint = _NOT_CALLED if got in _UNCALLED else _HINTS.get((exp, got), "")
            if got == "tuple" and exp != "list":
                hint = _TRAILING_COMMA
        if name == "returned" and exp == "None":
            hint = _RETURNS_NOTHING
        return f"{name}: expected {_kind(exp)}, got {_kind(got)}{hint}"
    if isinstance(exp, np.ndarray):
        return _diff_arrays(key, exp, got, rtol, atol)
    if isinstance(exp, list) and isinstance(got, list):
        return None if same(exp, got) else _diff_lists(key, exp, got)
    if isinstance(exp, float):
        number = as_float(got)
        if number is None:
            return f"{key}: expected {exp:.6g}, got {short(got)}"
        if math.isclose(number, exp, rel_tol=rtol, abs_tol=atol) or (
                math.isnan(exp) and math.isnan(number)):
            return None
        rounded = _fewer_bits(np.array([exp]), np.array([number]))
        return f"{key}: expected {exp:.6g}, got {number:.6g}{rounded}"
    if same(exp, got):
        return None
    return f"{key}: expected {short(exp)}, got {short(got)}"


def compare_facts(expected: Facts, got: Any, rtol: float = 1e-4, atol: float = 1e-5
                  ) -> str | None:
    """The first fact (in the reference's order) that differs, or None when all agree."""
    if not isinstance(got, dict):
        return "the task's results are malformed"
    for key, exp in expected.items():
        if key not in got:
            return f"{key}: missing"
        message = diff(key, exp, got[key], rtol, atol)
        if message:
            return message
    return None


# Exceptions the grader's probes raise themselves (course.values, ex10's spec, library_call's):
# their message is the whole sentence, and the class name, the grader's own, means nothing to a
# learner.
_PROBES_OWN = frozenset({"MissingFunction", "OwnEngineError", "LibraryCalled"})


def describe_error(error: Any) -> str:
    """A learner-facing sentence for an exception record from the child."""
    if not isinstance(error, dict):
        return "failed in an unknown way"
    kind, message = text(error.get("type", "?"), 100), " ".join(
        text(error.get("message", ""), 5000).split())
    message = shorten(message, 300)
    if kind == "SystemExit":
        return f"called sys.exit({message}); exercises must return their result instead"
    if kind == "MemoryError":
        return "ran out of memory (the memory limit was reached)"
    if kind in _PROBES_OWN:
        return message
    if same(27, error.get("errno")):  # EFBIG: the output file hit its size limit
        return OUTPUT_FLOOD
    return (f"raised {kind}: {message}" if message else f"raised {kind}") + (
        did_you_mean(error) + error_line(error) + tensors_there(error))


def did_you_mean(error: Any) -> str:
    """``. Did you mean: 'grad'?``, as Python says it, where the child found the name a typo
    meant (course.suggest), or "" when it found none."""
    meant = error.get("suggestion") if isinstance(error, dict) else None
    return f". Did you mean: {short(meant, 40)}?" if isinstance(meant, str) else ""


def error_line(error: Any) -> str:
    """`` (line 12: its code)``: the line of the learner's file an exception record names,
    or "" when it names none."""
    where = error.get("line") if isinstance(error, dict) else None
    if isinstance(where, list) and len(where) == 2:
        return f" (line {text(where[0], 20)}: {' '.join(text(where[1], 5000).split())[:120]})"
    return ""


def _tensors(error: Any) -> dict[str, tuple[tuple[int, ...], str]]:
    """The tensors an exception record says its line named (``course.child._tensors_on_line``),
    name -> (shape, dtype), each item checked: the child's word is data."""
    found: dict[str, tuple[tuple[int, ...], str]] = {}
    items = error.get("tensors") if isinstance(error, dict) else None
    for item in items[:8] if isinstance(items, list) else ():
        if not (isinstance(item, list) and len(item) == 3):
            continue
        name, shape, dtype = item
        if (isinstance(name, str) and name.isidentifier() and len(name) <= 40
                and isinstance(shape, list) and len(shape) <= 8
                and all(type(n) is int and 0 <= n < 10**12 for n in shape)
                and isinstance(dtype, str) and dtype.isidentifier() and len(dtype) <= 20):
            found[name] = (tuple(shape), dtype)
    return found


def _tensor(shape: tuple[int, ...], dtype: str) -> str:
    return f"{dtype} tensor of shape {shape}"


def tensors_there(error: Any) -> str:
    """``; there y is an int64 tensor of shape (200,), ...``: the tensors a shape or dtype
    error's line named, whose sizes its message gives without their names; "" for none."""
    found = _tensors(error)
    said = [f"{name} {'is an' if not n and dtype[0] in 'aeiou' else 'is a' if not n else 'a'} "
            f"{_tensor(*found[name])}" for n, (name, (_, dtype)) in enumerate(found.items())]
    return f"; there {', '.join(said)}" if said else ""


_SWAPPED = ("the inputs and the targets look swapped: {what}. A model takes the inputs, "
            "model(x); the loss takes the model's output first and the targets second, "
            "loss_fn(model(x), y) (lesson 09).")


# What a shape or dtype error's message says (minigrad's and PyTorch's: "mat1 and mat2 shapes
# cannot be multiplied", "0D or 1D target tensor expected", "must have the same dtype").
SHAPES_OR_DTYPES = re.compile(r"shape|size|dtype|dimension|\b\dD\b|mat1|Long|Int")


def swapped_data(error: Any) -> str | None:
    """What a shape or dtype error means where its line hands a training loop's tensors on
    swapped (ex09: ``model(y)``, ``loss_fn(pred, x)``): integer targets given first to a call,
    where a model's inputs go, or a float batch of several columns given second where a
    loss's class labels go; None for any other."""
    found = _tensors(error)
    where = error.get("line") if isinstance(error, dict) else None
    # (a line longer than the child sends is forged: parsed under the lock every job's judging
    # takes, 4 MB of "f(a, a, ..." held it 12 s and took 1.9 GB; nested 700 deep, unparse
    # raised RecursionError, which failed the whole submission: red team 19)
    if not found or not (isinstance(where, list) and len(where) == 2
                         and isinstance(where[1], str) and len(where[1]) <= LINE_CHARS):
        return None
    message = text(error.get("message", ""), 5000)
    if not SHAPES_OR_DTYPES.search(message):
        return None
    tree = parse(where[1].strip().removesuffix(":")).tree  # (as every learner text is parsed)
    if tree is None:
        return None
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        names = [a.id if isinstance(a, ast.Name) else None for a in call.args]
        said = shorten(ast.unparse(call), 60)
        if names and names[0] in found and found[names[0]][1].startswith(("int", "uint")):
            return _SWAPPED.format(what=f"{names[0]}, an integer tensor of shape "
                                        f"{found[names[0]][0]}, went first into {said}, "
                                        "where a model's inputs go")
        if (len(names) == 2 and names[1] in found and len(found[names[1]][0]) >= 2
                and found[names[1]][1].startswith("float") and "target" in message):
            return _SWAPPED.format(what=f"{names[1]}, a {_tensor(*found[names[1]])}, went "
                                        f"second into {said}, where the targets go")
    return None


def same_error(exp: dict[str, Any], got: Any) -> bool:
    """Same exception type and message (where it was raised does not matter)."""
    return (isinstance(got, dict) and same(exp.get("type"), got.get("type"))
            and same(exp.get("message"), got.get("message")))


def compare_case(exp: dict[str, Any], got: Any, rtol: float, atol: float) -> str | None:
    """Compare one case's outcomes: each is ``{"facts": ...}`` or ``{"error": ...}``."""
    if not isinstance(got, dict):
        return "the task's results are malformed"
    if "error" in exp:
        if same_error(exp["error"], got.get("error")):
            return None
        return "the outcome differs"
    if "error" in got:
        return describe_error(got["error"])
    return compare_facts(exp.get("facts", {}), got.get("facts"), rtol, atol)
