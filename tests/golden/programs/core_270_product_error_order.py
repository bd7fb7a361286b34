import torch

# Which error a product raises when two things are wrong, and the words of each kernel's.
# PyTorch checks a product's sizes before its dtypes, but for two vectors (dot) and for
# addmm, which nn.Linear runs for a batch with a bias: there the dtypes come first, so an
# int64 batch given to a float layer is told its dtype whatever its shape. A batch on the
# right of @ broadcasts its batch dims first; bmm checks its ranks, then its sizes. (minigrad
# checked the dtypes first everywhere but addmm, where it checked them last, and gave
# numpy's ValueError for bmm's sizes and @'s batch dims.)


def attempt(label, call):
    try:
        out = call()
        print(label, "ok", tuple(out.shape), out.dtype)
    except RuntimeError as error:
        print(label, "|", error)


def ints(*shape):
    return torch.arange(torch.Size(shape).numel()).reshape(shape)


def ones(*shape, dtype=torch.float32):
    return torch.ones(shape, dtype=dtype)


torch.manual_seed(0)
layer = torch.nn.Linear(2, 3)
W, b = ones(3, 2), torch.zeros(3)
for shape in [(5,), (2,), (2, 3), (2, 2), (2, 2, 3), (2, 2, 2)]:
    attempt(f"Linear(2, 3) of int64 {shape}", lambda: layer(ints(*shape)))
    attempt(f"F.linear, no bias, int64 {shape}",
            lambda: torch.nn.functional.linear(ints(*shape), W))
attempt("addmm, int64 mat1 of wrong size", lambda: torch.addmm(b, ints(2, 3), W.T))
attempt("addmm, double self of wrong size", lambda: torch.addmm(b.double(), ones(2, 3), W.T))
attempt("addmm, 1-d int64 mat1", lambda: torch.addmm(ones(3), ints(3), ones(3, 3)))
attempt("addmm, 1-d mat1", lambda: torch.addmm(ones(3), ones(3), ones(3, 3)))
attempt("addmm, 3-d int64 mat2", lambda: torch.addmm(ones(3), ones(3, 3), ints(1, 3, 3)))

pairs = [((2, 3), (2, 3)), ((2, 3), (3, 2)), ((2, 3), (2,)), ((2, 3), (3,)), ((3,), (2,)),
         ((2,), (2, 3)), ((3,), (2, 3)), ((2, 2, 3), (2, 2, 3)), ((2, 2, 3), (2, 3, 2)),
         ((2, 2, 3), (2, 3)), ((2, 3), (2, 2, 3)), ((2, 3), (2, 3, 2)), ((2, 2, 3), (2,)),
         ((2, 2, 3), (3,)), ((3,), (2, 2, 3)), ((3,), (2, 3, 2)), ((2, 2, 2, 3), (2, 3, 2)),
         ((2, 2, 3), (3, 2, 2)), ((2, 2, 3), (3, 3, 2))]
for left, right in pairs:
    for dtype in [torch.float32, torch.int64, torch.float64]:
        name = str(dtype).rpartition(".")[2]
        attempt(f"float32 {left} @ {name} {right}", lambda: ones(*left) @ ones(*right, dtype=dtype))
attempt("mm of int64 and float, wrong sizes", lambda: torch.mm(ints(2, 3), ones(2, 3)))
attempt("mv of int64 and float, wrong sizes", lambda: torch.mv(ints(2, 3), ones(2)))
attempt("mv of int64 and float", lambda: torch.mv(ints(2, 3), ones(3)))
attempt("dot of int64 and float, wrong sizes", lambda: torch.dot(ints(3), ones(2)))
for left, right in [((2, 2, 3), (3, 3, 2)), ((2, 2, 3), (2, 2, 3)), ((2, 2, 3), (2, 3, 2)),
                    ((2, 3), (3, 2)), ((2, 2, 3), (3, 2))]:
    attempt(f"bmm int64 {left} float {right}", lambda: torch.bmm(ints(*left), ones(*right)))
    attempt(f"bmm float {left} float {right}", lambda: torch.bmm(ones(*left), ones(*right)))
