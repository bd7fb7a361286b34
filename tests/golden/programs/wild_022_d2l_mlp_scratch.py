# d2l 5.2 "Implementation of Multilayer Perceptrons" from scratch: parameters as nn.Parameter
# (fixed values instead of torch.randn * 0.01), relu via torch.max, a few SGD steps.
import torch
from torch import nn

num_inputs, num_outputs, num_hiddens = 8, 3, 5
W1 = nn.Parameter(torch.tensor([[((i * 3 + j) % 7 - 3) / 30 for j in range(num_hiddens)] for i in range(num_inputs)]))
b1 = nn.Parameter(torch.zeros(num_hiddens))
W2 = nn.Parameter(torch.tensor([[((i + 2 * j) % 5 - 2) / 20 for j in range(num_outputs)] for i in range(num_hiddens)]))
b2 = nn.Parameter(torch.zeros(num_outputs))
params = [W1, b1, W2, b2]


def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)


def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X @ W1 + b1)
    return H @ W2 + b2


loss = nn.CrossEntropyLoss(reduction="none")
X = torch.tensor([[((i * 5 + j) % 9) / 9 for j in range(num_inputs)] for i in range(6)])
y = torch.tensor([0, 1, 2, 2, 1, 0])
updater = torch.optim.SGD(params, lr=0.5)
for epoch in range(4):
    l = loss(net(X), y)
    updater.zero_grad()
    l.mean().backward()
    updater.step()
    print(epoch, f"{l.mean().item():.6f}")
print(relu(torch.tensor([-1.0, 0.0, 2.0])))
print(W1.grad[:2], b2)
print(net(X).argmax(1))
