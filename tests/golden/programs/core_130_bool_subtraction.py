import torch

# PyTorch refuses to subtract bools (numpy would compute 1 - True = 0); masks are inverted
# with ~ or logical_not, and compared with ^.
mask = torch.tensor([True, False, True])
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
attempts = {
    "mask - mask": lambda: mask - mask,
    "1 - mask": lambda: 1 - mask,
    "mask - 1": lambda: mask - 1,
    "x - mask": lambda: x - mask,
    "mask - x": lambda: mask - x,
    "x - True": lambda: x - True,
    "True - x": lambda: True - x,
    "mask.sub(mask, alpha=2)": lambda: mask.sub(mask, alpha=2),
    "torch.sub(x, mask)": lambda: torch.sub(x, mask),
    "x.detach().sub_(mask)": lambda: x.detach().sub_(mask),
}
for name, attempt in attempts.items():
    try:
        print(name, attempt())
    except RuntimeError as e:
        print(name, "->", type(e).__name__, e)
print(~mask, mask.logical_not(), mask ^ torch.tensor([True, True, False]))
print(x - mask.float(), 1 - mask.long(), mask + mask, mask * 2)
