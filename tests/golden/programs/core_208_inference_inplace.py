import torch
from _golden import attempt

# An inference tensor (made inside inference_mode) has no version counter and no place in a
# graph: outside inference_mode, no in-place change of it is allowed, even under no_grad, as
# autograd could not tell who saw the old numbers. A clone is a normal tensor.
with torch.inference_mode():
    made = torch.ones(3)
    view = made[:2]
    inside = torch.ones(2)
    inside.add_(torch.ones(2), alpha=2)  # inside inference_mode: fine
    inside[0] = 5.0
print(made.is_inference(), view.is_inference(), inside)

other = torch.full((3,), 2.0)
changes = {
    "add_": lambda t: t.add_(other),
    "add_ alpha": lambda t: t.add_(other, alpha=-0.5),
    "add_ number": lambda t: t.add_(1),
    "mul_": lambda t: t.mul_(2),
    "zero_": lambda t: t.zero_(),
    "fill_": lambda t: t.fill_(4.0),
    "copy_": lambda t: t.copy_(other),
    "setitem": lambda t: t.__setitem__(0, 7.0),
    "clamp_": lambda t: t.clamp_(min=1.5),
    "addcmul_": lambda t: t.addcmul_(other, other, value=0.5),
}
for name, change in changes.items():
    attempt(f"{name}", lambda change=change: change(made))
    with torch.no_grad():
        attempt(f"{name} no_grad", lambda change=change: change(made))
attempt("view add_", lambda: view.add_(1))
print(made)

copy = made.clone()
print(copy.is_inference(), copy.add_(other, alpha=0.5))

# A normal tensor may be changed in place inside inference_mode.
normal = torch.zeros(3)
with torch.inference_mode():
    normal.add_(other, alpha=3)
    normal[1] = -1.0
print(normal, normal.is_inference())
