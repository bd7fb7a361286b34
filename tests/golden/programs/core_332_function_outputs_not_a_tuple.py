import torch
from _golden import show

# A custom Function whose forward returns something other than a tuple: PyTorch takes it as
# one output, a tensor or not (a numpy array, a list, a number: given back as it is), where
# minigrad iterated it as several outputs (an array's elements, "'float' object is not
# iterable").


def function(name, forward):
    """A Function of this forward whose backward passes the first gradient through."""
    return type(name, (torch.autograd.Function,),
                {"forward": staticmethod(forward),
                 "backward": staticmethod(lambda ctx, g, *rest: g)})


AsArray = function("AsArray", lambda ctx, a: a.detach().numpy() * 2)
AsList = function("AsList", lambda ctx, a: [a * 2, a * 3])
AsNumber = function("AsNumber", lambda ctx, a: a.sum().item())
Pair = function("Pair", lambda ctx, a: (a * 2, 5))
x = torch.tensor([1.0, 2.0], requires_grad=True)
for call in ["AsArray.apply(x)", "AsList.apply(x)", "AsNumber.apply(x)", "Pair.apply(x)",
             "Pair.apply(x)[0].sum().backward()", "x.grad"]:
    show(call, lambda: eval(call))
