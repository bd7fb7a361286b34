"""Record how real PyTorch prints tensors into ``tests/golden/printing.json``.

Run it with a Python that has PyTorch 2.13.0 and numpy (the tests never need torch); how to
make one in /tmp/torchenv: docs/minigrad.md, "Parity with PyTorch"::

    /tmp/torchenv/bin/python tests/golden/record_printing.py

Each case is a numpy array (flat values, dtype and shape; floats stored as numpy's shortest
round-trip text, checked to rebuild the same bits, nan, inf and -0.0 included), the print
options in force, the autograd suffix (``requires_grad`` or a ``grad_fn`` name), the default
float dtype and ``repr`` of the same tensor in PyTorch with "torch." replaced by "minigrad.".
``tests/test_printing.py`` rebuilds each array and requires ``minigrad._printing.format_tensor``
to give the identical text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch._tensor_str import get_printoptions

OUT = Path(__file__).resolve().parent / "printing.json"
NAN, INF = float("nan"), float("inf")

rng = np.random.default_rng(20261125)


def randn(*shape: int, dtype: Any = np.float32, scale: float = 1.0) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(dtype)


def coarse(*shape: int, scale: float = 1.0) -> np.ndarray:
    """randn with 3 significant decimals: big summarised cases stay small on disk."""
    return (np.round(rng.standard_normal(shape), 3) * scale).astype(np.float32)


def arr(values: Any, dtype: Any = np.float32) -> np.ndarray:
    return np.array(values, dtype=dtype)


def arange(n: int, dtype: Any = np.float32, shape: tuple[int, ...] | None = None) -> np.ndarray:
    return np.arange(n).astype(dtype).reshape(shape if shape is not None else (n,))


def cases() -> list[dict[str, Any]]:
    """(name, array, options, autograd) for every case; autograd is None, "leaf" or "op"."""
    out: list[dict[str, Any]] = []

    def add(
        name: str,
        array: np.ndarray,
        options: dict | None = None,
        autograd: str | None = None,
        default_dtype: str = "float32",
    ):
        out.append(
            {
                "name": name,
                "array": array,
                "options": options or {},
                "autograd": autograd,
                "default_dtype": default_dtype,
            }
        )

    # --- 0-d scalars --------------------------------------------------------------------------
    for name, value in [
        ("integral", 4.0), ("zero", 0.0), ("neg_zero", -0.0), ("fraction", 2.5),
        ("tenth", 0.1), ("tiny", 1e-5), ("huge", 1e10), ("big_integral", 123456789.0),
        ("nan", NAN), ("inf", INF), ("neg_inf", -INF), ("negative", -3.75),
        ("rounds_up", 0.99999), ("ten_thousandth", 1e-4),
    ]:
        add(f"scalar_f32_{name}", arr(value))
    add("scalar_f64_tenth", arr(0.1, np.float64))
    add("scalar_f64_pi", arr(np.pi, np.float64))
    add("scalar_f16", arr(3.14159, np.float16))
    add("scalar_i64", arr(7, np.int64))
    add("scalar_i64_neg", arr(-3, np.int64))
    add("scalar_i32", arr(42, np.int32))
    add("scalar_i16", arr(-300, np.int16))
    add("scalar_i8", arr(-5, np.int8))
    add("scalar_u8", arr(200, np.uint8))
    add("scalar_bool_true", arr(True, np.bool_))
    add("scalar_bool_false", arr(False, np.bool_))

    # --- 1-d vectors --------------------------------------------------------------------------
    add("vec_integral", arr([1.0, 2.0]))
    add("vec_fractions", arr([1.5, -2.25, 3.0]))
    add("vec_tenths_f32", arr([0.1, 0.2, 0.3]))
    add("vec_tenths_f64", arr([0.1, 0.2, 0.3], np.float64))
    add("vec_small_and_one", arr([1e-5, 1.0]))
    add("vec_ratio_over_1000_integral", arr([1.0, 1e4]))
    add("vec_ratio_exactly_1000", arr([1.0, 1000.0]))
    add("vec_ratio_over_1000", arr([0.5, 600.0]))
    add("vec_over_1e8", arr([1e9, 2.0]))
    add("vec_below_1e-4", arr([1e-4, 1.0]))
    add("vec_nan_width", arr([1.5, NAN]))
    add("vec_nonfinite_and_zero", arr([0.0, NAN, INF, -INF]))
    add("vec_nonfinite_integral", arr([1.0, NAN, -INF, 20.0]))
    add("vec_nonfinite_sci", arr([0.0, NAN, 1e10]))
    add("vec_only_nan", arr([NAN, NAN]))
    add("vec_zeros", arr([0.0, 0.0, 0.0]))
    add("vec_signed_zeros", arr([0.0, -0.0]))
    add("vec_rounding_width", arr([9.99996, 1.0]))
    add("vec_negative_mixed", arr([-1.0, 10.0, -100.0]))
    add("vec_large_integral", arr([123456.0, -7.0, 3.0], np.float64))
    add("vec_f16", randn(5, dtype=np.float16))
    add("vec_f16_large", arr([60000.0, 1.0, -2.0], np.float16))
    add("vec_i64", arr([-1, 10, 100, -1000], np.int64))
    add("vec_i32", arr([1, 2, 3], np.int32))
    add("vec_i16", arr([-32768, 32767], np.int16))
    add("vec_i8", arr([-128, 0, 127], np.int8))
    add("vec_u8", arr([0, 7, 255], np.uint8))
    add("vec_bool", arr([True, False, True], np.bool_))
    add("vec_one_element", arr([5.5]))
    add("vec_randn_f32", randn(6))
    add("vec_randn_f64", randn(6, dtype=np.float64))
    add("vec_f64_extreme_ratio", arr([1e300, 1e-300], np.float64))
    add("vec_f64_subnormal", arr([1e-310, 1.0], np.float64))
    add("vec_f16_extremes", arr([65504.0, 6e-8], np.float16))

    # --- empty --------------------------------------------------------------------------------
    add("empty_f32", np.zeros((0,), np.float32))
    add("empty_f64", np.zeros((0,), np.float64))
    add("empty_i64", np.zeros((0,), np.int64))
    add("empty_bool", np.zeros((0,), np.bool_))
    add("empty_f16", np.zeros((0,), np.float16))
    add("empty_2d", np.zeros((0, 3), np.float32))
    add("empty_3d_i64", np.zeros((2, 0, 3), np.int64))
    add("empty_requires_grad", np.zeros((0,), np.float32), autograd="leaf")
    add("empty_2d_f64_grad_fn", np.zeros((3, 0), np.float64), autograd="op")

    # --- 2-d, 3-d, 4-d ------------------------------------------------------------------------
    add("mat_randn", randn(2, 3))
    add("mat_randn_f64", randn(3, 2, dtype=np.float64))
    add("mat_integral", arange(6, shape=(2, 3)))
    add("mat_i64", arr([[1, -20], [300, 4]], np.int64))
    add("mat_i32", arange(12, np.int32, (3, 4)))
    add("mat_u8", arange(6, np.uint8, (3, 2)))
    add("mat_bool", arr([[True, False], [False, False]], np.bool_))
    add("mat_sci", randn(3, 4, scale=1e6))
    add("mat_mixed_magnitudes", arr([[1e-3, 1.0], [250.0, -4.5]]))
    add("mat_column", randn(4, 1))
    add("mat_row", randn(1, 4))
    add("mat_f16", randn(2, 2, dtype=np.float16))
    add("cube_randn", randn(2, 2, 3))
    add("cube_integral", arange(24, shape=(2, 3, 4)))
    add("cube_i64", arange(8, np.int64, (2, 2, 2)))
    add("cube_bool", arr([[[True], [False]], [[False], [True]]], np.bool_))
    add("hyper_arange", arange(16, shape=(2, 2, 2, 2)))
    add("hyper_randn_f64", randn(1, 2, 1, 2, dtype=np.float64))
    add("hyper_5d", arange(32, np.int64, (2, 2, 2, 2, 2)))

    # --- summarised (more than threshold elements) --------------------------------------------
    add("sum_vec_arange", arange(1001))
    add("sum_vec_randn", coarse(1001))
    add("sum_vec_i64", arange(1500, np.int64) * 7919)
    add("sum_vec_bool", rng.random(1001) > 0.5)
    add("sum_mat", coarse(25, 41))
    add("sum_mat_tall", coarse(501, 2))
    add("sum_mat_wide", coarse(2, 501))
    add("sum_mat_sci", coarse(33, 31, scale=1e-6))
    add("sum_cube", coarse(11, 10, 10))
    add("sum_cube_i64", arange(1331, np.int64, (11, 11, 11)))
    add("sum_hyper", coarse(4, 4, 8, 8))
    # The outlier is not shown, so it must not switch the shown values to scientific notation.
    outlier = np.concatenate([np.ones(500), [1e12], np.ones(500)]).astype(np.float32)
    add("sum_hidden_outlier", outlier)
    add("sum_requires_grad", coarse(1001), autograd="leaf")

    # --- wrapping at linewidth ----------------------------------------------------------------
    add("wrap_vec_f32", randn(30))
    add("wrap_vec_i64", arange(100, np.int64))
    add("wrap_vec_sci", randn(20, scale=1e-7))
    add("wrap_mat", randn(3, 20))
    add("wrap_cube", randn(2, 2, 15))
    add("wrap_vec_grad", randn(24), autograd="op")
    for n in range(5, 11):
        # Lengths around the point where the suffix no longer fits on the last line.
        add(f"wrap_suffix_f64_{n}", randn(n, dtype=np.float64), autograd="op")
    add("wrap_suffix_f64_leaf", randn(8, dtype=np.float64), autograd="leaf")
    # The line fits "dtype=torch.int32" but not "dtype=minigrad.int32": wrap as PyTorch does.
    add("wrap_suffix_dtype_fits_i32", np.arange(100, 110, dtype=np.int32))
    add("wrap_suffix_dtype_fits_f64", np.arange(6, dtype=np.float64) + 1.5)
    add("wrap_suffix_dtype_fits_f64_op", np.arange(6, dtype=np.float64) + 1.5, autograd="op")

    # --- autograd suffixes --------------------------------------------------------------------
    add("grad_scalar_leaf", arr(2.0), autograd="leaf")
    add("grad_scalar_op", arr(4.0), autograd="op")
    add("grad_vec_leaf", arr([1.0, 2.0]), autograd="leaf")
    add("grad_mat_op", randn(2, 3), autograd="op")
    add("grad_f64_op", arr([1.0, 2.0], np.float64), autograd="op")
    add("grad_f16_leaf", arr([0.5, 1.5], np.float16), autograd="leaf")

    # --- print options ------------------------------------------------------------------------
    vec = randn(5)
    add("opt_precision_2", vec, {"precision": 2})
    add("opt_precision_8_f64", randn(4, dtype=np.float64), {"precision": 8})
    add("opt_precision_0", arr([1.25, 2.5, -3.75]), {"precision": 0})
    add("opt_sci_on", vec, {"sci_mode": True})
    add("opt_sci_on_integral", arr([1.0, 2.0, 300.0]), {"sci_mode": True})
    add("opt_sci_on_scalar", arr(4.0), {"sci_mode": True})
    add("opt_sci_off_tiny", arr([1e-5, 1.0]), {"sci_mode": False})
    add("opt_sci_off_scalar_tiny", arr(1e-5), {"sci_mode": False})
    add("opt_sci_off_huge", arr([1e10, 1.5]), {"sci_mode": False})
    add("opt_sci_off_huge_integral", arr([1e10, 1.0]), {"sci_mode": False})
    add("opt_threshold_5", arange(10), {"threshold": 5})
    add("opt_threshold_5_mat", randn(4, 4), {"threshold": 5})
    add("opt_threshold_0_scalar", arr(1.5), {"threshold": 0})
    add("opt_edgeitems_1", randn(4, 5, 6), {"edgeitems": 1, "threshold": 100})
    add("opt_edgeitems_0_vec", arange(20), {"edgeitems": 0, "threshold": 10})
    add("opt_edgeitems_0_mat", randn(4, 5), {"edgeitems": 0, "threshold": 10})
    add("opt_edgeitems_0_small", randn(3), {"edgeitems": 0})
    add("opt_linewidth_40", randn(20), {"linewidth": 40})
    add("opt_linewidth_40_grad", randn(3, 5, dtype=np.float64), {"linewidth": 40}, "op")
    add("opt_linewidth_120", randn(4, 20), {"linewidth": 120})
    add("opt_linewidth_10", randn(4), {"linewidth": 10})
    add("opt_profile_short", randn(3, 3), {"profile": "short"})
    add("opt_profile_short_sum", coarse(1001), {"profile": "short"})
    add("opt_profile_full", coarse(1001), {"profile": "full"})
    add("opt_profile_full_i64", arange(1010, np.int64, (10, 101)), {"profile": "full"})
    add("opt_profile_short_precision_6", randn(4), {"profile": "short", "precision": 6})
    add("opt_profile_default", randn(20, 5), {"profile": "default", "threshold": 50})

    # --- torch.set_default_dtype(torch.float64) -----------------------------------------------
    f64 = {"default_dtype": "float64"}
    add("default_f64_vec_f64", arr([1.5, 2.0], np.float64), **f64)
    add("default_f64_vec_f32", arr([1.5, 2.0]), **f64)
    add("default_f64_empty_f64", np.zeros((0,), np.float64), **f64)
    add("default_f64_empty_f32", np.zeros((0,), np.float32), **f64)
    add("default_f64_empty_i64", np.zeros((0, 2), np.int64), **f64)
    add("default_f64_i64", arr([1, 2], np.int64), **f64)
    add("default_f64_grad", arr(4.0, np.float64), autograd="op", **f64)
    return out


def encode_values(array: np.ndarray) -> list:
    """Flat values; floats as numpy's shortest round-trip text ("0.1", "-0.0", "nan")."""
    if np.issubdtype(array.dtype, np.floating):
        values = [str(v) for v in array.ravel()]
        decoded = np.array([float(v) for v in values]).astype(array.dtype).reshape(array.shape)
        # Same bits after the round trip (so -0.0 and every nan survive too).
        assert decoded.tobytes() == array.tobytes() or np.isnan(array).any()
        assert np.array_equal(decoded, array, equal_nan=True)
        assert np.array_equal(np.signbit(decoded), np.signbit(array))
        return values
    return array.ravel().tolist()


def torch_repr(array: np.ndarray, autograd: str | None) -> tuple[str, str | None]:
    t = torch.from_numpy(array.copy())
    grad_fn = None
    if autograd is not None:
        t.requires_grad_()
    if autograd == "op":
        t = t * 1  # exact for every float, -0.0 and nan included
        grad_fn = t.grad_fn.name()
    assert np.array_equal(t.detach().numpy(), array, equal_nan=True)
    return repr(t).replace("torch.", "minigrad."), grad_fn


def main() -> None:
    defaults = get_printoptions()
    records = []
    for case in cases():
        array = case["array"]
        torch.set_printoptions(**case["options"])
        torch.set_default_dtype(getattr(torch, case["default_dtype"]))
        try:
            text, grad_fn = torch_repr(array, case["autograd"])
        finally:
            torch.set_printoptions(**defaults)
            torch.set_default_dtype(torch.float32)
        records.append(
            {
                "name": case["name"],
                "dtype": array.dtype.name,
                "shape": list(array.shape),
                "values": encode_values(array),
                "options": case["options"],
                "default_dtype": case["default_dtype"],
                "requires_grad": case["autograd"] is not None,
                "grad_fn": grad_fn,
                "repr": text,
            }
        )
    names = [r["name"] for r in records]
    assert len(names) == len(set(names)), "case names must be unique"
    # One case per line keeps the file small and its diffs readable.
    lines = ",\n".join(json.dumps(record) for record in records)
    header = json.dumps({"torch_version": torch.__version__})[:-1]
    OUT.write_text(f'{header}, "cases": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"recorded {len(records)} cases into {OUT}")


if __name__ == "__main__":
    main()
