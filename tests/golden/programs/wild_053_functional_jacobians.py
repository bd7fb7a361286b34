# torch.autograd.functional as its docs and the "Jacobians, Hessians" tutorials use it:
# jacobian/hessian/vjp/jvp/hvp/vhp of small fixed functions, create_graph and vectorize.
import torch
from torch.autograd.functional import hessian, hvp, jacobian, jvp, vhp, vjp


def exp_reducer(x):
    return x.exp().sum(dim=1)


inputs = torch.tensor([[0.1, -0.2], [0.3, 0.4]], dtype=torch.float64)
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True).grad_fn is not None)


def exp_adder(x, y):
    return 2 * x.exp() + 3 * y


inputs = (torch.tensor([0.5, -1.0], dtype=torch.float64), torch.tensor([1.0, 2.0], dtype=torch.float64))
print(jacobian(exp_adder, inputs))
print(jacobian(exp_adder, inputs, vectorize=True))


def pow_reducer(x):
    return x.pow(3).sum()


inputs = torch.tensor([[1.0, 2.0], [-1.0, 0.5]], dtype=torch.float64)
print(hessian(pow_reducer, inputs).shape, hessian(pow_reducer, inputs)[1, 1])


def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()


inputs = (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
print(hessian(pow_adder_reducer, inputs))
v = torch.ones(2, 2)
print(vjp(exp_reducer, torch.tensor([[0.1, 0.2], [0.3, 0.4]]), torch.ones(2)))
print(jvp(exp_reducer, torch.tensor([[0.1, 0.2], [0.3, 0.4]]), v))
print(hvp(pow_reducer, torch.tensor([[1.0, 2.0], [3.0, 4.0]]), v))
print(vhp(pow_reducer, torch.tensor([[1.0, 2.0], [3.0, 4.0]]), v))


def linear_model(w):
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return torch.tanh(x @ w)


w = torch.tensor([0.1, -0.2, 0.05])
J = jacobian(linear_model, w)
print(J.shape, J)
