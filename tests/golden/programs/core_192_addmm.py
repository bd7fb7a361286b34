# torch.addmm(input, mat1, mat2, beta=, alpha=): beta * input + alpha * mat1 @ mat2, one
# AddmmBackward0 node whatever beta and alpha are, and its errors.
import torch

torch.manual_seed(0)
bias = torch.randn(3, requires_grad=True)
mat1 = torch.randn(2, 4, requires_grad=True)
mat2 = torch.randn(4, 3, requires_grad=True)
for beta, alpha in [(1, 1), (0.5, 2.0), (0, 1), (2, 0)]:
    out = torch.addmm(bias, mat1, mat2, beta=beta, alpha=alpha)
    out.backward(torch.ones(2, 3))
    print(beta, alpha, out.grad_fn.name(), out.detach().numpy().round(4).tolist())
    print(" grads", bias.grad.numpy().round(4).tolist(), mat1.grad.numpy().round(4).tolist(),
          mat2.grad.numpy().round(4).tolist())
    for t in (bias, mat1, mat2):
        t.grad = None
# beta=0 ignores the input, nan included; a full (2, 3) input; the method form
nan_input = torch.full((2, 3), float("nan"))
print(torch.addmm(nan_input, mat1.detach(), mat2.detach(), beta=0).isnan().any().item())
print(torch.ones(3).addmm(mat1.detach(), mat2.detach()).numpy().round(4).tolist())
x = torch.zeros(2, 3)
print(x.addmm_(mat1.detach(), mat2.detach(), alpha=0.5).shape, x._version)
for label, call in [
    ("vector mat1", lambda: torch.addmm(bias, torch.ones(4), mat2)),
    ("shapes", lambda: torch.addmm(bias, mat1, torch.ones(3, 3))),
    ("vector mat2", lambda: torch.addmm(bias, mat1, torch.ones(4))),
    ("dtypes", lambda: torch.addmm(bias, mat1, mat2.double())),
    ("mat1 dtype", lambda: torch.addmm(bias, mat1.double(), mat2)),
    ("bias dtype", lambda: torch.addmm(bias.double(), mat1, mat2)),
    ("bias shape", lambda: torch.addmm(torch.ones(4), mat1, mat2)),
    # nn.Linear's product is this addmm: a double bias on float weights is refused too
    ("linear bias dtype", lambda: torch.nn.functional.linear(
        torch.ones(2, 3), torch.ones(4, 3), torch.ones(4, dtype=torch.float64))),
]:
    try:
        call()
        print(label, "no error")
    except RuntimeError as error:
        print(label, type(error).__name__, str(error).splitlines()[0])
