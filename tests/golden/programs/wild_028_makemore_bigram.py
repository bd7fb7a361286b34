# makemore part 1: bigram counts over a few names, normalised rows, the data's negative log
# likelihood, then the same model as a one-layer net trained by gradient descent.
import torch
import torch.nn.functional as F

words = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia", "harper", "evelyn"]
print(len(words), min(len(w) for w in words), max(len(w) for w in words))
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
N = torch.zeros((V, V), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
print(N[0], N.sum(), N.dtype)
p = N[0].float()
p = p / p.sum()
print(p)

P = (N + 1).float()
P /= P.sum(1, keepdims=True)
print(P[0].sum(), P.sum(1).shape)
log_likelihood = 0.0
n = 0
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        prob = P[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        log_likelihood += logprob
        n += 1
print(f"{log_likelihood=}")
nll = -log_likelihood
print(f"{nll=}")
print(f"{nll/n}")

xs, ys = [], []
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        xs.append(stoi[ch1])
        ys.append(stoi[ch2])
xs = torch.tensor(xs)
ys = torch.tensor(ys)
num = xs.nelement()
print("number of examples: ", num)
xenc = F.one_hot(xs, num_classes=V).float()
print(xenc.shape, xenc.dtype)
W = torch.tensor([[((i * 13 + j * 7) % 17 - 8) / 20 for j in range(V)] for i in range(V)], requires_grad=True)
for k in range(20):
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(num), ys].log().mean() + 0.01 * (W ** 2).mean()
    if k % 5 == 0:
        print(k, f"{loss.item():.5f}")
    W.grad = None
    loss.backward()
    W.data += -50 * W.grad
print(f"{loss.item():.5f}", loss.grad_fn)
