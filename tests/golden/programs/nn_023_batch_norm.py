import torch
import torch.nn as nn
import torch.nn.functional as F

bn = nn.BatchNorm1d(2)
print(bn, list(bn.state_dict()), bn.num_batches_tracked, bn.running_mean, bn.running_var)
x = torch.tensor([[1.0, 2.0], [3.0, 6.0], [5.0, 7.0]], requires_grad=True)
weights = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = bn(x)
print(y, y.grad_fn._saved_result1, y.grad_fn._saved_result2, y.grad_fn._saved_training,
      y.grad_fn._saved_eps)
(y * weights).sum().backward()
print(x.grad, bn.weight.grad, bn.bias.grad)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)

# In eval() the running averages are used, and are constants for the gradient.
bn.eval()
x.grad = None
y = bn(x)
(y * weights).sum().backward()
print(y, x.grad, bn.running_mean, bn.num_batches_tracked)
bn.train()

# float64, a length dim, momentum=None (a plain average), no affine, no running stats.
x64 = torch.arange(12.0, dtype=torch.float64).reshape(2, 2, 3).requires_grad_()
bn64 = nn.BatchNorm1d(2, momentum=None).double()
y = bn64(x64)
(y * torch.arange(12.0, dtype=torch.float64).reshape(2, 2, 3)).sum().backward()
bn64(x64 * 2)
print(y, x64.grad, bn64.running_mean, bn64.running_var, bn64.num_batches_tracked)
plain = nn.BatchNorm1d(2, affine=False, track_running_stats=False)
print(plain, plain.weight, plain.running_mean, list(plain.state_dict()), plain(x), plain.eval()(x))
print(nn.BatchNorm1d(3, eps=1e-3, momentum=0.5), F.batch_norm(x, torch.zeros(2), torch.ones(2)),
      F.batch_norm(x, None, None, training=True))

# Second derivatives (float64).
s = torch.tensor([[0.5, -1.0], [2.0, 0.25], [1.0, 1.0]], dtype=torch.float64, requires_grad=True)
norm = nn.BatchNorm1d(2).double()
(g,) = torch.autograd.grad((norm(s) * weights.double()).sum(), s, create_graph=True)
print(g.detach(), torch.autograd.grad((g ** 2).sum(), s)[0])
norm.eval()
(g,) = torch.autograd.grad((norm(s) ** 2).sum(), s, create_graph=True)
print(g.detach(), torch.autograd.grad(g.sum(), s)[0])

# A small training loop with batch norm between layers.
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape))
data = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -0.5]])
target = torch.tensor([[1.0], [0.0], [1.0], [0.5]])
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = F.mse_loss(model(data), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(model[1].running_mean, model[1].num_batches_tracked, model.eval()(data))

for f in (lambda: nn.BatchNorm1d(2)(torch.ones(1, 2)), lambda: nn.BatchNorm1d(2)(torch.ones(2, 2, 2, 2)),
          lambda: nn.BatchNorm1d(3)(torch.ones(2, 2))):
    try:
        print(f())
    except (ValueError, RuntimeError) as err:
        print(type(err).__name__, err)
