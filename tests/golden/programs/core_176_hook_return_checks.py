import torch

# What a hook returns replaces gradients, so PyTorch checks it: the type, the number of values,
# the dtype and the size, with the hook's name in the message.
x = torch.tensor([1.0, 2.0], requires_grad=True)


def attempt(label, register):
    try:
        y = x * 2
        register(y)
        y.sum().backward()
        print(label, "ok", x.grad)
    except (RuntimeError, TypeError) as err:
        print(label, type(err).__name__ + ":", err)
    x.grad = None


# grad_fn.register_hook(fn(grad_inputs, grad_outputs)): one value per next_functions entry.
attempt("post 2", lambda y: y.grad_fn.register_hook(lambda gi, go: (gi[0] * 10, None)))
attempt("post None", lambda y: y.grad_fn.register_hook(lambda gi, go: (torch.ones(2),
                                                                        torch.ones(2))))
attempt("post list", lambda y: y.grad_fn.register_hook(lambda gi, go: [torch.ones(2)]))
attempt("post tensor", lambda y: y.grad_fn.register_hook(lambda gi, go: torch.ones(2)))
attempt("post count", lambda y: y.grad_fn.register_hook(lambda gi, go: (torch.ones(2),)))
# grad_fn.register_prehook(fn(grad_outputs)): one value per output of the node.
attempt("pre", lambda y: y.grad_fn.register_prehook(lambda go: (go[0] * 5,)))
attempt("pre 2", lambda y: y.grad_fn.register_prehook(lambda go: (go[0], go[0])))
attempt("pre tensor", lambda y: y.grad_fn.register_prehook(lambda go: go[0]))
attempt("pre list", lambda y: y.grad_fn.register_prehook(lambda go: [go[0]]))
attempt("pre size", lambda y: y.grad_fn.register_prehook(lambda go: (torch.ones(3),)))
attempt("pre int", lambda y: y.grad_fn.register_prehook(lambda go: (3,)))


class Named:
    def __call__(self, grad):
        return grad.double()


def to_double(grad):
    return grad.double()


# Tensor.register_hook(fn(grad)): a tensor of the same dtype and size.
for hook in (to_double, Named(), lambda g: g.long(), lambda g: 3, lambda g: [g],
             lambda g: g[:1], lambda g: g * 2):
    attempt("tensor", lambda y: y.register_hook(hook))
    try:
        handle = x.register_hook(hook)
        (x * 2).sum().backward()
        print("leaf ok", x.grad)
    except (RuntimeError, TypeError) as err:
        print("leaf", type(err).__name__ + ":", err)
    handle.remove()
    x.grad = None


def node_hook(gi, go):
    return (gi[0].double(), None)


attempt("post dtype", lambda y: y.grad_fn.register_hook(node_hook))
attempt("post size", lambda y: y.grad_fn.register_hook(lambda gi, go: (gi[0][:1], None)))
