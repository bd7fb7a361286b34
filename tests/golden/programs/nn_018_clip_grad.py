import torch
import torch.nn as nn

w = nn.Parameter(torch.tensor([3.0, 4.0]))
b = nn.Parameter(torch.tensor([12.0]))


def set_grads(gw, gb):
    w.grad = None if gw is None else torch.tensor(gw)
    b.grad = None if gb is None else torch.tensor(gb)


# The joint norm of all gradients, before clipping, is returned; gradients above max_norm
# are scaled down together, gradients below it are left as they are.
for gw, gb, kwargs in (([3.0, 4.0], [12.0], {"max_norm": 1.0}),
                       ([0.3, 0.4], [0.0], {"max_norm": 1.0}),
                       ([3.0, 4.0], [12.0], {"max_norm": 2.0, "norm_type": "inf"}),
                       ([3.0, 4.0], None, {"max_norm": 1.0, "norm_type": 1}),
                       ([0.0, 0.0], [0.0], {"max_norm": 1.0}),
                       ([float("inf"), 4.0], [1.0], {"max_norm": 1.0})):
    set_grads(gw, gb)
    total = nn.utils.clip_grad_norm_([w, b], **kwargs)
    print(kwargs, total, total.requires_grad, w.grad, b.grad)
set_grads([0.6, 0.8], None)
print(nn.utils.clip_grad_norm_(w, 0.5), w.grad, nn.utils.clip_grad_norm_([], 1.0))
set_grads([float("nan"), 1.0], [1.0])
try:
    nn.utils.clip_grad_norm_([w, b], 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    print(type(e).__name__, e)
set_grads([3.0, -40.0], [0.5])
print(nn.utils.clip_grad_value_([w, b], 5.0), w.grad, b.grad)

# In a training loop: clip after backward, before the step.
model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[2.0, -3.0]]))
    model.bias.fill_(0.5)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.tensor([[10.0, 20.0], [-5.0, 1.0]]), torch.tensor([[1.0], [0.0]])
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    opt.step()
    print(step, f"{loss.item():.4f}", f"{norm.item():.4f}", model.weight.data, model.bias.data)
