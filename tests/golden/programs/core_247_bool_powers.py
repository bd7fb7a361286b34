import torch

# Powers with bool tensors: a number base takes the dtype the pair promotes to (2 ** mask is
# int64, 2.5 ** mask float32; minigrad kept the mask's bool dtype, so 2 ** mask printed
# tensor([True, True, True])); bools to bool powers have no kernel in PyTorch (minigrad
# computed int8), but a bool tensor to the Python power True is a copy.


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype)
    except (RuntimeError, TypeError, NotImplementedError) as error:
        print(label, type(error).__name__, error)


mask = torch.tensor([True, False, True])
for base in (2, 2.5, -1, 0, True, False):
    attempt(f"{base} ** mask", lambda: base ** mask)
    attempt(f"torch.pow({base}, mask)", lambda: torch.pow(base, mask))
for exponent in (2, 0, True, 2.5, torch.tensor(True), torch.tensor(2),
                 torch.tensor([True, True, False]), torch.tensor([2, 3, 4]),
                 torch.tensor([0.5, 2.0, 3.0])):
    attempt(f"mask ** {exponent}", lambda: mask ** exponent)
    attempt(f"mask.pow({exponent})", lambda: mask.pow(exponent))
attempt("mask.pow_(True)", lambda: mask.clone().pow_(True))
attempt("ints ** mask", lambda: torch.tensor([2, 3, 4]) ** mask)
attempt("floats ** mask", lambda: torch.tensor([2.0, 3.0, 4.0]) ** mask)
attempt("0-d int ** mask", lambda: torch.tensor(2) ** mask)
attempt("2 ** ints", lambda: 2 ** torch.tensor([1, 2, 3]))
attempt("2.5 ** ints", lambda: 2.5 ** torch.tensor([1, 2, 3]))
attempt("2 ** float64", lambda: 2 ** torch.tensor([1.0, 2.0], dtype=torch.float64))
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = 2 ** x
y.sum().backward()
print(y, x.grad)
