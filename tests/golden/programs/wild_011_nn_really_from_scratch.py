# "What is torch.nn really?", part one: logistic regression from scratch on a tiny made-up
# dataset (the tutorial uses MNIST and Xavier-initialised random weights).
import math

import torch

n, d, classes = 12, 8, 3
x_train = torch.tensor([[((i * 7 + j * 3) % 11) / 11 for j in range(d)] for i in range(n)])
y_train = torch.tensor([i % classes for i in range(n)])
print(x_train.shape, y_train.min(), y_train.max())

weights = torch.tensor([[((i * 5 + j) % 7 - 3) / 10 for j in range(classes)] for i in range(d)])
weights /= math.sqrt(d)
weights.requires_grad_()
bias = torch.zeros(classes, requires_grad=True)


def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)


def model(xb):
    return log_softmax(xb @ weights + bias)


bs = 4
xb = x_train[0:bs]
preds = model(xb)
print(preds[0], preds.shape)


def nll(input, target):
    return -input[range(target.shape[0]), target].mean()


loss_func = nll
yb = y_train[0:bs]
print(loss_func(preds, yb))


def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean()


print(accuracy(preds, yb))

lr = 0.5
epochs = 5
for epoch in range(epochs):
    for i in range((n - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()

print(loss_func(model(xb), yb), accuracy(model(xb), yb))
print(bias)
