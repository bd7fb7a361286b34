# F.interpolate and nn.Upsample, modes "nearest" (3-d, 4-d and 5-d input) and "linear"
# (3-d): size or scale_factor (per dim too), align_corners, recompute_scale_factor; results
# and gradients to the last bit (float32 and float64), grad_fn names (second order too),
# module reprs and PyTorch's errors.
import torch
import torch.nn.functional as F

from _golden import attempt, chain, exact

torch.manual_seed(0)
seq = torch.randn(2, 2, 5, requires_grad=True)
seq64 = torch.randn(1, 2, 7, dtype=torch.float64, requires_grad=True)
for x in (seq, seq64):
    for kwargs in [{"size": 4}, {"size": 13}, {"scale_factor": 2}, {"scale_factor": 1.5},
                   {"scale_factor": 2.3}, {"scale_factor": 0.6},
                   {"scale_factor": 1.7, "recompute_scale_factor": True}]:
        for mode, align in [("nearest", None), ("linear", False), ("linear", True)]:
            out = F.interpolate(x, mode=mode, align_corners=align, **kwargs)
            out.backward((torch.arange(out.numel(), dtype=x.dtype) * 0.37 - 1.5).view(out.shape))
            print(x.dtype, kwargs, mode, align, list(out.shape), out.grad_fn.name(),
                  exact(out[0]), exact(x.grad[0]))
            x.grad = None

img = torch.randn(1, 2, 3, 4, requires_grad=True)
for kwargs in [{"size": (5, 7)}, {"scale_factor": 2}, {"scale_factor": (1.5, 2.3)},
               {"size": 6}, {"scale_factor": 0.7}, {"size": [3, 4]}]:
    out = F.interpolate(img, **kwargs)
    out.backward((torch.arange(out.numel(), dtype=out.dtype) * 0.61 - 2.0).view(out.shape))
    print("2d", kwargs, list(out.shape), chain(out, 4), exact(out[0, 0]), exact(img.grad[0]))
    img.grad = None
vol = torch.randn(1, 1, 2, 3, 2, dtype=torch.float64, requires_grad=True)
out = F.interpolate(vol, scale_factor=(1.5, 2, 0.5))
out.sum().backward()
print("3d", list(out.shape), chain(out, 4), exact(out), exact(vol.grad))

for node_input, kwargs in [(seq, {"scale_factor": 2, "mode": "linear"}), (seq, {"size": 3}),
                           (img, {"scale_factor": 2})]:
    (g,) = torch.autograd.grad((F.interpolate(node_input, **kwargs) ** 2).sum(), node_input,
                               create_graph=True)
    (g * torch.arange(g.numel(), dtype=g.dtype).view(g.shape)).sum().backward()
    print("second order", g.grad_fn.name(), exact(g[0]), exact(node_input.grad[0]))
    node_input.grad = None

up = torch.nn.Upsample(scale_factor=2)
print(up, up.scale_factor, up.size, up.mode, up.align_corners, list(up.parameters()),
      up(seq).grad_fn.name())
for module in [torch.nn.Upsample(size=4, mode="linear"),
               torch.nn.Upsample(scale_factor=(2, 3)),
               torch.nn.Upsample(size=(3, 5)),
               torch.nn.Upsample(size=[3, 5], mode="nearest"),
               torch.nn.Upsample(scale_factor=1.5, mode="linear", align_corners=True)]:
    print(module)
print(exact(torch.nn.Upsample(scale_factor=1.5, mode="linear", align_corners=True)(seq)[0, 0]),
      exact(torch.nn.Upsample(size=(2, 3))(img)[0, 1]))
print(torch.nn.Sequential(torch.nn.Conv1d(2, 2, 1), torch.nn.Upsample(scale_factor=2)))
print(F.interpolate(torch.tensor([[[1.0, 2.0, 4.0]]]), scale_factor=2, mode="linear"),
      F.interpolate(torch.tensor([[[1.0, 2.0, 4.0]]]), size=5, mode="linear", align_corners=True))

for label, call in [
    ("no size", lambda: F.interpolate(seq)),
    ("both", lambda: F.interpolate(seq, size=4, scale_factor=2)),
    ("align nearest", lambda: F.interpolate(seq, scale_factor=2, align_corners=True)),
    ("linear 4-d", lambda: F.interpolate(img, scale_factor=2, mode="linear")),
    ("module linear 4-d", lambda: torch.nn.Upsample(scale_factor=2, mode="linear")(img)),
    ("bilinear 3-d", lambda: F.interpolate(seq, scale_factor=2, mode="bilinear")),
    ("trilinear 4-d", lambda: F.interpolate(img, scale_factor=2, mode="trilinear")),
    ("bad mode", lambda: F.interpolate(img, scale_factor=2, mode="foo")),
    ("2-d input", lambda: F.interpolate(torch.randn(3, 4), scale_factor=2)),
    ("size length", lambda: F.interpolate(img, size=(2, 3, 4))),
    ("scale length", lambda: F.interpolate(img, scale_factor=(2.0, 3.0, 1.0))),
    ("scale 0", lambda: F.interpolate(seq, scale_factor=0.1)),
    ("size 0", lambda: F.interpolate(img, size=(0, 3))),
    ("empty", lambda: F.interpolate(torch.ones(1, 1, 0), size=3, mode="linear")),
    ("empty batch", lambda: F.interpolate(torch.ones(0, 1, 3), size=4)),
    ("recompute with size", lambda: F.interpolate(seq, size=3, recompute_scale_factor=True)),
    ("ints nearest", lambda: F.interpolate(torch.arange(4).view(1, 1, 4), scale_factor=2)),
    ("ints linear", lambda: F.interpolate(torch.arange(4).view(1, 1, 4), size=3, mode="linear")),
]:
    attempt(label, call, show=exact)
