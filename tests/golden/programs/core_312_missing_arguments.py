import torch
from _golden import show

# Calls without an argument PyTorch requires: its parser's words ("missing 1 required
# positional arguments", "argument" for more, the names in double quotes), not Python's; the
# methods of a variable number of sizes refuse to run with none (x.view() lists its overloads).
# (minigrad: x.reshape(), view(), permute(), expand() and repeat() ran or raised a
# RuntimeError, even making a 0-d tensor of a one-element one; the rest gave Python's words.)

x = torch.ones(2, 3)
one = torch.ones(1)
for name in ("permute", "reshape", "expand", "repeat", "softmax", "log_softmax", "unsqueeze",
             "cumsum", "cumprod", "gather", "select", "index_select", "transpose", "swapaxes",
             "roll", "chunk", "tile", "topk", "unflatten"):
    if name not in ("expand", "repeat"):  # (methods only)
        show(f"torch.{name}(x)", lambda: getattr(torch, name)(x))
    if name != "unflatten":  # (Tensor.unflatten is Python code in PyTorch: Python's words)
        show(f"x.{name}()", lambda: getattr(x, name)())
for name in ("view", "view_as", "expand_as", "reshape_as"):
    show(f"x.{name}()", lambda: getattr(x, name)())
for name in ("permute", "reshape", "view", "expand", "repeat"):
    show(f"one.{name}()", lambda: getattr(one, name)())
show("x.transpose(0)", lambda: x.transpose(0))
show("x.gather(0)", lambda: x.gather(0))
show("x.gather(index=...)", lambda: x.gather(index=torch.zeros(1, 3, dtype=torch.long)))
show("x.roll(dims=0)", lambda: x.roll(dims=0))
show("x.softmax(dim=1)", lambda: x.softmax(dim=1))
show("x.permute(dims=(1, 0))", lambda: x.permute(dims=(1, 0)).shape)
show("x.reshape(shape=(3, 2))", lambda: x.reshape(shape=(3, 2)).shape)
show("x.view(size=(3, 2))", lambda: x.view(size=(3, 2)).shape)
