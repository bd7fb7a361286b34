# LayerNorm and BatchNorm refuse parameters or running statistics of another dtype than
# their float32 or float64 input ("mixed dtype (CPU)"), as a model moved to double and fed
# float data meets them (layer_norm checks the dtypes before the shapes, batch_norm after the
# sizes). Matching dtypes normalise as usual.
import torch
import torch.nn.functional as F

x = torch.arange(12.0).reshape(4, 3) / 7
for label, call in [
    ("layer_norm, double weight", lambda: F.layer_norm(x, (3,), torch.ones(3, dtype=torch.float64))),
    ("layer_norm, double bias", lambda: F.layer_norm(x, (3,), None, torch.zeros(3).double())),
    ("layer_norm, double input", lambda: F.layer_norm(x.double(), (3,), torch.ones(3))),
    ("layer_norm, double weight of a wrong shape", lambda: F.layer_norm(x, (3,), torch.ones(2).double())),
    ("layer_norm, input of a wrong shape", lambda: F.layer_norm(x, (4,), torch.ones(4).double())),
    ("LayerNorm().double() on float", lambda: torch.nn.LayerNorm(3).double()(x)),
    ("batch_norm, double weight", lambda: F.batch_norm(
        x, torch.zeros(3), torch.ones(3), torch.ones(3).double(), training=True)),
    ("batch_norm, double running_mean", lambda: F.batch_norm(
        x, torch.zeros(3).double(), torch.ones(3), training=True)),
    ("batch_norm, double running stats, eval", lambda: F.batch_norm(
        x, torch.zeros(3).double(), torch.ones(3).double())),
    ("batch_norm, double input", lambda: F.batch_norm(
        x.double(), torch.zeros(3), torch.ones(3), training=True)),
    ("batch_norm, double running_mean of a wrong size", lambda: F.batch_norm(
        x, torch.zeros(2).double(), torch.ones(3), training=True)),
    ("BatchNorm1d().double() on float", lambda: torch.nn.BatchNorm1d(3).double()(x)),
    ("BatchNorm1d().double() on double", lambda: torch.nn.BatchNorm1d(3).double()(x.double())),
    ("LayerNorm on float", lambda: torch.nn.LayerNorm(3)(x)),
]:
    try:
        out = call()
        print(label, out.dtype, out.detach().double().numpy().round(4).tolist())
    except RuntimeError as error:
        print(label, type(error).__name__, str(error).splitlines()[0])
# Parameters that disagree among themselves: the first one given decides the message.
d, f = torch.ones(3, dtype=torch.float64), torch.ones(3)
for label, call in [
    ("layer_norm, float weight, double bias", lambda: F.layer_norm(x, (3,), f, d)),
    ("layer_norm, double input, double weight, float bias",
     lambda: F.layer_norm(x.double(), (3,), d, f)),
    ("batch_norm, double input, float stats, double weight",
     lambda: F.batch_norm(x.double(), f, f, d, training=True)),
    ("batch_norm, float input, double stats, float weight",
     lambda: F.batch_norm(x, d, d, f, training=True)),
    ("group_norm, float weight, double bias", lambda: F.group_norm(x.view(4, 3, 1), 3, f, d)),
    ("instance_norm, double input, float running stats",
     lambda: F.instance_norm(x.double().view(2, 3, 2), f.clone(), f.clone())),
]:
    try:
        out = call()
        print(label, out.dtype, out.detach().double().numpy().round(4).tolist())
    except RuntimeError as error:
        print(label, type(error).__name__, str(error).splitlines()[0])
