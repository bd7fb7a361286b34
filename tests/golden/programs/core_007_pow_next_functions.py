import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 2
print(y)
print(y.grad_fn.name())
print(type(y.grad_fn).__name__)
nf = y.grad_fn.next_functions
print(len(nf), type(nf).__name__)
node, index = nf[0]
print(node.name(), index)
print(type(node).__name__)
print(node.variable is x)
print(node.next_functions)
z = y * x
print([(n.name(), i) for n, i in z.grad_fn.next_functions])
print(z.grad_fn.next_functions[0][0] is y.grad_fn)
print(z.grad_fn.next_functions[1][0].variable is x)
print(z.grad_fn.next_functions[1][0] is y.grad_fn.next_functions[0][0])
