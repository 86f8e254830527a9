"""Working minutes: how long a step took in office hours (pure core).

An SOP step's mutu baku is working time, so a step that starts one afternoon and
ends two mornings later is judged by the office hours in between, not by the
nights. ``JamKerja`` holds the office's days and hours (default Monday to Friday,
07.30–16.00 WIB) and the holidays it lists; ``menit_kerja`` counts the minutes of
a span that fall inside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kinerja.inti.tanggal import WIB

__all__ = ["HARI", "JamKerja", "menit_kerja"]

#: Day names as kantor.toml writes them, Monday = 0 (``datetime.weekday``).
HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


@dataclass(frozen=True)
class JamKerja:
    """Office hours: working days (0 = Monday), opening and closing time, holidays."""

    mulai: dt.time = dt.time(7, 30)
    selesai: dt.time = dt.time(16, 0)
    hari: frozenset[int] = frozenset(range(5))
    libur: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.selesai <= self.mulai:
            raise ValueError(f"jam kerja selesai {self.selesai} tidak sesudah mulai {self.mulai}")

    def hari_kerja(self, day: dt.date) -> bool:
        """True when ``day`` is a working day (its weekday, and not a listed holiday)."""
        return day.weekday() in self.hari and day not in self.libur


def _wib(waktu: dt.datetime) -> dt.datetime:
    return waktu.astimezone(WIB) if waktu.tzinfo else waktu.replace(tzinfo=WIB)


def menit_kerja(mulai: dt.datetime, selesai: dt.datetime, jam: JamKerja | None = None) -> int:
    """Minutes of [``mulai``, ``selesai``] inside office hours, rounded half up.

    Naive times are WIB. A span that ends before it starts has no working time (0).
    """
    jam = jam or JamKerja()
    start, end = _wib(mulai), _wib(selesai)
    detik = 0.0
    day = start.date()
    while day <= end.date():  # one pass per calendar day of the span
        if jam.hari_kerja(day):
            buka = dt.datetime.combine(day, jam.mulai, tzinfo=WIB)
            tutup = dt.datetime.combine(day, jam.selesai, tzinfo=WIB)
            detik += max(0.0, (min(tutup, end) - max(buka, start)).total_seconds())
        day += dt.timedelta(days=1)
    return int(detik / 60 + 0.5)
