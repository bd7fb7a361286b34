import torch

# Where a formula would multiply 0 by inf, PyTorch has a convention; these follow it.
inf, nan = float("inf"), float("nan")

# tensor ** tensor: the base's gradient is 0 where the exponent is 0; the exponent's is 0
# where the base is 0 and the exponent >= 0, and -inf where 0 is raised to a negative power.
base = torch.tensor([-inf, -1.0, 0.0, 0.0, 0.0, 0.0, 2.0, inf], requires_grad=True)
exponent = torch.tensor([0.0, 0.0, 0.0, 0.5, -1.0, 2.0, -0.0, 0.0], requires_grad=True)
y = base ** exponent
y.sum().backward()
print(y, base.grad, exponent.grad, sep="\n")

# number ** tensor with the number 0, and with 2.
for number in (0, 0.0, 2):
    e = torch.tensor([0.0, -0.0, -1.0, 1.0, 2.0, nan], requires_grad=True)
    z = number ** e
    print(number, z, z.grad_fn.name(), z.grad_fn._saved_exponent)
    z.sum().backward()
    print(" ", e.grad)

# sign and abs of nan, signed zeros and infinities: sign(nan) is 0 in PyTorch.
x = torch.tensor([-inf, -2.0, -0.0, 0.0, 3.0, inf, nan], requires_grad=True)
print(x.sign(), x.abs())
x.abs().sum().backward()
print(x.grad)
print(torch.tensor([nan, -0.0], dtype=torch.float64).sign(), torch.tensor([-3, 0, 5]).sign())
