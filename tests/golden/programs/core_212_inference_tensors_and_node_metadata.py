import warnings

import torch

# What an inference tensor (made inside inference_mode) may not become outside it: a tensor
# that requires grad (requires_grad_, the attribute, nn.Parameter). Its views and detach()
# share its memory, so they are inference tensors too; autograd refuses to save them.
with torch.inference_mode():
    t = torch.ones(3)
for name, make in [("requires_grad_", lambda: t.requires_grad_()),
                   ("attribute", lambda: setattr(t, "requires_grad", True)),
                   ("Parameter", lambda: torch.nn.Parameter(t)),
                   ("Parameter(requires_grad=False)",
                    lambda: torch.nn.Parameter(t, requires_grad=False)),
                   ("requires_grad_(False)", lambda: t.requires_grad_(False))]:
    try:
        made = make()
        print(name, "ok", getattr(made, "requires_grad", None),
              getattr(made, "is_inference", lambda: None)())
    except RuntimeError as error:
        print(name, type(error).__name__, error)
print(t.detach().is_inference(), t.view(3).is_inference(), t[:2].is_inference(),
      t.unsqueeze(0).is_inference(), t.t().is_inference(), (t * 2).is_inference(),
      t.clone().is_inference())
w = torch.ones(2, 3, requires_grad=True)
for name, use in [("linear", lambda: torch.nn.functional.linear(t, w)),
                  ("mse_loss of a view", lambda: torch.nn.functional.mse_loss(w[0, :2], t[:2])),
                  ("times a view", lambda: w[0] * t.view(3))]:
    try:
        use()
        print(name, "ok")
    except RuntimeError as error:
        print(name, type(error).__name__, str(error).splitlines()[0][:60])
with torch.inference_mode():
    inside = t.requires_grad_()
print(inside.requires_grad, inside.is_inference())

# A non-leaf's .grad warns only while it has none: once assigned, it is read quietly.
x = torch.ones(3, requires_grad=True)
y = x * 2
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.grad)
    y.grad = torch.full((3,), 0.5)
    print(y.grad)
print([(w.category.__name__, str(w.message)[:60]) for w in caught])

# Each node has a metadata dict of its own.
print(y.grad_fn.metadata, (x * 3).grad_fn.metadata)
y.grad_fn.metadata["step"] = 1
print(y.grad_fn.metadata, y.grad_fn.next_functions[0][0].metadata)
