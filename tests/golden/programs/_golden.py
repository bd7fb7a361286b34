"""What several golden programs print the same way (imported by them; not a program itself).

It runs beside the program, with real PyTorch or with minigrad standing in for it: it only
calls tensor methods, so it needs neither.
"""


def chain(t, depth):
    """t's grad_fn and the nodes below it, by name, `depth` levels down."""
    def walk(node, d):
        if node is None or d == 0:
            return None
        return node.name(), [walk(n, d - 1) for n, _ in node.next_functions]
    return walk(t.grad_fn, depth)


def rounded(t, digits=4):
    return t.detach().double().numpy().round(digits).tolist()


def exact(t):
    """t's numbers to the last bit (as float64, which holds every float32 and float16)."""
    return t.detach().double().numpy().tolist()


def attempt(label, call, show=rounded):
    """The result of call() (its numbers as `show` gives them), or the type and first line of
    the error it raises."""
    try:
        out = call()
        print(label, out.dtype, list(out.shape), show(out))
    except (RuntimeError, TypeError, IndexError, NotImplementedError, ValueError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


def grads(*tensors):
    """Each tensor's .grad, rounded (None if it has none), cleared for the next check."""
    out = [None if t.grad is None else rounded(t.grad) for t in tensors]
    for t in tensors:
        t.grad = None
    return out


def show(label, call):
    """What call() returns, printed whole, or the type and whole message of the error it
    raises."""
    try:
        print(label, call())
    except (RuntimeError, TypeError, IndexError, NotImplementedError, ValueError) as error:
        print(label, type(error).__name__, error)
