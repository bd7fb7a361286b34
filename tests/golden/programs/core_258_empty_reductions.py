import torch
import torch.nn.functional as F

# Reductions of an empty batch (a filter that kept nothing): max/min/argmax/argmin along a dim
# of size 0 raise PyTorch's IndexError (minigrad: numpy's "attempt to get argmax of an empty
# sequence"); mse_loss of no elements is nan and its backward an empty gradient (minigrad:
# ZeroDivisionError); std, var and the losses' means say nothing more than PyTorch does
# (minigrad added numpy's "Mean of empty slice" RuntimeWarnings).


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, IndexError, ValueError, ZeroDivisionError) as error:
        print(label, type(error).__name__, error)


e = torch.zeros(0, 3, requires_grad=True)
attempt("max(0)", lambda: e.max(0))
attempt("max(-2)", lambda: e.max(-2))
attempt("min(0, keepdim)", lambda: e.min(0, keepdim=True))
attempt("t().max(1)", lambda: e.t().max(1))
attempt("max(1)", lambda: e.max(1))
attempt("argmax()", lambda: e.argmax())
attempt("argmin()", lambda: e.argmin())
attempt("argmax(0)", lambda: e.argmax(0))
attempt("torch.argmax(e, 0)", lambda: torch.argmax(e, 0))
attempt("argmin(-2)", lambda: e.argmin(-2))
attempt("argmax(1)", lambda: e.argmax(1))
attempt("std()", lambda: e.std())
attempt("var()", lambda: e.var())
attempt("std(0)", lambda: e.std(0))
attempt("var_mean()", lambda: torch.var_mean(e))
for name, loss in (("mse_loss", F.mse_loss), ("l1_loss", F.l1_loss),
                   ("binary_cross_entropy", F.binary_cross_entropy),
                   ("binary_cross_entropy_with_logits", F.binary_cross_entropy_with_logits),
                   ("smooth_l1_loss", F.smooth_l1_loss), ("huber_loss", F.huber_loss)):
    attempt(name, lambda: loss(torch.zeros(0), torch.zeros(0)))
x = torch.zeros(0, requires_grad=True)
loss = F.mse_loss(x, torch.zeros(0))
loss.backward()
print(loss, x.grad)
