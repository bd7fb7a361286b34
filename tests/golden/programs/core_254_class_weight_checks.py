import numpy as np
import torch
import torch.nn.functional as F

# Class weights for cross_entropy / nll_loss: computed with numpy they are float64, which
# PyTorch refuses beside float32 scores ("expected scalar type Float but found Double"; minigrad
# computed the loss); a (1, C) weight is refused for (N, C) scores but taken, flat, for
# (N, C, d) scores, as PyTorch's nll_loss2d counts the weights only.


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, ValueError, IndexError) as error:
        print(label, type(error).__name__, error)


scores = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0], [0.3, -1.0, 0.0]])
labels = torch.tensor([1, 2, 0])
counts = np.bincount(labels.numpy(), minlength=3)
class_weights = torch.tensor(counts.sum() / (3 * counts))  # float64, from numpy
print(class_weights)
attempt("CrossEntropyLoss(numpy weights)",
        lambda: torch.nn.CrossEntropyLoss(weight=class_weights)(scores, labels))
attempt("... as float", lambda: torch.nn.CrossEntropyLoss(weight=class_weights.float())(
    scores, labels))
for w, target in ((torch.ones(1, 3, dtype=torch.float64), labels),
                  (torch.ones(2, dtype=torch.float64), labels),
                  (torch.ones(3, dtype=torch.float64), torch.tensor([1, 5, 0])),
                  (torch.ones(3, dtype=torch.float64), labels.int()),
                  (torch.ones(3, dtype=torch.long), labels),
                  (torch.ones(1, 3), labels),
                  (torch.tensor([1.0, 2.0, 3.0]), labels)):
    name = f"{list(w.shape)} {w.dtype}"
    attempt(f"cross_entropy {name}", lambda: F.cross_entropy(scores, target, weight=w))
    attempt(f"nll_loss {name}", lambda: F.nll_loss(scores, target, weight=w))
    attempt(f"smoothed {name}",
            lambda: F.cross_entropy(scores, target, weight=w, label_smoothing=0.1))
    attempt(f"nll_loss (N, C, 1) {name}",
            lambda: F.nll_loss(scores.unsqueeze(-1), target.unsqueeze(-1), weight=w))
probabilities = torch.tensor([[0.2, 0.3, 0.5], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
attempt("probability targets, float64 weight",
        lambda: F.cross_entropy(scores, probabilities, weight=class_weights))
