# d2l 5.1 "Multilayer Perceptrons": ReLU, sigmoid and tanh and their derivatives over a grid.
import torch

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
print(x.shape, x[:3], x[-3:])
y = torch.relu(x)
y.backward(torch.ones_like(x), retain_graph=True)
print(y[75:85], x.grad[75:85])

y = torch.sigmoid(x)
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(y[::20], x.grad[::20])

y = torch.tanh(x)
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(y[::20], x.grad[::20])
print(x.grad.max(), x.grad.argmax(), x.grad.data.sum())
