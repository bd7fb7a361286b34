# The errors learners paste into forums, each caught and printed as PyTorch words it.
import numpy as np
import torch
from torch import nn


def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
attempt("numpy", lambda: x.numpy())
print(x.detach().numpy())
attempt("vector backward", lambda: (x * 2).backward())
attempt("no grad_fn", lambda: torch.tensor([1.0]).sum().backward())
y = (x ** 2).sum()
y.backward()
attempt("second backward", lambda: y.backward())


def leaf_inplace():
    w = torch.ones(3, requires_grad=True)
    w += 1


attempt("leaf in-place", leaf_inplace)


def modified_saved():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a.sigmoid()
    c = b * 2
    b.mul_(3)
    c.sum().backward()
    b.sum().backward()


def modified_exp():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a.exp()
    b.add_(1)
    b.sum().backward()


attempt("modified saved", modified_saved)
attempt("modified exp", modified_exp)
attempt("shapes", lambda: torch.ones(2, 3) @ torch.ones(4, 5))
attempt("linear shapes", lambda: nn.Linear(4, 2)(torch.ones(3, 5)))
attempt("dtypes", lambda: torch.ones(2, 3) @ torch.ones(3, 2, dtype=torch.float64))
attempt("linear double", lambda: nn.Linear(3, 2)(torch.ones(1, 3, dtype=torch.float64)))
attempt("broadcast", lambda: torch.ones(3) + torch.ones(4))
attempt("view", lambda: torch.arange(6.0).reshape(2, 3).t().view(6))
attempt("item", lambda: torch.ones(2).item())
attempt("data[0]", lambda: torch.tensor(1.0).data[0])
attempt("index", lambda: torch.ones(3)[3])
attempt("ce float target", lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
attempt("ce int input", lambda: nn.CrossEntropyLoss()(torch.ones(2, 3, dtype=torch.long), torch.tensor([0, 1])))
attempt("ce target range", lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([0, 3])))
attempt("mse shapes", lambda: nn.MSELoss()(torch.ones(2, 1), torch.ones(2)))
attempt("requires_grad int", lambda: torch.tensor([1, 2], requires_grad=True))
attempt("nonleaf requires_grad", lambda: setattr(x * 2, "requires_grad", False))
attempt("cat dims", lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]))
attempt("from list of tensors", lambda: torch.tensor([torch.tensor(1.0), torch.tensor(2.0)]))
attempt("bool of many", lambda: bool(torch.ones(2)))
attempt("np float64", lambda: print(torch.from_numpy(np.ones(2)).dtype))
attempt("grad of nonleaf", lambda: print((x * 2).grad))
