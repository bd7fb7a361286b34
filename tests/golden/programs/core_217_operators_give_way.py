import warnings

import numpy as np
import torch

# Tensor's operators return NotImplemented for an operand they cannot take, so Python asks the
# other operand and then reports in its own words: a list, a string or None is no tensor, a
# tensor compared with None is simply unequal, a list times an int tensor is repeated, and a
# numpy array computes the result itself (numpy hands it back as a tensor).
# (PyTorch's __array_wrap__ takes NumPy 1's arguments: NumPy 2 warns about it, minigrad's does
# not; the warning is not what this program is about.)
warnings.filterwarnings("ignore", message="__array_wrap__ must accept context")
t = torch.ones(2)
flags = torch.tensor([True, False])
calls = {
    "t + [1.0]": lambda: t + [1.0],
    "[1.0] + t": lambda: [1.0] + t,
    "t * [2.0]": lambda: t * [2.0],
    "t - 'a'": lambda: t - "a",
    "None / t": lambda: None / t,
    "t ** [2.0]": lambda: t ** [2.0],
    "[2.0] ** t": lambda: [2.0] ** t,
    "t @ [1.0, 1.0]": lambda: t @ [1.0, 1.0],
    "[1.0, 1.0] @ t": lambda: [1.0, 1.0] @ t,
    "t > [1]": lambda: t > [1],
    "t < 'a'": lambda: t < "a",
    "t // [1]": lambda: t // [1],
    "t % [1]": lambda: t % [1],
    "flags & [True, False]": lambda: flags & [True, False],
    "flags | None": lambda: flags | None,
    "t == None": lambda: t == None,  # noqa: E711 - what this shows
    "t != None": lambda: t != None,  # noqa: E711
    "t == [1, 1]": lambda: t == [1, 1],
    "t == 'a'": lambda: t == "a",
    "tensor(2) * [1, 2]": lambda: torch.tensor(2) * [1, 2],
    "[1, 2] * tensor(2)": lambda: [1, 2] * torch.tensor(2),
    "[1, 2][tensor(1.5)]": lambda: [1, 2][torch.tensor(1.5)],
    "t.matmul([1.0])": lambda: t.matmul([1.0]),
    "t + np.ones(2)": lambda: t + np.ones(2),
    "t * np.array(2.0)": lambda: t * np.array(2.0),
    "t + np.ones(2, float32)": lambda: t + np.ones(2, dtype=np.float32),
    "t + np.ones(3)": lambda: t + np.ones(3),
    "np.exp(t)": lambda: np.exp(t),
    "t + range(2)": lambda: t + range(2),
    "t + (1.0, 2.0)": lambda: t + (1.0, 2.0),
}
for label, call in calls.items():
    try:
        print(label, "->", call())
    except (TypeError, RuntimeError, ValueError) as error:
        print(label, "->", type(error).__name__, str(error).splitlines()[0])
for label, statement in (("x += [1.0]", "x += [1.0]"), ("x *= None", "x *= None"),
                         ("x -= [1.0]", "x -= [1.0]"), ("x /= [1.0]", "x /= [1.0]")):
    try:
        exec(f"x = torch.ones(2)\n{statement}", {"torch": torch})
    except TypeError as error:
        print(label, "->", type(error).__name__, error)
# Each operator still computes what it takes: a tensor, a number, a 0-d tensor.
print(t + 1, t * torch.tensor(3.0), (t == t).all(), 2 - t, t / 2)
