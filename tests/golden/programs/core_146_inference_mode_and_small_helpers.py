import torch

# inference_mode: no graph, like no_grad, and its tensors may not be saved for backward later.
print(torch.is_inference_mode_enabled())
with torch.inference_mode():
    print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    with torch.inference_mode(False):
        print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())


@torch.inference_mode
def bare():
    return torch.is_grad_enabled(), torch.is_inference_mode_enabled()


@torch.inference_mode()
def called():
    return torch.is_grad_enabled()


print(bare(), called(), torch.autograd.inference_mode is torch.inference_mode)
x = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    y = x * 2
    made = torch.zeros(2)
with torch.no_grad():
    z = x * 2
print(y, y.requires_grad, y.is_inference(), made.is_inference(), z.is_inference(), x.is_inference())
print((y + x).sum())
for f in (lambda: (y * x).sum().backward(), lambda: (made * x).sum().backward()):
    try:
        f()
        print("ok", x.grad)
    except RuntimeError as err:
        print(type(err).__name__, err)
(y.clone() * x).sum().backward()
print(x.grad)

# where(condition) alone, type_as.
c = torch.tensor([[True, False], [False, True]])
print(torch.where(c), torch.where(torch.tensor([0.0, 2.0, -1.0]) > 0))
print(torch.tensor([1, 2]).type_as(torch.tensor([0.5])), torch.tensor([1.5]).type_as(torch.tensor([1])),
      x.type_as(torch.tensor([1.0], dtype=torch.float64)))
