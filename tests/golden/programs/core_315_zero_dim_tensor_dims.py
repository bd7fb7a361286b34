import torch
from _golden import show

# A 0-d integer tensor given as a dim, a size, a start or a count: PyTorch's parser takes it
# for the int it holds (its __index__); minigrad's dims code refused it. A 0-d float tensor
# is refused as PyTorch refuses it.
x = torch.arange(6.0).reshape(2, 3)
i0, i1, i2 = torch.tensor(0), torch.tensor(1), torch.tensor(2)
calls = [
    "x.sum(i0)", "x.sum(i1, True)", "x.mean(dim=i1)", "torch.sum(x, i0)", "x.max(i1)",
    "x.max(i1, True)", "x.squeeze(i0)", "x.all(i1)", "x.prod(i1)", "x.sort(i0)",
    "x.count_nonzero(i1)", "x.narrow(i1, 0, 2)", "x.narrow(0, i1, 1)", "x.movedim(i0, i1)",
    "x.softmax(i1)", "x.log_softmax(dim=i0)", "x.unsqueeze(i0).shape", "x.transpose(i0, 1)",
    "x.flip(i0)", "x.cumsum(i1)", "x.select(i0, i1)", "x.gather(i1, torch.tensor([[0]]))",
    "x.index_select(i0, torch.tensor([1]))", "x.argmax(i1)", "x.amax(i1)", "x.topk(i2)",
    "x.chunk(i2, i1)", "x.roll(i1, i1)", "x.unbind(i1)", "x.reshape(i2, -1)",
    "x.view(torch.tensor(3), 2)", "x.expand(i2, 3)", "x.repeat(i2, 1)", "torch.zeros(i2)",
    "x.permute(i1, 0)", "x[i1]", "x.flatten(i0)",
    "x.sum(torch.tensor(1.0))", "x.softmax(torch.tensor(1.0))",
    "x.narrow(0, torch.tensor(1.0), 1)",
]
for call in calls:
    show(call, lambda: eval(call))
