import torch
from _golden import exact

# PyTorch's CPU cumsum and cumprod keep a float32 (or float16) running value in double and
# round each result once; numpy's cumsum accumulates in float32, so its running sums drifted
# from PyTorch's (16 of 40 values of four rows of 10 differed, 281 of 400 for rows of 100).
# cumsum's gradient is the running sum from the end, by the same kernel.
torch.manual_seed(0)
for shape, dim in (((4, 10), 1), ((4, 100), 1), ((50, 3), 0), ((7,), 0), ((2, 3, 40), -1)):
    x = torch.randn(shape, requires_grad=True)
    up = torch.randn(shape)
    y = x.cumsum(dim)
    # (every 7th value: a sum of them would add its own rounding, in numpy's order)
    print(shape, dim, exact(y.view(-1)[::7]))
    y.backward(up)
    print(" grad", exact(x.grad.view(-1)[::7]))
    p = (x.detach() * 0.1 + 1).cumprod(dim)
    print(" cumprod", exact(p.view(-1)[::7]))
h = torch.randn(300).half()
print(exact(h.cumsum(0)[-4:]), exact(h.cumprod(0)[:4]))
d = torch.randn(300, dtype=torch.float64)
print(exact(d.cumsum(0)[-3:]), torch.arange(10).cumsum(0), torch.tensor([True, True]).cumsum(0))
x = torch.randn(3, 8, requires_grad=True)
(g,) = torch.autograd.grad((x.cumsum(1) * torch.randn(3, 8)).sum(), x, create_graph=True)
print(g.grad_fn, exact(g[0]))
