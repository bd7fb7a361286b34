import torch
import torch.nn.functional as F
from _golden import show

# A tensor of several elements given where one number is wanted (`x.fill_(other)` meant as
# x.copy_(other), `torch.full((2,), [1, 2])`), and a label outside [0, 1] given to
# binary_cross_entropy as its target: PyTorch refuses each (minigrad filled, or computed a loss).
calls = ["F.binary_cross_entropy(torch.tensor([2.0]), torch.tensor([2.0]))",
         "F.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([-0.5]))",
         "torch.nn.BCELoss()(torch.tensor([0.5, 0.2]), torch.tensor([1.0, 2.0]))",
         "F.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([1.0]))",
         "torch.full((2,), torch.ones(2))", "torch.full((2,), torch.tensor(2))",
         "torch.full((2,), 'a')", "torch.full((2,), None)", "torch.full((2,), [1, 2])",
         "torch.full((2,), True)", "torch.full([2], torch.tensor(2.5))",
         "torch.empty(2).fill_(torch.ones(1))", "torch.empty(2).fill_(torch.ones(2, 2))",
         "torch.empty(2).fill_(torch.tensor(3.0))", "torch.empty(2).fill_(2)"]
for call in calls:
    show(call, lambda: eval(call))
