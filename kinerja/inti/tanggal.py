"""Indonesian dates and times: the one date parser of every date option, and their formats.

Pure core. Dates print "15 Mei 2025" (no leading zero), times "pukul 09.00 WIB"; the
parser takes "15 Mei 2025", "2025-05-15", "15/05/2025" and "15-05-2025".
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
from babel.dates import format_date, get_day_names, get_month_names

from kinerja.inti.angka import LOCALE, is_missing

__all__ = [
    "WIB",
    "format_hari_tanggal",
    "format_tanggal",
    "format_waktu",
    "parse_tanggal",
    "tengah_malam",
]

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")  # Asia/Jakarta has kept +07:00 since 1964


# ---------------------------------------------------------------------------------------------
# Dates and times

_MONTHS = {name.lower(): num for num, name in get_month_names("wide", locale=LOCALE).items()}
_MONTHS |= {
    name.lower(): num for num, name in get_month_names("abbreviated", locale=LOCALE).items()
}
# spellings still seen in office letters
_MONTHS |= {"pebruari": 2, "peb": 2, "agt": 8, "ags": 8, "sept": 9, "nopember": 11, "nop": 11}
_DAYS = "|".join(name.lower() for name in get_day_names("wide", locale=LOCALE).values())
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
    if is_missing(d):
        return "-"
    return format_date(_as_date(d), format="d MMMM y", locale=LOCALE)


def format_hari_tanggal(d: dt.date | dt.datetime | str) -> str:
    """Format "Selasa, 20 Mei 2025"."""
    return format_date(_as_date(d), format="EEEE, d MMMM y", locale=LOCALE)


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


def tengah_malam(tanggal: dt.date) -> dt.datetime:
    """00:00 WIB of ``tanggal``: the event time when a caller gives only a date."""
    return dt.datetime.combine(tanggal, dt.time(0, 0), WIB)
