import torch

# An in-place op's errors in PyTorch's order: autograd's refusals, then the op's own checks
# of its arguments (bool subtraction, addmm's shapes, a clamp bound the dtype cannot hold),
# then its kernel's: the written memory (an expanded tensor's elements share it) before the
# operands' shapes and dtypes. (minigrad gave the broadcast or cast error where PyTorch says
# the memory overlaps.) And tensor bounds of clamp that do not broadcast: PyTorch's message
# (minigrad: numpy's ValueError); masked_fill_'s names self first.


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except (RuntimeError, TypeError, ValueError) as e:
        print(label, type(e).__name__, e)


def expanded(dtype=torch.float32, **kwargs):
    return torch.ones(3, dtype=dtype, **kwargs).expand(2, 3)


attempt("add_ shape", lambda: expanded().add_(torch.ones(4)))
attempt("iadd shape", lambda: expanded().__iadd__(torch.ones(2, 4)))
attempt("mul_ shape", lambda: expanded().mul_(torch.ones(4)))
attempt("pow_ shape", lambda: expanded().pow_(torch.ones(4)))
attempt("lerp_ shape", lambda: expanded().lerp_(torch.ones(4), 0.5))
attempt("addcmul_ shape", lambda: expanded().addcmul_(torch.ones(3), torch.ones(4)))
attempt("hypot_ shape", lambda: expanded().hypot_(torch.ones(4)))
attempt("clamp_min_ shape", lambda: expanded().clamp_min_(torch.ones(4)))
attempt("float_power_ shape", lambda: expanded(torch.float64).float_power_(torch.ones(4)))
attempt("bitwise_and_ shape", lambda: expanded(torch.int64).bitwise_and_(torch.ones(4, dtype=torch.int64)))
attempt("add_ dtype", lambda: expanded(torch.int64).add_(1.5))
attempt("div_ dtype", lambda: expanded(torch.int64).div_(2))
attempt("sin_ dtype", lambda: expanded(torch.int64).sin_())
attempt("leaf view", lambda: expanded(requires_grad=True).add_(torch.ones(4)))
attempt("sub_ bool", lambda: expanded(torch.bool).sub_(torch.ones(4, dtype=torch.bool)))
attempt("addmm_ shapes", lambda: expanded().addmm_(torch.ones(2, 2), torch.ones(3, 3)))
attempt("clamp_ int bound", lambda: expanded(torch.int64).clamp_(0.5))
attempt("add_ fits", lambda: expanded().add_(torch.ones(3)))
attempt("clamp_min_", lambda: torch.ones(3).clamp_min_(torch.ones(4)))
attempt("clamp", lambda: torch.ones(3).clamp(torch.ones(4), torch.ones(2, 1)))
attempt("clamp three", lambda: torch.clamp(torch.ones(3), torch.ones(2, 3), torch.ones(4)))
attempt("clamp max", lambda: torch.ones(3).clamp(None, torch.ones(2)))
attempt("masked_fill_", lambda: torch.ones(3).masked_fill_(torch.ones(4, dtype=torch.bool), 1.0))
attempt("masked_fill", lambda: torch.ones(3).masked_fill(torch.ones(4, dtype=torch.bool), 1.0))
x = torch.ones(3).expand(2, 3)
attempt("after", lambda: print(x, x._version))
