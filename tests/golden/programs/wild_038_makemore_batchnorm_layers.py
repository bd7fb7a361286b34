# makemore part 3: PyTorch-ified layers (Linear, BatchNorm1d, Tanh classes written by hand) with
# kaiming-style scaling, retain_grad on activations, and activation/gradient statistics.
import torch
import torch.nn.functional as F


def fixed(*shape, k=1):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * k) % 29 - 14) / 14 for i in range(n)]).reshape(shape)


class Linear:
    def __init__(self, fan_in, fan_out, k, bias=True):
        self.weight = fixed(fan_in, fan_out, k=k) / fan_in ** 0.5
        self.bias = torch.zeros(fan_out) if bias else None

    def __call__(self, x):
        self.out = x @ self.weight
        if self.bias is not None:
            self.out += self.bias
        return self.out

    def parameters(self):
        return [self.weight] + ([] if self.bias is None else [self.bias])


class BatchNorm1d:
    def __init__(self, dim, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.training = True
        self.gamma = torch.ones(dim)
        self.beta = torch.zeros(dim)
        self.running_mean = torch.zeros(dim)
        self.running_var = torch.ones(dim)

    def __call__(self, x):
        if self.training:
            xmean = x.mean(0, keepdim=True)
            xvar = x.var(0, keepdim=True)
        else:
            xmean = self.running_mean
            xvar = self.running_var
        xhat = (x - xmean) / torch.sqrt(xvar + self.eps)
        self.out = self.gamma * xhat + self.beta
        if self.training:
            with torch.no_grad():
                self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean
                self.running_var = (1 - self.momentum) * self.running_var + self.momentum * xvar
        return self.out

    def parameters(self):
        return [self.gamma, self.beta]


class Tanh:
    def __call__(self, x):
        self.out = torch.tanh(x)
        return self.out

    def parameters(self):
        return []


n_embd, n_hidden, vocab_size, block_size = 4, 16, 6, 3
C = fixed(vocab_size, n_embd, k=3)
layers = [
    Linear(n_embd * block_size, n_hidden, k=5, bias=False), BatchNorm1d(n_hidden), Tanh(),
    Linear(n_hidden, n_hidden, k=7, bias=False), BatchNorm1d(n_hidden), Tanh(),
    Linear(n_hidden, vocab_size, k=11, bias=False), BatchNorm1d(vocab_size),
]
with torch.no_grad():
    layers[-1].gamma *= 0.1
    for layer in layers[:-1]:
        if isinstance(layer, Linear):
            layer.weight *= 5 / 3
parameters = [C] + [p for layer in layers for p in layer.parameters()]
print(sum(p.nelement() for p in parameters))
for p in parameters:
    p.requires_grad = True

Xb = torch.tensor([[(i + j) % vocab_size for j in range(block_size)] for i in range(10)])
Yb = torch.tensor([(2 * i + 1) % vocab_size for i in range(10)])
for i in range(5):
    emb = C[Xb]
    x = emb.view(emb.shape[0], -1)
    for layer in layers:
        x = layer(x)
    loss = F.cross_entropy(x, Yb)
    for layer in layers:
        layer.out.retain_grad()
    for p in parameters:
        p.grad = None
    loss.backward()
    lr = 0.1
    for p in parameters:
        p.data += -lr * p.grad
    print(i, f"{loss.item():.5f}")

for i, layer in enumerate(layers[:-1]):
    if isinstance(layer, Tanh):
        t = layer.out
        print("layer %d (%10s): mean %+.2f, std %.2f, saturated: %.2f%%" % (
            i, layer.__class__.__name__, t.mean(), t.std(), (t.abs() > 0.97).float().mean() * 100))
        g = layer.out.grad
        print("layer %d (%10s): grad mean %+.4f, std %.4e" % (i, layer.__class__.__name__, round(g.mean().item(), 4) + 0.0, g.std()))
for p in parameters:
    if p.ndim == 2:
        print("weight %10s | mean %+.4f | std %.4e | grad:data ratio %.4e" % (
            tuple(p.shape), round(p.grad.mean().item(), 4) + 0.0, p.grad.std(), p.grad.std() / p.std()))
print(layers[1].running_mean[:4], layers[1].running_var[:4])
for layer in layers:
    layer.training = False
print(layers[-1](layers[-2](torch.ones(2, n_hidden))).shape)
