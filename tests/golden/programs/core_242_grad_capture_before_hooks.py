import torch

# autograd.grad captures the gradient that arrives at a non-leaf input. Where that input's
# node runs anyway (x, below it, is asked for too), PyTorch's engine captures the gradient as
# it arrived, before the tensor's hooks and the node's pre-hooks, which then run as the node
# does. Where the node need not run, only the tensor's hooks run, and the captured gradient
# has been through them.
for inputs in ("h, x", "h", "x"):
    x = torch.tensor(1.0, requires_grad=True)
    h = x * 2
    y = h * 3
    h.register_hook(lambda g: g * 10)
    h.grad_fn.register_prehook(lambda gs: (gs[0] * 100,))
    wanted = {"h, x": (h, x), "h": (h,), "x": (x,)}[inputs]
    print(inputs, torch.autograd.grad(y, wanted))

# retain_grad is one of those tensor hooks; backward(inputs=...) retains the grad of a
# non-leaf input and accumulates the leaves' captured gradients.
for inputs in ("h, x", "h"):
    x = torch.tensor(1.0, requires_grad=True)
    h = x * 2
    h.retain_grad()
    h.register_hook(lambda g: g * 10)
    y = h * 3
    wanted = {"h, x": (h, x), "h": (h,)}[inputs]
    print(inputs, torch.autograd.grad(y, wanted, retain_graph=True))
    y.backward(inputs=list(wanted))
    print(" backward(inputs):", h.grad, x.grad)
