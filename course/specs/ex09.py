"""ex09 the training loop: one correct optimizer step; fix a given loop; a classifier for
three spiral arms.

``train_mlp`` is scored on held-out points that only the grader (the parent) ever draws: the
learner's code gets the training points, hands back its model as plain data (``model_facts``),
and the parent rebuilds it from minigrad's own layers and measures its accuracy. A forged
result or a model the parent cannot rebuild scores 0, with the reason.

Nothing the child has decides the held-out points: not the case, not the seed (the child knows
both). Their stream is a fresh secret (``HELD_OUT_STREAM``) that the probe records beside the
model; only the reference's counts, drawn in the parent when the expectations are computed and
kept with them, so every submission graded with one seed in one run meets the same points.
The seed decides how the spirals are turned, mirrored and labelled (``_mlp_cases``), so no
model fits every seed's.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import minigrad as torch
from course.compare import same, text
from course.probe import (
    BatchGraphs,
    Facts,
    NotRebuildable,
    StepsTaken,
    array,
    grad_value,
    model_facts,
    rebuild_model,
    require,
    tensor,
    tensor_facts,
    value_facts,
)
from course.specs import grader_out_of_reach
from course.tasks import Case, Misconception, Task
from minigrad import nn, optim

CLASSES = 3
ACCURACY_NEEDED = 0.95
TRAINING_POINTS, HELD_OUT_POINTS = 200, 1000
HELD_OUT_STREAM = "held-out stream"  # a fact of the reference's outcome (see the docstring)

# ---- training_step ------------------------------------------------------------------------

# What the watching optimizer notes when step() finds no fresh gradients, and why.
STEP_BEFORE_BACKWARD = "no gradient of a backward() had reached the weights when step() ran"
CLEARED_BEFORE_STEP = "backward() ran, but the gradients were cleared before step()"


class _WatchedSGD(optim.SGD):
    """SGD that notes, at each step(), whether it found the gradients of this step's
    backward() (``backward_seen`` is set by a gradient hook, reset by the probe per step)."""

    def __init__(self, params: Any, **options: Any) -> None:
        super().__init__(params, **options)
        self.backward_seen, self.notes = False, []

    def step(self, closure: Any = None) -> Any:
        params = [p for group in self.param_groups for p in group["params"]]
        if not self.backward_seen:
            self.notes.append(STEP_BEFORE_BACKWARD)
        elif not any(g is not None and g.any() for g in map(grad_value, params)):
            self.notes.append(CLEARED_BEFORE_STEP)
        return super().step(closure)


def _linear_cases(label: str, samples: tuple[int, ...]) -> Callable[[Any], list[Case]]:
    """Two cases: starting weights of an nn.Linear(3, 2) classifier, and data (``samples``:
    the shape of the labels, e.g. (batches, batch size))."""
    def cases(rng: Any) -> list[Case]:
        return [{"label": label, "weight": rng.normal(size=(2, 3)).round(3),
                 "bias": rng.normal(size=2).round(3),
                 "x": rng.normal(size=(*samples, 3)).round(3),
                 "y": rng.integers(0, 2, size=samples)} for _ in range(2)]
    return cases


def _linear(case: Case) -> Any:
    model = nn.Linear(3, 2)
    with torch.no_grad():
        model.weight.copy_(tensor(case["weight"]))
        model.bias.copy_(tensor(case["bias"]))
    return model


_step_cases = _linear_cases("nn.Linear(3, 2), SGD(lr=0.1, momentum=0.9), CrossEntropyLoss, "
                            "8 samples, 3 steps", (8,))


def _step_probe(fn: Any, case: Case) -> Facts:
    model = _linear(case)
    optimizer = _WatchedSGD(model.parameters(), lr=0.1, momentum=0.9)
    model.weight.register_hook(lambda grad: setattr(optimizer, "backward_seen", True))
    loss_fn, step = nn.CrossEntropyLoss(), require(fn, "training_step")
    x, y = tensor(case["x"]), tensor(case["y"], dtype=torch.int64)
    facts: Facts = {}
    for i in range(3):
        optimizer.backward_seen = False
        facts.update(value_facts(f"loss returned by step {i + 1}", step(model, loss_fn,
                                                                         optimizer, x, y)))
    facts["weight after 3 steps"] = array(model.weight)
    facts["bias after 3 steps"] = array(model.bias)
    # Only present when step() found no fresh gradients, so a correct step is never compared
    # on it (the reference has no such fact), while each wrong order matches only its own.
    if optimizer.notes:
        facts["what step() found"] = optimizer.notes[0]
    return facts


def _loss_after_step(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()
    return loss_fn(model(x), y).item()


def _in_order(parts: Sequence[str], model: Any, loss_fn: Any, optimizer: Any, x: Any,
              y: Any) -> float:
    """A training step whose ``parts`` ("zero", "forward", "backward", "step") run in the
    order given: the orders learners write, each a misconception of its own."""
    calls = {"zero": optimizer.zero_grad, "backward": lambda: loss.backward(),
             "step": optimizer.step}
    for part in parts:
        if part == "forward":
            loss = loss_fn(model(x), y)
        else:
            calls[part]()
    return loss.item()


def _no_zero_grad(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    return _in_order(("forward", "backward", "step"), model, loss_fn, optimizer, x, y)


def _step_before_backward(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    return _in_order(("zero", "forward", "step", "backward"), model, loss_fn, optimizer, x, y)


def _step_late(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    """step() between the forward pass and zero_grad(): it uses the previous call's gradients."""
    return _in_order(("forward", "step", "zero", "backward"), model, loss_fn, optimizer, x, y)


def _zero_grad_before_step(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    return _in_order(("forward", "backward", "zero", "step"), model, loss_fn, optimizer, x, y)


def _step_not_called(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step  # noqa: B018 - the method named, not called (a learner's mistake)
    return loss.item()


def _stepped_twice(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.step()  # the misconception itself: one backward(), two updates
    return loss.item()


def _backward_twice(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward(retain_graph=True)  # (what the error of a second backward() suggests)
    loss.backward()  # the misconception itself: the same gradients added a second time
    optimizer.step()
    return loss.item()


def _tensor_returned(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> Any:
    """The loss handed back as a tensor: loss itself, loss.data and loss.detach() alike."""
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.detach()


def _mean_twice(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    """loss_fn(model(x), y) / len(x): the batch's mean loss divided by its size again."""
    return _in_order(("zero", "forward", "backward", "step"), model,
                     lambda scores, labels: loss_fn(scores, labels) / len(x), optimizer, x, y)


def _mean_twice_returned(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    """The step right, and only the loss returned divided by the batch's size again."""
    return _in_order(("zero", "forward", "backward", "step"), model, loss_fn, optimizer, x,
                     y) / len(x)


def _own_update(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    """Plain gradient descent by hand, at the lr the case's optimizer has: the optimizer given
    (and its momentum) never used."""
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    lr = optimizer.param_groups[0]["lr"]
    with torch.no_grad():
        for p in model.parameters():
            p -= lr * p.grad
    return loss.item()


# ---- fit: fix a given loop ------------------------------------------------------------------

_fit_cases = _linear_cases("nn.Linear(3, 2), SGD(lr=0.5), CrossEntropyLoss, 3 batches of 4 "
                           "samples, 2 epochs", (3, 4))

# A fact of fit: how many graphs of earlier batches were still alive when a batch's loss was
# computed, beyond the one a loop's `loss` name still holds then. A loop that keeps loss
# tensors (total += loss, losses.append(loss)) holds every graph of its epoch: the growing
# memory the stub's colleague reports, even when the history ends up as floats.
GRAPHS_HELD = "graphs of earlier batches held when a batch's loss was computed"
# ... which only the loss function given sees: red team 13 (and 25, as a file) kept the memory
# bug (total += loss, .item() at the epoch's end) with a loss of its own, F.cross_entropy, in
# place of loss_fn, and the count stayed 0: 1/1. The loop fixed is the colleague's, with its
# loss function.
GIVEN_LOSS = "batches whose loss was computed by the loss function given (loss_fn)"


def _watched_loss(graphs: BatchGraphs, steps: StepsTaken) -> nn.CrossEntropyLoss:
    """CrossEntropyLoss that has ``graphs`` count, after each call, how many earlier batches'
    graphs are alive (``probe.BatchGraphs``: any graph, not only its losses': red team 26 kept
    a second loss's beside it) and at how many steps it was called, kept where the file's code
    cannot reset them (not an attribute: red team 24b's ``loss_fn.most_held = 0``
    passed; a closure's cell, which only gateways that grader_out_of_reach's rule refuses
    reach)."""
    class WatchedLoss(nn.CrossEntropyLoss):
        def forward(self, input: Any, target: Any) -> Any:
            loss = super().forward(input, target)
            graphs.count()
            steps.loss_computed()
            return loss

    return WatchedLoss()


# Facts of fit: how its loop changed the model's weight (``probe.StepsTaken``). Red team 27b
# called the loss function given at six weights set by hand (six "steps" for GIVEN_LOSS) and
# then trained by a loop of its own that never called it: the colleague's memory bug unseen.
SET_OTHERWISE = "changes to the model's weight made other than by optimizer.step()"
STEPS_UNSEEN = ("optimizer steps taken from weights at which loss_fn computed no loss since "
                "the step before")


def _watched_sgd(params: Any, steps: StepsTaken) -> optim.SGD:
    """SGD(lr=0.5) that tells ``steps`` of each step, after a closure's loss if one is given
    (the loss of the weights it steps from)."""
    class WatchedSGD(optim.SGD):
        def step(self, closure: Any = None) -> Any:
            if closure is None:
                steps.stepping()
                loss = super().step()
            else:
                def loss_then_step() -> Any:
                    loss = closure()
                    steps.stepping()
                    return loss
                loss = super().step(loss_then_step)
            steps.stepped()
            return loss

    return WatchedSGD(params, lr=0.5)


def _fit_probe(fn: Any, case: Case) -> Facts:
    model = _linear(case)
    steps = StepsTaken(model.weight)
    optimizer = _watched_sgd(model.parameters(), steps)
    batches = [(tensor(x), tensor(y, dtype=torch.int64)) for x, y in zip(case["x"], case["y"],
                                                                        strict=True)]
    # (the parameters as given, read after the loop: red team 26 swapped the model's for copies
    # trained by an optimizer of its own, which no gradient the probe watches reached)
    weight, bias = model.weight, model.bias
    graphs = BatchGraphs(weight)
    loss_fn = _watched_loss(graphs, steps)
    history = require(fn, "fit")(model, loss_fn, optimizer, batches, 2)
    steps.look()  # (the weight as the loop left it)
    if not isinstance(history, list):
        return value_facts("returned", history)
    facts: Facts = {"returned.type": "list", "number of epochs in the history": len(history)}
    for i, mean in enumerate(history[:2]):
        # requires_grad (for a tensor only): whether it still holds the epoch's graphs
        facts.update(tensor_facts(f"mean loss of epoch {i + 1}", mean, "requires_grad"))
    facts["weight after 2 epochs"] = array(weight)
    facts["bias after 2 epochs"] = array(bias)
    facts[GRAPHS_HELD] = graphs.most_held
    # (at least: a loop may compute more losses, an epoch's evaluation say, with it; each at
    # a step of its own: red team 27 called it six times before a loop that never called it)
    facts[GIVEN_LOSS] = min(graphs.steps, 2 * len(batches))
    facts[SET_OTHERWISE] = steps.by_other_means
    facts[STEPS_UNSEEN] = steps.unseen
    return facts


def _loop(model: Any, loss_fn: Any, optimizer: Any, batches: Any, epochs: int, *,
          zero_grad: str, item: str, entry: str = "mean") -> list[Any]:
    """The loop of the stub's docstring, with either of its two bugs fixed or not: the
    gradients cleared before each "batch", once per "epoch", "never", or between each
    backward() and step() ("before-step"); the loss made a float
    with .item() per "batch", only of the "epoch"'s total, or "never". Each epoch's ``entry``
    in the history: the "mean" of its batch losses, their "sum", their sum divided by the number
    of epochs ("per-epoch"), the "last" batch's loss, or the mean of a total started once before
    the epochs ("running": earlier epochs in it), the total floor-divided (//) by the number of
    batches ("floor"), the mean divided again by a batch's size ("mean-twice"), or the mean so
    far appended after every batch ("per-batch")."""
    history = []
    total = 0
    for _ in range(epochs):
        if entry != "running":
            total = 0
        if zero_grad == "epoch":
            optimizer.zero_grad()
        for x, y in batches:
            if zero_grad == "batch":
                optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            if zero_grad == "before-step":
                optimizer.zero_grad()
            optimizer.step()
            total += loss.item() if item == "batch" else loss
            if entry == "per-batch":  # (the append indented into the batch loop)
                history.append(_entry(total, loss, len(batches), epochs, "mean", item))
        # (no name of the loop's keeps the epoch's entry: a tensor total's holds its graphs)
        if entry != "per-batch":
            history.append(_entry(total, loss, len(batches), epochs, entry, item, len(x)))
    return history


def _entry(total: Any, last: Any, batches: int, epochs: int, entry: str, item: str,
           samples: int = 1) -> Any:
    """An epoch's entry in ``_loop``'s history, from its total and its last batch's loss (and,
    for "mean-twice", the mean divided again by a batch's size, ``samples``)."""
    if entry == "last":
        return last.item() if item == "batch" else last
    kept = (total if entry == "sum" else total // batches if entry == "floor"
            else total / batches / samples if entry == "mean-twice"
            else total / (epochs if entry == "per-epoch" else batches))
    return kept.item() if item == "epoch" else kept


def _as_given(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="never", item="never")


def _still_accumulating(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="never", item="batch")


def _zeroed_per_epoch(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="epoch", item="batch")


def _still_tensors(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="never")


def _item_per_epoch(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="epoch")


def _zeroed_before_step(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="before-step", item="batch")


def _summed(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="sum")


def _per_epoch(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="per-epoch")


def _last_batch(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="last")


def _total_not_reset(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="running")


def _floor_divided(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="floor")


def _fit_mean_twice(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="mean-twice")


def _per_batch(*args: Any) -> list[Any]:
    return _loop(*args, zero_grad="batch", item="batch", entry="per-batch")


def _fit_updated_by_hand(model: Any, loss_fn: Any, optimizer: Any, batches: Any, epochs: int
                         ) -> list[Any]:
    """Each batch's update made by hand (``_own_update``): the weights right, the optimizer
    given never stepped (told only SET_OTHERWISE's "expected 0, got 6")."""
    return [sum(_own_update(model, loss_fn, optimizer, x, y) for x, y in batches) / len(batches)
            for _ in range(epochs)]


def _first_epoch_only(model: Any, loss_fn: Any, optimizer: Any, batches: Any, epochs: int
                      ) -> list[Any]:
    """`return history` indented into the loop over the epochs: done after the first."""
    return _loop(model, loss_fn, optimizer, batches, 1, zero_grad="batch", item="batch")


# ---- train_mlp ----------------------------------------------------------------------------

def spiral(rng: np.random.Generator, n: int, turn: float = 0.0, mirror: bool = False,
           labels: Sequence[int] = tuple(range(CLASSES))) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points on three interleaved spiral arms, each arm turning by 0.6 of a circle from
    radius 0.15 to 1, with noise growing with the radius. No straight line separates them: a
    linear model stays below 70% accuracy. The spirals are turned by ``turn`` radians,
    mirrored (``mirror``) and arm k labelled ``labels[k]``."""
    arms = rng.integers(0, CLASSES, size=n)
    radius = rng.uniform(0.15, 1.0, size=n)
    angle = 2 * np.pi * (arms / CLASSES + 0.6 * radius) + turn
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    points += 0.1 * radius[:, None] * rng.normal(size=(n, 2))
    if mirror:
        points[:, 1] *= -1
    return points.round(3), np.asarray(labels)[arms]


def _mlp_cases(rng: Any) -> list[Case]:
    # Each seed turns, mirrors and labels the spirals its own way (training and held-out points
    # alike), so no one model fits every seed's: a model trained once, or the reference's that
    # the student edition publishes, scores about a third at another seed.
    shape = {"turn": float(rng.uniform(0, 2 * np.pi)), "mirror": bool(rng.integers(2)),
             "labels": rng.permutation(CLASSES).tolist()}
    x, y = spiral(rng, TRAINING_POINTS, **shape)
    return [{"label": f"three spiral arms in the plane, {TRAINING_POINTS} training points, "
                      f"{HELD_OUT_POINTS} held-out points", "x": x, "y": y, "spirals": shape}]


def held_out(stream: int, case: Case) -> tuple[np.ndarray, np.ndarray]:
    """The held-out points of ``stream``, on the case's spirals."""
    return spiral(np.random.default_rng(stream), HELD_OUT_POINTS, **case["spirals"])


def _mlp_probe(fn: Any, case: Case) -> Facts:
    model = require(fn, "train_mlp")(tensor(case["x"]), tensor(case["y"], dtype=torch.int64))
    # Drawn wherever the probe runs; the judge takes the reference's (the parent's) alone.
    return {**model_facts("model", model), HELD_OUT_STREAM: secrets.randbits(62)}


def accuracy(model: Any, x: np.ndarray, y: np.ndarray) -> float:
    with torch.no_grad():
        predicted = array(model(tensor(x))).argmax(axis=1)
    return float((predicted == y).mean())


def _judge_model(case: Case, expected: Facts, got: Facts) -> str | None:
    """Rebuild the learner's model in the parent and measure it on the held-out points."""
    if got.get("model.type") != "nn.Sequential":
        # (None said as None: the grader tells a function with no return statement so)
        kind = "None" if same("None", got.get("model.type")) else \
            repr(text(got.get("model.type"), 80))
        return ("train_mlp must return an nn.Sequential of minigrad layers (the grader "
                f"rebuilds it from them), got {kind}")
    try:
        model = rebuild_model(got.get("model"), 2, CLASSES)
    except NotRebuildable as e:
        return f"the returned model cannot be rebuilt: {e}"
    x, y = held_out(expected[HELD_OUT_STREAM], case)
    reached = accuracy(model, x, y)
    if reached >= ACCURACY_NEEDED:
        return None
    reference = accuracy(rebuild_model(expected["model"], 2, CLASSES), x, y)
    message = (f"held-out accuracy {reached:.3f} is below the {ACCURACY_NEEDED:.2f} needed "
               f"(the reference reaches {reference:.3f})")
    if all(layer["layer"] in ("Linear", "Dropout") for layer in got["model"]):
        message += ("; the model has no activation between its Linear layers, so it is a "
                    "linear classifier, and no straight line separates spiral arms")
    return message


# (fit's loop with zero_grad() moved there got only "mean loss of epoch 1: expected ..., got ...")
_ZEROED_BEFORE_STEP = ("optimizer.zero_grad() ran between loss.backward() and optimizer.step(): "
                       "it wiped the gradients backward() had just computed, so step() changed "
                       "nothing.")
_ZEROED_BEFORE_STEP_FIX = "clear the gradients at the start of the step instead."

# A loss divided by the batch's size, len(x), again: CrossEntropyLoss gives a mean already.
MEAN_TWICE = ("The loss was divided by the batch's size, len(x), but CrossEntropyLoss already "
              "gives the mean over the batch (its reduction='mean'): the mean was taken twice, "
              "so {}.")
MEAN_TWICE_FIX = "use the loss as loss_fn gives it: it is already the batch's mean."

TASKS = (
    Task("ex09", "training_step", "one correct optimizer step", _step_cases, _step_probe,
         misconceptions=(
             # (optimizer.zero_grad with no (): told "nothing cleared them", the learner
             # sure that something did)
             Misconception("no-zero-grad", "Gradients of earlier steps were added to this "
                           "one: nothing cleared them. (optimizer.zero_grad without "
                           "parentheses only names the method; () calls it.)", _no_zero_grad,
                           fix="call optimizer.zero_grad() at the start of every step."),
             Misconception("step-before-backward", "optimizer.step() found no gradients of "
                           "this step's loss: it ran before loss.backward(), or with no "
                           "backward() at all, or after one that could not reach the weights "
                           "(a loss computed under torch.no_grad(), or made again as a new "
                           "tensor, has no graph back to them).", _step_before_backward,
                           fix="compute the loss from model(x) with autograd on, call "
                           "loss.backward(), then optimizer.step()."),
             Misconception("zero-grad-before-step", _ZEROED_BEFORE_STEP, _zero_grad_before_step,
                           fix=_ZEROED_BEFORE_STEP_FIX),
             # (loss, step(), zero_grad(), backward(): told only "loss returned by step 2:
             # expected ..., got ..." the loss of step 1, the weights not yet moved)
             Misconception("step-late", "optimizer.step() ran before this step's "
                           "loss.backward(): it moved the weights with the gradients the "
                           "previous call's backward() had left (at the first call there were "
                           "none, and nothing moved), so every update came one step late, "
                           "made with the previous batch's gradients.",
                           _step_late,
                           fix="call optimizer.step() after loss.backward(), and zero_grad() "
                           "before the backward()."),
             # (A new optimizer made in each call moves the weights the same way: its momentum
             # starts from nothing every time. Learners write it; it was told "made by hand".)
             # `optimizer.step` with no (): a name, not a call. It read only "loss returned
             # by step 2: expected ..., got ...".
             Misconception("step-not-called", "The weights never moved: optimizer.step() was "
                           "never called. optimizer.step without parentheses only names the "
                           "method; () calls it.", _step_not_called,
                           fix="call optimizer.step() after loss.backward()."),
             Misconception("own-update", "The weights moved as plain gradient descent "
                           "moves them, not as the optimizer given does (it has momentum, as "
                           "an optimizer may have any rule of its own): the optimizer given "
                           "never stepped. Either the update was made by hand, or a new "
                           "optimizer was made inside training_step, whose momentum starts "
                           "from nothing at every call.", _own_update,
                           fix="let the optimizer given update the weights: its step() after "
                           "backward(), with no optimizer of your own."),
             # (told only "loss returned by step 2: expected ..., got ...")
             Misconception("stepped-twice", "optimizer.step() ran twice after one "
                           "backward(): each call moves the weights again with the same "
                           "gradients (and, with momentum, further the second time), so every "
                           "training step made two updates.", _stepped_twice,
                           fix="call optimizer.step() once per step, after loss.backward()."),
             # (loss.backward(retain_graph=True) then loss.backward(): told only "loss
             # returned by step 2: expected ..., got ...")
             Misconception("backward-twice", "backward() ran twice on one loss: the second "
                           "call added the same gradients to .grad again, so the step moved "
                           "the weights with twice the gradient. retain_graph=True lets a "
                           "graph be walked twice; it does not make a second walk right.",
                           _backward_twice,
                           fix="call loss.backward() once per step, with no retain_graph."),
             Misconception("loss-after-step", "The loss returned was computed again after "
                           "optimizer.step(), on the updated model: it is not the loss "
                           "backward() worked from.", _loss_after_step,
                           fix="return the loss of this batch before the update, the one "
                           "backward() worked from (loss.item())."),
             # (loss_fn(model(x), y) / len(x): told only "loss returned by step 1:
             # expected 0.491, got 0.0613")
             Misconception("mean-twice", MEAN_TWICE.format(
                 "the loss, and the gradients backward() took from it, came out len(x) times "
                 "too small: every step was len(x) times too short"), _mean_twice,
                           fix=MEAN_TWICE_FIX),
             Misconception("mean-twice-returned", MEAN_TWICE.format(
                 "the loss returned came out len(x) times too small (the step itself used the "
                 "loss as it was)"), _mean_twice_returned, fix=MEAN_TWICE_FIX),
             # (loss.data or loss.detach() returned: told only "expected a number, got a
             # Tensor", though the learner had meant to hand back a plain value)
             Misconception("tensor-returned", "The step itself is right, but it returned the "
                           "loss as a tensor where the docstring asks for a Python float. "
                           ".detach() and .data cut a tensor from the graph, but what they give "
                           "is still a tensor, of one element here, not a number: a caller that "
                           "adds the losses up or prints them gets tensors. (The loss itself, "
                           "returned as it is, also keeps its whole graph alive while the "
                           "caller holds it.)", _tensor_returned,
                           fix="return the loss's number, loss.item()."),
         )),
    # (Held to grader_out_of_reach's rule: its graphs-held count is kept in the learner's
    # process. train_mlp's model is judged in the parent, training_step's order by its weights.)
    Task("ex09", "fit", "fix a training loop that trains badly", _fit_cases, _fit_probe,
         assumes=("training_step",), source_rule=grader_out_of_reach.grader_out_of_reach("fit"),
         misconceptions=(
             Misconception("unchanged", "This is the loop as given: both of its bugs are still "
                           "there. One makes training worse the more batches an epoch has "
                           "(what does backward() do to .grad each time?); one makes memory "
                           "grow (what does total hold?).", _as_given,
                           fix="call optimizer.zero_grad() before each backward(), and add "
                           "loss.item(), a float, to total."),
             Misconception("gradients-pile-up", "The history holds numbers now, but every "
                           "step still applies the gradients of all earlier batches added "
                           "up.", _still_accumulating,
                           fix="clear the gradients with optimizer.zero_grad() before each "
                           "backward()."),
             Misconception("zero-grad-per-epoch", "The gradients are cleared once per "
                           "epoch, not once per batch: within an epoch every step still "
                           "applies the gradients of the epoch's earlier batches added up.",
                           _zeroed_per_epoch,
                           fix="clear the gradients inside the batch loop, before each "
                           "backward()."),
             Misconception("tensor-history", "The training is right now, but total += loss "
                           "adds up loss tensors: the history holds tensors, and each one "
                           "keeps every batch's graph alive (the growing memory).",
                           _still_tensors, fix="add loss.item(), a Python float."),
             Misconception("graphs-held-per-epoch", "The history holds numbers now, but "
                           "loss tensors are still kept during each epoch (total += loss, or a "
                           "list of losses): they keep every batch's graph alive until the "
                           "epoch ends (the growing memory), and .item() at the end comes too "
                           "late.", _item_per_epoch,
                           fix="keep loss.item(), a Python float, batch by batch."),
             Misconception("zero-grad-before-step", _ZEROED_BEFORE_STEP, _zeroed_before_step,
                           fix=_ZEROED_BEFORE_STEP_FIX),
             Misconception("epoch-summed", "The training is right now, but each epoch's "
                           "entry is the sum of its batch losses, which grows with the number "
                           "of batches: the history holds the mean of each epoch's losses.",
                           _summed, fix="divide the epoch's total by len(batches)."),
             Misconception("divided-by-epochs", "The training is right now, but each "
                           "epoch's total was divided by the number of epochs: an epoch's "
                           "entry is the mean of its own batch losses, so the total of one "
                           "epoch is divided by how many losses went into it.", _per_epoch,
                           fix="divide the epoch's total by the number of batches it added "
                           "up."),
             Misconception("last-batch", "The training is right now, but each epoch's entry "
                           "is the loss of its last batch alone: the history holds the mean of "
                           "all of the epoch's batch losses, which says how the whole epoch "
                           "went (one batch's loss jumps from batch to batch).", _last_batch,
                           fix="add every batch's loss.item() to a total, and append "
                           "total / len(batches) once the epoch's batches are done."),
             # (the append indented into the batch loop: told only "number of epochs in
             # the history: expected 2, got 6")
             Misconception("appended-per-batch", "The history got an entry after every "
                           "batch, not one per epoch: the line that appends to it ran inside "
                           "the loop over the batches.", _per_batch,
                           fix="append once per epoch, after the loop over the batches has "
                           "ended (one indentation level out)."),
             # (`return history` indented into the epoch loop: told only "number of epochs
             # in the history: expected 2, got 1")
             Misconception("first-epoch-only", "fit stopped after one epoch, with one entry "
                           "in the history. Either the return statement ran inside the loop "
                           "over the epochs (a return ends the function there and then), or "
                           "nothing looped over the batches `epochs` times.", _first_epoch_only,
                           fix="loop `for epoch in range(epochs):` over the batches, and return "
                           "the history after that loop has ended (one indentation level out)."),
             # (total // len(batches): told only "mean loss of epoch 1: expected 0.799, got 0")
             Misconception("floor-divided", "// is floor division: it rounds the mean down to "
                           "a whole number, so every epoch's mean loss below 1 came out 0. The "
                           "history holds the exact mean of each epoch's losses.",
                           _floor_divided,
                           fix="divide with /, which keeps the fraction."),
             # (total += loss.item() / len(x), or the mean divided by len(x) again: told
             # only "mean loss of epoch 1: expected 0.799, got 0.2")
             Misconception("mean-twice", "The training is right now, but each epoch's entry "
                           "was divided by the batch's size, len(x), too: each batch's loss is "
                           "already a mean over its samples (CrossEntropyLoss's "
                           "reduction='mean'), so the mean was taken twice and the history came "
                           "out len(x) times too small.", _fit_mean_twice,
                           fix="divide the epoch's total by len(batches) alone."),
             Misconception("total-not-reset", "The training is right now, but total was set "
                           "to 0 once, before the epochs: epoch 2's entry still holds epoch "
                           "1's losses, so the history grows while the loss falls. Each epoch "
                           "starts its own total.", _total_not_reset,
                           fix="set total = 0 at the start of each epoch, inside the epoch "
                           "loop."),
             Misconception("own-update", "The training is right, but the weights were moved "
                           "by hand (or by an optimizer of your own), not by the optimizer "
                           "given: its step() never ran. fit trains with whatever optimizer it "
                           "is handed, and the update's rule (its learning rate, any momentum) "
                           "is the optimizer's.", _fit_updated_by_hand,
                           fix="call optimizer.step() after loss.backward(), with no update of "
                           "your own."),
         )),
    Task("ex09", "train_mlp", f"train a classifier to {ACCURACY_NEEDED:.0%} held-out accuracy",
         _mlp_cases, _mlp_probe, points=2, judge=_judge_model,
         too_slow="Training this long is more than the task needs: take fewer steps or a "
                  "smaller model (the reference trains in under a second)."),
)
