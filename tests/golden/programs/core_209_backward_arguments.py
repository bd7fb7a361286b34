import warnings

import torch

# What backward() and torch.autograd.grad say about the arguments a learner gets wrong,
# checked in PyTorch's order: the gradients first (a tensor of the output's shape, or None for
# a scalar), then how many there are, then whether each output and input takes part at all.


def show(label, call):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = call()
        for w in caught:
            print(label, "warns", w.category.__name__, w.message)
        print(label, "->", result)
    except (RuntimeError, TypeError, ValueError) as e:
        print(label, type(e).__name__, e)


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)

# gradient= must be a tensor (or None): a list of numbers is refused, not converted
show("gradient list", lambda: (x * 2).backward([1.0, 1.0, 1.0]))
show("gradient float", lambda: (x * 2).sum().backward(1.0))
show("gradient shape", lambda: (x * 2).sum().backward(torch.tensor([2.0])))
show("gradient to no-grad output", lambda: torch.ones(3).backward(torch.ones(2)))
show("two outputs one gradient",
     lambda: torch.autograd.backward([(x * 2).sum(), (x * 3).sum()], [torch.tensor(1.0)]))
# autograd.grad pairs outputs and gradients as zip does: the extra gradient goes unused
show("one output two gradients",
     lambda: torch.autograd.grad([(x * 2).sum()], [x], [torch.tensor(1.0), torch.tensor(1.0)]))
show("grad_outputs list", lambda: torch.autograd.grad(x * 2, x, [1.0]))
print("x.grad", x.grad)

# backward(inputs=...): not empty; each must require grad (it is retain_grad()-ed); a
# non-leaf gets its .grad as retain_grad gives it, and reading it does not warn
show("inputs empty", lambda: (x * w).sum().backward(inputs=[]))
show("inputs no grad", lambda: (x * w).sum().backward(inputs=[torch.ones(3)]))
y = x * 2
show("inputs non-leaf", lambda: ((y * y).sum().backward(inputs=[y]), y.grad, y.retains_grad))
show("x.grad untouched", lambda: x.grad)
show("inputs dict", lambda: ((x * w).sum().backward(inputs={"w": w}), w.grad)[1])
y = x * 2
y.retain_grad()
(y * y).sum().backward(inputs=[y, x])
print("retained and asked for", y.grad, x.grad)  # once each, not twice
x.grad = w.grad = None

# the retained gradient is a copy; under create_graph a recorded one
y = x * 2
y.retain_grad()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # create_graph's reference-cycle warning
    (y * y).sum().backward(create_graph=True)
print("create_graph retain", y.grad, x.grad)
x.grad = None

# torch.autograd.grad
show("grad inputs empty", lambda: torch.autograd.grad((x * 2).sum(), []))
show("grad dict", lambda: torch.autograd.grad((x * w).sum(), {"x": x, "w": w}))
show("grad unused", lambda: torch.autograd.grad((x * 2).sum(), [x, w]))
show("materialize", lambda: torch.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True))
show("materialize create_graph",
     lambda: torch.autograd.grad((x * x).sum(), [x, w], materialize_grads=True,
                                 create_graph=True))
show("materialize allow_unused=False",
     lambda: torch.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True,
                                 allow_unused=False))
show("only_inputs", lambda: torch.autograd.grad((x * 2).sum(), x, only_inputs=False))
print("x.grad", x.grad, "w.grad", w.grad)
