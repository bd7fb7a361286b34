import torch
import torch.nn.functional as F

# A loss node shows what it keeps as PyTorch's do: y.grad_fn._saved_self, ._saved_target,
# ._saved_reduction (the C++ enum's number: none 0, mean 1, sum 2), ._saved_weight,
# ._saved_pos_weight, ._saved_beta/._saved_delta, and nll_loss's ._saved_ignore_index (the
# int64's bits read unsigned), ._saved_total_weight (0 for reduction="none").
# (minigrad: no _saved_self/_saved_target, the reduction as a string, nll's others missing.)

x = torch.tensor([0.2, 0.7, 0.4], requires_grad=True)
t = torch.tensor([0.0, 1.0, 1.0])
w = torch.tensor([1.0, 2.0, 0.5])
losses = [F.mse_loss(x, t), F.mse_loss(x * 2, t, reduction="sum"),
          F.smooth_l1_loss(x, t, beta=0.5, reduction="none"), F.huber_loss(x, t, delta=0.25),
          F.binary_cross_entropy(x, t), F.binary_cross_entropy(x, t, weight=w),
          F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=w),
          F.soft_margin_loss(x, t)]
for y in losses:
    node = y.grad_fn
    print(node.name(), node._saved_self, node._saved_self is x, node._saved_target,
          node._saved_reduction)
print(losses[4].grad_fn._saved_weight, losses[5].grad_fn._saved_weight)
print(losses[6].grad_fn._saved_pos_weight, losses[2].grad_fn._saved_beta,
      losses[3].grad_fn._saved_delta)

scores = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [0.1, 0.2, 0.3]]).log_softmax(1)
scores.requires_grad_()
target = torch.tensor([0, 2, 1])
for options in ({}, {"reduction": "sum"}, {"reduction": "none"}, {"weight": w},
                {"weight": w, "ignore_index": 2}, {"ignore_index": -7},
                {"weight": w, "reduction": "none"}):
    node = F.nll_loss(scores, target, **options).grad_fn
    print(node.name(), node._saved_self.shape, node._saved_target, node._saved_weight,
          node._saved_ignore_index, node._saved_reduction, node._saved_total_weight)
node = F.cross_entropy(scores.detach().double().requires_grad_(), target,
                       weight=w.double()).grad_fn
print(node.name(), node._saved_total_weight, node._saved_weight)
node = F.nll_loss(torch.zeros(1, 3, 2, 2, requires_grad=True),
                  torch.tensor([[[0, 1], [2, 1]]])).grad_fn
print(node.name(), node._saved_target, node._saved_total_weight, node._saved_reduction)
