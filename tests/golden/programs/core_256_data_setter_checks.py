import numpy as np
import torch

# `w.data = ...`: PyTorch takes a tensor only (a numpy array, a list or a number is refused in
# its words, where minigrad failed with numpy's AttributeError about `_data`), and refuses an
# integer or bool tensor for a tensor that requires grad (minigrad made an int64 tensor that
# requires grad). A float tensor of another shape or dtype is taken.


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, error)


w = torch.ones(2, requires_grad=True)
attempt("numpy array", lambda: setattr(w, "data", np.zeros(2)))
attempt("list", lambda: setattr(w, "data", [1.0, 2.0]))
attempt("number", lambda: setattr(w, "data", 3.0))
attempt("numpy number", lambda: setattr(w, "data", np.float64(3.0)))
attempt("int64", lambda: setattr(w, "data", torch.zeros(2, dtype=torch.long)))
attempt("bool", lambda: setattr(w, "data", torch.zeros(2, dtype=torch.bool)))
attempt("float64, 3 values", lambda: setattr(w, "data", torch.zeros(3, dtype=torch.float64)))
print(w, w.dtype, w.requires_grad)
plain = torch.ones(2)
plain.data = torch.tensor([1, 2])
print(plain, plain.dtype)
hidden = torch.ones(2, requires_grad=True) * 2
attempt("non-leaf int64", lambda: setattr(hidden, "data", torch.zeros(2, dtype=torch.long)))
p = torch.nn.Parameter(torch.ones(2))
attempt("Parameter int64", lambda: setattr(p, "data", torch.zeros(2, dtype=torch.long)))
p.data = torch.from_numpy(np.array([0.5, 1.5], dtype=np.float32))
print(p)
