import numpy as np
import torch
from _golden import show
from torch import nn

# nn.Parameter given a list, a number or a numpy array: PyTorch's Parameter detaches what it is
# given, so the error is the AttributeError of a missing detach (minigrad's named `_data`).
calls = ["nn.Parameter([1.0])", "nn.Parameter(1.0)", "nn.Parameter(np.ones(2))",
         "nn.Parameter()", "nn.Parameter(torch.ones(2), False)", "nn.Parameter(torch.tensor(1))"]
for call in calls:
    try:
        show(call, lambda: eval(call))
    except AttributeError as error:
        print(call, "AttributeError", error)
