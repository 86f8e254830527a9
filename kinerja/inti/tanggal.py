"""Indonesian dates and times: the one date and the one time parser, and their formats.

Pure core. Dates print "15 Mei 2025" (no leading zero), times "pukul 09.00 WIB";
``parse_tanggal`` takes "15 Mei 2025", "2025-05-15", "15/05/2025" and "15-05-2025",
``parse_waktu`` an ISO moment or such a date with "09.00" / "pukul 09.00". Both raise
``TanggalError``, a ``ValueError`` that is also a ``UsageError`` (CLI exit 2).
``hari_ini`` reads the clock, so only the edges call it (see its docstring).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
from babel.dates import format_date, get_day_names, get_month_names

from kinerja.inti.angka import LOCALE, is_missing
from kinerja.inti.errors import UsageError

__all__ = [
    "WIB",
    "TanggalError",
    "format_hari_tanggal",
    "format_tanggal",
    "format_waktu",
    "hari_ini",
    "parse_tanggal",
    "parse_waktu",
    "tengah_malam",
]

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")  # Asia/Jakarta has kept +07:00 since 1964


class TanggalError(UsageError, ValueError):
    """A date or time that cannot be read; the message (Indonesian) names the text."""


def hari_ini() -> dt.date:
    """Today in WIB (Asia/Jakarta, UTC+7).

    This reads the clock, so only the edges call it: the command line (the default of
    every date option) and a notebook's parameter check for a person working live.
    Everything else takes the date as an argument, so the same date gives the same output.
    """
    return dt.datetime.now(WIB).date()


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
        raise TanggalError(
            f'Tanggal "{s}" tidak dikenali. Tulis YYYY-MM-DD atau seperti 15 Mei 2025 '
            "(juga 15/05/2025), misalnya 2025-05-15."
        )
    try:
        return dt.date(*parts)
    except ValueError:
        raise TanggalError(
            f'Tanggal "{s}" tidak sah: tidak ada di kalender. Periksa hari dan bulannya.'
        ) from None


_RE_JAM = re.compile(
    r"\A(?P<tanggal>.+?),?\s+(?:pukul\s+|jam\s+)?(?P<jam>\d{1,2})[.:](?P<menit>\d{2})"
    r"(?:\s*WIB)?\Z",
    re.IGNORECASE,
)


def parse_waktu(text: str | dt.datetime) -> dt.datetime:
    """Read a moment: "2025-05-20T09:00", "2025-05-20 09:00" (ISO, an offset allowed),
    "20 Mei 2025 09.00" or "20 Mei 2025 pukul 09.00 WIB"; a date alone is 00:00.

    The result is aware: a time without an offset is WIB.
    """
    if isinstance(text, dt.datetime):
        value = text
    else:
        s = str(text).strip()
        if _RE_JAM.match(s):  # "HH.MM" is a time here (ISO would read ".30" as a fraction)
            value = _waktu_bebas(s)
        else:
            try:
                value = dt.datetime.fromisoformat(s)
            except ValueError:
                value = _waktu_bebas(s)
    return value if value.tzinfo is not None else value.replace(tzinfo=WIB)


def _waktu_bebas(s: str) -> dt.datetime:
    """A date in any form ``parse_tanggal`` reads, then an optional "[pukul] HH.MM [WIB]"."""
    m = _RE_JAM.match(s)
    if m is None:
        try:
            return dt.datetime.combine(parse_tanggal(s), dt.time(0, 0))
        except TanggalError:
            raise TanggalError(
                f'Waktu "{s}" tidak dikenali. Tulis seperti 2025-05-20T09:00 atau '
                "20 Mei 2025 pukul 09.00 (WIB)."
            ) from None
    tanggal = parse_tanggal(m["tanggal"])
    try:
        return dt.datetime.combine(tanggal, dt.time(int(m["jam"]), int(m["menit"])))
    except ValueError:
        raise TanggalError(
            f'Waktu "{s}" tidak sah: jam {m["jam"]}.{m["menit"]} tidak ada.'
        ) from None


def tengah_malam(tanggal: dt.date) -> dt.datetime:
    """00:00 WIB of ``tanggal``: the event time when a caller gives only a date."""
    return dt.datetime.combine(tanggal, dt.time(0, 0), WIB)
