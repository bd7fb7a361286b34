import torch

# A built-in node is callable: y.grad_fn(grad) runs its backward formula once and returns its
# inputs' gradients (one tensor for one input, else a tuple; None for an input that needs
# none), recorded under grad mode, without hooks, without summing a broadcast gradient back
# to its input's shape (minigrad's nodes were not callable).


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, error)


x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
c = torch.tensor([5.0, 6.0])
y = x * w
attempt("x * w", lambda: y.grad_fn(torch.ones(2)))
with torch.no_grad():
    attempt("under no_grad", lambda: y.grad_fn(torch.ones(2)))
attempt("float64 grad", lambda: y.grad_fn(torch.ones(2, dtype=torch.float64)))
attempt("None", lambda: y.grad_fn(None))
attempt("x * c", lambda: (x * c).grad_fn(torch.ones(2)))
attempt("x * 2", lambda: (x * 2).grad_fn(torch.ones(2)))
attempt("x + 1", lambda: (x + 1).grad_fn(torch.ones(2)))
attempt("x / w", lambda: (x / w).grad_fn(torch.ones(2)))
attempt("sum", lambda: x.sum().grad_fn(torch.tensor(1.0)))
attempt("mean", lambda: x.mean().grad_fn(torch.tensor(1.0)))
attempt("exp", lambda: x.exp().grad_fn(torch.ones(2)))
attempt("relu", lambda: x.relu().grad_fn(torch.ones(2)))
attempt("tanh", lambda: x.tanh().grad_fn(torch.ones(2)))
attempt("pow", lambda: (x ** 2).grad_fn(torch.ones(2)))
attempt("neg", lambda: (-x).grad_fn(torch.ones(2)))
attempt("view", lambda: x.view(2, 1).grad_fn(torch.ones(2, 1)))
attempt("mm", lambda: (x.view(1, 2) @ torch.ones(2, 3)).grad_fn(torch.ones(1, 3)))
attempt("broadcast", lambda: (x + torch.ones(3, 2)).grad_fn(torch.ones(3, 2)))
attempt("grad that requires grad", lambda: (x * 3).grad_fn(torch.ones(2, requires_grad=True)))
# errors
attempt("no argument", lambda: y.grad_fn())
attempt("two arguments", lambda: y.grad_fn(torch.ones(2), torch.ones(2)))
attempt("a list", lambda: y.grad_fn([torch.ones(2)]))
attempt("a number", lambda: y.grad_fn(1.0))
attempt("a keyword", lambda: y.grad_fn(grad=torch.ones(2)))
attempt("wrong shape", lambda: y.grad_fn(torch.ones(3)))
attempt("sum, wrong shape", lambda: x.sum().grad_fn(torch.ones(3)))
# several outputs: unbind's node takes one gradient per piece
a, b = torch.ones(2, 3, requires_grad=True).unbind(0)
attempt("unbind, one", lambda: a.grad_fn(torch.ones(3)))
attempt("unbind, two", lambda: a.grad_fn(torch.ones(3), torch.ones(3)))
attempt("unbind, one None", lambda: a.grad_fn(torch.ones(3), None))
attempt("unbind, None None", lambda: a.grad_fn(None, None))
m, v = torch.var_mean(torch.tensor([1.0, 2.0, 4.0], requires_grad=True))
attempt("var_mean", lambda: m.grad_fn(torch.tensor(1.0), None))
# hooks do not run; the graph is not freed; after a backward that freed it, the error
z = x * w
z.retain_grad()
z.grad_fn.register_prehook(lambda grads: print("prehook ran"))
z.grad_fn.register_hook(lambda grad_inputs, grad_outputs: print("hook ran"))
attempt("hooked", lambda: z.grad_fn(torch.ones(2)))
print("z.grad", z.grad)
z.sum().backward()
print(x.grad, w.grad)
attempt("after backward", lambda: z.grad_fn(torch.ones(2)))
attempt("x + w after backward", lambda: (lambda s: (s.sum().backward(), s.grad_fn(torch.ones(2)))[1])(x + w))
# an in-place change: CopySlices
s = x.clone()
s[0] = 5
attempt("CopySlices", lambda: s.grad_fn(torch.ones(2)))
# AccumulateGrad adds into .grad (a copy), runs post accumulate grad hooks, not tensor hooks
leaf = torch.tensor([1.0, 2.0], requires_grad=True)
leaf.register_hook(lambda grad: print("tensor hook ran"))
leaf.register_post_accumulate_grad_hook(lambda t: print("post accumulate hook", t.grad))
accumulate = (leaf * 2).grad_fn.next_functions[0][0]
g = torch.ones(2)
attempt("AccumulateGrad", lambda: accumulate(g))
g.add_(1)
print(leaf.grad)
attempt("AccumulateGrad again", lambda: accumulate(torch.ones(2)))
attempt("AccumulateGrad None", lambda: accumulate(None))
attempt("AccumulateGrad no argument", lambda: accumulate())
print(leaf.grad)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t * t

    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return 2 * t * grad


attempt("custom Function", lambda: Square.apply(x).grad_fn(torch.ones(2)))
print(callable(y.grad_fn), callable(accumulate), callable(Square.apply(x).grad_fn))
