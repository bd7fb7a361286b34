"""Training end to end: a small MLP learns a 2-D two-class problem with minigrad alone."""

from __future__ import annotations

import time

import numpy as np
import pytest

import minigrad as torch
from minigrad import nn


def two_moons(n: int, seed: int = 0, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (a classic non-linearly separable set), made with numpy."""
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0, np.pi, n)
    labels = rng.integers(0, 2, n)
    x = np.where(labels == 0, np.cos(angles), 1 - np.cos(angles))
    y = np.where(labels == 0, np.sin(angles), 0.5 - np.sin(angles))
    points = np.stack([x, y], axis=1) + rng.normal(0, noise, (n, 2))
    return points.astype(np.float32), labels


def train(optimizer_name: str) -> tuple[float, float, float]:
    points, labels = two_moons(200)
    inputs, targets = torch.tensor(points), torch.tensor(labels)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(),
                          nn.Linear(16, 2))
    if optimizer_name == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    loss_fn = nn.CrossEntropyLoss()
    # CPU time, not wall-clock time: the work done, whatever else the machine runs meanwhile.
    start = time.process_time()
    for _ in range(300):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
    elapsed = time.process_time() - start
    model.eval()
    with torch.no_grad():
        predicted = model(inputs).argmax(dim=1)
    accuracy = (predicted == targets).float().mean().item()
    return accuracy, elapsed, loss.item()


@pytest.mark.parametrize("optimizer_name", ["sgd", "adam"])
def test_mlp_reaches_97_percent_on_two_moons_in_under_two_cpu_seconds(optimizer_name: str) -> None:
    accuracy, elapsed, _ = train(optimizer_name)
    assert accuracy >= 0.97, f"training accuracy {accuracy:.3f}"
    assert elapsed < 2.0, f"training took {elapsed:.2f} s of CPU time"


def test_training_is_reproducible_with_manual_seed() -> None:
    first, second = train("sgd"), train("sgd")
    assert (first[0], first[2]) == (second[0], second[2])
