import torch

x = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()

# A 0-d integer tensor indexes like an int (a view); a bool adds a dim, as in numpy.
for key in (torch.tensor(1), (0, torch.tensor(2)), True, False, (True, 0), (0, torch.tensor(True))):
    y = x[key]
    print(y.shape, y.grad_fn.name())
y = x[torch.tensor(1)]
y.sum().backward()
print(x.grad.sum(), x.grad[1, 0])

# Floats are not indices (x[n / 2] is a common slip), nor are float tensors.
for key in (1.0, (0, 1.5), torch.tensor(1.0), torch.tensor([0.0, 1.0]), (slice(None), 2.0)):
    try:
        x[key]
    except IndexError as e:
        print(type(e).__name__, e)

# Assignment takes the same keys.
z = torch.zeros(2, 3)
z[torch.tensor(1)] = 5.0
z[0, torch.tensor(2)] = 7.0
print(z)
for key in (1.0, torch.tensor([1.0])):
    try:
        z[key] = 1.0
    except IndexError as e:
        print(type(e).__name__, e)
