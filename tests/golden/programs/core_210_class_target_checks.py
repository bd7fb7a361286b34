import numpy as np
import torch
import torch.nn.functional as F

# cross_entropy / nll_loss refuse a wrong target in PyTorch's order: the batch sizes (a 0-d
# target's reads as 0), then for (C,) and (N, C) input the target's rank before its dtype,
# for (N, C, H, W) its rank, dtype, then size; for other ranks its size before its dtype.
# And a list or numpy array where a tensor belongs is a TypeError naming the argument.


def show(label, call):
    try:
        out = call()
        print(label, "->", out)
    except (RuntimeError, TypeError, ValueError, IndexError) as e:
        print(label, type(e).__name__, e)


for shape in [(3,), (2, 3), (2, 3, 4), (2, 3, 4, 1)]:
    x = torch.zeros(shape, requires_grad=True)
    for target_shape in [(), (2,), (2, 1), (2, 4), (2, 4, 1), (2, 4, 2)]:
        for dtype in [torch.float32, torch.int64]:
            t = torch.zeros(target_shape, dtype=dtype)
            show(f"cross_entropy {list(shape)} {list(target_shape)} {dtype}",
                 lambda: F.cross_entropy(x, t))
    show(f"nll_loss {list(shape)} int32", lambda: F.nll_loss(x, torch.zeros(2, 4, 1, 1,
                                                                         dtype=torch.int32)))

logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]], requires_grad=True)
show("probabilities of the wrong shape",
     lambda: F.cross_entropy(logits, torch.tensor([[0.0, 1.0], [1.0, 0.0]])))
show("target list", lambda: torch.nn.CrossEntropyLoss()(logits, [2, 0]))
show("target numpy", lambda: F.cross_entropy(logits, np.array([2, 0])))
show("weight list", lambda: F.cross_entropy(logits, torch.tensor([2, 0]), weight=[1.0, 1.0, 1.0]))
show("nll input list", lambda: F.nll_loss([[1.0]], torch.tensor([0])))
show("bad reduction first", lambda: F.cross_entropy(logits, [2, 0], reduction="avg"))

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.ReLU())
show("model(list)", lambda: model([[1.0, 2.0, 3.0]]))
show("model(numpy)", lambda: model(np.ones((2, 3), dtype=np.float32)))
show("linear numpy scalar", lambda: F.linear(np.float64(1.0), model[0].weight))
show("linear weight None", lambda: F.linear(torch.ones(3), None))
show("linear bias list", lambda: F.linear(torch.ones(3), model[0].weight, [1.0]))
show("relu list", lambda: F.relu([1.0, -1.0]))
show("relu_ list", lambda: F.relu([1.0, -1.0], inplace=True))
show("model(tensor)", lambda: model(torch.ones(2, 3)))
