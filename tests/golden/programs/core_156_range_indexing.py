# A Python range indexes as the list of its ints (`logits[range(n), y]`), reading and writing.
import torch

logits = torch.arange(12.0).reshape(3, 4).requires_grad_()
y = torch.tensor([1, 0, 3])
picked = logits[range(3), y]
print(picked)
picked.sum().backward()
print(logits.grad)
print(logits[range(1, 3)])
print(logits[range(0)])
print(logits[:, range(0, 4, 2)])
print(logits[range(2), range(2)])
print(torch.arange(5)[range(-2, 0)])
print(logits[range(3), y].grad_fn.name())

target = torch.zeros(3, 4)
target[range(3), y] = 1.0
print(target)
target[range(2)] = 5
print(target)
target[:, range(1, 3)] += 1
print(target)

try:
    logits[range(5)]
except IndexError as e:
    print(type(e).__name__, e)
