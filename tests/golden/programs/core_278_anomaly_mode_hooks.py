# Anomaly mode around a node's whole step, as PyTorch's evaluate_function runs it: a failing
# hook shows the node's forward call too, and the nan check sees what the post hooks return.
import warnings

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)


def refuse(grad):
    raise ValueError("hook refused")


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        y = x.exp()
        y.register_hook(refuse)  # a pre-hook of ExpBackward0
        try:
            y.sum().backward()
        except ValueError as e:
            print("error:", e)
        a = torch.tensor([0.0, 4.0], requires_grad=True)
        b = a.sqrt()  # its gradient at 0 is inf; times 0, nan
        b.grad_fn.register_hook(lambda grad_inputs, grad_outputs:
                                (torch.nan_to_num(grad_inputs[0], nan=0.0),))
        (b * 0).sum().backward()
        print("nan replaced by the post hook:", a.grad)
        c = torch.tensor([0.0], requires_grad=True)
        try:
            (c.sqrt() * 0).sum().backward()
        except RuntimeError as e:
            print("error:", e)
for w in caught:
    print(type(w.message).__name__, str(w.message).splitlines()[0])
