import torch

x = torch.tensor([[1.0, 0.0, 2.0], [3.0, 4.0, -1.0]], requires_grad=True)
print(x.all(), x.any(), x.all(1), x.any(0), x.all(dim=0, keepdim=True), x.any(dim=(0, 1)))
print(torch.all(x > 0, 1), torch.any(x < 0, dim=1, keepdim=True), (x > -2).all(-1))
print(torch.tensor([]).all(), torch.tensor([]).any(), torch.tensor(0.0).all(0), torch.tensor([[True]]).any(-2))
for bad in (lambda: x.all(2), lambda: x.any(-3), lambda: x.all((0, 0))):
    try:
        bad()
    except (IndexError, RuntimeError) as e:
        print(type(e).__name__, e)
print(x.argmax(), x.argmin(), x.argmax(keepdim=True), x.argmin(keepdim=True).shape)
print(torch.argmax(x, dim=1, keepdim=True), torch.argmin(x, 0), x.argmax(-1).dtype)
