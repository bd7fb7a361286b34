# Bad loss inputs: PyTorch's exception types and messages (and its broadcasting warning).
import torch
import torch.nn as nn
import torch.nn.functional as F


def attempt(fn):
    try:
        print(fn())
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.1], [0.0, 0.0, 0.0]])
attempt(lambda: F.cross_entropy(logits, torch.tensor([0.0, 1.0, 2.0, 1.0])))
attempt(lambda: F.cross_entropy(logits, torch.tensor([0, 1, 2, 1], dtype=torch.int32)))
attempt(lambda: F.cross_entropy(logits, torch.tensor([True, False, True, False])))
attempt(lambda: F.nll_loss(logits, torch.tensor([0.0, 1.0, 2.0, 1.0])))
attempt(lambda: F.cross_entropy(logits, torch.tensor([0, 1, 2])))
attempt(lambda: F.nll_loss(logits, torch.tensor([0, 1, 2])))
attempt(lambda: F.cross_entropy(logits, torch.tensor([0, 1, 3, 1])))
attempt(lambda: F.cross_entropy(logits, torch.tensor([0, -1, 2, 1])))
attempt(lambda: F.cross_entropy(logits, torch.tensor([0, 1, 2, 1]), reduction="avg"))
attempt(lambda: nn.CrossEntropyLoss(reduction="average")(logits, torch.tensor([0, 1, 2, 1])))
attempt(lambda: F.cross_entropy(torch.zeros(4, 3, 2), torch.tensor([0, 1, 2, 1])))

probs = torch.tensor([0.9, 0.2, 0.6, 0.5])
attempt(lambda: F.binary_cross_entropy(probs, torch.tensor([1, 0, 0, 1])))
attempt(lambda: F.binary_cross_entropy(probs, torch.tensor([[1.0, 0.0, 0.0, 1.0]])))
attempt(lambda: F.binary_cross_entropy(probs, torch.tensor([1.0, 0.0, 0.0])))
attempt(lambda: F.binary_cross_entropy(probs, torch.tensor([1.0, 0.0, 0.0, 1.0],
                                                         dtype=torch.float64)))
attempt(lambda: F.binary_cross_entropy(probs * 2, torch.tensor([1.0, 0.0, 0.0, 1.0])))
attempt(lambda: F.binary_cross_entropy(probs - 1, torch.tensor([1.0, 0.0, 0.0, 1.0])))
attempt(lambda: F.binary_cross_entropy_with_logits(probs, torch.tensor([[1.0, 0.0, 0.0, 1.0]])))
attempt(lambda: F.binary_cross_entropy_with_logits(probs, torch.tensor([1.0, 0.0])))
attempt(lambda: nn.BCELoss(reduction="bad")(probs, torch.tensor([1.0, 0.0, 0.0, 1.0])))

pred = torch.tensor([[1.0], [2.0], [3.0]])
# A target of a different shape broadcasts with a warning, as in PyTorch.
attempt(lambda: F.mse_loss(pred, torch.tensor([1.0, 2.0, 4.0])))
attempt(lambda: F.l1_loss(pred, torch.tensor([1.0, 2.0, 4.0])))
attempt(lambda: F.mse_loss(pred, torch.tensor([[1.0, 2.0]])))
attempt(lambda: F.mse_loss(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0])))
attempt(lambda: F.mse_loss(pred, torch.tensor([[1], [2], [4]])))
attempt(lambda: F.mse_loss(pred, pred, reduction="bad"))
