import torch
from _golden import show

# A bool (or a float) given as a dim: PyTorch's parser refuses it where minigrad's code took a
# bool for the int it is in Python (x.sum(True) summed dim 1). Methods of several overloads
# (sum, mean, prod, max, min, squeeze, all, any, sort, count_nonzero, narrow, movedim) list
# them with why each did not match, or name the argument when one overload could apply;
# those of one (argmax, amax, logsumexp, topk, flip, roll, select, gather...) name it.
# std, var and norm take a bool there (unbiased, keepdim), as PyTorch does.
x = torch.arange(6.0).reshape(2, 3)
calls = [
    "x.sum(True)", "x.sum(False)", "x.sum(keepdim=True)", "x.sum(dim=True)", "x.sum(1.0)",
    "x.sum(0.0, True)", "x.sum(dim=0.0)", "x.sum((True,))", "torch.sum(x, True)",
    "x.mean(True)", "x.mean(0.0)", "torch.mean(x, True)", "x.prod(True)", "x.prod(dim=True)",
    "x.max(True)", "x.max(dim=True)", "x.max(1.0)", "x.max(0.0, True)", "x.min(True)",
    "torch.max(x, True)", "x.squeeze(True)", "x.squeeze(1.0)", "x.squeeze(dim=True)",
    "torch.squeeze(x, True)", "x.all(True)", "x.any(True)", "x.all(dim=True)", "x.sort(True)",
    "x.count_nonzero(True)", "x.narrow(True, 0, 1)", "x.movedim(True, 0)", "x.movedim(0, True)",
    "x.argmax(True)", "x.argmin(True)", "x.amax(True)", "x.amin(True)", "x.amax([True])",
    "x.logsumexp(True)", "x.nansum(True)", "x.nanmean(True)", "x.median(True)",
    "x.topk(1, True)", "x.kthvalue(1, True)", "x.flip(True)", "x.roll(1, True)",
    "x.select(True, 0)", "x.gather(True, torch.tensor([[0]]))", "x.unbind(True)",
    "x.chunk(2, True)", "x.cummax(True)", "x.logcumsumexp(True)",
    "x.index_select(True, torch.tensor([0]))", "x.transpose(0, True)", "x.view(True, 6)",
    "x.repeat(True, 2)", "x.reshape(True, 6)",
    # what takes a bool or a number there, and the everyday calls
    "x.std(True)", "x.var(True)", "x.norm(True)", "torch.var_mean(x, True)", "x.sum(0, True)",
    "x.mean(0, True)", "x.max(0, True)", "x.all(0, True)", "x.sort(0, True)",
    "x.argmax(0, True)", "x.argmax(None)", "x.sum((0, 1))", "x.sum(dim=[1])",
    "x.sum(axis=0, keepdims=True)", "x.max(x.flip(0))", "x.count_nonzero((0, 1))",
    "x.sort(stable=True, descending=True)", "x.narrow(0, torch.tensor(1), 1)",
]
for call in calls:
    show(call, lambda: eval(call))
