# micrograd's demo notebook, in PyTorch: a 2-16-16-1 MLP trained with the SVM max-margin loss
# plus L2 regularisation, accuracy by sign (moons data replaced by a fixed spiral of points).
import math

import torch

n = 40
X = torch.tensor([[math.cos(0.3 * i) * (1 + i / n), math.sin(0.3 * i) * (1 + i / n)] for i in range(n)], dtype=torch.float64)
y = torch.tensor([1.0 if (i // 5) % 2 else -1.0 for i in range(n)], dtype=torch.float64)

torch.set_default_dtype(torch.float64)
model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        k = torch.arange(p.numel()).reshape(p.shape)
        p.copy_(((k * (2 * i + 5)) % 11 - 5) / 10)
print("number of parameters", sum(p.numel() for p in model.parameters()))


def loss():
    scores = model(X).squeeze(1)
    losses = (1 + -y * scores).relu()
    data_loss = losses.mean()
    alpha = 1e-4
    reg_loss = alpha * sum((p * p).sum() for p in model.parameters())
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei > 0) for yi, scorei in zip(y, scores.detach())]
    return total_loss, sum(accuracy) / len(accuracy)


total_loss, acc = loss()
print(total_loss, acc)
for k in range(30):
    total_loss, acc = loss()
    model.zero_grad()
    total_loss.backward()
    learning_rate = 1.0 - 0.9 * k / 100
    with torch.no_grad():
        for p in model.parameters():
            p -= learning_rate * p.grad
    if k % 5 == 0:
        print(f"step {k} loss {total_loss.item():.10f}, accuracy {acc * 100}%")
print(type(acc), acc.dtype if hasattr(acc, "dtype") else None)
