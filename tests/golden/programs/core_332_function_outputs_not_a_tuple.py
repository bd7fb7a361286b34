import torch
from _golden import show

# A custom Function whose forward returns something other than a tuple: PyTorch takes it as
# one output, a tensor or not (a numpy array, a list, a number: given back as it is), where
# minigrad iterated it as several outputs (an array's elements, "'float' object is not
# iterable").


def t(src):
    show(src, lambda: eval(src))


class AsArray(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a.detach().numpy() * 2
    @staticmethod
    def backward(ctx, g):
        return g
class AsList(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return [a * 2, a * 3]
    @staticmethod
    def backward(ctx, g):
        return g
class AsNumber(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a.sum().item()
    @staticmethod
    def backward(ctx, g):
        return g
class Pair(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2, 5
    @staticmethod
    def backward(ctx, g, h):
        return g
x = torch.tensor([1.0, 2.0], requires_grad=True)
t("AsArray.apply(x)")
t("AsList.apply(x)")
t("AsNumber.apply(x)")
t("Pair.apply(x)")
t("Pair.apply(x)[0].sum().backward()")
t("x.grad")
