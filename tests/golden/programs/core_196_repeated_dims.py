# A dim named twice in a list of dims (counting negative dims from the end): the error names
# the first one repeated, for sum, mean, amax and the like.
import torch

x = torch.ones(2, 3, 4, requires_grad=True)
for dims in [(1, -2), (2, 0, -1, 0), (0, 1, 0, 1), (-1, 0, 1, 2, -3), (0, 2, -3)]:
    for name, call in [("sum", lambda d: x.sum(d)), ("mean", lambda d: x.mean(d)),
                       ("amax", lambda d: x.amax(d)), ("std", lambda d: x.std(d)),
                       ("logsumexp", lambda d: x.logsumexp(d))]:
        try:
            call(dims)
            print(dims, name, "no error")
        except RuntimeError as error:
            print(dims, name, error)
# distinct dims, negative ones included, reduce as usual
print(x.sum((0, -1)).shape, x.mean((-3, 1), keepdim=True).shape)
