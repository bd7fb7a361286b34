import numpy as np
import torch
from _golden import show
from torch.utils.data import TensorDataset

# Slips a learner makes with data and means: asking mean() for an integer dtype (PyTorch calls
# it the "Optional" dtype, where an integer input is the "Input" dtype), torch.from_numpy given
# a list or a tensor (PyTorch's TypeError, where minigrad failed on a missing `dtype`), and
# TensorDataset given lists (PyTorch asks each for size(0): no attribute 'size').
calls = ["torch.ones(2).mean(dtype=torch.int64)", "torch.ones(2, 3).mean(0, dtype=torch.long)",
         "torch.mean(torch.arange(4), dtype=torch.int32)", "torch.arange(4).mean()",
         "torch.arange(4).mean(dtype=torch.float32)", "torch.from_numpy([1, 2])",
         "torch.from_numpy(torch.ones(2))", "torch.from_numpy(3.0)",
         "torch.from_numpy(np.ones(2, dtype=np.float32))",
         "len(TensorDataset(torch.ones(3, 2), torch.zeros(3)))",
         "TensorDataset(torch.ones(3), torch.ones(2))", "TensorDataset([1, 2], [3, 4])",
         "TensorDataset(np.ones(3))"]
for call in calls:
    try:
        show(call, lambda: eval(call))
    except (AttributeError, AssertionError) as error:
        print(call, type(error).__name__, error)
