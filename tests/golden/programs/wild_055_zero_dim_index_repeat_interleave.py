# A 0-d index in gather/scatter (the Transforms tutorial's one-hot scatter_) and repeat_interleave
# (d2l's masked softmax): values, nodes and PyTorch's errors.
import torch
print(torch.gather(torch.arange(5), 0, torch.tensor(2)))
print(torch.zeros(5).scatter_add(0, torch.tensor(2), torch.ones(3)))
print(torch.zeros(5).scatter_(0, torch.tensor([1, 1, 3]), value=1))
print(torch.zeros(5).scatter(0, torch.tensor(4), torch.tensor([7.0, 8.0])))
print(torch.zeros(10).scatter_(0, torch.tensor(3), value=1))
print(torch.repeat_interleave(torch.tensor([[1, 2], [3, 4]]), 2), torch.repeat_interleave(torch.tensor([[1, 2], [3, 4]]), 2, dim=0), torch.repeat_interleave(torch.tensor([[1, 2], [3, 4]]), torch.tensor([1, 2]), dim=0), torch.repeat_interleave(torch.tensor([2, 1])))
x = torch.tensor([1., 2.], requires_grad=True); y = x.repeat_interleave(3); print(y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name()); y.sum().backward(); print(x.grad)
z = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True).repeat_interleave(torch.tensor([1, 2]), dim=1); print(z, z.grad_fn.name())
print(torch.tensor([[1,2],[3,4]]).repeat_interleave(torch.tensor([1,2]), dim=1, output_size=3))
print(torch.tensor([[1,2],[3,4]]).repeat_interleave(0, dim=1).shape, torch.tensor(5).repeat_interleave(2))
for bad in [lambda: torch.tensor([1,2]).repeat_interleave(torch.tensor([1,2,3])), lambda: torch.tensor([1,2]).repeat_interleave(torch.tensor([-1,2])), lambda: torch.tensor([1,2]).repeat_interleave(-1)]:
  try: bad()
  except Exception as e: print(type(e).__name__, e)
