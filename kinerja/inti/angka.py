"""Indonesian numbers for people: half-up rounding, numbers, percents, rupiah, terbilang.

Pure core (Babel's ``id_ID`` underneath). HALF_UP rounding is done here first, since Babel
itself would round half-even.
"""

from __future__ import annotations

import numbers
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd
from babel.numbers import format_currency, format_decimal

__all__ = [
    "format_angka",
    "format_angka_ringkas",
    "format_persen",
    "format_rupiah",
    "is_missing",
    "round_half_up",
    "terbilang",
]

LOCALE = "id_ID"

# Output: numbers, percent, rupiah


def is_missing(x: object) -> bool:
    return x is None or (pd.api.types.is_scalar(x) and bool(pd.isna(x)))


def round_half_up(x: float | int | Decimal | None, places: int = 2) -> Decimal | None:
    """Round half away from zero on the decimal text of ``x`` (1.005 -> 1.01); NaN -> None."""
    if is_missing(x):
        return None
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    if isinstance(x, bool | np.bool_):
        raise TypeError("round_half_up() does not take booleans")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, numbers.Integral):
        d = Decimal(int(x))
    elif isinstance(x, numbers.Real):
        # The shortest repr, cleaned of binary noise 7 places past the rounding place:
        # (2.8 + 3.4 + 2.5 + 2.2) / 4 is 2.7249999999999996 in binary, 2.725 in decimal.
        # The same cleaning as capaian.round_half_up_array, so tables and predikat agree.
        d = Decimal(str(x))
        if d.is_finite() and d.as_tuple().exponent < -(places + 7):
            d = d.quantize(Decimal(1).scaleb(-(places + 7)), rounding=ROUND_HALF_EVEN)
    else:
        raise TypeError(f"round_half_up() takes a number, got {type(x).__name__}")
    if not d.is_finite():
        raise ValueError(f"cannot round {x!r}")
    ctx = Context(prec=max(28, d.adjusted() + places + 3))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=ctx)


def _quantized(x: float | int | Decimal, desimal: int) -> Decimal | None:
    d = round_half_up(x, desimal)
    if d is not None and d.is_zero():
        d = abs(d)  # never print "-0,00"
    return d


def format_angka(x: float | int | Decimal | None, desimal: int = 2) -> str:
    """Format as "1.234.567,89" with ``desimal`` fixed decimals (HALF_UP); missing -> "-"."""
    d = _quantized(x, desimal)
    if d is None:
        return "-"
    pattern = "#,##0" + ("." + "0" * desimal if desimal else "")
    return format_decimal(d, format=pattern, locale=LOCALE)


def format_angka_ringkas(x: float | int | Decimal | None, desimal: int = 6) -> str:
    """A number as read, without trailing zeros: 800, 87,5, -5, 8.750; missing -> "-"."""
    text = format_angka(x, desimal)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_persen(x: float | int | Decimal | None, desimal: int = 2) -> str:
    """Format a value already in percent points: 93.75 -> "93,75%"; missing -> "-"."""
    text = format_angka(x, desimal)
    return text if text == "-" else text + "%"


def format_rupiah(x: float | int | Decimal | None) -> str:
    """Format rupiah: "Rp5.294.655.000,00", negative "-Rp1.000,00"; missing -> "-"."""
    d = _quantized(x, 2)
    if d is None:
        return "-"
    return format_currency(d, "IDR", format="¤#,##0.00", locale=LOCALE, currency_digits=False)


# ---------------------------------------------------------------------------------------------
# Dates and times


# ---------------------------------------------------------------------------------------------
# Terbilang

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _words(n: int) -> list[str]:
    if n < 10:
        return [_SATUAN[n]] if n else []
    if n < 20:
        return {10: ["sepuluh"], 11: ["sebelas"]}.get(n) or [_SATUAN[n - 10], "belas"]
    if n < 100:
        return [_SATUAN[n // 10], "puluh", *_words(n % 10)]
    if n < 1000:
        head = ["seratus"] if n < 200 else [_SATUAN[n // 100], "ratus"]
        return head + _words(n % 100)
    if n < 10**6:
        head = ["seribu"] if n < 2000 else [*_words(n // 1000), "ribu"]
        return head + _words(n % 1000)
    for size, name in _SKALA:
        if n >= size:
            return [*_words(n // size), name, *_words(n % size)]
    raise AssertionError("unreachable")


def terbilang(n: int) -> str:
    """Indonesian words for a whole number: 25 -> "dua puluh lima", 1000 -> "seribu"."""
    if isinstance(n, bool | np.bool_) or not isinstance(n, numbers.Integral):
        raise TypeError(f"terbilang() takes an int, got {type(n).__name__}")
    n = int(n)
    if abs(n) >= 10**15:
        raise ValueError("terbilang() supports |n| < 10**15")
    if n == 0:
        return "nol"
    return ("minus " if n < 0 else "") + " ".join(_words(abs(n)))
