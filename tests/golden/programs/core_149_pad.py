import torch
import torch.nn.functional as F

x = torch.arange(6.0).reshape(1, 2, 3).requires_grad_()
cases = [((1, 2),), ((1, 1, 0, 1),), ((-1, 1),), ((2, -1, 1, 0),), ((1, 1), "reflect"),
         ((2, 1), "replicate"), ((1, 1), "circular"), ((1, 0, 1, 0), "reflect"),
         ((2, 1, 1, 1), "replicate"), ((1, 2, 1, 0), "circular"), ((-1, 2), "replicate"),
         ((0, 2), "reflect")]
for args in cases:
    x.grad = None
    y = F.pad(x, *args)
    (y * torch.arange(float(y.numel())).reshape(y.shape)).sum().backward()
    # (PyTorch prints a saved negative amount as an unsigned 64-bit number: left out here.)
    saved = [a for a in ("_saved_pad", "_saved_padding") if hasattr(y.grad_fn, a) and min(args[0]) >= 0]
    print(args, y.grad_fn.name(), [getattr(y.grad_fn, a) for a in saved])
    print(" ", y)
    print(" ", x.grad)
print(F.pad(torch.arange(4.0), (1, 1), value=9.0), F.pad(torch.tensor([[1, 2]]), (0, 1), value=7),
      F.pad(torch.ones(1, 2), (1, 1), mode="constant", value=0.5))
s = torch.tensor([[[0.5, -1.0, 2.0]]], requires_grad=True)
for mode in ("constant", "reflect", "replicate", "circular"):
    (g,) = torch.autograd.grad((F.pad(s, (1, 2) if mode != "reflect" else (1, 1), mode=mode) ** 2).sum(),
                               s, create_graph=True)
    print(mode, g.detach(), torch.autograd.grad(g.sum(), s)[0])
for f in (lambda: F.pad(x, (1,)), lambda: F.pad(x, (1, 1, 1, 1, 1, 1, 1, 1)),
          lambda: F.pad(x, (3, 3), "reflect"), lambda: F.pad(torch.ones(3), (1, 1), "reflect"),
          lambda: F.pad(x, (1, 1), "nope"), lambda: F.pad(x, (1, 1), "reflect", value=1.0),
          lambda: F.pad(x, (4, 1), "circular")):
    try:
        print(f())
    except (RuntimeError, NotImplementedError) as err:
        print(type(err).__name__, err)
