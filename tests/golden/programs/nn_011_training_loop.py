# A complete training loop: model.train(), zero_grad, forward, loss, backward, step; eval.
import torch
import torch.nn as nn

inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0],
                       [0.1, 0.9], [0.9, 0.1], [0.2, 0.2], [0.8, 0.8]])
labels = torch.tensor([0, 1, 1, 0, 1, 1, 0, 0])

model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[1.0, -1.0], [-1.0, 1.0], [0.5, 0.5], [-0.5, 0.25]]))
    model[0].bias.copy_(torch.tensor([0.0, 0.1, -0.2, 0.05]))
    model[2].weight.copy_(torch.tensor([[0.3, -0.2, 0.1, 0.4], [-0.3, 0.2, 0.5, -0.1]]))
    model[2].bias.copy_(torch.tensor([0.0, 0.0]))

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
print(model, loss_fn)
model.train()
for epoch in range(40):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = loss_fn(logits, labels)
    loss.backward()
    optimizer.step()
    if epoch % 5 == 0 or epoch == 39:
        print(epoch, loss)

model.eval()
with torch.no_grad():
    logits = model(inputs)
    predictions = logits.max(dim=1).indices
print(logits.requires_grad, predictions)
print((predictions == labels).float().mean())
for name, p in model.named_parameters():
    print(name, p)

# The same loop with a binary head, BCEWithLogitsLoss and Adam.
torch_targets = labels.float().unsqueeze(1)
binary = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    binary[0].weight.copy_(torch.tensor([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]))
    binary[0].bias.copy_(torch.tensor([-0.5, 1.5, 0.1]))
    binary[2].weight.copy_(torch.tensor([[1.0, 1.0, -1.0]]))
    binary[2].bias.copy_(torch.tensor([-1.0]))
optimizer = torch.optim.Adam(binary.parameters(), lr=0.05)
criterion = nn.BCEWithLogitsLoss()
for epoch in range(30):
    optimizer.zero_grad()
    loss = criterion(binary(inputs), torch_targets)
    loss.backward()
    optimizer.step()
    if epoch % 10 == 0 or epoch == 29:
        print(epoch, loss)
with torch.no_grad():
    print(torch.sigmoid(binary(inputs)).squeeze(1))
