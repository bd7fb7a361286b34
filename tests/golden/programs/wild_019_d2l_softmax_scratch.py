# d2l 4.4 "Softmax Regression Implementation from Scratch": softmax by hand, cross-entropy by
# fancy indexing, accuracy, an Accumulator, and a few epochs on made-up data.
import torch

X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdim=True), X.sum(1, keepdim=True))


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


X = torch.tensor([[0.1, -0.4, 0.3, 0.9, -1.0], [0.5, 0.5, -0.2, 0.0, 0.7]])
X_prob = softmax(X)
print(X_prob, X_prob.sum(1).round(decimals=4))

y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


print(cross_entropy(y_hat, y))


def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


print(accuracy(y_hat, y) / len(y))


class Accumulator:
    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def __getitem__(self, idx):
        return self.data[idx]


num_inputs, num_outputs = 6, 3
W = torch.zeros((num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


features = torch.tensor([[((i * 3 + j * 5) % 7) / 7 for j in range(num_inputs)] for i in range(18)])
labels = torch.tensor([i % 3 for i in range(18)])
lr = 0.1
for epoch in range(3):
    metric = Accumulator(3)
    for i in range(0, 18, 6):
        Xb, yb = features[i:i + 6], labels[i:i + 6]
        y_hat = net(Xb)
        l = cross_entropy(y_hat, yb)
        l.sum().backward()
        with torch.no_grad():
            for param in (W, b):
                param -= lr * param.grad / len(yb)
                param.grad.zero_()
        metric.add(float(l.sum()), accuracy(y_hat, yb), yb.numel())
    print(f"epoch {epoch + 1}: loss {metric[0] / metric[2]:.5f}, acc {metric[1] / metric[2]:.3f}")
print(net(features[:2]))
