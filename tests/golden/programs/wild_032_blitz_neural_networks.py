# 60-minute blitz, "Neural Networks": LeNet-style Net on a 1x1x32x32 input, parameters, backward
# with an explicit gradient, MSELoss, the grad_fn chain, a manual SGD update and then optim.SGD.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, input):
        c1 = F.relu(self.conv1(input))
        s2 = F.max_pool2d(c1, (2, 2))
        c3 = F.relu(self.conv2(s2))
        s4 = F.max_pool2d(c3, 2)
        s4 = torch.flatten(s4, 1)
        f5 = F.relu(self.fc1(s4))
        f6 = F.relu(self.fc2(f5))
        return self.fc3(f6)


net = Net()
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        k = torch.arange(p.numel(), dtype=torch.float64).reshape(p.shape)
        p.copy_((((k * (2 * i + 3)) % 13) - 6) / (13 * (p[0].numel() ** 0.5)))
print(net)
params = list(net.parameters())
print(len(params))
print(params[0].size())

input = ((torch.arange(1024.0).reshape(1, 1, 32, 32) * 7) % 10) / 10
out = net(input)
print(out)
net.zero_grad()
out.backward(torch.arange(10.0).reshape(1, 10) / 10)
print(net.conv1.bias.grad)

output = net(input)
target = (torch.arange(10.0) / 5).view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss)
print(loss.grad_fn)
print(loss.grad_fn.next_functions[0][0])
print(loss.grad_fn.next_functions[0][0].next_functions[0][0])

net.zero_grad()
print("conv1.bias.grad before backward")
print(net.conv1.bias.grad)
loss.backward()
print("conv1.bias.grad after backward")
print(net.conv1.bias.grad)

learning_rate = 0.01
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)

optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
for _ in range(3):
    optimizer.zero_grad()
    output = net(input)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
    print(f"{loss.item():.5f}")
