import torch
import torch.nn as nn
import torch.nn.functional as F

# Which elements are dropped is random (and differs between libraries); what is printed here
# is what does not depend on it.
torch.manual_seed(0)
x = torch.ones(1000, requires_grad=True)
y = F.dropout(x, 0.5)
kept = y != 0
print(y.grad_fn.name(), [n.name() if n else n for n, _ in y.grad_fn.next_functions],
      sorted(set(y.tolist())), 300 < int(kept.sum()) < 700)
mask = y.grad_fn._saved_other
y.sum().backward()
print(torch.equal(x.grad, y.detach()), torch.equal(mask, y.detach()))
print(sorted(set(F.dropout(torch.ones(500), 0.2).tolist())), F.dropout(torch.ones(3, dtype=torch.float64), 0.5).dtype)

# Off while not training, and for p = 0 (the very same tensor); all zeros for p = 1.
print(F.dropout(x, 0.5, training=False) is x, F.dropout(x, 0.0) is x, F.dropout(x[:4], 1.0))
model = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.3), nn.Linear(3, 1))
print(model, model[1].training)
model.eval()
print(model[1].training, model[1](x[:5]) is x[:5] or torch.equal(model[1](x[:5]), x[:5]))
h = torch.ones(6) * 1
F.dropout(h, 0.5, inplace=True)
print(sorted(set(h.tolist())) in ([0.0, 2.0], [0.0], [2.0]), nn.Dropout(0.2, inplace=True))
for bad in (lambda: F.dropout(x, -0.1), lambda: F.dropout(x, 1.5), lambda: nn.Dropout(2.0),
            lambda: F.dropout(torch.ones(3, dtype=torch.int64), 0.5)):
    try:
        bad()
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
