import torch
import torch.nn.functional as F
from torch import nn

from _golden import show

# A pooling window larger than the image (nn.MaxPool2d(2) after the map has shrunk to 1x1, a
# common slip in a CNN with one pooling too many): PyTorch refuses an empty output, its 1-d max
# pooling in its own words (minigrad returned an empty tensor).
calls = ["nn.MaxPool2d(2)(torch.ones(1, 1, 1, 1))", "F.max_pool2d(torch.ones(1, 1, 3), 2)",
         "F.max_pool2d(torch.ones(2, 1, 5, 1), 2)", "F.avg_pool2d(torch.ones(1, 2, 1, 3), 2)",
         "F.avg_pool2d(torch.ones(3, 1, 3), 2)", "F.avg_pool1d(torch.ones(1, 3, 1), 2)",
         "F.max_pool1d(torch.ones(1, 3, 1), 2)", "F.max_pool1d(torch.ones(3, 1), 2)",
         "F.max_pool1d(torch.ones(1, 3, 4), 5)",
         "F.max_pool1d(torch.ones(1, 3, 3), 2, ceil_mode=True).shape",
         "F.max_pool1d(torch.ones(1, 3, 5), 2, padding=1).shape",
         "F.max_pool1d(torch.ones(1, 3, 5), 3, stride=2, dilation=2, ceil_mode=True).shape",
         "F.max_pool1d(torch.ones(2, 6), 3, stride=3, ceil_mode=True).shape",
         "F.max_pool2d(torch.ones(1, 1, 3, 3), 2, ceil_mode=True).shape"]
for call in calls:
    show(call, lambda: eval(call))
