import warnings

import torch

# tril_ and triu_ write an expanded tensor, without a warning: PyTorch's in-place kernel
# writes only the zeros, so a memory location is zeroed if any of its elements is. (minigrad
# refused them.) masked_fill_ writes only the masked elements: an unmasked element does not
# write its old value back over a location a masked one changed (minigrad's copy did).

for name, diagonal, shape, expanded in [("tril_", 0, (3,), (3, 3)), ("triu_", 1, (3,), (3, 3)),
                                        ("triu_", 0, (3, 1), (3, 3)),
                                        ("tril_", -1, (1, 2, 3), (2, 2, 3)),
                                        ("triu_", 5, (3,), (2, 3))]:
    b = torch.arange(1.0, 1.0 + torch.zeros(shape).numel()).reshape(shape)
    x = b.expand(*expanded)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = getattr(x, name)(diagonal)
    print(name, diagonal, shape, out is x, b.flatten().tolist(), x.tolist(), x._version,
          len(caught))

b = (torch.arange(1.0, 4.0, requires_grad=True) * 1)
x = b.expand(3, 3)
x.tril_()
print(b, x.grad_fn.name())
try:  # (the gradient, through the expanded write, is refused as the write would have been)
    b.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

b = torch.tensor([1.0, 2.0, 3.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    b.expand(2, 3).masked_fill_(torch.tensor([[True, False, False], [False, False, True]]), 9.0)
print(b, len(caught))
try:
    torch.ones(3).tril_()
except RuntimeError as e:
    print(type(e).__name__, e)
