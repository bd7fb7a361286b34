# optim.LBFGS as the docs and "fit with a closure" recipes use it: Rosenbrock with and without
# the strong Wolfe line search, a model with several parameters, state and errors.
import torch
from torch import nn, optim


def rosenbrock_run(dtype, line_search_fn, steps, **options):
    x = torch.tensor([-1.2, 1.0], dtype=dtype, requires_grad=True)
    opt = optim.LBFGS([x], line_search_fn=line_search_fn, **options)

    def closure():
        opt.zero_grad()
        loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        loss.backward()
        return loss

    for i in range(steps):
        loss = opt.step(closure)
        print(dtype, line_search_fn, i, f"{loss.item():.6e}", [f"{v:.6f}" for v in x.tolist()])
    state = opt.state[x]
    print(state["n_iter"], state["func_evals"], len(state["old_dirs"]), sorted(state))
    return opt


rosenbrock_run(torch.float64, None, 3, lr=0.5)
rosenbrock_run(torch.float64, "strong_wolfe", 3)
opt = rosenbrock_run(torch.float32, "strong_wolfe", 1, history_size=3, max_iter=4)
print(opt)

model = nn.Linear(3, 1).double()
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.1, -0.2, 0.3]]))
    model.bias.fill_(0.5)
X = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [-1.0, 0.0, 1.0], [2.0, 1.0, 0.0]], dtype=torch.float64)
y = torch.tensor([[1.0], [0.0], [-1.0], [2.0]], dtype=torch.float64)
opt = optim.LBFGS(model.parameters(), lr=1, line_search_fn="strong_wolfe")


def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    return loss


for i in range(2):
    print(f"{opt.step(closure).item():.8f}")
print(model.weight, model.bias)
print(list(opt.state_dict()["state"].keys()), opt.state_dict()["param_groups"][0]["params"])

for make in (lambda: optim.LBFGS([{"params": [model.weight]}, {"params": [model.bias]}]),
             lambda: optim.LBFGS(model.parameters(), lr=-1.0)):
    try:
        make()
    except ValueError as e:
        print(type(e).__name__, e)
try:
    optim.LBFGS(model.parameters(), line_search_fn="backtracking").step(closure)
except RuntimeError as e:
    print(type(e).__name__, e)
