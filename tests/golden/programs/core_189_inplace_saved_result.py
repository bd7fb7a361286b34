# Known gaps: an in-place change after sigmoid_/tanh_/sqrt_/exp_... (ops whose backward uses their
# result) is caught at backward with PyTorch's message; torch.Tensor() is empty with shape [0].
import torch


def t(label, f):
    try:
        r = f(); print(label, r)
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)
for name in ["sigmoid_", "tanh_", "sqrt_", "exp_", "rsqrt_", "reciprocal_", "sin_", "log_", "abs_", "square_", "expm1_", "relu_", "neg_", "pow_"]:
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = x * 1
    r = getattr(y, name)(*( (2,) if name == 'pow_' else ()))
    print(name, y.grad_fn.name(), y._version)
    y.mul_(2)
    t("  backward after mul_", lambda: y.sum().backward())
    t("  x.grad", lambda: x.grad)
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 1
y.sigmoid_()
z = y * 3
t('sigmoid_ then other use', lambda: (z.sum().backward(), x.grad))
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 1
y.exp_(); y.exp_()
t('exp_ twice', lambda: (y.sum().backward(), x.grad))
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 1
y.sigmoid_()
t('saved result', lambda: (y.grad_fn._saved_result, y.grad_fn._saved_result is y))
y.add_(1)
t('saved result after add_', lambda: y.grad_fn.next_functions[0][0]._saved_result)
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 1
torch.sigmoid_(y)
y[0] = 5
t('index assign after sigmoid_', lambda: y.sum().backward())
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 1
y.tanh_()
with torch.no_grad():
    y.zero_()
t('zero_ under no_grad after tanh_', lambda: y.sum().backward())
print(repr(torch.Tensor()), torch.Tensor().shape, torch.Tensor().dtype, torch.Tensor(2, 3).shape,
      torch.Tensor([1, 2]), torch.Tensor(0).shape)
