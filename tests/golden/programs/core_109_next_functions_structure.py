import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = torch.tensor([5.0, 6.0])
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)


def describe(label, out):
    nodes = []
    for node, index in out.grad_fn.next_functions:
        nodes.append((node.name() if node is not None else None, index))
    print(label, out.grad_fn.name(), nodes)


describe("cat", torch.cat([a, c, b]))
describe("stack", torch.stack([c, a]))
describe("where", torch.where(torch.tensor([True, False]), a, c))
describe("maximum", torch.maximum(a, b))
describe("matmul mv", m @ a)
describe("matmul mm", m @ m)
describe("softmax", torch.softmax(a, 0))
describe("clamp", a.clamp(0, 1))
describe("index", a[torch.tensor([1, 1])])
describe("select", m[0])
describe("max dim", m.max(1).values)
describe("clone", a.clone())
describe("sum dim", m.sum(0))
describe("pow tensor", a ** b)
describe("rsub", 1 - a)
describe("mul const", a * c)
describe("chained", (a * b).exp())
values, indices = m.max(dim=0)
print(values.grad_fn is not None, indices.grad_fn)
d = torch.zeros(2)
d.copy_(a)
describe("copy_", d)
