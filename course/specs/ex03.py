"""ex03 backward: f'(x0) with backward(), f''(x0) with create_graph, a custom autograd.Function,
a vector-Jacobian product."""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch
from course.probe import (
    Facts,
    Walks,
    array,
    arriving_gradients,
    arriving_values,
    backward_calls_made,
    fmt,
    formulas_run,
    grad_value,
    is_leaf,
    is_tensor,
    require,
    requires_grad,
    returned_gradients,
    tensor,
    tensor_facts,
    value_facts,
)
from course.specs import grader_out_of_reach
from course.tasks import Case, Misconception, Task

FUNCTIONS = (
    ("f(x) = x**3 - 2*x", lambda x: x**3 - 2 * x),
    ("f(x) = sin(x) * x", lambda x: torch.sin(x) * x),
    ("f(x) = exp(-x*x)", lambda x: torch.exp(-x * x)),
    ("f(x) = tanh(2*x) + x**2", lambda x: torch.tanh(2 * x) + x**2),
)


def _derivative_cases(rng: Any) -> list[Case]:
    cases = []
    for k in rng.permutation(len(FUNCTIONS))[:3]:
        x0 = round(float(rng.uniform(-2, 2)), 3)
        cases.append({"label": f"{FUNCTIONS[k][0]}, x0 = {x0}", "f": int(k), "x0": x0})
    return cases


# How the learner's code differentiated f, seen by the f it is given: the points f was
# evaluated at, and the gradients autograd sent back to the tensors f was called on.
# derivative and vjp ask for backward(), the call a training step makes, which stores the
# gradient in .grad; torch.autograd.grad returns it instead, and belongs to second_derivative
# (as ex04 and ex08, whose tasks read .grad, refuse it). Both passed before.
HOW = "how f(x) was differentiated"
BY_BACKWARD = "by backward(), into .grad"
BY_AUTOGRAD_GRAD = "by torch.autograd.grad (the gradient returned, not stored in .grad)"
TWICE = "twice, the first gradient made with create_graph=True"
ONCE_WITH_GRAPH = "once, with create_graph=True (its gradient not differentiated)"
WITHOUT_GRAPH = "without create_graph=True (the gradient has no graph)"
FINITE_DIFFERENCES = "by finite differences (f evaluated at several points)"
NOT_AT_ALL = "not at all (no gradient reached the tensor f was given)"


class _Arrivals(list):
    """The gradients that reach the tensors f is called on, in order, and for each whether it
    was computed for torch.autograd.grad (``returned``) rather than for backward(), its
    values as it arrived (``values``) and whether it came back through the graph of what f
    returned (``through_f``, as ``walks`` sees the learner's call: ``watched``)."""

    def __init__(self) -> None:
        super().__init__()
        self.returned: list[bool | None] = []
        self.values: list[Any] = []
        self.walks = Walks()
        self.through_f: list[bool] = []

    def watched(self, run: Any) -> Any:
        """``run()``'s result (the learner's call), the backward calls it makes watched."""
        return self.walks.watched(run)[0]


def _watched(f: Any) -> tuple[Any, set[tuple[float, ...]], _Arrivals]:
    """``f`` as the learner's code receives it, the points it is evaluated at and the
    gradients (in order) that reach the tensors it is called on."""
    points: set[tuple[float, ...]] = set()
    inputs: list[Any] = []
    arrived = _Arrivals()

    def watched(x: Any) -> Any:
        if is_tensor(x):
            points.add(tuple(array(x).astype(np.float64).ravel().tolist()))
            if requires_grad(x) and not any(x is seen for seen in inputs):
                inputs.append(x)
                arriving_gradients(x, into=arrived)
                returned_gradients(x, into=arrived.returned)
                arriving_values(x, into=arrived.values)
                arrived.walks.arriving_through(x, into=arrived.through_f)
        elif isinstance(x, (int, float)):
            points.add((float(x),))
        out = f(x)
        arrived.walks.add(out)  # (as f made it: a gradient through f comes back through it)
        return out

    return watched, points, arrived


def _how(points: set[tuple[float, ...]], arrived: _Arrivals, second: bool,
         out: Any = None) -> str | None:
    """How f was differentiated, from what ``_watched`` saw (``out``: what the task returned);
    None for a finite difference."""
    graphs = [not is_leaf(g) for g in arrived]  # a gradient with a graph can be differentiated
    if len(points) > 1 and not (any(graphs) if second else arrived):
        return None
    if not arrived:
        return NOT_AT_ALL
    if not second:
        return BY_AUTOGRAD_GRAD if _answered_by_autograd_grad(arrived, out) else BY_BACKWARD
    if not any(graphs):
        return WITHOUT_GRAPH
    # was a gradient with a graph differentiated in turn, reaching x once more?
    return TWICE if len(arrived) > graphs.index(True) + 1 else ONCE_WITH_GRAPH


def _answered_by_autograd_grad(arrived: _Arrivals, out: Any) -> bool:
    """Whether torch.autograd.grad made the answer ``out``: it computed every gradient, or
    the answer is a gradient it returned and none that backward() stored coming back through
    f. (A backward() among the calls was once enough: red team 16 returned autograd.grad's
    gradient beside a backward() of f at another point, its .grad never read, or handed it to
    backward() on x itself, x.backward(g), and scored 1/1. A backward() through f whose
    gradient is the answer passes, with an autograd.grad beside it to check.)"""
    if all(arrived.returned):
        return True
    answer = np.asarray(array(out) if is_tensor(out) else out if type(out) in (int, float)
                        else np.nan, dtype=np.float64).ravel()

    def holds(values: Any) -> bool:
        return values is not None and values.size == answer.size and bool(
            np.allclose(values.astype(np.float64).ravel(), answer, rtol=1e-5, atol=1e-7))

    found = [(returned, holds(v) and (returned or through))
             for returned, v, through in zip(arrived.returned, arrived.values, arrived.through_f)]
    return any(h for r, h in found if r) and not any(h for r, h in found if not r)


def _how_facts(how: str | None, value: str, out: Any) -> Facts:
    if how is None:
        # The value of an approximation is not what is graded: left out, so every finite
        # difference (any step, any precision) is recognised as one.
        return {HOW: FINITE_DIFFERENCES}
    # HOW comes first: where autograd was skipped, it is the difference feedback names.
    return {HOW: how, **value_facts(value, out)}


def _differentiation_probe(fn: Any, case: Case, name: str, value: str, second: bool) -> Facts:
    watched, points, arrived = _watched(FUNCTIONS[case["f"]][1])
    out = arrived.watched(lambda: require(fn, name)(watched, case["x0"]))
    return _how_facts(_how(points, arrived, second, out), value, out)


def _derivative_probe(fn: Any, case: Case) -> Facts:
    return _differentiation_probe(fn, case, "derivative", "f'(x0)", second=False)


def _returned_value(f: Any, x0: float) -> float:
    return f(torch.tensor(x0, requires_grad=True)).item()


def _returned_x(f: Any, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    f(x).backward()
    return x.data.item()  # the misconception itself: x's value, where x.grad was meant


def _no_requires_grad(f: Any, x0: float) -> Any:
    x = torch.tensor(x0)
    f(x).backward()
    return x.grad


def _no_backward(f: Any, x0: float) -> Any:
    x = torch.tensor(x0, requires_grad=True)
    f(x)
    return x.grad


def _returned_backward(f: Any, x0: float) -> Any:
    return f(torch.tensor(x0, requires_grad=True)).backward()


def _first_derivative_create_graph(f: Any, x0: float) -> float:
    """The first gradient made ready to differentiate, and returned as it is."""
    x = torch.tensor(x0, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    return g.item()


def _output_gradient(f: Any, x0: float) -> float:
    y = f(torch.tensor(x0, requires_grad=True))
    y.retain_grad()
    y.backward()
    return y.grad.item()  # d y / d y: where backward() starts, not where it lands


def _finite_difference(f: Any, x0: float) -> float:
    h = 1e-6
    return ((f(torch.tensor(x0 + h, dtype=torch.float64))
             - f(torch.tensor(x0 - h, dtype=torch.float64))) / (2 * h)).item()


def _second_probe(fn: Any, case: Case) -> Facts:
    return _differentiation_probe(fn, case, "second_derivative", "f''(x0)", second=True)


def _first_derivative(f: Any, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x)
    return g.item()


def _no_create_graph(f: Any, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x)
    (g2,) = torch.autograd.grad(g, x)
    return g2.item()


def _output_differentiated_again(f: Any, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    torch.autograd.grad(y, x, create_graph=True)
    (again,) = torch.autograd.grad(y, x)  # f(x) once more, not the first gradient
    return again.item()


def _backward_twice(f: Any, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    y.backward(create_graph=True)
    x.grad.backward()  # adds f''(x0) to x.grad, which already holds f'(x0)
    return x.grad.item()


def _second_finite_difference(f: Any, x0: float) -> float:
    h = 1e-4
    at = [f(torch.tensor(x0 + d, dtype=torch.float64)) for d in (h, 0.0, -h)]
    return ((at[0] - 2 * at[1] + at[2]) / h**2).item()


def _cube_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (1, 3, 4):
        x, v = rng.uniform(-2, 2, size=n).round(3), rng.normal(size=n).round(3)
        cases.append({"label": f"x = {fmt(x)}, y = Cube.apply(x), (y * {fmt(v)}).sum()"
                               ".backward()", "x": x, "v": v})
    return cases


def _cube_probe(fn: Any, case: Case) -> Facts:
    apply = require(fn, "Cube").apply
    x = tensor(case["x"], requires_grad=True, dtype=torch.float64)
    made: list[Any] = []  # y (forward's output), y * v and its sum: the graph backward walks
    by_hand: list[Any] = []  # (the nodes whose formula ran outside that walk)

    def forward_and_backward() -> None:
        made.append(apply(x))
        made.append(made[0] * tensor(case["v"], dtype=torch.float64))
        made.append(made[1].sum())
        made[2].backward()

    calls = backward_calls_made(
        lambda: by_hand.append(formulas_run(forward_and_backward, walked=made,
                                            made_by=["MulBackward0", "SumBackward0"])))
    y = made[0]
    facts = tensor_facts("y", y, "grad_fn")
    facts["x.grad"] = grad_value(x)
    # After the values: a wrong gradient is named first, as a wrong gradient.
    facts[OWN_FORMULA] = calls == 1 and by_hand == [[]]
    try:
        xs = tensor(case["x"], requires_grad=True, dtype=torch.float64)
        facts["gradcheck passes"] = bool(torch.autograd.gradcheck(apply, (xs,)))
    except Exception:
        facts["gradcheck passes"] = False
    facts[CHANGE_UNSEEN] = _change_unseen(apply, case)
    return facts


# backward is where the learner writes the derivative of x**3: one that hands x**3 to
# autograd (torch.autograd.grad, or backward() on a graph of its own) has autograd's, and
# passed gradcheck, which compares autograd with autograd (red team 16: 1/1 both ways); so
# did a forward that had autograd.grad compute 3*x**2 and saved it for backward. Neither
# counts a backward call where x**3's node runs its formula by hand: its private step
# (`grad_fn._apply([g])`) or the formula itself (`grad_fn.backward(g)`) scored 1/1 (red team
# 18). So no node's formula may run while Cube runs but those of the probe's own y * v and its
# sum, as backward walks them (formulas_run). (A count of the graph nodes Cube made caught
# those too, and failed a right Cube whose own formula ran under torch.enable_grad(): red
# team 19.)
OWN_FORMULA = ("Cube computes the gradient by its own formula: its forward and backward start "
               "no backward pass and run no graph node's formula")


# What ctx.save_for_backward does that an attribute of ctx (ctx.x = x) does not: at backward,
# autograd checks that the saved tensor was not changed in place since forward, so a changed
# input raises an error where it would otherwise give a wrong gradient without a word. (A copy
# kept on ctx, or x**2 computed in forward, is not changed: its gradient stays right.)
CHANGE_UNSEEN = "an in-place change to x after forward gives a wrong gradient, without an error"


def _change_unseen(apply: Any, case: Case) -> bool:
    leaf = tensor(case["x"], requires_grad=True, dtype=torch.float64)
    inner = leaf * 1.0  # not a leaf, so it may be changed in place with autograd on
    y = apply(inner)
    inner.add_(1.0)
    try:
        y.sum().backward()
    except RuntimeError as e:
        if "modified by an inplace operation" in str(e):
            return False
        raise
    got = grad_value(leaf)
    return got is not None and not np.allclose(got, 3 * case["x"] ** 2)


def _cube(saves_output: bool = False, chain_rule: str = "multiplied", returns: bool = True,
          factor: int = 3, power: int = 2) -> type:
    """A wrong Cube: saving its output x**3 for backward (whose 3 * saved**2 then is 3 * x**6),
    leaving grad_output out of backward's result (``chain_rule`` "left out") or adding it
    ("added"), computing it and returning nothing, or differentiating x**3 as ``factor`` *
    x**``power`` (3 * x**3: the power rule's exponent left as it was; x**2: its factor left
    out; 3 * x: the power dropped to 1; 2 * x: x**2's derivative)."""
    class Cube(torch.autograd.Function):  # named Cube so its grad_fn is CubeBackward too
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            y = x**3
            ctx.save_for_backward(y if saves_output else x)
            return y

        @staticmethod
        def backward(ctx: Any, grad_output: Any) -> Any:
            (saved,) = ctx.saved_tensors
            local = factor * saved**power
            grad = {"multiplied": local * grad_output, "added": local + grad_output,
                    "left out": local}[chain_rule]
            return grad if returns else None

    return Cube


def _kept_on_ctx() -> type:
    """A Cube that keeps its input as an attribute of ctx, not with save_for_backward."""
    class Cube(torch.autograd.Function):  # named Cube so its grad_fn is CubeBackward too
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.x = x
            return x**3

        @staticmethod
        def backward(ctx: Any, grad_output: Any) -> Any:
            return grad_output * 3 * ctx.x**2

    return Cube


def _autograd_inside() -> type:
    """A Cube whose backward has autograd differentiate x**3 for it."""
    class Cube(torch.autograd.Function):  # named Cube so its grad_fn is CubeBackward too
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x)
            return x**3

        @staticmethod
        def backward(ctx: Any, grad_output: Any) -> Any:
            (x,) = ctx.saved_tensors
            with torch.enable_grad():
                x = x.detach().requires_grad_()
                (grad,) = torch.autograd.grad(x**3, x, grad_output)
            return grad

    return Cube


CubeWithoutChainRule = _cube(chain_rule="left out")
CubeAddingGradOutput = _cube(chain_rule="added")
CubeSavingItsOutput = _cube(saves_output=True)
CubeReturningNothing = _cube(returns=False)
CubeWithPowerUnlowered = _cube(power=3)
CubeWithoutFactor = _cube(factor=1)
CubeWithPowerDropped = _cube(power=1)
CubeDifferentiatingASquare = _cube(factor=2, power=1)
CubeKeepingXOnCtx = _kept_on_ctx()
CubeAskingAutograd = _autograd_inside()

MAPS = (
    ("f(x) = tanh(A @ x)", lambda a: lambda x: torch.tanh(a @ x)),
    ("f(x) = x * x.sum()", lambda a: lambda x: x * x.sum()),
    ("f(x) = A @ (x * x)", lambda a: lambda x: a @ (x * x)),
)


def _vjp_cases(rng: Any) -> list[Case]:
    cases = []
    for k in range(len(MAPS)):
        a, x, v = (rng.normal(size=s).round(3) for s in ((3, 3), 3, 3))
        label = f"{MAPS[k][0]}, x = {fmt(x)}, v = {fmt(v)}" + (f", A = {fmt(a)}" if k != 1 else "")
        cases.append({"label": label, "map": k, "A": a, "x": x, "v": v})
    return cases


def _vjp_probe(fn: Any, case: Case) -> Facts:
    f, points, arrived = _watched(MAPS[case["map"]][1](tensor(case["A"])))
    x = tensor(case["x"], requires_grad=True)
    out = arrived.watched(lambda: require(fn, "vjp")(f, x, tensor(case["v"])))
    return _how_facts(_how(points, arrived, False, out), "v^T J", out)


def _vjp_by_autograd_grad(f: Any, x: Any, v: Any) -> Any:
    (g,) = torch.autograd.grad(f(x), x, grad_outputs=v)
    return g


def _ignored_v(f: Any, x: Any, v: Any) -> Any:
    f(x).sum().backward()
    return x.grad


def _scaled_afterwards(f: Any, x: Any, v: Any) -> Any:
    f(x).sum().backward()
    return x.grad * v  # right only when the Jacobian is diagonal (an elementwise f)


def _v_applied_twice(f: Any, x: Any, v: Any) -> Any:
    f(x).backward(gradient=v)
    return x.grad * v  # x.grad already holds v^T J


def _output_gradient_vjp(f: Any, x: Any, v: Any) -> Any:
    y = f(x)
    y.retain_grad()
    y.backward(gradient=v)
    return y.grad  # v itself: where backward() starts, not where it lands


def _returned_backward_vjp(f: Any, x: Any, v: Any) -> Any:
    return f(x).backward(gradient=v)  # None, as f(x)'s own .grad (no leaf's) would be


def _grad_as_jacobian(f: Any, x: Any, v: Any) -> Any:
    f(x).sum().backward()
    return v @ x.grad  # x.grad holds ones^T J, a vector: v @ it is one number


def _vjp_dotted_with_v(f: Any, x: Any, v: Any) -> Any:
    f(x).backward(gradient=v)
    return v @ x.grad  # x.grad holds v^T J already: one number again


# One text for both: x.grad taken for the Jacobian, whichever backward() filled it.
_GRAD_AS_JACOBIAN = (
    "x.grad is not the Jacobian J: backward() leaves a vector there, the vector it started "
    "from times J (ones^T J after f(x).sum().backward(), v^T J after "
    "f(x).backward(gradient=v)), so v @ x.grad is a single number. backward() does the "
    "product with v itself, never forming J.")
_GRAD_AS_JACOBIAN_FIX = "call f(x).backward(gradient=v) and return x.grad as it is."


_BY_AUTOGRAD_GRAD = (
    "{value} is right, but torch.autograd.grad computed it (autograd.functional calls it too), "
    "which returns the gradient and stores nothing in x.grad. This task is backward(), the call "
    "a training step makes, which leaves the gradient in x.grad (lesson 03); torch.autograd.grad "
    "is second_derivative's tool.")

# None returned after a backward(): backward()'s own result, or f(x)'s .grad, never kept.
RETURNED_NONE = ("Your result is None: backward() itself returns None, and f(x)'s own .grad is "
                 "None too (f(x) is no leaf, so backward() keeps no gradient for it){also}. "
                 "backward() leaves the gradient in the .grad of the tensor that requires "
                 "grad, x.")
# vjp's v.grad is None as well (all three give one None, so one sentence names them all).
RETURNED_NONE_VJP = RETURNED_NONE.format(
    also=", and so is v.grad (v requires no grad: it only weights the gradient backward() "
         "starts from at f(x))")

_OUTPUT_GRADIENT = (
    "That is {start}, the gradient backward() starts from at f(x) (kept in its .grad by "
    "retain_grad()); what backward() computes lands on the input it was given: x.grad.")

TASKS = grader_out_of_reach.kept_out((
    Task("ex03", "derivative", "f'(x0) with backward()", _derivative_cases, _derivative_probe,
         misconceptions=(
             Misconception("returned-value", "That is f(x0) itself, not its derivative.",
                           _returned_value,
                           fix="return x.grad after calling backward() on f(x): that is the "
                           "derivative."),
             # (x.data.item() for x.grad.item(): told only "f'(x0): expected 6.86, got -1.72")
             Misconception("returned-x", "That is x0 itself: x.data and x.item() hold x's "
                           "values, which backward() leaves as they were. What backward() "
                           "computed is in x.grad.", _returned_x,
                           fix="return x.grad.item()."),
             Misconception("no-requires-grad", "backward() found no graph: x does not "
                           "require grad, so autograd recorded nothing of f(x) (lessons 01, "
                           "03).", _no_requires_grad,
                           fix="create x with requires_grad=True."),
             Misconception("no-backward", "x.grad is still None: nothing has computed a "
                           "gradient into it yet.", _no_backward,
                           fix="call backward() on f(x) first, then return x.grad.item()."),
             # (y = f(x); y.backward(); return y.grad gives None too, and was told that
             # backward() returns None)
             Misconception("returned-backward", RETURNED_NONE.format(also=""), _returned_backward,
                           fix="call backward() on its own line, then return x.grad.item()."),
             Misconception("output-gradient", _OUTPUT_GRADIENT.format(
                               start="d f(x) / d f(x) = 1"), _output_gradient,
                           fix="return x.grad.item()."),
             Misconception("finite-differences", "Finite differences only approximate "
                           "f'(x0), and the task is autograd.", _finite_difference,
                           fix="make x a tensor that requires grad, call backward() on f(x), "
                           "not finite differences."),
             Misconception("autograd-grad", _BY_AUTOGRAD_GRAD.format(value="f'(x0)"),
                           _first_derivative,
                           fix="call backward() on f(x), then read the gradient in x.grad."),
         )),
    Task("ex03", "second_derivative", "f''(x0) with autograd.grad and create_graph=True",
         _derivative_cases, _second_probe, misconceptions=(
             # A gradient cut from its graph (.detach()) raises the same error, so one text
             # names both causes: the fix "pass create_graph=True" alone was wrong for a
             # learner who had passed it and detached the gradient afterwards.
             Misconception("no-create-graph", "The first gradient has no graph, so it cannot "
                           "be differentiated again: it was computed without "
                           "create_graph=True, or its graph was cut afterwards (.detach()).",
                           _no_create_graph,
                           fix="pass create_graph=True to the first torch.autograd.grad, and "
                           "differentiate the gradient it returns as it is, not a detached "
                           "copy."),
             Misconception("first-derivative", "That is f'(x0): the first gradient was not "
                           "differentiated again.", _first_derivative,
                           fix="differentiate the first gradient once more (it needs "
                           "create_graph=True)."),
             # (the first gradient made with create_graph=True, and returned: told only "how
             # f(x) was differentiated: expected 'twice, ...', got 'once, ...'")
             Misconception("first-derivative-create-graph", "That is f'(x0): the first "
                           "gradient was made ready to differentiate (create_graph=True), but "
                           "was not differentiated again.", _first_derivative_create_graph,
                           fix="differentiate the first gradient once more (it needs "
                           "create_graph=True)."),
             Misconception("output-differentiated-again", "That is f'(x0) again: the second "
                           "torch.autograd.grad differentiated f(x) once more, not the first "
                           "gradient. f'' is the derivative of f': differentiate what the "
                           "first call returned.", _output_differentiated_again,
                           fix="pass the first gradient, not f(x), to the second "
                           "torch.autograd.grad."),
             Misconception("backward-twice", "x.grad after the second backward() holds "
                           "f'(x0) + f''(x0): backward() adds to .grad.", _backward_twice,
                           fix="use torch.autograd.grad, which returns gradients instead of "
                           "adding them to .grad."),
             Misconception("finite-differences", "Finite differences only approximate "
                           "f''(x0), and the task is autograd.", _second_finite_difference,
                           fix="use torch.autograd.grad twice (the first time with "
                           "create_graph=True), not finite differences."),
         )),
    Task("ex03", "Cube", "a custom autograd.Function for x**3, passing gradcheck",
         _cube_cases, _cube_probe, misconceptions=(
             Misconception("no-chain-rule", "backward must apply the chain rule: the local "
                           "derivative alone leaves out the gradient backward receives for its "
                           "output.", CubeWithoutChainRule,
                           fix="multiply the local derivative 3*x**2 by grad_output."),
             Misconception("saved-output", "forward saved its output y = x**3, and backward "
                           "then computed 3 * y**2, which is 3 * x**6: the derivative of x**3 "
                           "needs x itself.", CubeSavingItsOutput,
                           fix="save the input: ctx.save_for_backward(x) in forward."),
             Misconception("kept-on-ctx", "The gradient is right, but forward kept x as an "
                           "attribute of ctx, where autograd does not look after it. "
                           "ctx.save_for_backward(x) lets backward() check that x was not "
                           "changed in place since forward (a changed x raises an error in "
                           "place of a wrong gradient) and frees x once backward is done.",
                           CubeKeepingXOnCtx,
                           fix="save x with ctx.save_for_backward(x) and read it back with "
                           "ctx.saved_tensors, as the docstring says."),
             Misconception("autograd-in-backward", "The gradient is right, but autograd "
                           "computed it: Cube handed x**3 to autograd (autograd.grad, "
                           "backward() on a graph of its own, in backward or in forward, or "
                           "a graph node run by hand, grad_fn(grad) or its _apply or "
                           "backward). "
                           "A custom Function's backward is where you write the derivative "
                           "yourself, the chain rule included; that is the point of the task "
                           "(lesson 03), and gradcheck only passes because it compares autograd "
                           "with itself.",
                           CubeAskingAutograd,
                           fix="return grad_output * 3 * x**2, computed from the saved x."),
             # 3 * x**3 for the derivative of x**3 (the power kept): it read only "x.grad:
             # expected [...], got [...]".
             Misconception("power-not-lowered", "backward's local derivative is 3 * x**3: "
                           "the derivative of x**3 is 3 * x**2 (x**n gives n * x**(n - 1): "
                           "the power drops by one).", CubeWithPowerUnlowered,
                           fix="return grad_output * 3 * x**2."),
             # x**2 and 3 * x for the derivative of x**3: each read only "x.grad: expected
             # [...], got [...]".
             Misconception("factor-left-out", "backward's local derivative is x**2: the "
                           "power rule brings the exponent down as a factor, x**n gives "
                           "n * x**(n - 1).", CubeWithoutFactor,
                           fix="keep the exponent as a factor: 3 * x**2, times grad_output."),
             Misconception("power-dropped", "backward's local derivative is 3 * x: the power "
                           "drops by one, from 3 to 2, not to 1 (x**n gives "
                           "n * x**(n - 1)).", CubeWithPowerDropped,
                           fix="lower the power by one only: 3 * x**2, times grad_output."),
             # 2 * x, the derivative of the lesson's x**2 examples: "x.grad: expected [...],
             # got [...]" alone.
             Misconception("square-differentiated", "backward's local derivative is 2 * x, "
                           "the derivative of x**2, but forward computed x**3: backward "
                           "differentiates what its own forward computed (x**n gives "
                           "n * x**(n - 1)).", CubeDifferentiatingASquare,
                           fix="differentiate x**3, times grad_output."),
             Misconception("chain-rule-added", "backward added grad_output to the local "
                           "derivative: the chain rule multiplies them (the gradient of the "
                           "output times how fast the output changes with x).",
                           CubeAddingGradOutput,
                           fix="multiply grad_output by the local derivative."),
             # Half-finished code: backward computes the gradient on a line of its own and
             # never returns it. It read "x.grad: expected an array of shape (1,), got None".
             Misconception("backward-returns-nothing", "x.grad stayed None: Cube's backward "
                           "returned None, which autograd reads as \"no gradient for this "
                           "input\". backward receives the gradient of the output and must "
                           "return the gradient with respect to x (lesson 03).",
                           CubeReturningNothing,
                           fix="end backward with a return statement: return grad_output "
                           "times the local derivative."),
         )),
    Task("ex03", "vjp", "a vector-Jacobian product with backward(gradient=v)",
         _vjp_cases, _vjp_probe, misconceptions=(
             Misconception("ignored-v", "Backpropagating from f(x).sum() is the same as v = "
                           "ones: the vector v was never used.", _ignored_v,
                           fix="pass the vector with f(x).backward(gradient=v)."),
             Misconception("scaled-afterwards", "Multiplying the gradient of f(x).sum() by v "
                           "afterwards is v^T J only for an elementwise f (a diagonal "
                           "Jacobian).", _scaled_afterwards,
                           fix="pass v into backward with f(x).backward(gradient=v)."),
             Misconception("v-applied-twice", "backward(gradient=v) already leaves v^T J in "
                           "x.grad: v is applied once, inside backward. Multiplying x.grad by "
                           "v afterwards applies it a second time.", _v_applied_twice,
                           fix="return x.grad as backward(gradient=v) left it."),
             # v @ x.grad: x.grad read as J. It read only "v^T J: expected shape (3,), got
             # shape ()".
             Misconception("output-gradient", _OUTPUT_GRADIENT.format(start="v itself"),
                           _output_gradient_vjp, fix="return x.grad."),
             # (told only "v^T J: expected a Tensor, got None"; v.grad, None too, was told
             # only of backward()'s result and f(x)'s .grad)
             Misconception("returned-backward", RETURNED_NONE_VJP, _returned_backward_vjp,
                           fix="call backward(gradient=v) on its own line, then return "
                           "x.grad."),
             Misconception("grad-as-jacobian", _GRAD_AS_JACOBIAN, _grad_as_jacobian,
                           fix=_GRAD_AS_JACOBIAN_FIX),
             Misconception("vjp-dotted-with-v", _GRAD_AS_JACOBIAN, _vjp_dotted_with_v,
                           fix=_GRAD_AS_JACOBIAN_FIX),
             Misconception("autograd-grad", _BY_AUTOGRAD_GRAD.format(value="v^T J"),
                           _vjp_by_autograd_grad,
                           fix="pass v to backward() as its gradient argument, then read x.grad."),
         )),
))
