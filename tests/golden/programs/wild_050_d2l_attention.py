# d2l 11.3 "Attention Scoring Functions": sequence masks, masked softmax with repeat_interleave,
# additive and scaled dot-product attention (weights set by a rule; dropout in eval mode).
import math

import torch
from torch import nn


def sequence_mask(X, valid_len, value=0):
    maxlen = X.size(1)
    mask = torch.arange((maxlen), dtype=torch.float32, device=X.device)[None, :] < valid_len[:, None]
    X[~mask] = value
    return X


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return nn.functional.softmax(X, dim=-1)
    shape = X.shape
    if valid_lens.dim() == 1:
        valid_lens = torch.repeat_interleave(valid_lens, shape[1])
    else:
        valid_lens = valid_lens.reshape(-1)
    X = sequence_mask(X.reshape(-1, shape[-1]), valid_lens, value=-1e6)
    return nn.functional.softmax(X.reshape(shape), dim=-1)


X = torch.arange(16.0).reshape(2, 2, 4) / 10
print(masked_softmax(X, torch.tensor([2, 3])))
print(masked_softmax(X, torch.tensor([[1, 3], [2, 4]])))
print(torch.repeat_interleave(torch.tensor([1, 2]), 2), torch.tensor([1, 2, 3]).repeat_interleave(torch.tensor([3, 0, 1])))


def fill_(module, k):
    with torch.no_grad():
        for i, p in enumerate(module.parameters()):
            n = torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape)
            p.copy_(((n * (k + i)) % 7 - 3) / 10)


class AdditiveAttention(nn.Module):
    def __init__(self, num_hiddens, dropout):
        super().__init__()
        self.W_k = nn.Linear(2, num_hiddens, bias=False)  # (d2l: nn.LazyLinear(num_hiddens, ...))
        self.W_q = nn.Linear(20, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values, valid_lens):
        queries, keys = self.W_q(queries), self.W_k(keys)
        features = queries.unsqueeze(2) + keys.unsqueeze(1)
        features = torch.tanh(features)
        scores = self.w_v(features).squeeze(-1)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return torch.bmm(self.dropout(self.attention_weights), values)


queries = torch.arange(40.0).reshape(2, 1, 20) / 40
keys = torch.ones((2, 10, 2))
values = torch.arange(40, dtype=torch.float32).reshape(1, 10, 4).repeat(2, 1, 1)
# (d2l uses [2, 6]: six weights of 1/6 make the product's last bit depend on the order the
# BLAS kernel adds in, 12.000001 on some CPUs and 12.0 on others, for PyTorch as for numpy;
# a quarter adds exactly in any order.)
valid_lens = torch.tensor([2, 4])
attention = AdditiveAttention(num_hiddens=8, dropout=0.1)
fill_(attention, 3)
attention.eval()
print(attention(queries, keys, values, valid_lens))
print(attention.attention_weights.shape, attention.attention_weights[0, 0, :3])


class DotProductAttention(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values, valid_lens=None):
        d = queries.shape[-1]
        scores = torch.bmm(queries, keys.transpose(1, 2)) / math.sqrt(d)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return torch.bmm(self.dropout(self.attention_weights), values)


queries = torch.arange(4.0).reshape(2, 1, 2) / 4
attention = DotProductAttention(dropout=0.5)
attention.eval()
print(attention(queries, keys, values, valid_lens))
print(attention.attention_weights)
