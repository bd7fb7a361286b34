import torch

# Tensor.set_ (minigrad lacked it): x takes source's memory, shape and strides; x keeps its
# own version counter, which goes up; x's views taken before keep the old memory; set_() empties
# x; a leaf that requires grad is refused (not under no_grad); where x or source requires
# grad, x's grad_fn is NotImplemented, and a backward through it raises.


def attempt(label, f):
    try:
        print(label, f())
    except (RuntimeError, TypeError) as e:
        print(label, type(e).__name__, str(e).splitlines()[0])


x = torch.zeros(3)
v = x[:2]
y = torch.arange(4.0)
print(x.set_(y) is x, x.shape, x.stride(), x._version, y._version)
y[0] = 5
x[1] = 9
print(x, y, v, x._version, v._version, y._version)
print(x.set_(), x.shape, x.dtype, x._version)

x = torch.zeros(2, 3)
x.set_(torch.arange(6.0).view(2, 3).t())
print(x, x.stride(), x.is_contiguous())
x.set_(torch.arange(6.0), 1, (2, 2), (2, 1))
print(x, x.stride())
x.set_(torch.arange(6.0), 3, (3,))
print(x)

leaf = torch.zeros(3, requires_grad=True)
attempt("leaf", lambda: leaf.set_(torch.ones(2)))
attempt("leaf empty", lambda: leaf.set_())
attempt("view of leaf", lambda: leaf[:2].set_(torch.ones(4)))
with torch.no_grad():
    leaf.set_(torch.ones(2))
print(leaf, leaf._version)
attempt("dtype", lambda: torch.zeros(3, dtype=torch.int64).set_(torch.ones(2)))
attempt("dtype 2", lambda: torch.zeros(3, dtype=torch.float64).set_(torch.ones(2, dtype=torch.int32)))
attempt("number", lambda: torch.zeros(3).set_(3))
attempt("offset only", lambda: torch.zeros(3).set_(torch.ones(2), 1))

source = torch.ones(2, requires_grad=True)
x = torch.zeros(3)
x.set_(source)
print(x, x.grad_fn.name(), x.is_leaf, x.grad_fn.next_functions)
attempt("backward", lambda: x.sum().backward())
a = torch.zeros(3, requires_grad=True) * 1
a.set_(torch.ones(2))
print(a, a.requires_grad)
