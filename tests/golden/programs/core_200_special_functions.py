# erfinv, logit (eps), sinc, frac, deg2rad/rad2deg, and of two tensors copysign, nextafter,
# ldexp, heaviside (no derivative: a NotImplemented node) and float_power (float64 always, after
# a ToCopyBackward0): values, gradients, nodes, dtypes, in-place forms and PyTorch's errors.
import torch


def names(t):
    """A tensor's grad_fn (or a node), and what it points to, by name."""
    node = getattr(t, "grad_fn", t)
    if node is None:
        return None
    return node.name(), [n and n.name() for n, _ in node.next_functions]


def rounded(t, digits=5):
    return None if t is None else [round(v, digits) for v in t.double().reshape(-1).tolist()]


def attempt(label, call):
    try:
        out = call()
        print(label, out.dtype, list(out.shape), rounded(out), names(out))
    except (RuntimeError, TypeError, IndexError, NotImplementedError, AttributeError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


def gradient(label, function, *values):
    leaves = [torch.tensor(v, requires_grad=True) for v in values]
    out = function(*leaves)
    out.backward(torch.linspace(1, 2, out.numel()).reshape(out.shape).to(out.dtype))
    print(label, out.dtype, rounded(out), names(out), [rounded(leaf.grad) for leaf in leaves])


gradient("erfinv", torch.erfinv, [0.1, -0.5, 0.9, 0.999, 1.0, -1.0, 0.0])
gradient("logit", torch.logit, [0.1, 0.5, 0.95, 0.0, 1.0, 1.2, -0.1])
gradient("logit eps", lambda x: torch.logit(x, 0.2), [0.1, 0.5, 0.95, 0.0, 1.2, 0.2, 0.8])
gradient("logit eps kw", lambda x: x.logit(eps=1e-6), [1e-8, 0.5])
gradient("sinc", torch.sinc, [0.0, 0.5, 1.0, -0.3, 2.5, 1e-4])
gradient("frac", torch.frac, [1.5, -2.25, 3.0, -0.75])
gradient("deg2rad", torch.deg2rad, [30.0, 90.0, -180.0])
gradient("rad2deg", torch.rad2deg, [1.0, 0.5, -3.0])
gradient("copysign", torch.copysign, [1.5, -2.25, 0.0, 3.0, -0.0], [-1.0, 2.0, -1.0, -0.0, 1.0])
gradient("copysign number", lambda x: torch.copysign(x, -1), [1.5, -2.25, 0.0])
gradient("copysign broadcast", torch.copysign, [[1.0, -2.0], [3.0, 4.0]], [-1.0, 1.0])
gradient("nextafter", torch.nextafter, [1.5, -2.25, 0.0], [0.0, 0.0, 1.0])
gradient("ldexp", torch.ldexp, [1.5, -2.25], [1.0, 0.5])
x = torch.tensor([1.5, -2.25, 3.0], requires_grad=True)
out = torch.ldexp(x, torch.tensor([1, -1, 0]))
out.sum().backward()
print("ldexp int exponent", out, names(out), x.grad)  # 2^-1 is 0 in PyTorch's integer formula
gradient("float_power", lambda x: torch.float_power(x, 2), [1.5, -2.25])
gradient("float_power tensors", torch.float_power, [1.5, 2.25], [2.0, 0.5])
gradient("float_power number base", lambda e: torch.float_power(2, e), [2.0, 0.5])
x = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
out = torch.float_power(x, 3)
out.backward()
print("float_power float64", out, names(out), x.grad)
h = torch.tensor([1.0, 0.0, -1.0, float("nan")], requires_grad=True)
out = torch.heaviside(h, torch.tensor([0.5]))
print("heaviside", out, names(out))
try:
    out.sum().backward()
except RuntimeError as error:
    print("heaviside backward", str(error).splitlines()[0])
print(torch.logit(torch.tensor([0.1]), eps=0.05).grad_fn, torch.erfinv(torch.tensor(0.5)))

# dtypes: integers and bools computed in the default float dtype, float64 kept
i, b, f = torch.tensor([1, 2, 3]), torch.tensor([True, False]), torch.tensor([0.5, -1.5, 2.0])
for name in ("erfinv", "logit", "frac", "sinc", "deg2rad", "rad2deg"):
    function = getattr(torch, name)
    attempt(name + " int", lambda: function(i))
    attempt(name + " bool", lambda: function(b))
    attempt(name + " float64", lambda: function(f.double()))
    attempt(name + " method", lambda: getattr(f, name)())
    attempt(name + "_ method", lambda: getattr(f.clone(), name + "_")())
    attempt(name + "_ torch", lambda: getattr(torch, name + "_")(f.clone()))
    attempt(name + "_ int", lambda: getattr(i.clone(), name + "_")())
for name in ("heaviside", "copysign", "nextafter", "ldexp", "float_power"):
    function = getattr(torch, name)
    attempt(name + " floats", lambda: function(f, f))
    attempt(name + " ints", lambda: function(i, i))
    attempt(name + " int float", lambda: function(i, f))
    attempt(name + " float int", lambda: function(f, i))
    attempt(name + " number", lambda: function(f, 2))
    attempt(name + " float number", lambda: function(f, 2.5))
    attempt(name + " number first", lambda: function(2, f))
    attempt(name + " float64", lambda: function(f, f.double()))
    attempt(name + " bools", lambda: function(b, b))
    attempt(name + " method", lambda: getattr(f, name)(f))
    attempt(name + "_ method", lambda: getattr(f.clone(), name + "_")(f))
    attempt(name + "_ int", lambda: getattr(i.clone(), name + "_")(f))
    attempt(name + " shapes", lambda: function(f, torch.ones(2)))
attempt("logit_ eps", lambda: f.clone().logit_(0.1))
attempt("heaviside int number", lambda: torch.heaviside(i, 1))
attempt("heaviside int32", lambda: torch.heaviside(i, i.int()))
attempt("copysign int number", lambda: torch.copysign(i, -1))
attempt("nextafter float64 float", lambda: torch.nextafter(f.double(), f))
attempt("float_power_ float64", lambda: f.double().float_power_(2))
attempt("float_power numbers", lambda: torch.float_power(2, 3))
attempt("ldexp_ torch", lambda: torch.ldexp_(f.clone(), i))
attempt("erfinv float16", lambda: torch.erfinv(torch.tensor([0.3, -0.7], dtype=torch.float16)))
y = torch.tensor([0.5, 0.2], requires_grad=True) * 1
y.logit_(0.1)
print(names(y))
z = torch.tensor([0.5, 0.2], dtype=torch.float64, requires_grad=True) * 1
z.float_power_(2)
print(names(z), z)
# erfinv over its range, and back through erf
grid = torch.linspace(-0.999, 0.999, 21, dtype=torch.float64)
print(rounded(torch.erfinv(grid), 9), bool((torch.erf(torch.erfinv(grid)) - grid).abs().max() < 1e-12))
print(rounded(torch.erfinv(grid.float()), 5))
