"""The office's working hours from ``kantor.toml [jam_kerja]`` (for the SOP's step times).

::

    [jam_kerja]
    hari = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]   # bawaan
    mulai = "07.30"                                          # bawaan, WIB
    selesai = "16.00"                                        # bawaan, WIB
    libur = ["2025-12-25", "2025-12-26"]                     # hari libur nasional dan cuti bersama

A value that cannot be read is an ``InputError`` naming the key and the value.
"""

from __future__ import annotations

import datetime as dt
import re

from kinerja.inti.errors import InputError
from kinerja.inti.jam_kerja import HARI, JamKerja
from kinerja.kantor.katalog import Kantor

__all__ = ["jam_kerja_kantor"]

_JAM = re.compile(r"(\d{1,2})[.:](\d{2})")


def _salah(kantor: Kantor, key: str, value: object, contoh: str) -> InputError:
    return InputError(
        f'Berkas "{kantor.path / "kantor.toml"}", [jam_kerja] kunci {key}: nilai {value!r} '
        f"tidak terbaca. Tulis misalnya {contoh}."
    )


def _jam(kantor: Kantor, key: str, value: object, bawaan: dt.time) -> dt.time:
    if value is None:
        return bawaan
    if isinstance(value, dt.time):
        return value
    match = _JAM.fullmatch(str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise _salah(kantor, key, value, f'{key} = "{bawaan:%H.%M}"')
    return dt.time(int(match[1]), int(match[2]))


def _hari(kantor: Kantor, value: object) -> frozenset[int]:
    if value is None:
        return JamKerja().hari
    names = value if isinstance(value, list) else [value]
    out = set()
    for name in names:
        key = str(name).strip().casefold().replace("'", "")
        if key not in HARI:
            raise _salah(
                kantor, "hari", name, 'hari = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]'
            )
        out.add(HARI.index(key))
    return frozenset(out)


def _libur(kantor: Kantor, value: object) -> frozenset[dt.date]:
    out = set()
    for item in value or []:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            out.add(item)
            continue
        try:
            out.add(dt.date.fromisoformat(str(item).strip()))
        except ValueError:
            raise _salah(kantor, "libur", item, 'libur = ["2025-12-25"]') from None
    return frozenset(out)


def jam_kerja_kantor(kantor: Kantor) -> JamKerja:
    """The office hours of ``kantor`` (defaults: Monday–Friday 07.30–16.00 WIB, no holidays)."""
    conf = kantor.config.get("jam_kerja", {})
    if not isinstance(conf, dict):
        raise _salah(kantor, "(bagian)", conf, "[jam_kerja] sebagai tabel")
    bawaan = JamKerja()
    mulai = _jam(kantor, "mulai", conf.get("mulai"), bawaan.mulai)
    selesai = _jam(kantor, "selesai", conf.get("selesai"), bawaan.selesai)
    if selesai <= mulai:
        raise _salah(kantor, "selesai", conf.get("selesai"), "jam selesai sesudah jam mulai")
    return JamKerja(
        mulai, selesai, _hari(kantor, conf.get("hari")), _libur(kantor, conf.get("libur"))
    )
