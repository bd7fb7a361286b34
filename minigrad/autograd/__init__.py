"""minigrad.autograd: the graph, the backward engine, custom Functions and grad mode."""

from . import function_ctx, graph, profiler  # noqa: F401 (function_ctx: ctx's other methods)
from .anomaly_mode import (
    detect_anomaly,
    is_anomaly_check_nan_enabled,
    is_anomaly_enabled,
    set_detect_anomaly,
)
from .api import backward, grad
from .function import Function, FunctionCtx, once_differentiable
from .grad_mode import (
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .inference_mode import inference_mode, is_inference_mode_enabled
from .variable import Variable

__all__ = [
    "detect_anomaly", "is_anomaly_check_nan_enabled", "is_anomaly_enabled", "set_detect_anomaly",
    "Function", "FunctionCtx", "GradcheckError", "backward", "enable_grad", "grad", "gradcheck",
    "gradgradcheck",
    "graph", "inference_mode", "is_grad_enabled", "is_inference_mode_enabled", "no_grad",
    "once_differentiable", "set_grad_enabled", "Variable",
]
