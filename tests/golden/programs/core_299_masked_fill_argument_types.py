import numpy as np
import torch

# masked_fill and masked_fill_ take a tensor mask and a tensor or number value: a list, a
# tuple, a numpy array, a Python bool, int or None as the mask, or a list as the value, is
# PyTorch's argument parser's TypeError (the first line printed); torch.masked_fill exists.
# (minigrad: "masked_fill_ only supports boolean masks, but got mask with dtype float", a
# list value taken, no torch.masked_fill.)

x = torch.zeros(3)
mask = torch.tensor([True, False, True])
for bad in ([True, False, True], (True, False, True), np.array([True, False, True]), True, 1,
            None):
    for name, call in (("masked_fill_", lambda: x.clone().masked_fill_(bad, 1.0)),
                       ("masked_fill", lambda: x.masked_fill(bad, 1.0)),
                       ("torch.masked_fill", lambda: torch.masked_fill(x, bad, 1.0))):
        try:
            print(name, call())
        except (TypeError, RuntimeError) as e:
            print(name, type(e).__name__, str(e).splitlines()[0])
for name, call in (("value list", lambda: x.masked_fill(mask, [1.0])),
                   ("value list_", lambda: x.clone().masked_fill_(mask, [1.0])),
                   ("both lists", lambda: x.clone().masked_fill_([True], [1.0])),
                   ("keywords", lambda: x.clone().masked_fill_(mask=[True, False, True],
                                                               value=1.0)),
                   ("long mask", lambda: x.masked_fill(torch.tensor([1, 0, 1]), 1.0)),
                   ("torch.masked_fill", lambda: torch.masked_fill(x, mask, 2.0)),
                   ("tensor value", lambda: x.masked_fill(mask, torch.tensor(3.0))),
                   ("keywords ok", lambda: x.clone().masked_fill_(mask=mask, value=4))):
    try:
        print(name, call())
    except (TypeError, RuntimeError) as e:
        print(name, type(e).__name__, str(e).splitlines()[0])
