import torch

attempts = [
    lambda: torch.tensor(None),
    lambda: torch.tensor([1, None]),
    lambda: torch.tensor([[1.0, None]]),
    lambda: torch.tensor(object()),
    lambda: torch.tensor(2**70),
    lambda: torch.tensor([1, -2**70]),
    lambda: torch.tensor([2**70], dtype=torch.int64),
    lambda: torch.tensor([300], dtype=torch.uint8),
    lambda: torch.tensor([2**40], dtype=torch.int32),
    lambda: torch.tensor([1e40], dtype=torch.float32),
    lambda: torch.randint(3, 3, (2,)),
    lambda: torch.randint(5, 2, (2,)),
]
for attempt in attempts:
    try:
        print(attempt())
    except (RuntimeError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

# randint(high, size) is PyTorch's short form (the numbers differ between libraries).
for r in (torch.randint(5, (2, 3)), torch.randint(5, size=(4,)), torch.randint(2, 5, (3,))):
    print(r.shape, r.dtype, bool(((r >= 0) & (r < 5)).all()))

# An integer tensor cannot require grad: made so (a capital O) or switched so.
for attempt in (lambda: torch.nn.Parameter(torch.tensor([1, 2])),
                lambda: torch.tensor([1], requires_grad=True),
                lambda: torch.tensor([1, 2]).requires_grad_()):
    try:
        attempt()
    except RuntimeError as e:
        print(type(e).__name__, e)
print(torch.nn.Parameter(torch.tensor([1, 2]), requires_grad=False))
