# d2l 4.5 "Concise Implementation of Softmax Regression": nn.Flatten + nn.Linear, net.apply with
# an init function, CrossEntropyLoss(reduction='none'), and the chapter's training step.
import torch
from torch import nn

net = nn.Sequential(nn.Flatten(), nn.Linear(12, 3))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 0.01)
        nn.init.zeros_(m.bias)


print(net.apply(init_weights))
loss = nn.CrossEntropyLoss(reduction="none")
trainer = torch.optim.SGD(net.parameters(), lr=0.1)

X = torch.tensor([[[((i + 2 * j + 3 * k) % 5) / 5 for k in range(4)] for j in range(3)] for i in range(9)])
y = torch.tensor([i % 3 for i in range(9)])
print(X.shape, net(X).shape)
for epoch in range(5):
    y_hat = net(X)
    l = loss(y_hat, y)
    trainer.zero_grad()
    l.mean().backward()
    trainer.step()
    acc = (y_hat.argmax(axis=1) == y).float().mean()
    print(epoch, l, f"{acc:.3f}")
print(net[1].weight)
print(l.grad_fn.name(), l.mean().grad_fn.name())
