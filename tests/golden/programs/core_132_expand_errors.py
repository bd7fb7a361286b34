import torch

# expand's errors name the tensor's type and report the last dimension that cannot expand.
for x in (torch.ones(2, 2), torch.ones(2, 2, dtype=torch.float64), torch.ones(2, 2, dtype=torch.int64)):
    for sizes in ((3,), (3, 3), (2, 3), (4, 2, 2), (-1, 5)):
        try:
            print(sizes, x.expand(*sizes).shape)
        except RuntimeError as e:
            print(sizes, "->", e)
y = torch.ones(2, 1, 3, requires_grad=True)
for sizes in ((4, 5, 3), (2, 5, 3), (7, 2, 4, 3), (1, 2, 6, 3)):
    try:
        print(sizes, y.expand(sizes).shape)
    except RuntimeError as e:
        print(sizes, "->", e)
