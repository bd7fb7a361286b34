import torch
import torch.nn.functional as F

# A loss weight of the wrong shape (per-sample weights given as (N,) for an (N, C) output):
# PyTorch's errors (binary_cross_entropy expands the weight to the target's size first, the
# with-logits loss multiplies by weight and pos_weight), where minigrad let numpy's
# ValueError through or, for a pos_weight with more dims, computed a loss; and
# torch.broadcast_shapes naming the mismatching argument as it was given.


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, ValueError) as error:
        print(label, type(error).__name__, error)


p = torch.full((3, 2), 0.6)
t = torch.ones(3, 2)
for w in (torch.ones(3), torch.ones(3, 1), torch.ones(2), torch.ones(1, 2), torch.ones(4, 3, 2),
          torch.ones(2, 3, 2), torch.ones(2, 1, 1)):
    shape = tuple(w.shape)
    attempt(f"bce weight {shape}", lambda: F.binary_cross_entropy(p, t, weight=w))
    attempt(f"BCELoss weight {shape}", lambda: torch.nn.BCELoss(weight=w)(p, t))
    attempt(f"with logits weight {shape}",
            lambda: F.binary_cross_entropy_with_logits(p, t, weight=w))
    attempt(f"with logits pos_weight {shape}",
            lambda: F.binary_cross_entropy_with_logits(p, t, pos_weight=w))
for shapes in ([(3, 2), (3,)], [torch.Size([3, 2]), torch.Size([3])], [(3, 2), [3]],
               [(2,), 3], [3, (2,)], [(4, 1), (1, 3), (2, 1, 1)], [(2, 3), (2, 1), (3, 3)]):
    attempt(f"broadcast_shapes{tuple(shapes)}", lambda: torch.broadcast_shapes(*shapes))
