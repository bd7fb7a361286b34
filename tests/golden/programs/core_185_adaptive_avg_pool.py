# nn.AdaptiveAvgPool2d/1d and F.adaptive_avg_pool2d/1d: PyTorch's windows (floor(i*in/out) to
# ceil((i+1)*in/out)), values and gradients to the last bit, nodes (AdaptiveAvgPool2DBackward0,
# MeanBackward1 for a 1x1 output, SqueezeBackward1 for 1-d), double backward, errors.
import torch
import torch.nn.functional as F


def t(label, f):
    try:
        r = f(); print(label, r)
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)
x = torch.arange(2 * 3 * 5 * 7, dtype=torch.float32).reshape(2, 3, 5, 7).sin().requires_grad_()
y = F.adaptive_avg_pool2d(x, (3, 4))
print(y.shape, y.grad_fn.name(), y[0, 0])
y.backward(torch.ones_like(y) * torch.arange(12.).reshape(3, 4))
print(x.grad[0, 0])
m = torch.nn.AdaptiveAvgPool2d((2, None)); print(m, m(x).shape)
m = torch.nn.AdaptiveAvgPool2d(1); print(m, m(x).shape, m(x)[1, 2], m(x).grad_fn.name())
m = torch.nn.AdaptiveAvgPool2d((None, 3)); print(m, m(x).shape)
t('3d input', lambda: F.adaptive_avg_pool2d(x[0], 2).shape)
t('bigger output', lambda: F.adaptive_avg_pool2d(x[:, :, :2, :3], (4, 5))[0, 0])
t('2d input', lambda: F.adaptive_avg_pool2d(torch.ones(3, 4), 2))
t('zero out', lambda: F.adaptive_avg_pool2d(x, 0))
t('neg out', lambda: F.adaptive_avg_pool2d(x, -1))
t('3-tuple', lambda: F.adaptive_avg_pool2d(x, (1, 2, 3)))
t('int', lambda: F.adaptive_avg_pool2d(torch.ones(1, 1, 4, 4, dtype=torch.long), 2))
t('empty', lambda: F.adaptive_avg_pool2d(torch.ones(1, 0, 4, 4), 2).shape)
t('empty2', lambda: F.adaptive_avg_pool2d(torch.ones(1, 2, 0, 4), 2).shape)
z = torch.arange(10.).reshape(1, 1, 10).requires_grad_()
o = F.adaptive_avg_pool1d(z, 4); print(o, o.grad_fn.name())
o.backward(torch.tensor([[[1., 2., 3., 4.]]])); print(z.grad)
print(torch.nn.AdaptiveAvgPool1d(3), torch.nn.AdaptiveAvgPool1d(3)(z))
t('1d 2d input', lambda: F.adaptive_avg_pool1d(torch.ones(2, 6), 3))
t('1d 1d input', lambda: F.adaptive_avg_pool1d(torch.ones(6), 3))
t('1d tuple', lambda: F.adaptive_avg_pool1d(torch.ones(1, 6), (3,)))
t('1d 4d', lambda: F.adaptive_avg_pool1d(torch.ones(1, 1, 1, 6), 3))
# double backward
w = torch.randn(1, 1, 4, 4, dtype=torch.double, requires_grad=True) if False else torch.linspace(-1, 1, 16, dtype=torch.double).reshape(1, 1, 4, 4).requires_grad_()
g, = torch.autograd.grad(F.adaptive_avg_pool2d(w, 3).pow(2).sum(), w, create_graph=True)
print(g.grad_fn.name(), g)
print(F.adaptive_avg_pool2d(torch.ones(2, 2, 3, 3), (2, 2)).grad_fn)
with torch.no_grad(): print(F.adaptive_avg_pool2d(x, 2).requires_grad)
yy = F.adaptive_avg_pool2d(x, 2); print(yy.grad_fn._saved_self.shape)
for dtype in (torch.float32, torch.float64):
    v = torch.tensor([[((i * 7919 + j * 104729) % 1009) / 97.0 - 5.0 for j in range(13)]
                      for i in range(13)], dtype=dtype).reshape(1, 1, 13, 13).requires_grad_()
    out = F.adaptive_avg_pool2d(v, (6, 5))
    out.backward(torch.arange(30, dtype=dtype).reshape(1, 1, 6, 5) / 7)
    print(dtype, out.flatten().tolist(), v.grad.flatten().tolist()[::5])
v.grad = None
p = F.adaptive_avg_pool2d(v, 3)
with torch.no_grad():
    v.mul_(2)
t("modified input", lambda: p.sum().backward())
net = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d((2, 2)), torch.nn.Flatten(), torch.nn.Linear(12, 2))
print(net, net(x).shape)
