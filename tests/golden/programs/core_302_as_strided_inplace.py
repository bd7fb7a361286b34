import torch
from _golden import show

# x.as_strided_(size, stride, storage_offset): x itself takes the layout (same memory, version
# up), recorded as AsStridedBackward1; a view of x taken before keeps its own layout and, read
# after, its grad_fn is an AsStridedBackward0 of x; PyTorch's refusals (a leaf that requires
# grad, a layout past the memory, a float size) name as_strided_. (minigrad: no as_strided_.)


a = torch.arange(6.0, requires_grad=True)
b = a * 1
c = b.as_strided_((2, 2), (1, 2))
node = b.grad_fn
print(c, c is b, b._version, node.name(), node._saved_size, node._saved_stride,
      node._saved_storage_offset, node.next_functions[0][0].name())
(b * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(a.grad)

x = torch.arange(6.0)
v = x[1:]
print(v.as_strided_((2,), (2,)), v.storage_offset(), v.stride(), list(v.shape))
x = torch.arange(6.0)
print(x.as_strided_((2,), (2,), 1), x._version, x.storage_offset(), x.is_contiguous())
x = torch.arange(6.0)
w = x[2:4]
print(x.as_strided_((3, 2), (1, 1)), w, x.stride())

q = torch.arange(6.0, requires_grad=True)
p = q.clone()
r = p[1:]
p.as_strided_((2, 3), (3, 1))
print(r.grad_fn.name(), r, p.grad_fn.name())
(r * torch.arange(5.0)).sum().backward()
print(q.grad)

leaf = torch.arange(6.0, requires_grad=True)
show("leaf", lambda: leaf.as_strided_((2,), (1,)))
show("out of bounds", lambda: torch.arange(6.0).as_strided_((20,), (1,)))
show("float size", lambda: torch.arange(6.0).as_strided_((2.0,), (1,)))
show("int size", lambda: torch.arange(6.0).as_strided_(2, 1))
show("lengths", lambda: torch.arange(6.0).as_strided_((2, 2), (1,)))
show("detached", lambda: leaf.detach().as_strided_((3,), (2,)))
