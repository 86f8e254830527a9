"""Reading numbers people typed: lenient where people are, refusing what is ambiguous.

Pure core. ``parse_angka`` for one cell, ``parse_angka_series`` for a column (each distinct
text parsed once); range targets ("80 - 90") are read by ``inti.rentang`` on top of these.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd

from kinerja.inti.angka import is_missing

__all__ = [
    "NAMA_NOTASI",
    "STATUS_ANGKA",
    "ParsedAngka",
    "angka_arrays",
    "kind_masks",
    "parse_angka",
    "parse_angka_series",
]

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
#: Notations that decide an ambiguous "2.400": ``id`` reads the dot as the thousands
#: separator and the comma as the decimal one, ``en`` the reverse.
NAMA_NOTASI = {"id": "Indonesia", "en": "Inggris"}


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


def _baca_ambigu(raw: np.ndarray, notasi: str) -> tuple[np.ndarray, np.ndarray]:
    """Ambiguous texts ("2.400", "1,500") read under ``notasi``: values and catatan."""
    m = pd.Series(raw, dtype=object).str.strip().str.extract(_NUM_RE)
    parts = m["body"].str.extract(r"\A([0-9]+)([.,])([0-9]{3})\Z")
    ribuan = parts[1].eq("." if notasi == "id" else ",").to_numpy()
    canon = m["neg"].fillna("") + parts[0] + np.where(ribuan, "", ".") + parts[2]
    shown = canon.str.replace(".", ",", regex=False) + " (notasi " + NAMA_NOTASI[notasi] + ")"
    catatan = _P_TEKS + pd.Series(raw, dtype=object) + _P_DIBACA + shown
    return canon.to_numpy(dtype=object).astype(np.float64), catatan.to_numpy(dtype=object)


def parse_angka(value: object, notasi: str | None = None) -> ParsedAngka:
    """Read one cell leniently: numbers pass, Indonesian/English number text is read with a
    catatan, ambiguous text ("1.234") is read under ``notasi`` ("id"/"en") or, without one,
    refused with advice like non-numbers."""
    if is_missing(value):
        return ParsedAngka(None, "kosong", _C_KOSONG)
    kind = _kind(type(value))
    if kind == "str":
        parsed = _parse_text(value)
        if parsed.status == "ambigu" and notasi in NAMA_NOTASI:
            nilai, catatan = _baca_ambigu(np.array([value], dtype=object), notasi)
            return ParsedAngka(float(nilai[0]), "dibaca", catatan[0])
        return parsed
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


def kind_masks(arr: np.ndarray, present: np.ndarray) -> dict[str, np.ndarray]:
    """Row masks of the ``present`` cells of an object array by kind (str, angka, bool,
    tanggal, lain; only kinds found are keys). The type test runs once per
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


def angka_arrays(s: pd.Series, notasi: str | None = None) -> _Angka:
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
        for kind, hit in kind_masks(arr, present).items():
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
        ambigu = np.flatnonzero(status == "ambigu") if notasi in NAMA_NOTASI else []
        if len(ambigu):
            nilai[ambigu], catatan[ambigu] = _baca_ambigu(arr[ambigu], notasi)
            status[ambigu] = "dibaca"
    return _Angka(nilai, status, catatan, kosong)


def parse_angka_series(s: pd.Series, notasi: str | None = None) -> pd.DataFrame:
    """Vectorized :func:`parse_angka`: columns ``nilai`` (float64, NaN unless a number),
    ``status`` and ``catatan``, on the index of ``s``; ``notasi`` as there."""
    a = angka_arrays(s, notasi)
    return pd.DataFrame({"nilai": a.nilai, "status": a.status, "catatan": a.catatan}, index=s.index)
