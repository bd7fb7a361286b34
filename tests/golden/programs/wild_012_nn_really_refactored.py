# "What is torch.nn really?", the refactoring: F.cross_entropy, nn.Module, nn.Linear, optim,
# TensorDataset, DataLoader, a validation set and fit()/get_data() (weights set explicitly).
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

n, d, classes = 16, 6, 3
x = torch.tensor([[((i * 5 + j * 3) % 13) / 13 for j in range(d)] for i in range(n)])
y = torch.tensor([(i * 2) % classes for i in range(n)])
x_train, y_train, x_valid, y_valid = x[:12], y[:12], x[12:], y[12:]

loss_func = F.cross_entropy


class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(d, classes)
        with torch.no_grad():
            self.lin.weight.copy_(torch.tensor(
                [[((i + 2 * j) % 5 - 2) / 10 for j in range(d)] for i in range(classes)]))
            self.lin.bias.zero_()

    def forward(self, xb):
        return self.lin(xb)


def loss_batch(model, loss_func, xb, yb, opt=None):
    loss = loss_func(model(xb), yb)
    if opt is not None:
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item(), len(xb)


def fit(epochs, model, loss_func, opt, train_dl, valid_dl):
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_dl:
            loss_batch(model, loss_func, xb, yb, opt)
        model.eval()
        with torch.no_grad():
            losses, nums = zip(*[loss_batch(model, loss_func, xb, yb) for xb, yb in valid_dl])
        val_loss = sum(l * n for l, n in zip(losses, nums)) / sum(nums)
        print(epoch, f"{val_loss:.6f}")


def get_data(train_ds, valid_ds, bs):
    return DataLoader(train_ds, batch_size=bs), DataLoader(valid_ds, batch_size=bs * 2)


train_ds = TensorDataset(x_train, y_train)
valid_ds = TensorDataset(x_valid, y_valid)
print(len(train_ds), train_ds[0])
train_dl, valid_dl = get_data(train_ds, valid_ds, 4)
print(len(train_dl), len(valid_dl))
model = Mnist_Logistic()
opt = optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
print(loss_func(model(x_train[:4]), y_train[:4]))
fit(4, model, loss_func, opt, train_dl, valid_dl)
print(model)
print(model.lin.weight.grad)
