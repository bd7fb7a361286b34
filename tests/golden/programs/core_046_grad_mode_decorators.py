import torch

x = torch.tensor(1.0, requires_grad=True)


@torch.no_grad()
def f(t):
    return t * 2, torch.is_grad_enabled()


@torch.no_grad
def f_bare(t):
    return t * 2


@torch.enable_grad()
def g(t):
    return t * 2


@torch.set_grad_enabled(False)
def h(t):
    return t * 2


out, enabled = f(x)
print(out, enabled, torch.is_grad_enabled())
print(f_bare(x))
with torch.no_grad():
    print(g(x))
    print(x * 2)
print(h(x), torch.is_grad_enabled())
print(f.__name__, g.__name__, h.__name__)


@torch.no_grad()
def gen():
    yield torch.is_grad_enabled()
    yield torch.is_grad_enabled()


print(list(gen()), torch.is_grad_enabled())
