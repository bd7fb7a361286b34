import torch

x = torch.tensor(1.0, requires_grad=True)


# Without parentheses, as with them: the name holds a function, and a generator's steps run
# in the mode, not only the call that makes the generator.
@torch.no_grad
def steps():
    yield (x * 2).requires_grad
    yield torch.is_grad_enabled()


@torch.enable_grad
def enabled_steps():
    yield torch.is_grad_enabled()


@torch.inference_mode
def inference_steps():
    yield torch.is_inference_mode_enabled()


print(type(steps).__name__, steps.__name__)
print(list(steps()), torch.is_grad_enabled())
with torch.no_grad():
    made = enabled_steps()
print(list(made), list(inference_steps()))


# A class decorated: PyTorch warns, and the name holds a function that makes an instance in
# the mode.
class Model:
    def __init__(self):
        self.enabled = torch.is_grad_enabled()


for decorate in (torch.no_grad, torch.no_grad()):
    made = decorate(Model)
    print(type(made).__name__, made().enabled, torch.is_grad_enabled())
