import numpy as np
import torch

# Tensor methods given what PyTorch's argument parser refuses: a list or an array for a
# number or a tensor, a number where only a tensor is taken, tensor and number bounds mixed.
# Each is an error, not a result computed from the wrong thing.
t = torch.tensor([0.5, 1.5, 2.5])
bound = torch.tensor([1.0, 1.0, 1.0])
calls = {
    "t.clamp([1.0])": lambda: t.clamp([1.0]),
    "t.clamp(0.0, [1.0])": lambda: t.clamp(0.0, [1.0]),
    "t.clamp(max=array)": lambda: t.clamp(max=np.ones(3)),
    "t.clamp(bound, 2.0)": lambda: t.clamp(bound, 2.0),
    "t.pow([2.0])": lambda: t.pow([2.0]),
    "t.pow(array)": lambda: t.pow(np.ones(3)),
    "t.maximum(0.0)": lambda: t.maximum(0.0),
    "t.minimum([1.0])": lambda: t.minimum([1.0, 2.0, 3.0]),
    "torch.maximum(t, 1)": lambda: torch.maximum(t, 1),
    # what the parser takes
    "t.clamp(np.float64)": lambda: t.clamp(np.float64(1.0)),
    "t.clamp(min=True)": lambda: t.clamp(min=True),
    "t.clamp(bound, None)": lambda: t.clamp(bound, None),
    "t.pow(np.float32)": lambda: t.pow(np.float32(2)),
    "t.maximum(bound)": lambda: t.maximum(bound),
}
for label, call in calls.items():
    try:
        print(label, "->", call())
    except (TypeError, RuntimeError) as error:
        print(label, "->", type(error).__name__, str(error).splitlines()[0])
