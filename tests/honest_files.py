"""Honest answers to the tasks held to the source rule (course/specs/grader_out_of_reach.py), in
the styles learners write, each a whole file: the answer given, and the exercise's reference
for the file's other functions (a file with one task done, the rest as the reference does it).

``HONEST`` maps a name to (exercise, the task the answer is for, its code). The code comes
first in the file, so its imports (``from __future__`` too) open it.
"""

from __future__ import annotations

import ast
import textwrap

from course import engine
from course.tasks import exercise


def whole_file(eid: str, answer: str) -> str:
    """``answer`` followed by the reference's top-level functions and classes it does not
    define itself (and the reference's imports, as a learner's file keeps the stub's), then
    the answer's script part (``if __name__ == "__main__":``), which closes a file."""
    answer, guard, script = textwrap.dedent(answer).partition('\nif __name__ == "__main__":')
    reference = (engine.SOLUTIONS / exercise(eid).filename).read_text()
    defined = {node.name for node in ast.parse(answer).body
               if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    kept = [ast.get_source_segment(reference, node) for node in ast.parse(reference).body
            if not (isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in defined)
            and not isinstance(node, ast.Expr)]
    return answer + "\n\n" + "\n\n\n".join(kept) + "\n\n" + guard + script


HONEST: dict[str, tuple[str, str, str]] = {
    # ---- ex03: derivative, second_derivative, Cube, vjp
    "beginner's derivative with prints": ("ex03", "derivative", """
        import minigrad as torch

        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            y = f(x)
            print("y is", y)
            y.backward()
            print(f"grad at {x0}: {x.grad}")
            return x.grad.item()
        """),
    "derivative with float(x.grad)": ("ex03", "derivative", """
        import minigrad as torch

        def derivative(f, x0):
            x = torch.tensor(float(x0), requires_grad=True)
            f(x).backward()
            return float(x.grad)
        """),
    "derivative with type hints and future annotations": ("ex03", "derivative", """
        from __future__ import annotations

        from typing import Callable

        import minigrad as torch

        def derivative(f: Callable[[torch.Tensor], torch.Tensor], x0: float) -> float:
            x: torch.Tensor = torch.tensor(x0, requires_grad=True)
            f(x).backward()
            assert x.grad is not None, "backward left no gradient"
            return x.grad.item()
        """),
    "derivative with torch.float64 and a docstring example": ("ex03", "derivative", '''
        import minigrad as torch

        def derivative(f, x0):
            """f'(x0) by backward().

            >>> derivative(lambda x: x ** 2, 3.0)
            6.0
            """
            x = torch.tensor(x0, dtype=torch.float32, requires_grad=True)
            out = f(x)
            out.backward()
            return x.grad.item()
        '''),
    "derivative with a walrus": ("ex03", "derivative", """
        import minigrad as torch

        def derivative(f, x0):
            (y := f(x := torch.tensor(x0, requires_grad=True))).backward()
            return x.grad.item()
        """),
    "derivative with try/except around backward": ("ex03", "derivative", """
        import minigrad as torch

        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            try:
                f(x).backward()
            except RuntimeError as error:
                print("backward failed:", error)
                raise
            return x.grad.item()
        """),
    "derivative with a global call counter": ("ex03", "derivative", """
        import minigrad as torch

        calls = 0

        def derivative(f, x0):
            global calls
            calls += 1
            x = torch.tensor(x0, requires_grad=True)
            f(x).backward()
            return x.grad.item()
        """),
    "derivative with import torch by habit, then fixed with an alias": ("ex03", "derivative", """
        import minigrad
        import minigrad as torch

        def derivative(f, x0):
            x = minigrad.tensor(x0, requires_grad=True)
            f(x).backward()
            return x.grad.item()
        """),
    "second derivative with a nested function": ("ex03", "second_derivative", """
        import minigrad as torch

        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)

            def first(x):
                (g,) = torch.autograd.grad(f(x), x, create_graph=True)
                return g

            return torch.autograd.grad(first(x), x)[0].item()
        """),
    "second derivative with from minigrad.autograd import grad": ("ex03", "second_derivative", """
        from minigrad.autograd import grad

        import minigrad as torch

        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            dy = grad(f(x), x, create_graph=True)[0]
            d2y = grad(dy, x)[0]
            return d2y.item()
        """),
    "second derivative with functools.partial": ("ex03", "second_derivative", """
        from functools import partial

        import minigrad as torch

        differentiable = partial(torch.autograd.grad, create_graph=True)

        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            (g,) = differentiable(f(x), x)
            (g2,) = torch.autograd.grad(g, x)
            return g2.item()
        """),
    "second derivative with backward then grad": ("ex03", "second_derivative", """
        import minigrad as torch

        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            y = f(x)
            g, = torch.autograd.grad(y, [x], create_graph=True)
            g.backward()
            return x.grad.item()
        """),
    "Cube with micrograd names in a comment and a helper class": ("ex03", "Cube", """
        import minigrad as torch


        class Cube(torch.autograd.Function):
            # like micrograd's _backward, but with ctx
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * x * x

            @staticmethod
            def backward(ctx, grad_output):
                x, = ctx.saved_tensors
                return grad_output * (3 * x * x)
        """),
    "Cube from minigrad.autograd import Function": ("ex03", "Cube", """
        from minigrad.autograd import Function


        class Cube(Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x.pow(3)

            @staticmethod
            def backward(ctx, grad_output):
                (x,) = ctx.saved_tensors
                return grad_output.mul(x.pow(2)).mul(3)
        """),
    "Cube with a module constant and math": ("ex03", "Cube", """
        import math

        import minigrad as torch

        POWER = 3


        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** POWER

            @staticmethod
            def backward(ctx, grad_output):
                (x,) = ctx.saved_tensors
                return grad_output * POWER * x ** (POWER - 1) * math.cos(0.0)
        """),
    "the reference's Cube checked with gradcheck in a main()": ("ex03", "Cube", """
        import sys

        import minigrad as torch


        def main() -> int:
            x = torch.randn(3, dtype=torch.float64, requires_grad=True)
            print(torch.autograd.gradcheck(Cube.apply, (x,)))
            return 0


        if __name__ == "__main__":
            sys.exit(main())
        """),
    "Cube with needs_input_grad": ("ex03", "Cube", """
        import minigrad as torch


        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, grad_output):
                (x,) = ctx.saved_tensors
                if not ctx.needs_input_grad[0]:
                    return None
                return grad_output * 3 * x ** 2
        """),
    "vjp with backward's gradient by keyword and a clone": ("ex03", "vjp", """
        import minigrad as torch

        def vjp(f, x, v):
            y = f(x)
            y.backward(gradient=v)
            return x.grad.clone()
        """),
    "vjp with torch.autograd.backward": ("ex03", "vjp", """
        import minigrad as torch

        def vjp(f, x, v):
            out = f(x)
            torch.autograd.backward(out, grad_tensors=v)
            return x.grad
        """),
    "vjp as a lambda": ("ex03", "vjp", """
        import minigrad as torch

        def vjp(f, x, v):
            run = lambda: f(x).backward(v)  # noqa: E731
            run()
            return x.grad
        """),
    "vjp with star import": ("ex03", "vjp", """
        from minigrad import *

        def vjp(f, x, v):
            f(x).backward(gradient=v)
            return x.grad
        """),
    "vjp with x.grad zeroed first": ("ex03", "vjp", """
        import minigrad as torch

        def vjp(f, x, v):
            if x.grad is not None:
                x.grad.zero_()
            f(x).backward(v)
            return x.grad
        """),

    # ---- ex05: grad_after_n, accumulate
    "grad_after_n with a range and retain_graph": ("ex05", "grad_after_n", """
        def grad_after_n(y, x, n):
            for i in range(n):
                y.backward(retain_graph=i < n - 1)
            return x.grad
        """),
    "grad_after_n with a while loop": ("ex05", "grad_after_n", """
        def grad_after_n(y, x, n):
            count = 0
            while count < n:
                count += 1
                y.backward(retain_graph=True)
            return x.grad
        """),
    "grad_after_n with itertools.repeat": ("ex05", "grad_after_n", """
        import itertools

        def grad_after_n(y, x, n):
            for _ in itertools.repeat(None, n):
                y.backward(retain_graph=True)
            return x.grad
        """),
    "grad_after_n with a match statement": ("ex05", "grad_after_n", """
        def grad_after_n(y, x, n):
            match n:
                case 0:
                    return x.grad
                case _:
                    for _ in range(n):
                        y.backward(retain_graph=True)
            return x.grad
        """),
    "grad_after_n with an assert": ("ex05", "grad_after_n", """
        import minigrad as torch

        def grad_after_n(y, x, n):
            assert n >= 2, f"n must be at least 2, got {n}"
            assert y.dim() == 0
            for _ in range(n - 1):
                y.backward(retain_graph=True)
            y.backward()
            return x.grad
        """),
    "accumulate with numpy's ceil": ("ex05", "accumulate", """
        import numpy as np

        def accumulate(w, xs, ys, size):
            n = xs.shape[0]
            for k in range(int(np.ceil(n / size))):
                xb = xs[k * size:(k + 1) * size]
                yb = ys[k * size:(k + 1) * size]
                (((xb @ w - yb) ** 2).sum() / n).backward()
        """),
    "accumulate with math.ceil and a list of batches": ("ex05", "accumulate", """
        import math

        def accumulate(w, xs, ys, size):
            n = len(xs)
            batches = [(xs[i * size:(i + 1) * size], ys[i * size:(i + 1) * size])
                       for i in range(math.ceil(n / size))]
            for xb, yb in batches:
                loss = ((xb @ w - yb) ** 2).mean()
                (loss * len(yb) / n).backward()
        """),
    "accumulate with torch.split and zip": ("ex05", "accumulate", """
        import minigrad as torch

        def accumulate(w, xs, ys, size):
            total = ys.shape[0]
            for xb, yb in zip(torch.split(xs, size), torch.split(ys, size)):
                weight = yb.shape[0] / total
                (weight * ((xb @ w - yb) ** 2).mean()).backward()
        """),
    "accumulate with a generator helper": ("ex05", "accumulate", """
        from typing import Iterator

        def micro_batches(xs, ys, size) -> Iterator[tuple]:
            for start in range(0, len(ys), size):
                yield xs[start:start + size], ys[start:start + size]

        def accumulate(w, xs, ys, size):
            n = len(ys)
            for xb, yb in micro_batches(xs, ys, size):
                ((xb @ w - yb) ** 2).sum().div(n).backward()
        """),

    # ---- ex06: train, zero_grads
    "train with p.grad = None and enumerate": ("ex06", "train", """
        import minigrad as torch

        def train(w, b, batches, lr, every):
            for i, (x, y) in enumerate(batches):
                w.grad = None
                pred = x @ w + b
                loss = ((pred - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if (i + 1) % every == 0:
                        b -= lr * b.grad
                        b.grad = None
        """),
    "train with grad.zero_() and a step counter": ("ex06", "train", """
        import minigrad as torch

        def train(w, b, batches, lr, every):
            step = 0
            for x, y in batches:
                step += 1
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    w.grad.zero_()
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad.zero_()
        """),
    "train with a class of its own": ("ex06", "train", """
        import minigrad as torch


        class LinearTrainer:
            def __init__(self, w, b, lr, every):
                self.w, self.b = w, b
                self.lr = lr
                self.every = every
                self.steps = 0

            def loss(self, x, y):
                return ((x @ self.w + self.b - y) ** 2).mean()

            def step(self, x, y):
                self.steps += 1
                self.w.grad = None
                self.loss(x, y).backward()
                with torch.no_grad():
                    self.w -= self.lr * self.w.grad
                    if self.steps % self.every == 0:
                        self.b -= self.lr * self.b.grad
                        self.b.grad = None


        def train(w, b, batches, lr, every):
            trainer = LinearTrainer(w, b, lr, every)
            for x, y in batches:
                trainer.step(x, y)
        """),
    "train with torch.no_grad as a decorator": ("ex06", "train", """
        import minigrad as torch


        @torch.no_grad()
        def update(p, lr):
            p -= lr * p.grad


        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                update(w, lr)
                if step % every == 0:
                    update(b, lr)
                    b.grad = None
        """),
    "the reference's train tried by an argparse script part": ("ex06", "train", """
        import argparse
        import time

        import numpy as np

        import minigrad as torch


        if __name__ == "__main__":
            parser = argparse.ArgumentParser()
            parser.add_argument("--every", type=int, default=2)
            args = parser.parse_args()
            torch.manual_seed(0)
            w = torch.zeros(3, requires_grad=True)
            b = torch.tensor(0.0, requires_grad=True)
            start = time.perf_counter()
            train(w, b, [(torch.randn(4, 3), torch.randn(4))] * 5, 0.1, args.every)
            print(np.round(w.detach().numpy(), 3), time.perf_counter() - start)
        """),
    "train with the data attribute read for printing": ("ex06", "train", """
        import minigrad as torch


        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, start=1):
                w.grad = None
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                print(step, loss.item(), w.data, b.grad)
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad = None
        """),
    "train with sub_ and a contextlib.nullcontext": ("ex06", "train", """
        import contextlib

        import minigrad as torch


        def train(w, b, batches, lr, every, debug=False):
            for step, (x, y) in enumerate(batches, start=1):
                w.grad = None
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad() if not debug else contextlib.nullcontext():
                    w.sub_(lr * w.grad)
                    if step % every == 0:
                        b.sub_(lr * b.grad)
                        b.grad = None
        """),
    "zero_grads with a ternary": ("ex06", "zero_grads", """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if p.grad is None:
                    continue
                p.grad = None if set_to_none else p.grad.zero_()
        """),
    "zero_grads with fill_ and no_grad": ("ex06", "zero_grads", """
        import minigrad as torch

        def zero_grads(params, set_to_none=True):
            with torch.no_grad():
                for p in params:
                    if p.grad is not None:
                        if set_to_none:
                            p.grad = None
                        else:
                            p.grad.fill_(0.0)
        """),
    "zero_grads with mul_ and a list comprehension": ("ex06", "zero_grads", """
        def zero_grads(params, set_to_none=True):
            with_grads = [p for p in params if p.grad is not None]
            for p in with_grads:
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.mul_(0)
        """),
    "zero_grads with setattr by a literal name": ("ex06", "zero_grads", """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    setattr(p, "grad", None)
                elif getattr(p, "grad") is not None:
                    p.grad.zero_()
        """),
    "zero_grads with a detach_ first, as PyTorch's optimizer": ("ex06", "zero_grads", """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if p.grad is not None:
                    if set_to_none:
                        p.grad = None
                    else:
                        if p.grad.grad_fn is not None:
                            p.grad.detach_()
                        else:
                            p.grad.requires_grad_(False)
                        p.grad.zero_()
        """),

    # ---- ex07: sgd_step, clip_grad_norm
    "sgd_step with sub_ and alpha": ("ex07", "sgd_step", """
        import minigrad as torch

        def sgd_step(params, lr):
            with torch.no_grad():
                for p in params:
                    p.sub_(p.grad, alpha=lr)
        """),
    "sgd_step with add_ and a negated lr": ("ex07", "sgd_step", """
        import minigrad as torch

        def sgd_step(params, lr):
            for p in params:
                with torch.no_grad():
                    p.add_(-lr * p.grad)
        """),
    "sgd_step with copy_": ("ex07", "sgd_step", """
        import minigrad as torch

        def sgd_step(params, lr):
            with torch.no_grad():
                for p in params:
                    p.copy_(p - lr * p.grad)
        """),
    "sgd_step with no_grad imported by name": ("ex07", "sgd_step", """
        from minigrad import no_grad

        def sgd_step(params, lr):
            with no_grad():
                for param in params:
                    param -= lr * param.grad
        """),
    "sgd_step with a class-based optimizer of its own": ("ex07", "sgd_step", """
        import minigrad as torch


        class PlainSGD:
            \"\"\"A tiny optimizer, like torch.optim.SGD without momentum.\"\"\"

            def __init__(self, params, lr):
                self.params = list(params)
                self.lr = lr

            def step(self):
                with torch.no_grad():
                    for p in self.params:
                        p -= self.lr * p.grad

            def __repr__(self):
                return f"PlainSGD(lr={self.lr}, {len(self.params)} params)"


        def sgd_step(params, lr):
            PlainSGD(params, lr).step()
        """),
    "sgd_step with the decorator form of no_grad": ("ex07", "sgd_step", """
        import minigrad as torch

        @torch.no_grad()
        def sgd_step(params, lr):
            for p in params:
                p -= lr * p.grad
        """),
    "clip_grad_norm with math.sqrt and a generator": ("ex07", "clip_grad_norm", """
        import math

        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            grads = [p.grad for p in params if p.grad is not None]
            total = math.sqrt(sum(float((g * g).sum()) for g in grads))
            if total > max_norm:
                scale = max_norm / total
                with torch.no_grad():
                    for g in grads:
                        g.mul_(scale)
            return total
        """),
    "clip_grad_norm with torch.norm and stack": ("ex07", "clip_grad_norm", """
        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            grads = [p.grad for p in params if p.grad is not None]
            norms = torch.stack([torch.norm(g) for g in grads])
            total = torch.norm(norms).item()
            if total > max_norm:
                for g in grads:
                    g.mul_(max_norm / total)
            return total
        """),
    "clip_grad_norm with numpy on detached grads": ("ex07", "clip_grad_norm", """
        import numpy as np

        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            grads = [p.grad for p in params if p.grad is not None]
            total = float(np.sqrt(sum((g.detach().numpy() ** 2).sum() for g in grads)))
            if total > max_norm:
                with torch.no_grad():
                    for g in grads:
                        g *= max_norm / total
            return total
        """),
    "clip_grad_norm with functools.reduce and operator.add": ("ex07", "clip_grad_norm", """
        import functools
        import operator

        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            grads = [p.grad for p in params if p.grad is not None]
            squares = functools.reduce(operator.add, [(g ** 2).sum() for g in grads])
            total = squares.sqrt().item()
            if total > max_norm:
                with torch.no_grad():
                    for g in grads:
                        g.mul_(max_norm / total)
            return total
        """),
    "clip_grad_norm with the epsilon PyTorch adds": ("ex07", "clip_grad_norm", """
        import minigrad as torch

        EPS = 1e-6

        def clip_grad_norm(params, max_norm: float) -> float:
            grads = [p.grad for p in params if p.grad is not None]
            if not grads:
                return 0.0
            total = torch.sqrt(sum(g.pow(2).sum() for g in grads)).item()
            coef = max_norm / (total + EPS)
            if coef < 1:
                with torch.no_grad():
                    for g in grads:
                        g.mul_(coef)
            return total
        """),
    "clip_grad_norm with p.grad.data": ("ex07", "clip_grad_norm", """
        import math

        def clip_grad_norm(params, max_norm):
            total_sq = 0.0
            for p in params:
                if p.grad is not None:
                    total_sq += (p.grad.data ** 2).sum().item()
            total = math.sqrt(total_sq)
            if total > max_norm:
                for p in params:
                    if p.grad is not None:
                        p.grad.data.mul_(max_norm / total)
            return total
        """),

    # ---- ex08: to_numpy, straight_through_sign, td_grad
    "to_numpy with detach().cpu().numpy()": ("ex08", "to_numpy", """
        def to_numpy(t):
            return t.detach().cpu().numpy()
        """),
    "to_numpy with a copy and np.asarray": ("ex08", "to_numpy", """
        import numpy as np

        def to_numpy(t):
            return np.asarray(t.detach().numpy()).copy()
        """),
    "to_numpy with copy.deepcopy": ("ex08", "to_numpy", """
        import copy

        def to_numpy(t):
            return copy.deepcopy(t.detach().numpy())
        """),
    "to_numpy with clone and tolist": ("ex08", "to_numpy", """
        import numpy as np

        def to_numpy(t):
            values = t.detach().clone().tolist()
            return np.array(values, dtype=np.float32)
        """),
    "straight_through_sign with torch.where": ("ex08", "straight_through_sign", """
        import minigrad as torch

        def straight_through_sign(x):
            hard = torch.sign(x)
            soft = torch.clamp(x, min=-1, max=1)
            return soft + (hard - soft).detach()
        """),
    "straight_through_sign with hardtanh": ("ex08", "straight_through_sign", """
        import minigrad as torch
        import minigrad.nn.functional as F

        def straight_through_sign(x):
            y = F.hardtanh(x)
            return y - y.detach() + torch.sign(x).detach()
        """),
    "straight_through_sign with import minigrad.nn as nn": ("ex08", "straight_through_sign", """
        import minigrad as torch
        import minigrad.nn as nn

        clip = nn.Hardtanh()

        def straight_through_sign(x):
            clipped = clip(x)
            return clipped + (x.sign() - clipped).detach()
        """),
    "straight_through_sign with a random check in main": ("ex08", "straight_through_sign", """
        import random

        import minigrad as torch

        def straight_through_sign(x):
            clipped = x.clamp(-1.0, 1.0)
            return clipped + (torch.sign(x) - clipped).detach()

        def main():
            random.seed(1)
            x = torch.tensor([random.uniform(-2, 2) for _ in range(5)], requires_grad=True)
            straight_through_sign(x).sum().backward()
            print(x, x.grad)

        if __name__ == "__main__":
            main()
        """),
    "td_grad with a no_grad target": ("ex08", "td_grad", """
        import minigrad as torch

        def td_grad(w, x, x_next, r, gamma):
            q = x @ w
            with torch.no_grad():
                target = r + gamma * (x_next @ w)
            loss = ((q - target) ** 2).mean()
            loss.backward()
            return w.grad
        """),
    "td_grad with F.mse_loss": ("ex08", "td_grad", """
        import minigrad.nn.functional as F

        def td_grad(w, x, x_next, r, gamma):
            q = x @ w
            target = (r + gamma * (x_next @ w)).detach()
            F.mse_loss(q, target).backward()
            return w.grad
        """),
    "td_grad with a detached copy of w": ("ex08", "td_grad", """
        def td_grad(w, x, x_next, r, gamma):
            frozen_w = w.detach()
            target = r + gamma * (x_next @ frozen_w)
            loss = ((x @ w - target) ** 2).mean()
            loss.backward()
            return w.grad
        """),
    "td_grad with nn.MSELoss and a NamedTuple": ("ex08", "td_grad", """
        from typing import NamedTuple

        from minigrad import nn


        class Transition(NamedTuple):
            x: object
            x_next: object
            r: object


        def td_grad(w, x, x_next, r, gamma):
            batch = Transition(x, x_next, r)
            target = (batch.r + gamma * batch.x_next @ w).detach()
            nn.MSELoss()(batch.x @ w, target).backward()
            return w.grad
        """),
    "td_grad with leftover stub lines": ("ex08", "td_grad", '''
        def td_grad(w, x, x_next, r, gamma):
            """A temporal-difference loss: q = x @ w, target = r + gamma * (x_next @ w) and
            loss = ((q - target) ** 2).mean(), where the target is treated as a constant.
            """
            # raise NotImplementedError
            q = x @ w
            target = r + gamma * (x_next @ w).detach()
            loss = ((q - target) ** 2).mean()
            loss.backward()
            return w.grad
            raise NotImplementedError
        '''),

    # ---- ex09: fit
    "fit with the training_step it calls and a running mean": ("ex09", "fit", """
        import minigrad as torch
        from minigrad import nn, optim

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for epoch in range(epochs):
                total = 0.0
                for x, y in batches:
                    optimizer.zero_grad()
                    loss = loss_fn(model(x), y)
                    loss.backward()
                    optimizer.step()
                    total += loss.item()
                history.append(total / len(batches))
                print(f"epoch {epoch}: {history[-1]:.4f}")
            return history
        """),
    "fit with statistics.mean": ("ex09", "fit", """
        import statistics

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                losses = []
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    losses.append(loss)
                history.append(statistics.mean(losses))
            return history
        """),
    "fit with a Trainer class": ("ex09", "fit", """
        import minigrad as torch


        class Trainer:
            def __init__(self, model, loss_fn, optimizer):
                self.model = model
                self.loss_fn = loss_fn
                self.optimizer = optimizer
                self.history: list[float] = []

            def run_epoch(self, batches):
                total = 0.0
                for x, y in batches:
                    self.optimizer.zero_grad()
                    loss = self.loss_fn(self.model(x), y)
                    loss.backward()
                    self.optimizer.step()
                    total += loss.detach().item()
                self.history.append(total / len(batches))


        def fit(model, loss_fn, optimizer, batches, epochs):
            trainer = Trainer(model, loss_fn, optimizer)
            for _ in range(epochs):
                trainer.run_epoch(batches)
            return trainer.history
        """),
    "fit with collections.defaultdict logging": ("ex09", "fit", """
        from collections import defaultdict

        def fit(model, loss_fn, optimizer, batches, epochs):
            log = defaultdict(list)
            for epoch in range(epochs):
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    log[epoch].append(loss)
            return [sum(log[e]) / len(log[e]) for e in range(epochs)]
        """),
    "fit with model.train() and numpy's mean": ("ex09", "fit", """
        import numpy as np

        def fit(model, loss_fn, optimizer, batches, epochs):
            model.train()
            history = []
            for _ in range(epochs):
                epoch_losses = np.zeros(len(batches))
                for i, (x, y) in enumerate(batches):
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    epoch_losses[i] = loss
                history.append(float(epoch_losses.mean()))
            return history
        """),
    "fit with the time module and a progress print": ("ex09", "fit", """
        import time

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            start = time.time()
            for epoch in range(1, epochs + 1):
                total = 0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.append(total / len(batches))
                print(f"[{time.time() - start:.1f}s] epoch {epoch}/{epochs}")
            return history
        """),
    "fit with an lru_cache'd helper and a reduce": ("ex09", "fit", """
        from functools import lru_cache, reduce

        @lru_cache(maxsize=None)
        def describe(epochs: int) -> str:
            return f"{epochs} epochs"

        def fit(model, loss_fn, optimizer, batches, epochs):
            print("training for", describe(epochs))
            history = []
            for _ in range(epochs):
                losses = []
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    losses.append(loss)
                history.append(reduce(lambda a, b: a + b, losses) / len(losses))
            return history
        """),
    "fit with zip over itertools.count": ("ex09", "fit", """
        import itertools

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for epoch in itertools.islice(itertools.count(), epochs):
                total = 0.0
                for step, (x, y) in zip(itertools.count(1), batches):
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.append(total / step)
            return history
        """),
    "fit with getattr over a list of names": ("ex09", "fit", """
        def fit(model, loss_fn, optimizer, batches, epochs):
            for name in ["train"]:
                getattr(model, name)()
            history = []
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.append(total / len(batches))
            return history
        """),
    "fit with a dataclass of its own for the history": ("ex09", "fit", """
        from dataclasses import dataclass, field


        @dataclass
        class History:
            losses: list = field(default_factory=list)

            def add(self, value: float) -> None:
                self.losses.append(value)


        def fit(model, loss_fn, optimizer, batches, epochs):
            history = History()
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.add(total / len(batches))
            return history.losses
        """),
    "fit with vars(self) in a debugging repr": ("ex09", "fit", """
        class EpochLog:
            def __init__(self):
                self.epochs = 0
                self.losses = []

            def __repr__(self):
                return f"EpochLog({vars(self)})"


        def fit(model, loss_fn, optimizer, batches, epochs):
            log = EpochLog()
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                log.epochs += 1
                log.losses.append(total / len(batches))
            return log.losses
        """),
    "fit with self.__dict__ in a debugging repr": ("ex09", "fit", """
        class EpochLog:
            def __init__(self):
                self.losses = []

            def __repr__(self):
                return f"EpochLog({self.__dict__})"


        def fit(model, loss_fn, optimizer, batches, epochs):
            log = EpochLog()
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                log.losses.append(total / len(batches))
            return log.losses
        """),
    "the reference's fit with matplotlib imported at the top for a plot": ("ex09", "fit", """
        import matplotlib.pyplot as plt

        if __name__ == "__main__":
            plt.plot(fit(None, None, None, [], 0))
            plt.show()
        """),
    # ---- more styles: classes of one's own, typing, enum, abc, properties, state dicts
    "derivative with Optional and isinstance checks": ("ex03", "derivative", """
        from typing import Optional

        import minigrad as torch

        def derivative(f, x0: float) -> float:
            x = torch.tensor(x0, requires_grad=True)
            y = f(x)
            if not isinstance(y, torch.Tensor):
                raise TypeError(f"f returned {type(y).__name__}, not a tensor")
            y.backward()
            grad: Optional[torch.Tensor] = x.grad
            return 0.0 if grad is None else grad.item()
        """),
    "Cube with an Enum of modes and a staticmethod helper": ("ex03", "Cube", """
        from enum import Enum

        import minigrad as torch


        class Mode(Enum):
            EXACT = "exact"


        class Cube(torch.autograd.Function):
            mode = Mode.EXACT

            @staticmethod
            def derivative(x):
                return 3 * x ** 2

            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, grad_output):
                (x,) = ctx.saved_tensors
                return grad_output * Cube.derivative(x)
        """),
    "vjp with hasattr and a debug print of grad_fn": ("ex03", "vjp", """
        def vjp(f, x, v):
            y = f(x)
            if hasattr(y, "grad_fn"):
                print("graph:", y.grad_fn, y.grad_fn.next_functions)
            y.backward(v)
            return x.grad
        """),
    "train with an abc base class and a property": ("ex06", "train", """
        from abc import ABC, abstractmethod

        import minigrad as torch


        class Schedule(ABC):
            @abstractmethod
            def due(self, step: int) -> bool: ...


        class Every(Schedule):
            __slots__ = ("every",)

            def __init__(self, every):
                self.every = every

            def due(self, step):
                return step % self.every == 0

            @property
            def period(self):
                return self.every


        def train(w, b, batches, lr, every):
            schedule = Every(every)
            for step, (x, y) in enumerate(batches, start=1):
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if schedule.due(step):
                        b -= lr * b.grad
                        b.grad = None
        """),
    "zero_grads with getattr over a tuple of names in a constant": ("ex06", "zero_grads", """
        GRAD_FIELDS = ("grad",)

        def zero_grads(params, set_to_none=True):
            for p in params:
                for field_name in GRAD_FIELDS:
                    if getattr(p, field_name) is None:
                        continue
                    if set_to_none:
                        p.grad = None
                    else:
                        getattr(p, field_name).zero_()
        """),
    "sgd_step with a manual_seed call and a super().__init__": ("ex07", "sgd_step", """
        import minigrad as torch

        torch.manual_seed(0)


        class Step:
            def __init__(self, lr):
                self.lr = lr

        class SGDStep(Step):
            def __init__(self, lr):
                super().__init__(lr)

            def __call__(self, params):
                with torch.no_grad():
                    for p in params:
                        p -= self.lr * p.grad


        def sgd_step(params, lr):
            SGDStep(lr)(params)
        """),
    "clip_grad_norm with warnings and math.isfinite": ("ex07", "clip_grad_norm", """
        import math
        import warnings

        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            grads = [p.grad for p in params if p.grad is not None]
            total = math.sqrt(sum((g ** 2).sum().item() for g in grads))
            if not math.isfinite(total):
                warnings.warn("non-finite gradient norm")
            if total > max_norm:
                with torch.no_grad():
                    for g in grads:
                        g *= max_norm / total
            return total
        """),
    "clip_grad_norm with a sort by operator.itemgetter": ("ex07", "clip_grad_norm", """
        import operator

        import minigrad as torch

        def clip_grad_norm(params, max_norm):
            pairs = [(i, p.grad) for i, p in enumerate(params) if p.grad is not None]
            pairs.sort(key=operator.itemgetter(0))
            total = sum(float(g.pow(2).sum()) for _, g in pairs) ** 0.5
            if total > max_norm:
                with torch.no_grad():
                    for _, g in pairs:
                        g.mul_(max_norm / total)
            return total
        """),
    "to_numpy with vars(self) in an f-string of a helper class": ("ex08", "to_numpy", """
        class Snapshot:
            def __init__(self, t):
                self.values = t.detach().numpy()

            def __repr__(self):
                return f"Snapshot({vars(self)})"


        def to_numpy(t):
            snap = Snapshot(t)
            print(snap)
            return snap.values
        """),
    "straight_through_sign with a where-based mask": ("ex08", "straight_through_sign", """
        import minigrad as torch

        def straight_through_sign(x):
            inside = (x.abs() <= 1).to(x.dtype)
            passthrough = x * inside
            return passthrough + (torch.sign(x) - passthrough).detach()
        """),
    "td_grad with x.grad None check and requires_grad_ left alone": ("ex08", "td_grad", """
        import minigrad as torch

        def td_grad(w, x, x_next, r, gamma):
            prediction = torch.matmul(x, w)
            bootstrap = torch.matmul(x_next, w).detach()
            target = r + gamma * bootstrap
            loss = torch.mean((prediction - target) ** 2)
            loss.backward()
            assert w.grad is not None
            return w.grad
        """),
    "fit with best weights kept by copy.deepcopy of a state_dict": ("ex09", "fit", """
        import copy

        def fit(model, loss_fn, optimizer, batches, epochs):
            history, best, best_state = [], float("inf"), None
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.append(total / len(batches))
                if history[-1] < best:
                    best, best_state = history[-1], copy.deepcopy(model.state_dict())
            print("best epoch loss", best, "kept", best_state is not None)
            return history
        """),
    "fit reading the learning rate from param_groups": ("ex09", "fit", """
        def fit(model, loss_fn, optimizer, batches, epochs):
            lr = optimizer.param_groups[0]["lr"]
            history = []
            for epoch in range(epochs):
                running = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    running += loss
                history.append(running / len(batches))
                print(f"epoch {epoch} lr {lr} loss {history[-1]:.3f}")
            return history
        """),
    "the reference's fit with a script part reading sys.argv": ("ex09", "fit", """
        import sys

        import minigrad as torch
        from minigrad import nn, optim


        if __name__ == "__main__":
            epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
            model = nn.Linear(2, 1)
            data = [(torch.randn(8, 2), torch.randn(8, 1))]
            print(fit(model, nn.MSELoss(), optim.SGD(model.parameters(), lr=0.1), data, epochs))
        """),
    "fit with nested helper closures and nonlocal": ("ex09", "fit", """
        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            seen = 0

            def step(x, y):
                nonlocal seen
                seen += 1
                loss = training_step(model, loss_fn, optimizer, x, y)
                return loss

            for _ in range(epochs):
                losses = [step(x, y) for x, y in batches]
                history.append(sum(losses) / len(losses))
            return history
        """),
    "fit with a frozen dataclass config": ("ex09", "fit", """
        import dataclasses


        @dataclasses.dataclass(frozen=True)
        class EpochResult:
            epoch: int
            loss: float


        def fit(model, loss_fn, optimizer, batches, epochs):
            results = []
            for epoch in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                results.append(EpochResult(epoch, total / len(batches)))
            return [r.loss for r in results]
        """),
    "fit with TYPE_CHECKING imports, __all__ and a parameter count": ("ex09", "fit", """
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from minigrad import nn

        __all__ = ["fit"]


        def fit(model: nn.Module, loss_fn, optimizer, batches, epochs: int) -> list[float]:
            n_params = sum(p.numel() for p in model.parameters())
            print(f"{type(model).__name__} with {n_params} parameters")
            history: list[float] = []
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    loss = training_step(model, loss_fn, optimizer, x, y)
                    total += loss
                history.append(total / len(batches))
            return history
        """),
    "accumulate with numpy's default_rng check in the script part": ("ex05", "accumulate", """
        import numpy as np

        import minigrad as torch


        def accumulate(w, xs, ys, size):
            n = len(ys)
            for start in range(0, n, size):
                stop = min(start + size, n)
                part = ((xs[start:stop] @ w - ys[start:stop]) ** 2).sum() / n
                part.backward()


        if __name__ == "__main__":
            rng = np.random.default_rng(0)
            xs = torch.tensor(rng.normal(size=(5, 3)), dtype=torch.float32)
            ys = torch.tensor(rng.normal(size=5), dtype=torch.float32)
            w = torch.zeros(3, requires_grad=True)
            accumulate(w, xs, ys, 2)
            print(w.grad)
        """),
}


# Honest files the rule lets through that a task's own check then fails, with the lesson's
# named mistake (not a refusal): ``name: (exercise, task, misconception, code)``.
LESSON_MISTAKES: dict[str, tuple[str, str, str, str]] = {
    "Cube saving on ctx as an attribute": ("ex03", "Cube", "kept-on-ctx", """
        import minigrad as torch


        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.x = x.detach()
                return x ** 3

            @staticmethod
            def backward(ctx, grad_output):
                return grad_output * 3 * ctx.x ** 2
        """),
    "sgd_step with x.data updated": ("ex07", "sgd_step", "used-data", """
        def sgd_step(params, lr):
            for p in params:
                p.data -= lr * p.grad.data
        """),
}
