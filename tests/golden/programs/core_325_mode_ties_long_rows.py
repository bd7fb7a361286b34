import torch
from _golden import show

# mode's index among equal values in rows of more than 16 elements: PyTorch's kernel takes the
# last of the mode's run after std::sort, which past 16 elements is an introsort (not stable),
# so the index is neither the first nor the last place of the value in the row.
torch.manual_seed(0)
for n, values in ((17, 2), (24, 3), (40, 4), (100, 5), (257, 7)):
    x = torch.randint(0, values, (3, n))
    show(f"randint rows of {n}: mode(1)", lambda: x.mode(1))
    show("as float32, mode(1)", lambda: x.float().mode(1))
row = torch.tensor([[0, 1] * 40])
show("alternating", lambda: row.mode(1))
down = torch.arange(60).remainder(6).sort(descending=True).values
show("sorted down", lambda: down.mode())
x = torch.tensor([[2.0, 1.0] * 12], requires_grad=True)
r = x.mode(1)
r.values.sum().backward()
show("gradient to the picked place", lambda: (r, x.grad.nonzero()))
