"""Reference solution: ex01 requires_grad."""

import minigrad as torch


def predict_flags():
    return {"w": (True, True), "a": (False, True), "y": (True, False), "z": (False, True),
            "m": (False, True), "s": (True, False)}


def make_trainable(values):
    return torch.tensor(values, dtype=torch.float32, requires_grad=True)


def freeze(params):
    for p in params:
        p.requires_grad_(False)
