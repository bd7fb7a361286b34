import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y1 = (x * 2).sum()
y2 = (x ** 2).sum()
torch.autograd.backward([y1, y2])
print(x.grad)
x.grad = None
v = x * 3
torch.autograd.backward(v, grad_tensors=torch.tensor([1.0, 0.5]))
print(x.grad)
x.grad = None
a = x * 1
b = x * 2
torch.autograd.backward([a, b], [torch.ones(2), torch.tensor([1.0, -1.0])])
print(x.grad)
x.grad = None
torch.autograd.backward(tensors=(x ** 3).sum(), inputs=[x])
print(x.grad)
try:
    torch.autograd.backward(x * 2)
except RuntimeError as e:
    print(type(e).__name__, e)
