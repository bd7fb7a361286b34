# Forum answers learners copy: gather explained, view vs reshape, contiguous, gradient clipping,
# argmax with ties, detaching hidden states, register_buffer vs Parameter, topk, no_grad vs eval.
import torch
from torch import nn

t = torch.tensor([[1, 2], [3, 4]])
print(torch.gather(t, 1, torch.tensor([[0, 0], [1, 0]])))
logits = torch.tensor([[0.1, 2.0, -1.0], [1.5, 0.2, 0.3]])
labels = torch.tensor([1, 0])
print(logits.gather(1, labels.unsqueeze(1)).squeeze(1))
x = torch.arange(6).reshape(2, 3)
print(x.t().is_contiguous(), x.t().contiguous().view(-1), x.t().reshape(-1))
try:
    x.t().view(-1)
except RuntimeError as e:
    print(type(e).__name__, e)

model = nn.Linear(3, 2)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.5, -0.5]]))
    model.bias.zero_()
out = model(torch.tensor([[10.0, 20.0, 30.0]])).pow(2).sum()
out.backward()
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total, model.weight.grad, model.bias.grad)
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01)
print(model.weight.grad)
print(torch.tensor([1, 3, 3, 2]).argmax(), torch.tensor([[5, 5], [1, 7]]).argmax(dim=0))

h = torch.zeros(1, 2, requires_grad=True)
W = torch.tensor([[0.5, -0.5], [0.25, 1.0]], requires_grad=True)
for step in range(3):
    h = torch.tanh(h @ W + 1.0)
    loss = h.sum()
    loss.backward()
    h = h.detach()
    print(step, h, W.grad)


class WithBuffer(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("scale", torch.tensor(2.0))
        self.weight = nn.Parameter(torch.tensor(1.5))

    def forward(self, x):
        return x * self.weight * self.scale


m = WithBuffer()
print(list(m.parameters()), list(m.buffers()), m.state_dict())
values, indices = torch.topk(torch.tensor([1.0, 5.0, 3.0, 4.0]), k=2)
print(values, indices)
drop = nn.Dropout(p=0.5).eval()
with torch.no_grad():
    print(drop(torch.ones(4)), torch.is_grad_enabled())
print(torch.is_grad_enabled(), drop.training)
