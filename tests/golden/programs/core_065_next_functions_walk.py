import torch

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
k = torch.tensor(4.0)
out = (a * b + a.exp() * k).sum() / 2


def walk(node, depth=0):
    if node is None:
        print("  " * depth + "None")
        return
    extra = ""
    if hasattr(node, "variable"):
        v = node.variable
        extra = " variable=" + ("a" if v is a else "b" if v is b else "?")
    print("  " * depth + node.name() + extra)
    for child, index in node.next_functions:
        walk(child, depth + 1)


walk(out.grad_fn)
print(out.grad_fn.next_functions[0][0].next_functions)
