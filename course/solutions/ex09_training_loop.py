"""Reference solution: ex09 the training loop."""

import minigrad as torch
from minigrad import nn, optim


def training_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def fit(model, loss_fn, optimizer, batches, epochs):
    history = []
    for _ in range(epochs):
        total = 0.0
        for x, y in batches:
            total += training_step(model, loss_fn, optimizer, x, y)
        history.append(total / len(batches))
    return history


def train_mlp(x, y):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 3))
    optimizer = optim.Adam(model.parameters(), lr=0.05)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(100):
        training_step(model, loss_fn, optimizer, x, y)
    return model
