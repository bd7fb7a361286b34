import warnings

import numpy as np
import torch

# NumPy 2 warns that __array__ takes no `copy` (PyTorch's takes none either, nor minigrad's);
# NumPy 1 (the oldest numpy minigrad supports) does not: not part of what is compared here.
warnings.filterwarnings("ignore", "__array__ implementation doesn't accept a copy keyword",
                        DeprecationWarning)

# Small things a learner sees: what a hook's handle is, numpy conversion of a tensor that
# requires grad (np.array and matplotlib go through __array__, as .numpy() does), truth of an
# empty tensor, and set_grad_enabled given something other than a bool.


def show(label, call):
    try:
        print(label, "->", call())
    except (RuntimeError, TypeError, ValueError) as e:
        print(label, type(e).__name__, e)


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
handle = x.register_hook(lambda grad: grad * 2)
print(type(handle), isinstance(handle, torch.utils.hooks.RemovableHandle))
print(type(torch.nn.Linear(1, 1).register_forward_hook(lambda *args: None)))
print(type((x * 2).grad_fn.register_prehook(lambda grads: None)))
print(type(torch.autograd.graph.register_multi_grad_hook([x], lambda grads: None)))

show("np.array(leaf)", lambda: np.array(x))
show("np.asarray(non-leaf)", lambda: np.asarray(x * 2))
show("np.array(detached)", lambda: np.array(x.detach()))
show("np.array(dtype)", lambda: np.array(torch.tensor([1, 2]), dtype=np.float64))
with torch.no_grad():
    show("np.array under no_grad", lambda: np.array(x))

show("bool(empty)", lambda: bool(torch.tensor([])))
show("bool(two)", lambda: bool(torch.tensor([1.0, 0.0])))
show("bool(one)", lambda: bool(torch.tensor([0.0])))

for mode in [0, None, 1.0, np.bool_(False), torch.tensor(True)]:
    show(f"set_grad_enabled({mode!r})", lambda: torch.set_grad_enabled(mode))
print(torch.is_grad_enabled())
print(torch.set_grad_enabled(False), torch.is_grad_enabled())
torch.set_grad_enabled(True)
