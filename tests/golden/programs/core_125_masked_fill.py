import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
for mask in (torch.tensor([1.0, 0.0, 1.0]), torch.tensor([1, 0, 1])):
    try:
        x.masked_fill(mask, 0.0)
    except RuntimeError as e:
        print("RuntimeError:", e)
for args in ((torch.tensor([True, False]), 0.0), (torch.tensor([True, False, True]),
                                                  torch.tensor([1.0, 2.0]))):
    try:
        x.masked_fill(*args)
    except RuntimeError as e:
        print("RuntimeError:", e)
print(torch.tensor([1, 2]).masked_fill(torch.tensor([True, False]), 1.5))

# A mask that broadcasts the input: the input's gradient sums over the copies.
y = x.masked_fill(torch.tensor([[True, False, True], [False, False, True]]), 0.5)
print(y, y.grad_fn.name(), y.grad_fn._saved_mask)
y.sum().backward()
print(x.grad)

# A 0-dim tensor value gets the gradient of every place it filled.
v = torch.tensor(2.0, requires_grad=True)
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
z = w.masked_fill(torch.tensor([True, False]), v)
print(z, [n.name() if n else n for n, _ in z.grad_fn.next_functions])
(z * torch.tensor([[1.0, 10.0], [100.0, 1000.0]])).sum().backward()
print(w.grad, v.grad)

# In place, on a tensor of the graph; create_graph through it.
q = w.detach().clone().requires_grad_()
r = q * 1
r.masked_fill_(torch.tensor([False, True]), 7.0)
print(r, r._version)
(g,) = torch.autograd.grad((r * r * q).sum(), q, create_graph=True)
print(g, g.grad_fn.name())
