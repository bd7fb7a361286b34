# The Optimizer API: reprs, defaults, param_groups, zero_grad, state_dict, errors.
import torch
import torch.nn as nn


def attempt(fn):
    try:
        print(fn())
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


w = nn.Parameter(torch.tensor([1.0, -1.0]))
b = nn.Parameter(torch.tensor([0.5]))
sgd = torch.optim.SGD([w, b], lr=0.1)
print(sgd)
print(sgd.defaults)
print(len(sgd.param_groups), sorted(sgd.param_groups[0]), sgd.param_groups[0]["params"][0] is w)
print(torch.optim.SGD([w]))
adam = torch.optim.Adam([w, b])
print(adam)
print(adam.defaults)
print(isinstance(sgd, torch.optim.Optimizer), isinstance(adam, torch.optim.Optimizer))

# Per-group options fall back to the defaults.
groups = torch.optim.SGD([{"params": [w]}, {"params": b, "lr": 0.5, "momentum": 0.9}], lr=0.01)
print(groups)
print([g["lr"] for g in groups.param_groups], [len(g["params"]) for g in groups.param_groups])
(w.sum() * 2 + b.sum() * 3).backward()
groups.step()
print(w, b)

# zero_grad sets gradients to None by default, or to zeros on request.
print(w.grad, b.grad)
groups.zero_grad(set_to_none=False)
print(w.grad, b.grad)
groups.zero_grad()
print(w.grad, b.grad)

# add_param_group and the learning rate as a plain, mutable group entry.
c = nn.Parameter(torch.tensor([2.0]))
sgd.add_param_group({"params": [c], "lr": 1.0})
print(len(sgd.param_groups), sgd.param_groups[1]["lr"], sgd.param_groups[1]["momentum"])
for group in sgd.param_groups:
    group["lr"] = 0.25
(c * c).sum().backward()
sgd.step()
print(c)
attempt(lambda: sgd.add_param_group({"params": [c]}))

# state_dict and load_state_dict.
p = nn.Parameter(torch.tensor([1.0, 2.0]))
opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
(p ** 2).sum().backward()
opt.step()
saved = opt.state_dict()
print(saved)
fresh_p = nn.Parameter(p.detach().clone())
fresh = torch.optim.SGD([fresh_p], lr=0.5, momentum=0.0)
fresh.load_state_dict(saved)
print(fresh.param_groups[0]["lr"], fresh.param_groups[0]["momentum"], fresh.state[fresh_p])
fresh.zero_grad()
(fresh_p ** 2).sum().backward()
fresh.step()
print(fresh_p)

ad_p = nn.Parameter(torch.tensor([1.0, 2.0]))
ad = torch.optim.Adam([ad_p], lr=0.1)
(ad_p ** 2).sum().backward()
ad.step()
print(ad.state_dict())

# step() with a closure returns the closure's loss.
q = nn.Parameter(torch.tensor([3.0]))
closure_opt = torch.optim.SGD([q], lr=0.1)


def closure():
    closure_opt.zero_grad()
    loss = (q ** 2).sum()
    loss.backward()
    return loss


print(closure_opt.step(closure), q)
print(closure_opt.step(), q)

# Errors.
attempt(lambda: torch.optim.SGD([], lr=0.1))
attempt(lambda: torch.optim.Adam([]))
attempt(lambda: torch.optim.SGD([w * 2], lr=0.1))
attempt(lambda: torch.optim.Adam([w.sum()]))
attempt(lambda: torch.optim.SGD([w], lr=-0.1))
attempt(lambda: torch.optim.Adam([w], lr=-0.001))
attempt(lambda: torch.optim.SGD([w], lr=0.1, momentum=-0.5))
attempt(lambda: torch.optim.SGD([w], lr=0.1, weight_decay=-1.0))
attempt(lambda: torch.optim.SGD([w], lr=0.1, nesterov=True))
attempt(lambda: torch.optim.SGD([w], lr=0.1, momentum=0.9, dampening=0.5, nesterov=True))
attempt(lambda: torch.optim.Adam([w], eps=-1e-8))
attempt(lambda: torch.optim.Adam([w], betas=(1.0, 0.999)))
attempt(lambda: torch.optim.Adam([w], betas=(0.9, -0.1)))
attempt(lambda: torch.optim.Adam([w], weight_decay=-0.1))
attempt(lambda: torch.optim.SGD(w, lr=0.1))
attempt(lambda: torch.optim.SGD([w, 1.0], lr=0.1))
attempt(lambda: torch.optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1))
attempt(lambda: torch.optim.SGD([{"params": [w]}, b], lr=0.1))
attempt(lambda: len(torch.optim.SGD([w, w], lr=0.1).param_groups[0]["params"]))
attempt(lambda: len(torch.optim.SGD(iter([w, b]), lr=0.1).param_groups[0]["params"]))
attempt(lambda: torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1).param_groups[0]["lr"])
