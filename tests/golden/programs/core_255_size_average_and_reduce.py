import torch
import torch.nn.functional as F

# The pre-1.0 loss arguments old tutorials pass, size_average (mean, else sum) and reduce
# (reduce at all): PyTorch turns them into a reduction with a warning (minigrad refused them as
# unexpected keywords, or took and ignored them: smooth_l1_loss(size_average=False) averaged).


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, TypeError, ValueError) as error:
        print(label, type(error).__name__, error)


x = torch.tensor([[0.2, 0.7], [0.9, 0.4]])
t = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
labels = torch.tensor([1, 0])
for size_average, reduce in ((False, None), (True, None), (None, False), (False, True),
                             (True, False), (None, True)):
    kwargs = dict(size_average=size_average, reduce=reduce)
    print("--", kwargs)
    attempt("MSELoss", lambda: torch.nn.MSELoss(**kwargs)(x, t))
    attempt("mse_loss", lambda: F.mse_loss(x, t, **kwargs))
    attempt("L1Loss", lambda: torch.nn.L1Loss(**kwargs)(x, t))
    attempt("CrossEntropyLoss", lambda: torch.nn.CrossEntropyLoss(**kwargs)(x, labels))
    attempt("cross_entropy", lambda: F.cross_entropy(x, labels, **kwargs))
    attempt("NLLLoss", lambda: torch.nn.NLLLoss(**kwargs)(x.log(), labels))
    attempt("BCELoss", lambda: torch.nn.BCELoss(**kwargs)(x, t))
    attempt("binary_cross_entropy", lambda: F.binary_cross_entropy(x, t, **kwargs))
    attempt("BCEWithLogitsLoss", lambda: torch.nn.BCEWithLogitsLoss(**kwargs)(x, t))
    attempt("SmoothL1Loss", lambda: torch.nn.SmoothL1Loss(**kwargs)(x, t))
    attempt("smooth_l1_loss", lambda: F.smooth_l1_loss(x, t, **kwargs))
    attempt("SoftMarginLoss", lambda: torch.nn.SoftMarginLoss(**kwargs)(x, t * 2 - 1))
    attempt("MarginRankingLoss",
            lambda: torch.nn.MarginRankingLoss(0.1, **kwargs)(x[0], x[1], torch.tensor([1.0, -1.0])))
# Positionally, as PyTorch orders them: nll_loss(input, target, weight, size_average, ...).
attempt("F.mse_loss(x, t, False)", lambda: F.mse_loss(x, t, False))
attempt("F.nll_loss(x, labels, None, False)", lambda: F.nll_loss(x.log(), labels, None, False))
attempt("nn.CrossEntropyLoss(None, False)", lambda: torch.nn.CrossEntropyLoss(None, False)(x, labels))
print(torch.nn.MSELoss(size_average=False).reduction, torch.nn.MSELoss().reduction)
