# torch.cross / torch.linalg.cross / Tensor.cross: values (to the last bit: PyTorch fuses each
# component's multiply-add), LinalgCrossBackward0 and its gradients, the dim rules and errors.
import torch


def t(label, f):
    try:
        r = f(); print(label, r)
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)
a = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], requires_grad=True)
b = torch.tensor([[4.0, 5.0, 6.0], [1.0, 1.0, 1.0]], requires_grad=True)
c = torch.cross(a, b, dim=1)
print(c, c.grad_fn.name(), [n[0].name() if n[0] else None for n in c.grad_fn.next_functions])
c.backward(torch.tensor([[1.0, 0.0, 2.0], [0.5, 1.0, -1.0]]))
print(a.grad, b.grad)
t('linalg', lambda: torch.linalg.cross(a, b))
t('method', lambda: a.cross(b, dim=1))
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    t("no dim", lambda: torch.cross(a, b))
print([(w.category.__name__, str(w.message)) for w in caught])
t('no dim 3x3', lambda: torch.cross(torch.eye(3), torch.ones(3, 3)))
t('linalg dim0', lambda: torch.linalg.cross(torch.eye(3), torch.ones(3, 3), dim=0))
t('broadcast', lambda: torch.linalg.cross(torch.tensor([1.0, 0.0, 0.0]), torch.eye(3)))
t('cross broadcast', lambda: torch.cross(torch.tensor([1.0, 0.0, 0.0]), torch.eye(3)))
t('wrong size', lambda: torch.linalg.cross(torch.ones(2, 2), torch.ones(2, 2)))
t('wrong size cross', lambda: torch.cross(torch.ones(2, 2), torch.ones(2, 2)))
t('wrong size dim', lambda: torch.cross(torch.ones(3, 2), torch.ones(3, 2), dim=1))
t('shape mismatch', lambda: torch.linalg.cross(torch.ones(2, 3), torch.ones(4, 3)))
t('dim out', lambda: torch.linalg.cross(torch.ones(2, 3), torch.ones(2, 3), dim=2))
t('ints', lambda: torch.linalg.cross(torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6])))
t('mixed', lambda: torch.linalg.cross(torch.tensor([1, 2, 3]), torch.tensor([4.0, 5, 6])))
t('f64', lambda: torch.linalg.cross(torch.tensor([1, 2, 3.], dtype=torch.float64), torch.tensor([4.0, 5, 6])))
t('dims', lambda: torch.linalg.cross(torch.ones(3), torch.ones(2, 3)).shape)
t('1d linalg', lambda: torch.linalg.cross(torch.tensor([1.0, 2, 3]), torch.tensor([4.0, 5, 6])))
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.linalg.cross(x, torch.tensor([0.0, 0.0, 1.0]))
print(y, y.grad_fn.name(), y.grad_fn._saved_self, y.grad_fn._saved_other)
gx, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(gx)

for dtype in (torch.float32, torch.float64):
    p = torch.tensor([[((i * 7919 + k * 104729) % 1009) / 97.0 - 5.0 for k in range(3)]
                      for i in range(40)], dtype=dtype, requires_grad=True)
    q = torch.tensor([[((i * 6007 + k * 3001) % 1013) / 89.0 - 5.5 for k in range(3)]
                      for i in range(40)], dtype=dtype, requires_grad=True)
    r = torch.linalg.cross(p, q)
    r.backward(torch.flip(q.detach(), [0]))
    print(dtype, r.tolist()[:8], p.grad.tolist()[:4], q.grad.tolist()[:4])
    print(sum(r.tolist(), [])[::7])
