# Large draws: every 97th element with all its bits, and rounded sums over all of them.
import torch


def show(n, x):
    d = x.double()
    print(n, x.dtype, [v.hex() for v in d[::97].tolist()], round(d.sum().item(), 6),
          round((d * d).sum().item(), 4))


torch.manual_seed(1234)
for n in (1000, 1003, 4096 + 7, 100_000):
    show(n, torch.randn(n))
    show(n, torch.rand(n, dtype=torch.float64))
    show(n, torch.randn(n, dtype=torch.float64))
print([round(v, 6) for v in torch.randn(300, 7).double().sum(dim=0).tolist()])
