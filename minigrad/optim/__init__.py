"""minigrad.optim: optimizers with PyTorch's update rules, options, state and messages.

    >>> import minigrad as torch
    >>> model = torch.nn.Linear(2, 1)
    >>> opt = torch.optim.Adam(model.parameters(), lr=0.01)
    >>> len(opt.param_groups[0]["params"])
    2
"""

from . import fast_paths, lr_scheduler  # fast_paths installs the optimizers' speed paths
from .adagrad import Adagrad
from .adam import Adam
from .adamw import AdamW
from .lbfgs import LBFGS
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["LBFGS", "SGD", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "lr_scheduler"]
