import torch


def chain(t):
    names, fn = [], t.grad_fn
    while fn is not None and fn.name() != "MulBackward0":
        names.append(fn.name())
        fn = fn.next_functions[0][0]
    return names


# Ints, slices and None are taken first, as views; advanced indices then index that view.
# So x[1, :, [0, 1]] is x[1][:, [0, 1]] (numpy, which counts the 1 as advanced, gives (2, 3)).
keys = [
    (1, slice(None), [0, 1]),
    (1, [0, 1]),
    (slice(1, None), [0, 1]),
    (None, [1, 0], 1),
    (Ellipsis, 1, [0, 3]),
    (torch.tensor([0, 1]), 1, torch.tensor([3, 2])),
    (torch.tensor([[True, False, True], [False, True, True]]), 0),
    (slice(None), torch.tensor([True, False, True]), 2),
    (True, 0),
    (0, True),
    (1, [0, 0]),
]
for key in keys:
    leaf = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
    x = leaf * 1
    y = x[key]
    (y * torch.arange(float(y.numel())).reshape(y.shape)).sum().backward()
    print(tuple(y.shape), chain(y), leaf.grad.flatten().tolist())

# Assignment writes through the same view: CopySlices when a view was taken first.
for key in keys[:6]:
    leaf = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
    x = leaf * 1
    value = torch.full(x[key].shape, -1.0, requires_grad=True)
    x[key] = value * 2
    (x * torch.arange(24.0).reshape(2, 3, 4)).sum().backward()
    print(x.grad_fn.name(), [n.name() if n else n for n, _ in x.grad_fn.next_functions],
          value.grad.flatten().tolist(), leaf.grad.flatten().tolist()[:8])
    print(" ", x.detach().flatten().tolist())

# A mask that does not fit the dims it covers.
x = torch.arange(24.0).reshape(2, 3, 4)
for key in ((1, torch.tensor([True, False])), (torch.tensor([[True, False], [False, True]]), 0),
            (Ellipsis, torch.tensor([True, False]))):
    try:
        x[key]
    except IndexError as e:
        print(type(e).__name__, e)
    try:
        x[key] = 0.0
    except IndexError as e:
        print(type(e).__name__, e)

# The value as x[key] = value passes it on: leading size-1 dims viewed away, and for a copy
# into a region of another shape, expanded to it.
for key, shape in (((slice(None), [0, 1]), (1, 2, 2, 4)), (([0, 1],), (3, 4)), ((1, [0, 1]), (1, 2, 4)),
                   ((slice(0, 1),), (1, 3, 4)), ((slice(0, 1),), (3, 4)), ((0,), (1, 3, 4)),
                   ((0,), (4,)), ((slice(0, 1),), ())):
    x = torch.ones(2, 3, 4, requires_grad=True).clone()
    value = torch.ones(shape, requires_grad=True)
    x[key] = value * 2
    names, fn = [], x.grad_fn.next_functions[1][0]
    while fn is not None and fn.name() != "MulBackward0":
        names.append(fn.name())
        fn = fn.next_functions[0][0]
    x.sum().backward()
    print(key, shape, x.grad_fn.name(), names, value.grad.sum().item())
