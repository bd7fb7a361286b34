import torch

# grad_fn._saved_<name> under saved tensor hooks unpacks that one tensor, so its unpack hook
# runs once, for every op: nn's too, whose classes minigrad makes when torch.nn is first
# imported, here after the hooks were first used. (minigrad unpacked all of a convolution's
# or a norm's saved tensors there, running the hook for each.)

calls = []


def pack(t):
    return t


def unpack(t):
    calls.append(tuple(t.shape))
    return t


a = torch.ones(3, requires_grad=True) * 1
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = a * torch.full((3,), 2.0, requires_grad=True)
print(type(y.grad_fn).__name__, y.grad_fn._saved_other, calls)

import torch.nn.functional as F  # noqa: E402

x = torch.ones(1, 2, 5, requires_grad=True)
w = torch.ones(3, 2, 2, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    outs = [F.conv1d(x, w), F.layer_norm(x * 1, (5,), torch.ones(5, requires_grad=True)),
            F.group_norm(x * 1, 1, torch.ones(2, requires_grad=True))]
for out in outs:
    for name in ("input", "weight"):
        calls.clear()
        saved = getattr(out.grad_fn, f"_saved_{name}")
        print(type(out.grad_fn).__name__, name, tuple(saved.shape), calls)
