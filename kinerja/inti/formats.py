"""Indonesian numbers, percents, rupiah, dates, NIP and terbilang (Babel underneath).

Pure core: no files, no Excel, no SQL. Output follows Babel's ``id_ID`` locale with
HALF_UP rounding done here first (Babel itself would round half-even). Input parsing is
lenient where people are and refuses what is ambiguous; see :func:`parse_angka`.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd
from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import format_currency, format_decimal

__all__ = [
    "STATUS_ANGKA",
    "ParsedAngka",
    "format_angka",
    "format_hari_tanggal",
    "format_nip",
    "format_persen",
    "format_rupiah",
    "format_tanggal",
    "format_waktu",
    "nip_problem_messages",
    "nip_problems",
    "normalize_nip",
    "parse_angka",
    "parse_angka_series",
    "parse_rentang",
    "parse_rentang_series",
    "parse_tanggal",
    "round_half_up",
    "terbilang",
]

_LOCALE = "id_ID"
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")  # Asia/Jakarta has kept +07:00 since 1964

# ---------------------------------------------------------------------------------------------
# Output: numbers, percent, rupiah


def _is_missing(x: object) -> bool:
    return x is None or (pd.api.types.is_scalar(x) and bool(pd.isna(x)))


def round_half_up(x: float | int | Decimal | None, places: int = 2) -> Decimal | None:
    """Round half away from zero on the decimal text of ``x`` (1.005 -> 1.01); NaN -> None."""
    if _is_missing(x):
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
    return format_decimal(d, format=pattern, locale=_LOCALE)


def format_persen(x: float | int | Decimal | None, desimal: int = 2) -> str:
    """Format a value already in percent points: 93.75 -> "93,75%"; missing -> "-"."""
    text = format_angka(x, desimal)
    return text if text == "-" else text + "%"


def format_rupiah(x: float | int | Decimal | None) -> str:
    """Format rupiah: "Rp5.294.655.000,00", negative "-Rp1.000,00"; missing -> "-"."""
    d = _quantized(x, 2)
    if d is None:
        return "-"
    return format_currency(d, "IDR", format="¤#,##0.00", locale=_LOCALE, currency_digits=False)


# ---------------------------------------------------------------------------------------------
# Dates and times

_MONTHS = {name.lower(): num for num, name in get_month_names("wide", locale=_LOCALE).items()}
_MONTHS |= {
    name.lower(): num for num, name in get_month_names("abbreviated", locale=_LOCALE).items()
}
# spellings still seen in office letters
_MONTHS |= {"pebruari": 2, "peb": 2, "agt": 8, "ags": 8, "sept": 9, "nopember": 11, "nop": 11}
_DAYS = "|".join(name.lower() for name in get_day_names("wide", locale=_LOCALE).values())
_RE_TANGGAL_NAMA = re.compile(
    rf"\A(?:(?:{_DAYS}),?\s+)?(\d{{1,2}})\s+([a-z]+)\.?\s+(\d{{4}})\Z", re.IGNORECASE
)
_RE_TANGGAL_ISO = re.compile(r"\A(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_RE_TANGGAL_DMY = re.compile(r"\A(\d{1,2})([/-])(\d{1,2})\2(\d{4})\Z")


def _as_date(d: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(d, dt.datetime):
        return (d.astimezone(WIB) if d.tzinfo is not None else d).date()
    if isinstance(d, dt.date):
        return d
    if isinstance(d, np.datetime64):
        return pd.Timestamp(d).date()
    if isinstance(d, str):
        try:
            return dt.date.fromisoformat(d.strip())
        except ValueError:
            return _as_date(dt.datetime.fromisoformat(d.strip()))
    raise TypeError(f"expected a date, datetime or ISO string, got {type(d).__name__}")


def format_tanggal(d: dt.date | dt.datetime | str | None) -> str:
    """Format "15 Mei 2025" (no leading zero); aware datetimes are shown in WIB; missing -> "-"."""
    if _is_missing(d):
        return "-"
    return format_date(_as_date(d), format="d MMMM y", locale=_LOCALE)


def format_hari_tanggal(d: dt.date | dt.datetime | str) -> str:
    """Format "Selasa, 20 Mei 2025"."""
    return format_date(_as_date(d), format="EEEE, d MMMM y", locale=_LOCALE)


def format_waktu(t: dt.time | dt.datetime) -> str:
    """Format "pukul 09.00 WIB"; naive times are taken as WIB, aware ones converted."""
    if isinstance(t, dt.datetime):
        t = t.astimezone(WIB).timetz() if t.tzinfo is not None else t.time()
    elif t.tzinfo is not None and t.utcoffset() is not None:
        ref = dt.datetime.combine(dt.date(2000, 1, 3), t)
        t = ref.astimezone(WIB).timetz()
    return f"pukul {t.hour:02d}.{t.minute:02d} WIB"


def parse_tanggal(text: str | dt.date) -> dt.date:
    """Read "15 Mei 2025", "05 Mei 2025", "2025-05-15", "15/05/2025" or "15-05-2025"."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    parts: tuple[int, int, int] | None = None
    if m := _RE_TANGGAL_NAMA.match(s):
        bulan = _MONTHS.get(m[2].lower())
        if bulan is not None:
            parts = (int(m[3]), bulan, int(m[1]))
    elif m := _RE_TANGGAL_ISO.match(s):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _RE_TANGGAL_DMY.match(s):
        parts = (int(m[4]), int(m[3]), int(m[1]))
    if parts is None:
        raise ValueError(
            f'Tanggal "{s}" tidak dikenali. Tulis seperti 15 Mei 2025, 15/05/2025 atau 2025-05-15.'
        )
    try:
        return dt.date(*parts)
    except ValueError:
        raise ValueError(
            f'Tanggal "{s}" tidak ada di kalender. Periksa hari dan bulannya.'
        ) from None


# ---------------------------------------------------------------------------------------------
# Lenient numbers

STATUS_ANGKA = ("ok", "dibaca", "kosong", "ambigu", "salah")


@dataclass(frozen=True, slots=True)
class ParsedAngka:
    """A value read from a cell: ``status`` is one of :data:`STATUS_ANGKA`."""

    value: float | None
    status: str
    catatan: str


_KOSONG = frozenset({"", "-", "--", "–", "—", "n/a", "na", "nan"})
_CONTOH = " Isi dengan angka, misalnya 87,5."
_C_KOSONG = "tidak diisi"
_C_BOOL = "nilai benar/salah (TRUE/FALSE) bukan angka." + _CONTOH
_C_TANGGAL = "nilai tanggal/waktu bukan angka." + _CONTOH
_C_LAIN = "nilai ini bukan angka." + _CONTOH
_C_TAK_HINGGA = "nilai tak hingga atau terlalu besar bukan angka yang sah." + _CONTOH
# catatan about a text are built as _P_TEKS + text + one of these, in scalar and vector alike
_P_TEKS = 'teks "'
_P_DIBACA = '" dibaca sebagai '
_P_SALAH = '" bukan angka.' + _CONTOH
_P_BESAR = '" terlalu besar untuk dibaca sebagai angka.' + _CONTOH


def _c_ambigu(raw, r, d):  # works on str and on object Series alike
    return (
        _P_TEKS + raw + '" ambigu: bisa berarti ' + r + " (titik/koma sebagai pemisah ribuan) "
        "atau " + d + " (desimal). Tulis " + r + " jika maksudnya ribuan; jika desimal, isi "
        "sel sebagai angka (bukan teks) atau tulis " + d + "0."
    )


_NUM_RE = r"\A(?P<neg>-)?(?P<rp>(?i:rp|idr)\.?\s*)?(?P<body>[0-9.,]+)(?P<pct>\s*%)?\Z"
_OK_RE = r"-?[0-9]+"
_AMBIGU_PARTS = r"\A([0-9]+)[.,]([0-9]{3})\Z"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: str  # full match on the number body (sign, Rp and % removed)
    subs: tuple[tuple[str, str], ...] = ()  # regex substitutions giving a Python float text
    needs_rp: bool = False
    ambigu: bool = False


# Ordered; the first rule whose pattern matches decides.
_RULES = (
    _Rule(r"[0-9]+"),
    _Rule(r"[1-9][0-9]{0,2}\.[0-9]{3}", subs=((r"\.", ""),), needs_rp=True),  # Rp1.500
    _Rule(r"[1-9][0-9]{0,2}[.,][0-9]{3}", ambigu=True),  # 1.234 / 1,234
    _Rule(r"[0-9]*[.,][0-9]+", subs=((",", "."),)),  # 85,5 / 85.5
    _Rule(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?", subs=((r"\.", ""), (",", "."))),
    _Rule(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?", subs=((",", ""),)),  # 1,234,567.5
)
_LEADING_DOT = (r"\A(-?)\.", r"\g<1>0.")


def _kind(t: type) -> str:
    """Kind of a non-missing cell value by its type: str, angka, bool, tanggal or lain."""
    if issubclass(t, bool | np.bool_):
        return "bool"
    if issubclass(t, str):
        return "str"
    if issubclass(t, numbers.Real | Decimal):
        return "angka"
    if issubclass(t, dt.date | dt.time | dt.timedelta | np.datetime64 | np.timedelta64):
        return "tanggal"
    return "lain"


_C_KIND = {"bool": _C_BOOL, "tanggal": _C_TANGGAL, "lain": _C_LAIN}


def _parse_text(raw: str) -> ParsedAngka:
    t = raw.strip()
    if t.lower() in _KOSONG:
        return ParsedAngka(None, "kosong", _C_KOSONG)
    m = re.search(_NUM_RE, t)
    if m is not None and not (m["rp"] is not None and m["pct"] is not None):
        body, neg = m["body"], m["neg"] or ""
        for rule in _RULES:
            if (rule.needs_rp and m["rp"] is None) or not re.fullmatch(rule.pattern, body):
                continue
            if rule.ambigu:
                i, f = re.search(_AMBIGU_PARTS, body).groups()
                text = _c_ambigu(raw, neg + i + f, neg + i + "," + f)
                return ParsedAngka(None, "ambigu", text)
            for pat, repl in (*rule.subs, _LEADING_DOT):
                body = re.sub(pat, repl, body)
            canon = neg + body
            value = float(canon)
            if not np.isfinite(value):
                return ParsedAngka(None, "salah", _P_TEKS + raw + _P_BESAR)
            if re.fullmatch(_OK_RE, raw):
                return ParsedAngka(value, "ok", "")
            return ParsedAngka(value, "dibaca", _P_TEKS + raw + _P_DIBACA + canon.replace(".", ","))
    return ParsedAngka(None, "salah", _P_TEKS + raw + _P_SALAH)


def parse_angka(value: object) -> ParsedAngka:
    """Read one cell leniently: numbers pass, Indonesian/English number text is read with a
    catatan, ambiguous text ("1.234") and non-numbers are refused with advice."""
    if _is_missing(value):
        return ParsedAngka(None, "kosong", _C_KOSONG)
    kind = _kind(type(value))
    if kind == "str":
        return _parse_text(value)
    if kind == "angka":
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if not np.isfinite(number):
            return ParsedAngka(None, "salah", _C_TAK_HINGGA)
        return ParsedAngka(number, "ok", "")
    return ParsedAngka(None, "salah", _C_KIND[kind])


def _texts_by_rules(raw: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorized twin of :func:`_parse_text` for an object Series of str (RangeIndex)."""
    n = len(raw)
    nilai = np.full(n, np.nan)
    status = np.full(n, "salah", dtype=object)
    catatan = (_P_TEKS + raw + _P_SALAH).to_numpy(dtype=object, copy=True)
    t = raw.str.strip()
    kosong = t.str.lower().isin(_KOSONG).to_numpy()
    status[kosong] = "kosong"
    catatan[kosong] = _C_KOSONG
    m = t.str.extract(_NUM_RE)
    body = m["body"].fillna("").astype(object)
    neg = m["neg"].fillna("").astype(object)
    has_rp = m["rp"].notna().to_numpy()
    todo = m["body"].notna().to_numpy() & ~kosong & ~(has_rp & m["pct"].notna().to_numpy())
    for rule in _RULES:
        hit = todo & body.str.fullmatch(rule.pattern).to_numpy(dtype=bool)
        if rule.needs_rp:
            hit &= has_rp
        if not hit.any():
            continue
        todo &= ~hit
        if rule.ambigu:
            parts = body[hit].str.extract(_AMBIGU_PARTS)
            r = neg[hit] + parts[0] + parts[1]
            d = neg[hit] + parts[0] + "," + parts[1]
            text = _c_ambigu(raw[hit], r, d)
            status[hit] = "ambigu"
            catatan[hit] = text.to_numpy(dtype=object)
            continue
        b = body[hit]
        for pat, repl in (*rule.subs, _LEADING_DOT):
            b = b.str.replace(pat, repl, regex=True)
        canon = neg[hit] + b
        values = canon.to_numpy(dtype=object).astype(np.float64)
        finite = np.isfinite(values)
        ok = raw[hit].str.fullmatch(_OK_RE).to_numpy(dtype=bool)
        idx = np.flatnonzero(hit)
        nilai[idx[finite]] = values[finite]
        status[idx[finite]] = np.where(ok[finite], "ok", "dibaca")
        dibaca = _P_TEKS + raw[hit] + _P_DIBACA + canon.str.replace(".", ",", regex=False)
        catatan[idx[finite]] = np.where(ok[finite], "", dibaca.to_numpy(dtype=object)[finite])
        big = idx[~finite]
        catatan[big] = (_P_TEKS + raw.iloc[big] + _P_BESAR).to_numpy(dtype=object)
    return nilai, status, catatan


def _texts(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse an object array of str, each distinct text once (cells repeat a lot)."""
    codes, uniques = pd.factorize(raw)
    if len(uniques) == len(raw):
        return _texts_unique(raw)
    nilai, status, catatan = _texts_unique(np.asarray(uniques, dtype=object))
    return nilai[codes], status[codes], catatan[codes]


_FAST_WIDTH = 24  # longer texts are rare: the regex rules take them


def _plain_texts(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Classify texts as plain integers ("-120") or one-separator decimals ("85.5",
    "85,5") by counting character classes in a code-point matrix. Returns masks
    (is_int, is_dec, comma); "1.234"-like ambiguous texts are in neither."""
    length = np.strings.str_len(a)
    width = max(2, min(int(length.max()), _FAST_WIDTH))
    short = np.flatnonzero(length <= width)
    m = a[short].astype(f"U{width}").view(np.uint32).reshape(len(short), width)
    length = length[short]
    n_digit = ((m - 48) <= 9).sum(axis=1)  # '0'..'9'; uint32 wraps below '0'
    is_sep = (m == 46) | (m == 44)
    n_sep = is_sep.sum(axis=1)
    neg = (m[:, 0] == 45).astype(np.int64)
    int_len = is_sep.argmax(axis=1) - neg
    frac_len = length - neg - int_len - 1
    # every character accounted for (a "-" only counts in front), so anything else,
    # NULs included, falls through to the rules
    clean = (n_digit + neg + n_sep == length) & (n_digit > 0)
    is_int = clean & (n_sep == 0)
    is_dec = clean & (n_sep == 1) & (int_len >= 1) & (frac_len >= 1)
    first = np.where(neg == 1, m[:, 1], m[:, 0])
    is_dec &= ~((frac_len == 3) & (int_len <= 3) & (first != 48))
    comma = is_dec & (m == 44).any(axis=1)
    out = []
    for mask in (is_int, is_dec, comma):
        full = np.zeros(len(a), dtype=bool)
        full[short[mask]] = True
        out.append(full)
    return out[0], out[1], out[2]


def _texts_unique(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Plain integer and one-separator decimal texts through numpy (the common case,
    fast); everything else through the regex rules of :func:`_parse_text`."""
    try:
        a = np.asarray(raw, dtype=np.dtypes.StringDType())
    except (UnicodeEncodeError, ValueError):  # e.g. lone surrogates: rules only
        return _texts_by_rules(pd.Series(raw, dtype=object))
    is_int, is_dec, comma = _plain_texts(a) if len(a) else (np.zeros(0, bool),) * 3
    fast = is_int | is_dec
    canon = a.copy()
    canon[~fast] = "nan"
    canon[comma] = np.strings.replace(a[comma], ",", ".")
    try:
        nilai = canon.astype(np.float64)
    except ValueError:  # trailing NULs, which numpy's string functions do not see
        nilai = pd.to_numeric(pd.Series(canon, dtype=object), errors="coerce").to_numpy(copy=True)
        nul = fast & np.isnan(nilai)
        is_int, is_dec, comma, fast = is_int & ~nul, is_dec & ~nul, comma & ~nul, fast & ~nul
    huge = fast & ~np.isfinite(nilai)
    nilai[huge] = np.nan
    status = np.full(len(raw), "dibaca", dtype=object)
    catatan = np.full(len(raw), "", dtype=object)
    status[is_int & ~huge] = "ok"
    dibaca = np.flatnonzero(is_dec & ~huge)
    shown = np.strings.replace(a[dibaca], ".", ",").astype(object)
    catatan[dibaca] = _P_TEKS + raw[dibaca] + _P_DIBACA + shown
    status[huge] = "salah"
    catatan[huge] = _P_TEKS + raw[huge] + _P_BESAR

    slow = np.flatnonzero(~fast)
    if len(slow):
        v, s, c = _texts_by_rules(pd.Series(raw[slow], dtype=object))
        nilai[slow], status[slow], catatan[slow] = v, s, c
    return nilai, status, catatan


_KINDS = ("str", "angka", "bool", "tanggal", "lain")


def _kinds_by_type(arr: np.ndarray) -> np.ndarray:
    """:func:`_kind` per cell of an object array as a code into ``_KINDS``, the type test
    once per distinct type."""
    codes, types = pd.factorize(pd.Series(arr, dtype=object).map(type))
    return np.array([_KINDS.index(_kind(t)) for t in types] + [4], dtype=np.int8)[codes]


def _kind_masks(arr: np.ndarray, present: np.ndarray) -> dict[str, np.ndarray]:
    """Row masks per :func:`_kind` of an object array; the type test runs once per
    distinct value (equal values of two kinds, True == 1 == 1.0, share a hash: those
    cells, 0 and 1 and booleans only, are tested one by one)."""
    if pd.api.types.infer_dtype(arr, skipna=True) in ("string", "empty"):
        return {"str": present}
    try:
        codes, uniques = pd.factorize(arr)
    except TypeError:  # unhashable cells (a list): one type test per cell
        kinds = _kinds_by_type(arr)
    else:
        kind_u = _kinds_by_type(uniques)
        kinds = np.append(kind_u, np.int8(4))[codes]  # code -1 (missing) is masked below
        number = np.flatnonzero((kind_u == 1) | (kind_u == 2))  # angka, bool
        values = np.asarray(uniques, dtype=object)[number]
        bool_like = number[(values == 0) | (values == 1)]
        if len(bool_like):
            rows = np.flatnonzero(np.isin(codes, bool_like))
            kinds[rows] = _kinds_by_type(arr[rows])
    found = np.bincount(kinds[present], minlength=len(_KINDS))
    return {_KINDS[k]: (kinds == k) & present for k in np.flatnonzero(found)}


class _Angka(NamedTuple):
    """Cells read as numbers: value (NaN unless a number), status and catatan per cell."""

    nilai: np.ndarray
    status: np.ndarray  # object: one of STATUS_ANGKA
    catatan: np.ndarray  # object
    kosong: np.ndarray  # bool: status == "kosong"


def _angka_arrays(s: pd.Series) -> _Angka:
    """The arrays behind :func:`parse_angka_series` (positional, no frame built)."""
    n = len(s)
    nilai = np.full(n, np.nan)
    status = np.empty(n, dtype=object)
    catatan = np.empty(n, dtype=object)
    missing = s.isna().to_numpy()
    kosong = missing.copy()
    present = ~missing
    status[missing], catatan[missing] = "kosong", _C_KOSONG
    dtype = s.dtype
    if pd.api.types.is_bool_dtype(dtype):
        status[present], catatan[present] = "salah", _C_BOOL
    elif pd.api.types.is_numeric_dtype(dtype):
        values = s.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = np.isfinite(values)
        nilai[finite] = values[finite]
        status[finite], catatan[finite] = "ok", ""
        bad = present & ~finite
        status[bad], catatan[bad] = "salah", _C_TAK_HINGGA
    elif pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
        status[present], catatan[present] = "salah", _C_TANGGAL
    else:
        arr = s.to_numpy(dtype=object)
        for kind, hit in _kind_masks(arr, present).items():
            if kind == "str" and hit.any():
                result = _texts(arr[hit])
                if hit.all():  # the common case: skip the masked copies
                    nilai, status, catatan = result
                    kosong = status == "kosong"
                else:
                    nilai[hit], status[hit], catatan[hit] = result
                    kosong[hit] = result[1] == "kosong"
            elif kind == "angka":
                try:
                    values = arr[hit].astype(np.float64)
                except OverflowError:  # ints beyond float range
                    values = np.array([parse_angka(x).value for x in arr[hit]], dtype=float)
                idx = np.flatnonzero(hit)
                finite = np.isfinite(values)
                nilai[idx[finite]] = values[finite]
                status[idx], catatan[idx] = "salah", _C_TAK_HINGGA
                status[idx[finite]], catatan[idx[finite]] = "ok", ""
            elif kind in _C_KIND:
                status[hit], catatan[hit] = "salah", _C_KIND[kind]
    return _Angka(nilai, status, catatan, kosong)


def parse_angka_series(s: pd.Series) -> pd.DataFrame:
    """Vectorized :func:`parse_angka`: columns ``nilai`` (float64, NaN unless a number),
    ``status`` and ``catatan``, on the index of ``s``."""
    a = _angka_arrays(s)
    return pd.DataFrame({"nilai": a.nilai, "status": a.status, "catatan": a.catatan}, index=s.index)


# ---------------------------------------------------------------------------------------------
# Ranges ("80 - 90", "7 – 8 bulan")

_PART = r"(?:(?:rp|idr)\.?\s*)?[0-9][0-9.,]*(?:\s*%)?"
_RENTANG_RE = (
    rf"(?is)\A\s*(?P<lo>{_PART})\s*(?:[-–—]|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)"
    rf"\s*(?P<hi>{_PART})(?:\s*[^\W\d_].*)?\s*\Z"
)


def parse_rentang(text: object) -> tuple[float, float] | None:
    """Read a range such as "80 - 90", "80% – 90%", "7 – 8 bulan" or "80 s.d. 90" as
    (lo, hi); None when ``text`` is not a range. Raises ValueError (Indonesian) when it is
    a range that cannot be used: an ambiguous bound or lo > hi."""
    if not isinstance(text, str) or (m := re.search(_RENTANG_RE, text)) is None:
        return None
    lo, hi = parse_angka(m["lo"]), parse_angka(m["hi"])
    for part in (lo, hi):
        if part.status == "ambigu":
            raise ValueError(f'Rentang "{text.strip()}": {part.catatan}')
        if part.status not in ("ok", "dibaca"):
            return None
    if lo.value > hi.value:
        raise ValueError(
            f'Rentang "{text.strip()}": batas bawah lebih besar dari batas atas. '
            "Tulis yang kecil dulu, misalnya 80 - 90."
        )
    return lo.value, hi.value


def parse_rentang_series(s: pd.Series) -> pd.DataFrame:
    """Vectorized :func:`parse_rentang`: columns ``lo`` and ``hi``, NaN where the scalar
    returns None or raises."""
    out = pd.DataFrame({"lo": np.nan, "hi": np.nan}, index=s.index)
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        return out
    arr = s.to_numpy(dtype=object)
    is_str = _kind_masks(arr, s.notna().to_numpy()).get("str")
    if is_str is None or not is_str.any():
        return out
    codes, uniques = pd.factorize(arr[is_str])  # each distinct text once
    m = pd.Series(uniques, dtype=object).str.extract(_RENTANG_RE)
    lo, hi = _angka_arrays(m["lo"]), _angka_arrays(m["hi"])
    read = ("ok", "dibaca")
    good = np.isin(lo.status, read) & np.isin(hi.status, read) & (lo.nilai <= hi.nilai)
    idx = np.flatnonzero(is_str)
    out.iloc[idx, 0] = np.where(good, lo.nilai, np.nan)[codes]
    out.iloc[idx, 1] = np.where(good, hi.nilai, np.nan)[codes]
    return out


# ---------------------------------------------------------------------------------------------
# NIP (Perka BKN 22/2007): YYYYMMDD lahir + YYYYMM TMT CPNS + jenis kelamin + urut


def normalize_nip(text: str | int) -> str:
    """Strip a "NIP." prefix, spaces and dots: "NIP. 19610226 201001 2 009" -> 18 digits."""
    s = re.sub(r"\A\s*nip\s*[.:]?", "", str(text), flags=re.IGNORECASE)
    return re.sub(r"[\s.]", "", s)


def _nip_checks(text: str | int) -> list[tuple[str, str]]:
    nip = normalize_nip(text)
    if not re.fullmatch(r"[0-9]{18}", nip):
        if re.fullmatch(r"[0-9]*", nip):
            pesan = f"NIP harus 18 angka, tertulis {len(nip)} angka."
        else:
            pesan = f'NIP harus 18 angka tanpa huruf atau tanda lain, tertulis "{nip}".'
        return [("nip-panjang-salah", pesan)]
    out = []
    lahir_th = int(nip[0:4])
    try:
        if lahir_th < 1900:
            raise ValueError
        dt.date(lahir_th, int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        out.append(("nip-tanggal-lahir-salah", f"Tanggal lahir {nip[0:8]} di NIP tidak sah."))
    tmt_th, tmt_bl = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bl <= 12 or tmt_th < lahir_th + 18:
        out.append(
            (
                "nip-tmt-salah",
                f"TMT CPNS {nip[8:14]} di NIP tidak sah (bulan 01-12, "
                "paling cepat 18 tahun setelah tahun lahir).",
            )
        )
    if nip[14] not in "12":
        out.append(("nip-jenis-kelamin-salah", f"Digit jenis kelamin {nip[14]} harus 1 atau 2."))
    return out


def nip_problems(text: str | int) -> list[str]:
    """Stable codes of what is wrong with a NIP; empty when valid."""
    return [code for code, _ in _nip_checks(text)]


def nip_problem_messages(text: str | int) -> list[str]:
    """The same problems as :func:`nip_problems`, as Indonesian sentences."""
    return [pesan for _, pesan in _nip_checks(text)]


def format_nip(text: str | int) -> str:
    """Print a NIP as "NIP. 19610226 201001 2 009"; ValueError (Indonesian) when invalid."""
    if problems := nip_problem_messages(text):
        raise ValueError(f'NIP "{str(text).strip()}" tidak sah: ' + " ".join(problems))
    n = normalize_nip(text)
    return f"NIP. {n[0:8]} {n[8:14]} {n[14]} {n[15:18]}"


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
