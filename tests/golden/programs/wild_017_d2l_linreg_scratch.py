# d2l 3.2 "Linear Regression Implementation from Scratch": synthetic data (a fixed pattern of
# features and "noise" instead of torch.normal), minibatches in order, and minibatch SGD.
import torch

true_w = torch.tensor([2, -3.4])
true_b = 4.2
num_examples = 40
features = torch.tensor([[((i * 7) % 13 - 6) / 4, ((i * 5) % 11 - 5) / 3] for i in range(num_examples)])
noise = torch.tensor([((i * 3) % 7 - 3) / 300 for i in range(num_examples)])
labels = (torch.matmul(features, true_w) + true_b + noise).reshape((-1, 1))
print("features:", features[0], "\nlabel:", labels[0])


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    for i in range(0, num_examples, batch_size):
        batch_indices = torch.tensor(indices[i: min(i + batch_size, num_examples)])
        yield features[batch_indices], labels[batch_indices]


batch_size = 10
for X, y in data_iter(batch_size, features, labels):
    print(X.shape, "\n", y.shape)
    break

w = torch.zeros(size=(2, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)


def linreg(X, w, b):
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


lr = 0.03
num_epochs = 3
net = linreg
loss = squared_loss
for epoch in range(num_epochs):
    for X, y in data_iter(batch_size, features, labels):
        l = loss(net(X, w, b), y)
        l.sum().backward()
        sgd([w, b], lr, batch_size)
    with torch.no_grad():
        train_l = loss(net(features, w, b), labels)
        print(f"epoch {epoch + 1}, loss {float(train_l.mean()):.5f}")
print(f"error in estimating w: {true_w - w.reshape(true_w.shape)}")
print(f"error in estimating b: {true_b - b}")
