import torch
from _golden import chain, rounded

# Under create_graph, tanh's and sigmoid's gradients are recorded as PyTorch records them
# (TanhBackwardBackward0, SigmoidBackwardBackward0), with the same numbers as without a
# graph, and so are the derivatives taken through them. (tanh's rounding of 1 - y*y:
# tests/test_fused.py; the forward's last bit is numpy's, not always PyTorch's.)
torch.manual_seed(0)
for dtype in (torch.float32, torch.float64):
    x = torch.randn(400, dtype=dtype, requires_grad=True)
    for name in ("tanh", "sigmoid"):
        fn = getattr(torch, name)
        w = torch.linspace(-1, 1, 400, dtype=dtype, requires_grad=True)
        (g,) = torch.autograd.grad((fn(x) * w).sum(), x, create_graph=True)
        (plain,) = torch.autograd.grad((fn(x) * w).sum(), x)
        print(dtype, name, chain(g, 3), "same as without a graph:", torch.equal(g, plain))
        print(rounded(g[:3], 6))
        gx, gw = torch.autograd.grad(g.sum(), (x, w), create_graph=True)
        print(" second:", chain(gx, 2), rounded(gx[:3], 6), rounded(gw[:3], 6))
        (third,) = torch.autograd.grad(gx.sum(), x)
        print(" third:", rounded(third[:3], 6))
