# addcmul/addcdiv, out of place and in place: one node each (AddcmulBackward0), gradients,
# promotion, broadcasting and PyTorch's refusals.
import torch

a = torch.tensor([[0.5, 1.0]], requires_grad=True)
t1 = torch.tensor([[2.0, 3.0]], requires_grad=True)
t2 = torch.tensor([[4.0, 5.0]])
b = a * 1
b.addcmul_(t1, t2, value=0.5)
print(b, b._version, [type(n).__name__ for n, _ in b.grad_fn.next_functions])
b.sum().backward()
print(a.grad, t1.grad)
t1.grad = None
b = a * 1
b.addcdiv_(t1, t2, value=2)
print(b)
b.sum().backward()
print(t1.grad)
t2r = t2.clone().requires_grad_()
y = torch.addcdiv(a, t1, t2r, value=-1)
y.sum().backward()
print(y, t2r.grad)
print(torch.addcmul(a, t1, t2), torch.addcdiv(a, t1, t2, value=-1),
      a.addcmul(t1, torch.tensor([1.0, 2.0])).shape)
print(torch.addcmul(torch.ones(2, dtype=torch.float64), torch.ones(2), torch.ones(2)).dtype,
      torch.addcmul(torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long),
                    torch.ones(2, dtype=torch.long), value=3))
for call in [lambda: a.addcmul_(t1, t2),
             lambda: torch.addcdiv(torch.ones(2), torch.tensor([1, 2]), torch.tensor([1, 2])),
             lambda: torch.ones(2).addcmul_(torch.ones(3), torch.ones(3))]:
    try:
        print(call())
    except RuntimeError as e:
        print(type(e).__name__, e)
