"""Working minutes: SOP step times count office hours, not nights, weekends or holidays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kinerja.inti.errors import InputError
from kinerja.inti.jam_kerja import JamKerja, menit_kerja
from kinerja.kantor.jam_kerja import jam_kerja_kantor
from kinerja.kantor.katalog import load_kantor
from kinerja.sop.register import catat_langkah, status_sop

WIB = dt.timezone(dt.timedelta(hours=7))


def w(day: int, hour: int, minute: int = 0, month: int = 4) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=WIB)


def test_inside_one_working_day_is_clock_time() -> None:
    assert menit_kerja(w(1, 9), w(1, 10, 25)) == 85  # Tuesday 1 April 2025


def test_a_step_over_two_nights_counts_its_working_time() -> None:
    # Tuesday 08:00 → Thursday 11:00: 480 + 510 + 210 working minutes, not 3060 on the clock
    assert menit_kerja(w(1, 8), w(3, 11)) == 480 + 510 + 210
    assert (w(3, 11) - w(1, 8)).total_seconds() / 60 == 3060


def test_a_weekend_counts_nothing() -> None:
    # Friday 15:00 → Monday 08:30: one hour on Friday, one on Monday
    assert menit_kerja(w(4, 15), w(7, 8, 30)) == 60 + 60
    assert menit_kerja(w(5, 9), w(6, 15)) == 0  # Saturday to Sunday


def test_a_listed_holiday_counts_nothing() -> None:
    libur = JamKerja(libur=frozenset({dt.date(2025, 4, 2)}))
    assert menit_kerja(w(1, 15), w(3, 8)) == 60 + 510 + 30
    assert menit_kerja(w(1, 15), w(3, 8), libur) == 60 + 30


def test_evening_and_naive_times() -> None:
    assert menit_kerja(w(1, 16, 30), w(1, 20)) == 0
    naive = dt.datetime(2025, 4, 1, 9, 0)  # naive = WIB
    assert menit_kerja(naive, naive + dt.timedelta(minutes=45)) == 45
    utc = dt.datetime(2025, 4, 1, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB
    assert menit_kerja(utc, utc + dt.timedelta(minutes=30)) == 30
    assert menit_kerja(w(1, 10), w(1, 9)) == 0


def _kantor_with(kantor_dir: Path, section: str):
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8")
    start = text.index("[jam_kerja]")
    end = text.index("[validasi]")
    toml.write_text(text[:start] + section + "\n\n" + text[end:], "utf-8")
    return load_kantor(kantor_dir)


def test_kantor_toml_hours_and_holidays(kantor_dir: Path) -> None:
    k = _kantor_with(
        kantor_dir,
        '[jam_kerja]\nhari = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]\n'
        'mulai = "08.00"\nselesai = "14:00"\nlibur = ["2025-04-02", 2025-04-03]',
    )
    jam = jam_kerja_kantor(k)
    assert (jam.mulai, jam.selesai) == (dt.time(8), dt.time(14))
    assert 5 in jam.hari and 6 not in jam.hari
    assert jam.libur == {dt.date(2025, 4, 2), dt.date(2025, 4, 3)}
    # the register judges a step by these hours: Tuesday 13:00 → Saturday 09:00
    catat_langkah(k, "2025-TW1", 1, pelaksana="camat", mulai=w(1, 13), selesai=w(5, 9))
    row = status_sop(k, "2025-TW1")[0]
    assert row["menit"] == 60 + 360 + 60  # Tue 13–14, Fri 08–14, Sat 08–09
    assert row["menit_kalender"] == 3 * 1440 + 20 * 60
    assert row["melebihi"]  # mutu baku 15 menit


def test_default_hours_without_a_section(kantor_dir: Path) -> None:
    k = _kantor_with(kantor_dir, "")
    assert jam_kerja_kantor(k) == JamKerja()


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ('[jam_kerja]\nmulai = "setengah delapan"', "mulai"),
        ('[jam_kerja]\nhari = ["Senin", "Ahad"]', "hari"),
        ('[jam_kerja]\nlibur = ["25 Desember"]', "libur"),
        ('[jam_kerja]\nmulai = "16.00"\nselesai = "07.30"', "selesai"),
    ],
)
def test_unreadable_hours_name_the_key(kantor_dir: Path, section: str, key: str) -> None:
    k = _kantor_with(kantor_dir, section)
    with pytest.raises(InputError, match=rf"\[jam_kerja\] kunci {key}"):
        jam_kerja_kantor(k)
