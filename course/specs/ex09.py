"""ex09 the training loop: one correct optimizer step; train an MLP to held-out accuracy."""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch
from course.probe import Facts, array, require, tensor, value_facts
from course.tasks import Case, Misconception, Task
from minigrad import nn, optim

ACCURACY_NEEDED = 0.9


def _step_cases(rng: Any) -> list[Case]:
    return [{"label": "nn.Linear(3, 2), SGD(lr=0.1, momentum=0.9), CrossEntropyLoss, "
                      "8 samples, 3 steps",
             "weight": rng.normal(size=(2, 3)).round(3), "bias": rng.normal(size=2).round(3),
             "x": rng.normal(size=(8, 3)).round(3), "y": rng.integers(0, 2, size=8)}
            for _ in range(2)]


def _step_probe(fn: Any, case: Case) -> Facts:
    model = nn.Linear(3, 2)
    with torch.no_grad():
        model.weight.copy_(tensor(case["weight"]))
        model.bias.copy_(tensor(case["bias"]))
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn, step = nn.CrossEntropyLoss(), require(fn, "training_step")
    x, y = tensor(case["x"]), tensor(case["y"], dtype=torch.int64)
    facts: Facts = {}
    for i in range(3):
        facts.update(value_facts(f"loss returned by step {i + 1}", step(model, loss_fn,
                                                                         optimizer, x, y)))
    facts["weight after 3 steps"] = array(model.weight)
    facts["bias after 3 steps"] = array(model.bias)
    return facts


def _no_zero_grad(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def _step_before_backward(model: Any, loss_fn: Any, optimizer: Any, x: Any, y: Any) -> float:
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    optimizer.step()
    loss.backward()
    return loss.item()


def blobs(rng: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs in the plane, ``n`` points each: an easy 3-class problem."""
    angles = 2 * np.pi * np.arange(3) / 3
    centers = 3 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    labels = np.repeat(np.arange(3), n)
    return (centers[labels] + 0.8 * rng.normal(size=(3 * n, 2))).round(3), labels


def _mlp_cases(rng: Any) -> list[Case]:
    (x, y), (xt, yt) = blobs(rng, 50), blobs(rng, 50)
    return [{"label": "3 blobs in the plane, 150 training and 150 held-out points",
             "x": x, "y": y, "x_test": xt, "y_test": yt}]


def _mlp_probe(fn: Any, case: Case) -> Facts:
    model = require(fn, "train_mlp")(tensor(case["x"]), tensor(case["y"], dtype=torch.int64))
    if not isinstance(model, nn.Module):
        return value_facts("model", model)
    with torch.no_grad():
        logits = model(tensor(case["x_test"]))
    predicted = array(logits).argmax(axis=1)
    return {"model.type": "nn.Module",
            "held-out accuracy": float((predicted == case["y_test"]).mean())}


def _judge_accuracy(expected: Facts, got: Facts) -> str | None:
    if got.get("model.type") != "nn.Module":
        return f"train_mlp must return the trained nn.Module, got {got.get('model.type')!r}"
    accuracy = got.get("held-out accuracy")
    if not isinstance(accuracy, float):
        return "the held-out accuracy could not be measured"
    if accuracy < ACCURACY_NEEDED:
        return (f"held-out accuracy {accuracy:.2f} is below the {ACCURACY_NEEDED:.2f} needed "
                f"(the reference reaches {expected['held-out accuracy']:.2f})")
    return None


TASKS = (
    Task("ex09", "training_step", "one correct optimizer step", _step_cases, _step_probe,
         misconceptions=(
             Misconception("no-zero-grad", "Gradients of earlier steps were added to this "
                           "one: call optimizer.zero_grad() at the start of every step.",
                           _no_zero_grad),
             Misconception("step-before-backward", "optimizer.step() must come after "
                           "loss.backward(): it applies the gradients backward() computes.",
                           _step_before_backward),
         )),
    Task("ex09", "train_mlp", f"train an MLP to {ACCURACY_NEEDED:.0%} held-out accuracy",
         _mlp_cases, _mlp_probe, points=2, judge=_judge_accuracy),
)
