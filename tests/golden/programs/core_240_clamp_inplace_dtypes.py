import torch

# clamp_ (clamp_min_, clamp_max_, and clip_, which minigrad lacked) on an integer tensor with
# a float bound: with a number bound PyTorch's error names the dtype by its C++ type
# ("long int", "short int", "unsigned char"...), with tensor bounds by its name ("Long").


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, AttributeError) as error:
        print(label, type(error).__name__, error)


for dtype in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
    t = torch.tensor([1, 2, 3], dtype=dtype)
    attempt(f"{dtype} clamp_(0.5)", lambda: t.clone().clamp_(0.5))
    attempt(f"{dtype} clamp_(max=2.5)", lambda: t.clone().clamp_(max=2.5))
    attempt(f"{dtype} clamp_min_(0.5)", lambda: t.clone().clamp_min_(0.5))
    attempt(f"{dtype} clamp_max_(0.5)", lambda: t.clone().clamp_max_(0.5))
    attempt(f"{dtype} clip_(0.5, 2.5)", lambda: t.clone().clip_(0.5, 2.5))
    attempt(f"{dtype} clamp_(tensor)", lambda: t.clone().clamp_(torch.tensor(0.5)))
    attempt(f"{dtype} clamp_(1, 2)", lambda: t.clone().clamp_(1, 2))
    attempt(f"{dtype} clip_(max=2)", lambda: t.clone().clip_(max=2))
attempt("bool clamp_(0.5)", lambda: torch.tensor([True]).clamp_(0.5))
x = torch.tensor([-1.0, 0.5, 2.0])
attempt("float clip_", lambda: x.clone().clip_(0.0, 1.0))
attempt("float clip_ tensors", lambda: x.clone().clip_(torch.tensor(0.0), torch.tensor([1.0, 0.2, 1.0])))
y = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True) * 1
y.clip_(0.0, 1.0)
print(y)
