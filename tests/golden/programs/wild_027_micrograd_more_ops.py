# micrograd's test_engine.py, test_more_ops: a longer expression with relu, powers and division.
import torch

a = torch.Tensor([-4.0]).double()
b = torch.Tensor([2.0]).double()
a.requires_grad = True
b.requires_grad = True
c = a + b
d = a * b + b ** 3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e ** 2
g = f / 2.0
g = g + 10.0 / f
g.backward()
apt, bpt, gpt = a, b, g
tol = 1e-6
print(gpt.data.item(), apt.grad.item(), bpt.grad.item())
print(abs(gpt.data.item() - 24.70408163265306) < tol)
print(abs(apt.grad.item() - 138.83381924198252) < tol)
print(abs(bpt.grad.item() - 645.5772594752186) < tol)
print(g.grad_fn.name(), [type(n).__name__ for n, _ in g.grad_fn.next_functions])
