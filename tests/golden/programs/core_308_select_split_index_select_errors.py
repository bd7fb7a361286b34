import torch
from _golden import show

# Out-of-range arguments of select, index_select and split, refused in PyTorch's words and
# types: select() names itself and the tensor's size (x[i] says it otherwise), index_select
# raises IndexError("index out of range in self") except along dim 1, whose kernel has its
# own words, and split refuses a negative size, or 0 for a dim that is not empty.
# (minigrad: x[i]'s message, index_select's dim-1 error along every dim, numpy's ValueError
# for split(0), and split(-1) gave one empty piece.)

x = torch.ones(2, 3)
show("select", lambda: x.select(0, 2))
show("select -2", lambda: x.select(-2, 2))
show("select negative", lambda: x.select(1, -4))
show("torch.select", lambda: torch.select(x, 0, 5))
show("select 0-d", lambda: torch.tensor(1.0).select(0, 0))
show("select ok", lambda: x.select(1, -1))
show("select tensor index", lambda: x.select(0, torch.tensor(1)))
cube = torch.ones(2, 3, 4)
for d in range(3):
    show(f"index_select dim {d}", lambda: cube.index_select(d, torch.tensor([5])))
show("index_select vector", lambda: torch.arange(3.0).index_select(0, torch.tensor([3])))
show("index_select -1", lambda: x.index_select(-1, torch.tensor([7])))
show("index_select negative index", lambda: x.index_select(0, torch.tensor([-1])))
show("index_select dim 1 negative", lambda: x.index_select(1, torch.tensor([-1])))
show("index_select transposed", lambda: torch.ones(3, 2).t().index_select(0, torch.tensor([2])))
show("split 0", lambda: x.split(0))
show("split 0 dim 1", lambda: x.split(0, 1))
show("split -1", lambda: x.split(-1))
show("split 0 of empty", lambda: torch.empty(0, 2).split(0))
show("split 5", lambda: x.split(5))
