# Integer inputs where a learner forgot .float(): PyTorch's kernels refuse them, by name.
import torch
import torch.nn.functional as F
x = torch.ones(2, 3, dtype=torch.long)
for name, f in [('softmax', lambda: F.softmax(x, 1)), ('log_softmax', lambda: F.log_softmax(x, 1)), ('log_softmax0', lambda: F.log_softmax(x, 0)), ('ce', lambda: F.cross_entropy(x, torch.tensor([0,1]))),('tsoftmax', lambda: torch.softmax(x, -1)), ('xsoftmax', lambda: x.softmax(-1)), ('int32', lambda: F.log_softmax(x.int(), 1)), ('bool', lambda: F.softmax(x.bool(), 1)), ('dtype', lambda: F.softmax(x, 1, dtype=torch.float32)), ('1d', lambda: F.softmax(torch.ones(3, dtype=torch.long), 0)), ('0d', lambda: F.softmax(torch.tensor(1), 0)), ('mse', lambda: F.mse_loss(x, x)), ('nll', lambda: F.nll_loss(x, torch.tensor([0,1]))), ('sig', lambda: torch.sigmoid(x)), ('bce', lambda: F.binary_cross_entropy(x, x)), ('logsumexp', lambda: x.logsumexp(1)), ('mean', lambda: x.mean()), ('softmin', lambda: F.softmin(x, 1)), ('nn.Softmax', lambda: torch.nn.Softmax(1)(x)), ('l1', lambda: F.l1_loss(x, x)), ('ce_prob', lambda: F.cross_entropy(x, x))]:
  try: print(name, f())
  except Exception as e: print(name, type(e).__name__, e)
for name, f in [('0dfloat', lambda: F.softmax(torch.tensor(1.0), 0)), ('0dlog', lambda: F.log_softmax(torch.tensor(2.0), -1)), ('nll3d', lambda: F.nll_loss(torch.ones(2, 3, 4, dtype=torch.long), torch.zeros(2, 4, dtype=torch.long))), ('nll1d', lambda: F.nll_loss(torch.ones(3, dtype=torch.long), torch.tensor(1))), ('mse_int', lambda: F.mse_loss(x.int(), x.int())), ('mse_mixed', lambda: F.mse_loss(x, x.float())), ('bce_mixed', lambda: F.binary_cross_entropy(x.float(), x)), ('bcel', lambda: F.binary_cross_entropy_with_logits(x, x)), ('huber', lambda: F.huber_loss(x, x)), ('sl1', lambda: F.smooth_l1_loss(x, x)), ('kl', lambda: F.kl_div(x, x))]:
  try: print(name, f())
  except Exception as e: print(name, type(e).__name__, e)
for name, f in [('kl_mixed', lambda: F.kl_div(x.float(), x, reduction='sum')), ('kl_mixed2', lambda: F.kl_div(x, x.float(), reduction='sum')), ('bcel_mixed', lambda: F.binary_cross_entropy_with_logits(x, x.float())), ('sl1_mixed', lambda: F.smooth_l1_loss(x, x.float())), ('sl1_beta0', lambda: F.smooth_l1_loss(x, x, beta=0.0)), ('huber_mixed', lambda: F.huber_loss(x.float(), x))]:
  try: print(name, f())
  except Exception as e: print(name, type(e).__name__, e)
