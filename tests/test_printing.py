"""Tensor printing matches PyTorch character for character.

The golden cases in ``golden/printing.json`` were recorded from real PyTorch by
``golden/record_printing.py``; each one is rebuilt here with numpy and printed by minigrad.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from minigrad import _dtype
from minigrad._printing import format_tensor, get_printoptions, set_printoptions

GOLDEN = Path(__file__).resolve().parent / "golden" / "printing.json"
CASES: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
DEFAULTS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


@pytest.fixture(autouse=True)
def default_printoptions() -> Iterator[None]:
    """Every test starts and ends with PyTorch's default options, whatever it changed."""
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")
    _dtype.set_default_dtype(_dtype.float32)


def rebuild(case: dict[str, Any]) -> np.ndarray:
    dtype = np.dtype(case["dtype"])
    values = case["values"]
    if np.issubdtype(dtype, np.floating):
        # Parsed as float64 first: every stored text is an exact value of its dtype.
        values = [float(v) for v in values]
        return np.array(values, dtype=np.float64).astype(dtype).reshape(case["shape"])
    return np.array(values, dtype=dtype).reshape(case["shape"])


def test_golden_file_is_broad() -> None:
    assert len(CASES) >= 80
    dtypes = {case["dtype"] for case in CASES}
    assert {"float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8"} <= dtypes
    assert "bool" in dtypes
    assert {len(case["shape"]) for case in CASES} >= {0, 1, 2, 3, 4}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_repr_matches_pytorch(case: dict[str, Any]) -> None:
    array = rebuild(case)
    set_printoptions(**case["options"])
    _dtype.set_default_dtype(getattr(_dtype, case["default_dtype"]))
    text = format_tensor(array, grad_fn_name=case["grad_fn"], requires_grad=case["requires_grad"])
    assert text == case["repr"]


def test_rebuild_keeps_signed_zero_and_nonfinite() -> None:
    case = next(c for c in CASES if c["name"] == "vec_nonfinite_and_zero")
    array = rebuild(case)
    assert array.dtype == np.float32
    assert np.isnan(array[1]) and array[2] == math.inf and array[3] == -math.inf
    neg_zero = rebuild(next(c for c in CASES if c["name"] == "scalar_f32_neg_zero"))
    assert np.signbit(neg_zero)


def test_default_printoptions() -> None:
    assert get_printoptions() == DEFAULTS


def test_set_printoptions_overrides_only_given_options() -> None:
    set_printoptions(precision=2, linewidth=120)
    assert get_printoptions() == {**DEFAULTS, "precision": 2, "linewidth": 120}
    set_printoptions(edgeitems=5)
    assert get_printoptions() == {**DEFAULTS, "precision": 2, "linewidth": 120, "edgeitems": 5}


def test_sci_mode_is_always_set() -> None:
    # Unlike the other options, leaving sci_mode out resets it to automatic (None).
    set_printoptions(sci_mode=True)
    assert get_printoptions()["sci_mode"] is True
    set_printoptions(precision=3)
    assert get_printoptions()["sci_mode"] is None


def test_profiles() -> None:
    set_printoptions(profile="short")
    assert get_printoptions() == {**DEFAULTS, "precision": 2, "edgeitems": 2}
    set_printoptions(profile="full")
    assert get_printoptions() == {**DEFAULTS, "threshold": math.inf}
    set_printoptions(profile="short", precision=6)
    assert get_printoptions() == {**DEFAULTS, "precision": 6, "edgeitems": 2}
    set_printoptions(profile="default")
    assert get_printoptions() == DEFAULTS


def test_unknown_profile_is_ignored() -> None:
    set_printoptions(precision=7)
    set_printoptions(profile="bogus", precision=7)
    assert get_printoptions() == {**DEFAULTS, "precision": 7}


def test_get_printoptions_round_trips_and_is_a_copy() -> None:
    set_printoptions(precision=3, threshold=10, sci_mode=False)
    saved = get_printoptions()
    saved["precision"] = 99
    assert get_printoptions()["precision"] == 3
    set_printoptions(profile="default")
    set_printoptions(**{**saved, "precision": 3})
    assert get_printoptions() == {**DEFAULTS, "precision": 3, "threshold": 10, "sci_mode": False}


def test_options_change_output() -> None:
    array = np.array([1.0, 2.5], dtype=np.float32)
    assert format_tensor(array) == "tensor([1.0000, 2.5000])"
    set_printoptions(precision=1)
    assert format_tensor(array) == "tensor([1.0, 2.5])"
    set_printoptions(sci_mode=True)
    # precision stays 1: only sci_mode is reset by each call.
    assert format_tensor(array) == "tensor([1.0e+00, 2.5e+00])"


def test_grad_fn_wins_over_requires_grad() -> None:
    array = np.array(4.0, dtype=np.float32)
    assert format_tensor(array, requires_grad=True) == "tensor(4., requires_grad=True)"
    text = format_tensor(array, grad_fn_name="PowBackward0", requires_grad=True)
    assert text == "tensor(4., grad_fn=<PowBackward0>)"


def test_does_not_modify_the_array() -> None:
    array = np.linspace(-1, 1, 2000, dtype=np.float32).reshape(40, 50)
    before = array.copy()
    format_tensor(array)
    assert np.array_equal(array, before)


def test_extreme_magnitudes_warn_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = format_tensor(np.array([1e300, 1e-300]))
    assert text == "tensor([1.0000e+300, 1.0000e-300], dtype=minigrad.float64)"


def test_non_contiguous_array_prints_like_its_copy() -> None:
    view = np.arange(24, dtype=np.float32).reshape(2, 3, 4).transpose(2, 0, 1)
    assert format_tensor(view) == format_tensor(np.ascontiguousarray(view))
