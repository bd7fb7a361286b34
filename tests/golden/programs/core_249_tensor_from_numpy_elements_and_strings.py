import numpy as np
import torch

# torch.tensor of a list holding numpy scalars, numpy arrays or tensors: each element keeps
# its dtype, and all promote together, Python numbers counting as int64, the default float or
# bool (minigrad made [np.mean(a), np.std(a)] float32 and a list of float64 arrays float32,
# kept int32 beside a Python int); a list of arrays warns once that it is slow; strings, a
# number beside a list, and numpy arrays of strings or objects get PyTorch's errors.


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype)
    except (RuntimeError, TypeError, ValueError) as error:
        print(label, type(error).__name__, error)


a = np.array([1.0, 2.0, 4.0])
attempt("[np.mean, np.std]", lambda: torch.tensor([np.mean(a), np.std(a)]))
attempt("[np.float64, 1]", lambda: torch.tensor([np.float64(1.5), 1]))
attempt("[1.0, np.float64]", lambda: torch.tensor([1.0, np.float64(1.5)]))
attempt("[np.float32, 1.5]", lambda: torch.tensor([np.float32(1), 1.5]))
attempt("[np.int32] x2", lambda: torch.tensor([np.int32(1), np.int32(2)]))
attempt("[np.int32, 2]", lambda: torch.tensor([np.int32(1), 2]))
attempt("[np.int32, 2.5]", lambda: torch.tensor([np.int32(1), 2.5]))
attempt("[np.uint8] x2", lambda: torch.tensor([np.uint8(1), np.uint8(200)]))
attempt("[np.bool_, True]", lambda: torch.tensor([np.bool_(True), True]))
attempt("[[np.float64], [2.0]]", lambda: torch.tensor([[np.float64(1.0)], [2.0]]))
attempt("[float64 arrays]", lambda: torch.tensor([a, a * 2]))
attempt("[float64 array] again", lambda: torch.tensor([a]))
attempt("[float32 array]", lambda: torch.tensor([a.astype(np.float32)]))
attempt("[int32 array]", lambda: torch.tensor([np.array([1, 2], dtype=np.int32)]))
attempt("[int64 array, list]", lambda: torch.tensor([np.array([1, 2]), [3.5, 4]]))
attempt("[list, float64 array]", lambda: torch.tensor([[3.5, 4], np.array([1.0, 2.0])]))
attempt("[arrays] dtype=float32", lambda: torch.tensor([a], dtype=torch.float32))
attempt("[arrays of 2 shapes]", lambda: torch.tensor([np.zeros(3), np.zeros(2)]))
attempt("[int32 tensor, 2]", lambda: torch.tensor([torch.tensor(1, dtype=torch.int32), 2]))
attempt("[float64 tensor, 2.0]",
        lambda: torch.tensor([torch.tensor(1.0, dtype=torch.float64), 2.0]))
attempt("[int32 tensors]", lambda: torch.tensor([torch.tensor(1, dtype=torch.int32)] * 2))
attempt("as_tensor [np.float64]", lambda: torch.as_tensor([np.float64(1.5)]))
attempt("FloatTensor [np.float64]", lambda: torch.FloatTensor([np.float64(1.5)]))
attempt("0-d array first", lambda: torch.tensor([np.array(2.5), 1]))
attempt("0-d array second", lambda: torch.tensor([1, np.array(2.5)]))

# Strings (labels read from a CSV, say) and other things that are no numbers.
attempt("'a'", lambda: torch.tensor("a"))
attempt("['a', 'b']", lambda: torch.tensor(["cat", "dog"]))
attempt("[['a']]", lambda: torch.tensor([["a"]]))
attempt("['1.5']", lambda: torch.tensor(["1.5"]))
attempt("[1, 'a']", lambda: torch.tensor([1, "a"]))
attempt("['a', 1]", lambda: torch.tensor(["a", 1]))
attempt("[[], 'a']", lambda: torch.tensor([[], "a"]))
attempt("['a'] float32", lambda: torch.tensor(["a"], dtype=torch.float32))
attempt("[1, 'a'] float32", lambda: torch.tensor([1, "a"], dtype=torch.float32))
attempt("[1, 'a'] int64", lambda: torch.tensor([1, "a"], dtype=torch.int64))
attempt("FloatTensor(['a'])", lambda: torch.FloatTensor(["a"]))
attempt("as_tensor(['a'])", lambda: torch.as_tensor(["a"]))
attempt("b'ab'", lambda: torch.tensor(b"ab"))
attempt("[b'a']", lambda: torch.tensor([b"a"]))
attempt("np strings", lambda: torch.tensor(np.array(["cat", "dog"])))
attempt("np objects", lambda: torch.tensor(np.array([1, 2], dtype=object)))
attempt("from_numpy strings", lambda: torch.from_numpy(np.array(["a"])))
attempt("np datetimes", lambda: torch.tensor(np.array(["2020-01-01"], dtype="datetime64[D]")))

# A number beside a list, or a list beside a number.
attempt("[1, [2]]", lambda: torch.tensor([1, [2]]))
attempt("[1.0, [2.0]]", lambda: torch.tensor([1.0, [2.0]]))
attempt("[True, [1]]", lambda: torch.tensor([True, [1]]))
attempt("[[1], 2]", lambda: torch.tensor([[1], 2]))
attempt("[1, (2,)]", lambda: torch.tensor([1, (2,)]))
attempt("[[1, 2], [3, [4]]]", lambda: torch.tensor([[1, 2], [3, [4]]]))
attempt("[1, [2]] float32", lambda: torch.tensor([1, [2]], dtype=torch.float32))
attempt("[[1, 2], [3]]", lambda: torch.tensor([[1, 2], [3]]))
