import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
c = x.clone()
print(c, c.is_leaf, c.grad_fn.name())
c.backward(torch.tensor([1.0, 2.0]))
print(x.grad)
plain = torch.tensor([1.0, 2.0])
pc = plain.clone()
pc[0] = 5.0
print(plain, pc)
y = x * 1
y.fill_(3.0)
print(y, y.grad_fn.name())
z = x * 1
z.zero_()
print(z, z.grad_fn.name())
dst = torch.zeros(2)
dst.copy_(x)
print(dst, dst.grad_fn.name(), dst.requires_grad, dst.is_leaf)
dst.sum().backward()
print(x.grad)
b = torch.zeros(2, 3)
b.copy_(torch.tensor([1.0, 2.0, 3.0]))
print(b)
b.fill_(torch.tensor(4.0))
print(b)
try:
    b.copy_(torch.ones(4))
except RuntimeError as e:
    print(type(e).__name__, e)
print((x * 1).clone().grad_fn.next_functions[0][0].name())
