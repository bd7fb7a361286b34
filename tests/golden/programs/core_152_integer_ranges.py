import torch

# Making and filling integer tensors: values must fit, except that negative numbers wrap
# into an unsigned type (uint8: -1 is 255); floats are truncated but must fit too.
for f in (lambda: torch.tensor(-1, dtype=torch.uint8), lambda: torch.tensor(-255, dtype=torch.uint8),
          lambda: torch.tensor([-2, 5], dtype=torch.uint8), lambda: torch.tensor([1.7, -2.2], dtype=torch.int64),
          lambda: torch.tensor([1, 2.5], dtype=torch.uint8), lambda: torch.full((2,), -1, dtype=torch.uint8),
          lambda: torch.tensor([1, 2], dtype=torch.uint8).fill_(-1),
          lambda: torch.zeros(2, dtype=torch.int8).masked_fill(torch.tensor([True, False]), -128),
          lambda: torch.tensor(256, dtype=torch.uint8), lambda: torch.tensor(-256, dtype=torch.uint8),
          lambda: torch.tensor([300, -2], dtype=torch.uint8), lambda: torch.tensor(200, dtype=torch.int8),
          lambda: torch.tensor(-129, dtype=torch.int8), lambda: torch.tensor(2**40, dtype=torch.int32),
          lambda: torch.tensor(2**64, dtype=torch.int64), lambda: torch.tensor(-1.5, dtype=torch.uint8),
          lambda: torch.tensor(float("nan"), dtype=torch.int32), lambda: torch.tensor([200.5], dtype=torch.int8),
          lambda: torch.full((2,), 300, dtype=torch.uint8), lambda: torch.tensor([1, 2], dtype=torch.uint8).fill_(300),
          lambda: torch.tensor([1], dtype=torch.int8).fill_(200),
          lambda: torch.zeros(2, dtype=torch.int8).masked_fill(torch.tensor([True, False]), 300)):
    try:
        print(f())
    except (RuntimeError, ValueError) as err:
        print(type(err).__name__, err)

# In arithmetic a Python int wraps around the tensor's type, as in C.
u = torch.tensor([1, 2], dtype=torch.uint8)
print(u + 300, u - 2, u * -1, u + 1000, torch.tensor([100], dtype=torch.int8) * 2,
      torch.tensor([1], dtype=torch.int8) * 1000, torch.tensor([1], dtype=torch.int16) + 2**63,
      torch.tensor([1], dtype=torch.int8) + 2**40, 255 + u, u - torch.tensor(3, dtype=torch.uint8))
u += 300
print(u)

# Integers to negative integer powers: 1 and -1 keep a value, other bases give 0.
b = torch.tensor([2, 1, -1, -1, 0, 3, -2])
e = torch.tensor([-1, -3, -1, -2, -1, -2, -1])
print(b ** e, torch.tensor([2, 3]) ** torch.tensor([2, -1]), 2 ** torch.tensor([-1, 2]),
      torch.tensor([2.0, 4.0]) ** torch.tensor([-1, -2]))
try:
    torch.tensor([2]) ** -1
except RuntimeError as err:
    print(type(err).__name__, err)
