import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = x + 1
acc_y = y.grad_fn.next_functions[0][0]
acc_z = z.grad_fn.next_functions[0][0]
print(acc_y.name(), acc_z.name())
print(acc_y is acc_z)
print(acc_y.variable is x, acc_z.variable is x)
print(acc_y.variable)
print(acc_y.next_functions)
c = torch.tensor([1.0, 2.0])
m = x * c
print(m.grad_fn.next_functions)
w = y * y
print(w.grad_fn.next_functions[0][0] is y.grad_fn, w.grad_fn.next_functions[1][0] is y.grad_fn)
print(y.grad_fn.next_functions[1])
print(x.grad_fn)
s = x.sum()
print(s.grad_fn.next_functions[0][1])
i0, i1 = x.max(0)
print(i0.grad_fn.next_functions[0][0].variable is x)
