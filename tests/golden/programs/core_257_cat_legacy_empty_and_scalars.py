import torch

# torch.cat as a learner's loop uses it: starting from `acc = torch.tensor([])`, PyTorch skips
# a 1-d tensor of no elements whatever the others' shapes (minigrad refused: "Tensors must have
# same number of dimensions: got 1 and 2"); 0-d tensors (losses collected in a list) are
# refused in PyTorch's words (minigrad: IndexError "tuple index out of range"), stack is the way.


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype, list(out.shape))
    except (RuntimeError, IndexError) as error:
        print(label, type(error).__name__, error)


acc = torch.tensor([])
for i in range(3):
    acc = torch.cat([acc, torch.full((1, 2), float(i))])
print(acc)
e = torch.tensor([])
x = torch.ones(2, 3)
attempt("[], x", lambda: torch.cat([e, x]))
attempt("x, []", lambda: torch.cat([x, e]))
attempt("[], x dim=1", lambda: torch.cat([e, x], dim=1))
attempt("[], x dim=-1", lambda: torch.cat([e, x], dim=-1))
attempt("[], []", lambda: torch.cat([e, e]))
attempt("[], int64", lambda: torch.cat([e, torch.ones(2, 3, dtype=torch.long)]))
attempt("int64 [], x", lambda: torch.cat([torch.tensor([], dtype=torch.long), x]))
attempt("[], x, (2, 4)", lambda: torch.cat([e, x, torch.ones(2, 4)]))
attempt("x, [], (2, 4)", lambda: torch.cat([x, e, torch.ones(2, 4)]))
attempt("[], x, (3,)", lambda: torch.cat([e, x, torch.ones(3)]))
attempt("(0, 3), x", lambda: torch.cat([torch.zeros(0, 3), x]))
attempt("(0, 2), x", lambda: torch.cat([torch.zeros(0, 2), x]))
losses = [torch.tensor(0.5, requires_grad=True), torch.tensor(0.25)]
attempt("cat(losses)", lambda: torch.cat(losses))
attempt("cat([vector, 0-d])", lambda: torch.cat([torch.ones(2), losses[1]]))
attempt("cat([[], 0-d])", lambda: torch.cat([e, losses[1]]))
attempt("stack(losses)", lambda: torch.stack(losses))
empty = torch.tensor([], requires_grad=True)
w = torch.ones(2, 3, requires_grad=True)
out = torch.cat([empty, w * 2])
print(out.grad_fn.name(), [fn.name() for fn, _ in out.grad_fn.next_functions])
out.sum().backward()
print(empty.grad, w.grad)
