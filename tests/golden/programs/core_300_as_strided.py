import torch

# x.as_strided(size, stride, storage_offset) and torch.as_strided: a view of x's memory laid
# out by sizes, strides and a storage offset (x's own when not given), recorded as
# AsStridedBackward0 (_saved_size, _saved_stride, _saved_storage_offset); its gradient is
# summed where the view's elements overlap and shared out where x's own (expanded) do; a view
# past the end of the memory, a negative stride or offset, a negative size, or strides and
# sizes of different lengths are PyTorch's errors, in PyTorch's order. x.storage_offset().
# (minigrad: no as_strided, no storage_offset.)

def show(name, call):
    try:
        print(name, call())
    except (RuntimeError, TypeError) as e:
        print(name, type(e).__name__, e)


x = torch.arange(6.0, requires_grad=True)
y = x.as_strided((2, 2), (1, 2))
print(y, y._base is x, y.is_contiguous(), y.stride(), y.storage_offset())
node = y.grad_fn
print(node.name(), node._saved_size, node._saved_stride, node._saved_storage_offset,
      node.next_functions[0][0].name())
(y * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(x.grad)
x.grad = None
windows = torch.as_strided(x, (3, 2), (1, 1), 1)
print(windows, windows.grad_fn._saved_storage_offset)
(windows * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(x.grad)

tail = torch.arange(12.0).reshape(3, 4)[1:, 1:]
print(tail.storage_offset(), tail.as_strided((2,), (5,)), tail.as_strided((2,), (1,), 0),
      tail.as_strided((2,), (5,)).storage_offset())
print(torch.arange(6).as_strided([2], [2], 1), torch.arange(4.0).t().as_strided((), (), 3))
print(torch.arange(6.0).as_strided(size=(2,), stride=(2,), storage_offset=1),
      torch.arange(6.0).as_strided((2,), (1,), torch.tensor(3)))
print(torch.arange(6.0).as_strided((0, 3), (1, 1), 6), torch.arange(6.0).as_strided((0,), (1,), 9))
print(torch.arange(3.0).expand(2, 3).as_strided((3,), (1,)))

memory = torch.zeros(4)
memory.as_strided((2,), (2,)).add_(1)
print(memory)
leaf = torch.arange(4.0, requires_grad=True)
q = leaf * 1
r = q.as_strided((2,), (2,))
r.mul_(10)
print(q, q.grad_fn.name(), r.grad_fn.name())
q.sum().backward()
print(leaf.grad)

e = torch.arange(3.0, requires_grad=True)
e.expand(2, 3).as_strided((3,), (1,)).sum().backward()
print(e.grad)
e.grad = None
e.expand(2, 3).as_strided((2, 3), (0, 1)).sum().backward()
print(e.grad)
v = torch.arange(12.0, requires_grad=True)
(v.reshape(3, 4)[1:, 1:].as_strided((2, 2), (1, 4)) * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(v.grad)

z = torch.arange(6.0)
show("out of bounds", lambda: z.as_strided((3, 3), (1, 2)))
show("offset out of bounds", lambda: z.as_strided((2,), (1,), 5))
show("int32", lambda: torch.arange(4, dtype=torch.int32).as_strided((3,), (2,), 1))
show("negative stride", lambda: z.as_strided((2,), (-1,)))
show("negative offset", lambda: z.as_strided((2,), (1,), -1))
show("lengths", lambda: z.as_strided((2, 2), (1,)))
show("negative size", lambda: z.as_strided((-2,), (1,)))
show("lengths and negative stride", lambda: z.as_strided((2, 2), (-1,)))
show("negative stride and out of bounds", lambda: z.as_strided((20,), (-1,)))
show("negative size and stride", lambda: z.as_strided((-2,), (-1,)))
show("negative size and out of bounds", lambda: z.as_strided((-2, 100), (1, 1)))
show("negative offset and out of bounds", lambda: z.as_strided((20,), (1,), -1))
show("negative offset and size", lambda: z.as_strided((-2,), (1,), -1))
show("float size", lambda: z.as_strided((2.0,), (1,)))
show("float stride", lambda: z.as_strided((2,), (1.0,)))
show("int size", lambda: z.as_strided(2, 1))
show("torch float size", lambda: torch.as_strided(z, (2.0,), (1,)))
show("torch float stride", lambda: torch.as_strided(z, (2,), (1.5,)))

# An as_strided view of an overlapping as_strided view: the gradient shared out again.
a = torch.arange(6.0, requires_grad=True)
a.as_strided((3, 2), (1, 1)).as_strided((4,), (1,)).mul(torch.arange(1.0, 5.0)).sum().backward()
print(a.grad)
