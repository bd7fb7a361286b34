# makemore part 2 (Bengio et al. MLP): context windows, an embedding table indexed by a 2-d
# tensor, view/unbind/cat, tanh hidden layer, F.cross_entropy, full-batch training.
import torch
import torch.nn.functional as F

words = ["emma", "olivia", "ava", "isabella", "sophia", "mia"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
V = len(stoi)
block_size = 3
X, Y = [], []
for w in words:
    context = [0] * block_size
    for ch in w + ".":
        ix = stoi[ch]
        X.append(context)
        Y.append(ix)
        context = context[1:] + [ix]
X = torch.tensor(X)
Y = torch.tensor(Y)
print(X.shape, X.dtype, Y.shape, Y.dtype)


def fixed(*shape, k=1):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * k) % 23 - 11) / 23 for i in range(n)]).reshape(shape)


C = fixed(V, 2, k=5)
print(C[5], C[torch.tensor([5, 6, 7])], C[X].shape)
emb = C[X]
print(torch.cat([emb[:, 0, :], emb[:, 1, :], emb[:, 2, :]], 1).shape)
print(torch.cat(torch.unbind(emb, 1), 1).shape)
a = torch.arange(18)
print(a.view(2, 9), a.view(3, 3, 2).shape, a.view(9, 2).is_contiguous())
print(emb.view(-1, 6).equal(torch.cat(torch.unbind(emb, 1), 1)))

W1 = fixed(6, 50, k=7)
b1 = fixed(50, k=3) * 0.1
W2 = fixed(50, V, k=11) * 0.5
b2 = torch.zeros(V)
parameters = [C, W1, b1, W2, b2]
print(sum(p.nelement() for p in parameters))
for p in parameters:
    p.requires_grad = True

for i in range(30):
    emb = C[X]
    h = torch.tanh(emb.view(-1, 6) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Y)
    if i % 10 == 0:
        counts = logits.exp()
        prob = counts / counts.sum(1, keepdims=True)
        manual = -prob[torch.arange(len(Y)), Y].log().mean()
        print(i, f"{loss.item():.6f}", torch.allclose(manual, loss))
    for p in parameters:
        p.grad = None
    loss.backward()
    lr = 0.1 if i < 20 else 0.01
    for p in parameters:
        p.data += -lr * p.grad
print(f"{loss.item():.6f}")
print(h.shape, logits.shape)
