import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(32.0).reshape(1, 2, 4, 4).requires_grad_()
w = (torch.arange(36.0).reshape(2, 2, 3, 3) / 8).requires_grad_()
b = torch.tensor([1.0, -1.0], requires_grad=True)
y = F.conv2d(x, w, b, padding=1)
g = y.grad_fn
print(g.name(), g._saved_stride, g._saved_padding, g._saved_dilation, g._saved_transposed, g._saved_groups,
      g._saved_bias_sym_sizes_opt, g._saved_output_padding, g._saved_weight is w)
print(y)
(y * torch.arange(32.0).reshape(1, 2, 4, 4)).sum().backward()
print(x.grad, w.grad, b.grad)


def run(name, f, *inputs):
    for t in inputs:
        t.grad = None
    out = f(*inputs)
    (out * torch.arange(float(out.numel())).reshape(out.shape)).sum().backward()
    print(name, tuple(out.shape), out.grad_fn.name())
    print(" ", out)
    print(" ", [t.grad for t in inputs])


k = torch.tensor([[[[1.0, -1.0], [2.0, 0.5]]], [[[0.0, 1.0], [1.0, 0.0]]]], requires_grad=True)
img = torch.arange(25.0).reshape(1, 1, 5, 5).requires_grad_()
run("stride 2", lambda a, kk: F.conv2d(a, kk, stride=2), img, k)
run("dilation 2 padding 1", lambda a, kk: F.conv2d(a, kk, padding=1, dilation=2), img, k)
run("padding (0, 1) stride (1, 2)", lambda a, kk: F.conv2d(a, kk, padding=(0, 1), stride=(1, 2)), img, k)
run("same", lambda a: F.conv2d(a, torch.ones(1, 1, 3, 3), padding="same"), img)
run("valid unbatched", lambda a: F.conv2d(a, torch.ones(1, 1, 3, 3), padding="valid"), img[0].detach().requires_grad_())
grouped = torch.arange(36.0).reshape(1, 4, 3, 3).requires_grad_()
run("groups 2", lambda a, kk: F.conv2d(a, kk, groups=2), grouped, torch.ones(4, 2, 2, 2, requires_grad=True))
seq = torch.arange(12.0).reshape(2, 2, 3).requires_grad_()
run("conv1d", lambda a, kk, bb: F.conv1d(a, kk, bb, padding=1), seq,
    torch.tensor([[[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]]], requires_grad=True), torch.tensor([0.25], requires_grad=True))

# Pooling.
p = torch.tensor([[[[1.0, 5.0, 2.0, 0.0], [3.0, 3.0, 8.0, 1.0], [0.0, 7.0, 7.0, 2.0],
                    [4.0, 1.0, 6.0, 9.0]]]], requires_grad=True)
run("max_pool2d 2", lambda a: F.max_pool2d(a, 2), p)
run("max_pool2d 3 s2 p1 ceil", lambda a: F.max_pool2d(a, 3, stride=2, padding=1, ceil_mode=True), p)
run("max_pool2d 2 s1 dilation 2", lambda a: F.max_pool2d(a, 2, stride=1, dilation=2), p)
run("avg_pool2d 2", lambda a: F.avg_pool2d(a, 2), p)
run("avg_pool2d 3 s2 p1", lambda a: F.avg_pool2d(a, 3, stride=2, padding=1), p)
run("avg_pool2d no pad count", lambda a: F.avg_pool2d(a, 3, stride=2, padding=1, count_include_pad=False), p)
run("avg_pool2d ceil", lambda a: F.avg_pool2d(a, 3, stride=2, ceil_mode=True), p)
run("avg_pool2d divisor", lambda a: F.avg_pool2d(a, 2, divisor_override=3), p)
line = torch.arange(10.0).reshape(1, 2, 5).requires_grad_()
run("max_pool1d ceil", lambda a: F.max_pool1d(a, 2, ceil_mode=True), line)
run("avg_pool1d", lambda a: F.avg_pool1d(a, 3, stride=2, padding=1), line)
print(F.max_pool2d(p, 2, return_indices=True), F.max_pool1d(torch.tensor([[[1.0, 5.0, 2.0, 8.0, 3.0]]]), 2,
                                                               return_indices=True))
m = p.grad_fn if p.grad_fn else F.max_pool2d(p, 2).grad_fn
print(sorted(a for a in ("_saved_kernel_size", "_saved_stride", "_saved_padding", "_saved_dilation",
                         "_saved_ceil_mode") if hasattr(m, a)), m._saved_kernel_size, m._saved_stride,
      F.max_pool2d(p, 2, stride=1).grad_fn._saved_stride, F.avg_pool2d(p, 2).grad_fn._saved_stride)

# Modules, a tiny CNN trained a few steps.
print(nn.Conv2d(2, 4, 3), nn.Conv2d(2, 4, (3, 2), stride=2, padding=1, bias=False),
      nn.Conv1d(3, 6, 5, groups=3, dilation=2), nn.Conv2d(2, 2, 3, padding="same"), nn.MaxPool2d(2),
      nn.AvgPool2d(2, stride=1), nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True), nn.MaxPool1d(2),
      nn.AvgPool1d(3))
conv = nn.Conv2d(1, 2, 3)
print(conv.weight.shape, conv.bias.shape, [n for n, _ in conv.named_parameters()],
      bool(conv.weight.abs().max() <= 1 / 3), bool(conv.bias.abs().max() <= 1 / 3))
model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8, 2))
with torch.no_grad():
    for q in model.parameters():
        q.copy_(torch.linspace(-0.5, 0.5, q.numel()).reshape(q.shape))
data = torch.arange(32.0).reshape(2, 1, 4, 4) / 32
labels = torch.tensor([0, 1])
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(data), labels)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))

# Second derivatives (float64).
s = torch.arange(9.0, dtype=torch.float64).reshape(1, 1, 3, 3).requires_grad_()
kk = torch.tensor([[[[1.0, -1.0], [0.5, 2.0]]]], dtype=torch.float64, requires_grad=True)
(gs, gk) = torch.autograd.grad((F.conv2d(s, kk) ** 2).sum(), (s, kk), create_graph=True)
print(gs.detach(), gk.detach(), torch.autograd.grad(gs.sum() + gk.sum(), (s, kk)))
(gp,) = torch.autograd.grad((F.max_pool2d(s, 2, stride=1) ** 2).sum() + (F.avg_pool2d(s, 2) ** 2).sum(), s,
                            create_graph=True)
print(gp.detach(), torch.autograd.grad(gp.sum(), s)[0])

for f in (lambda: F.conv2d(torch.ones(1, 3, 4, 4), torch.ones(2, 2, 3, 3)),
          lambda: F.conv2d(torch.ones(1, 2, 2, 2), torch.ones(1, 2, 3, 3)),
          lambda: F.max_pool2d(torch.ones(1, 1, 4, 4), 2, padding=2),
          lambda: F.conv2d(torch.ones(1, 2, 4, 4), torch.ones(1, 2, 3, 3), padding="same", stride=2),
          lambda: F.conv2d(torch.ones(4, 4), torch.ones(1, 2, 3, 3)),
          lambda: nn.Conv2d(3, 4, 3, groups=2)):
    try:
        print(f())
    except (RuntimeError, ValueError) as err:
        print(type(err).__name__, err)
