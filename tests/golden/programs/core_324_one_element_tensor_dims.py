import torch
from _golden import show

# A one-element integer or bool tensor given for a dims list of one int (a reduction's
# int[1] dim: sum, mean, std, var, amax, logsumexp; flip, roll) is taken as that int, as
# PyTorch's parser takes it through __index__ (x.sum(torch.tensor(True)) sums over dim 1),
# where minigrad refused it, or failed ("iteration over a 0-d tensor" for std); an int dim,
# all's int[]? dim and movedim's lists still refuse it, and so does every dims list a tensor
# of several elements or of floats.
x = torch.arange(6.0).reshape(2, 3)
calls = [
    "x.sum(torch.tensor(True))", "x.mean(torch.tensor([0]))", "x.sum(torch.tensor([[1]]))",
    "x.sum(dim=torch.tensor(True))", "torch.sum(x, torch.tensor([1]))",
    "x.sum(torch.tensor([1]), keepdim=True)", "x.mean(torch.tensor(True), True)",
    "x.sum(torch.tensor(1, dtype=torch.uint8))", "x.squeeze(torch.tensor([0]))",
    "x.squeeze(torch.tensor([[0]]))", "x.count_nonzero(torch.tensor([1]))",
    "x.std(torch.tensor(0))", "x.std(torch.tensor([0]))", "x.var(torch.tensor(1))",
    "x.std(dim=torch.tensor(1))", "x.var(torch.tensor([True]))",
    "x.amax(torch.tensor([1]))", "x.amax(torch.tensor(True))", "x.logsumexp(torch.tensor([1]))",
    "x.flip(torch.tensor([1]))", "x.flip(torch.tensor(1))",
    "x.roll(torch.tensor([1]), torch.tensor([1]))", "x.cumsum(torch.tensor(1))",
    "x.sum(torch.tensor([0, 1]))", "x.sum(torch.tensor([1.0]))", "x.sum(torch.tensor(1.0))",
    "x.max(torch.tensor(True))", "x.softmax(torch.tensor(True))", "x.softmax(torch.tensor([1]))",
    "x.prod(torch.tensor(True))", "x.all(torch.tensor([1]))", "x.amax(torch.tensor([0, 1]))",
    "x.movedim(torch.tensor([0]), torch.tensor([1]))", "x.narrow(0, torch.tensor([1]), 1)",
    "x.sum(torch.tensor([], dtype=torch.int64))",
]
for call in calls:
    show(call, lambda: eval(call))
