import torch
from torch.autograd.functional import hessian, hvp, jacobian, jvp, vhp, vjp

scale = torch.tensor([1.0, 2.0, 3.0])
x = torch.tensor([1.0, 2.0, 3.0])
print(jacobian(lambda a: a ** 2 * scale, x))
print(jacobian(lambda a, b: a * b, (x, x + 1)))
print(jacobian(lambda a: (a.sum(), a * 2), x))
print(jacobian(lambda a, b: (a @ b, a.exp() * b.sum()), (torch.tensor([[1.0, 2.0], [0.5, 0.0]]),
                                                          torch.tensor([1.0, -1.0]))))
print(jacobian(lambda a: a.sum(), x), jacobian(lambda a: a * 0 + 1, torch.tensor(2.0)))
print(hessian(lambda a: (a ** 3).sum(), x))
print(hessian(lambda a, b: (a * b ** 2).sum(), (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
print(hessian(lambda m: (m ** 2).prod(), torch.tensor([[1.0, 2.0], [3.0, 0.5]])))
print(vjp(lambda a: a ** 2 * scale, x, torch.ones(3)), vjp(lambda a: a.sum(), x))
print(jvp(lambda a: a ** 2 * scale, x, torch.ones(3)), jvp(lambda a: a * 3, torch.tensor([2.0])))
print(jvp(lambda a, b: (a * b, a + b), (x, scale), (torch.ones(3), torch.zeros(3))))
print(hvp(lambda a: (a ** 3).sum(), x, torch.ones(3)), vhp(lambda a: (a ** 3).sum(), x, torch.ones(3)))
print(hvp(lambda a, b: (a * b ** 2).sum(), (x, scale), (torch.ones(3), torch.ones(3))))

# The caller's tensors are left alone; create_graph lets the result be differentiated again.
w = torch.tensor([1.0, 2.0], requires_grad=True)
j = jacobian(lambda a: a ** 3, w)
print(j.requires_grad, w.grad)
j = jacobian(lambda a: a ** 3, w, create_graph=True)
j.sum().backward()
print(j.requires_grad, w.grad)

# Outputs independent of an input: zeros, or an error in strict mode.
print(jacobian(lambda a: torch.ones(2), x), jacobian(lambda a, b: a * 2, (x, scale)))
for f in (lambda: jacobian(lambda a: torch.ones(2), x, strict=True),
          lambda: jacobian(lambda a, b: a * 2, (x, scale), strict=True),
          lambda: vjp(lambda a: a * 2, x), lambda: jvp(lambda a: a * 2, x),
          lambda: hessian(lambda a: a * 2, x), lambda: jacobian(lambda a: 3.0, x),
          lambda: jacobian(lambda a: a, [x]), lambda: jacobian(lambda a: a, x, strategy="sideways"),
          lambda: hessian(lambda a: (a.sum(), a.sum()), x)):
    try:
        print(f())
    except (RuntimeError, TypeError, ValueError) as err:
        print(type(err).__name__, err)
