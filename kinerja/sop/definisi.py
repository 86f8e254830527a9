"""The SOP Pengukuran Kinerja of an office: the shipped template filled from ``kantor.toml``.

The template (``reference/sop_pengukuran_kinerja.json``) holds the seed's 14 steps
(uraian, pelaksana, kelengkapan, mutu baku in minutes, output), its roles and the
officials they map to. An office's SOP (:func:`sop_kantor`) is that template with
``{kantor}`` replaced by the office's name and every part overridable in
``[sop]`` of kantor.toml: ``nomor``, ``nama``, ``kode_klasifikasi``,
``tanggal_pembuatan``, ``tanggal_pengesahan``, ``[sop.peran]``,
``[sop.peran_pejabat]`` and ``[[sop.langkah]]`` (``no`` plus the keys to replace).
Nothing of one office's SOP names another office.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor

__all__ = [
    "JUMLAH_LANGKAH",
    "judul_langkah",
    "kapital",
    "langkah_sop",
    "load_sop",
    "periksa_nomor_langkah",
    "sebutan_pelaksana",
    "sop_kantor",
    "template_sop",
]

JUMLAH_LANGKAH = 14
#: What ``[[sop.langkah]]`` may replace in a step, with the type it must have.
_KUNCI_LANGKAH = {
    "uraian": str,
    "pelaksana": list,
    "kelengkapan": str,
    "mutu_baku_menit": int,
    "output": str,
    "keterangan": str,
}
_KUNCI_TEKS = ("nama", "kode_klasifikasi", "tanggal_pembuatan", "tanggal_pengesahan")


@cache
def _template_text() -> str:
    return (
        resources.files("kinerja.reference")
        .joinpath("sop_pengukuran_kinerja.json")
        .read_text("utf-8")
    )


def template_sop() -> dict[str, Any]:
    """The shipped template (``{kantor}`` unfilled, no number): a fresh copy."""
    return json.loads(_template_text())


def periksa_nomor_langkah(no: object) -> int:
    """``no`` when it names a step (1 to 14); ``InputError`` otherwise."""
    if not isinstance(no, int) or isinstance(no, bool) or not 1 <= no <= JUMLAH_LANGKAH:
        raise InputError(f"Langkah SOP {no!r} tidak ada; langkah bernomor 1 sampai 14.")
    return no


def _salah(kantor: Kantor, where: str, value: object, what: str) -> InputError:
    return InputError(
        f'Berkas "{kantor.path / "kantor.toml"}", {where}: nilai {value!r} {what}. '
        "Perbaiki kantor.toml (lihat README, Kantor Anda sendiri)."
    )


def _ganti_langkah(kantor: Kantor, langkah: list[dict[str, Any]], ganti: object) -> None:
    if not isinstance(ganti, list):
        raise _salah(kantor, "[[sop.langkah]]", ganti, "harus daftar tabel [[sop.langkah]]")
    for i, entry in enumerate(ganti, start=1):
        where = f"[[sop.langkah]] ke-{i}"
        if not isinstance(entry, dict):
            raise _salah(kantor, where, entry, "harus tabel dengan kunci no")
        no = entry.get("no")
        if not isinstance(no, int) or isinstance(no, bool) or not 1 <= no <= JUMLAH_LANGKAH:
            raise _salah(kantor, f"{where} kunci no", no, "bukan nomor langkah 1 sampai 14")
        for key, value in entry.items():
            if key == "no":
                continue
            tipe = _KUNCI_LANGKAH.get(key)
            if tipe is None:
                known = ", ".join(_KUNCI_LANGKAH)
                raise _salah(
                    kantor, f"{where} kunci {key}", value, f"tidak dikenal (pilih: {known})"
                )
            ok = isinstance(value, tipe) and not isinstance(value, bool)
            if key == "mutu_baku_menit":
                ok = ok and value > 0
            if key == "pelaksana":
                ok = ok and bool(value) and all(isinstance(v, str) and v for v in value)
            if not ok:
                what = {
                    "mutu_baku_menit": "harus bilangan bulat menit lebih dari 0",
                    "pelaksana": 'harus daftar peran, misalnya ["camat"]',
                }.get(key, "harus teks")
                raise _salah(kantor, f"{where} kunci {key}", value, what)
            langkah[no - 1][key] = copy.deepcopy(value)


def sop_kantor(kantor: Kantor) -> dict[str, Any]:
    """The SOP of ``kantor``: the template with its name filled in and ``[sop]`` applied."""
    sop = template_sop()
    sop.pop("catatan_sumber", None)  # notes on the seed's text, not part of an office's SOP
    conf = kantor.config.get("sop", {})
    if not isinstance(conf, dict):
        raise _salah(kantor, "[sop]", conf, "harus tabel [sop]")
    sop["kode_klasifikasi"] = str(
        kantor.opsi("penomoran", "kode_sop", "") or sop["kode_klasifikasi"]
    )
    for key in _KUNCI_TEKS:
        if key in conf:
            value = conf[key]
            if isinstance(value, dt.date):  # a TOML date: 2025-05-15 without quotes
                value = value.isoformat()
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise _salah(kantor, f"[sop] kunci {key}", value, "harus teks")
            sop[key] = str(value)
    nomor = conf.get("nomor", "")
    if not isinstance(nomor, str):
        raise _salah(kantor, "[sop] kunci nomor", nomor, "harus teks dalam tanda petik")
    sop["nomor_sop"] = nomor.strip()
    for key in ("peran", "peran_pejabat"):
        extra = conf.get(key, {})
        if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
            raise _salah(kantor, f"[sop.{key}]", extra, 'harus tabel peran = "teks"')
        sop[key].update(extra)
    _ganti_langkah(kantor, sop["langkah"], conf.get("langkah", []))
    for step in sop["langkah"]:
        for key in ("uraian", "kelengkapan", "output", "keterangan"):
            step[key] = step[key].replace("{kantor}", kantor.nama)
    sop["sumber"] = f"SOP Pengukuran Kinerja {kantor.nama}"
    return sop


def load_sop(kantor: Kantor) -> dict[str, Any]:
    """The SOP ``kantor`` works by (:func:`sop_kantor`)."""
    return sop_kantor(kantor)


def langkah_sop(no: int, sop: dict[str, Any]) -> dict[str, Any]:
    """Step ``no`` (1 to 14) of ``sop``; ``InputError`` for any other number."""
    return sop["langkah"][periksa_nomor_langkah(no) - 1]


def judul_langkah(no: int, sop: dict[str, Any]) -> str:
    """How messages name step ``no``: ``langkah 7 (<uraian>)``."""
    return f"langkah {no} ({langkah_sop(no, sop)['uraian']})"


def sebutan_pelaksana(kantor: Kantor, sop: dict[str, Any], peran: str, nama: str = "") -> str:
    """Who did a step as a person reads it: the role's label (``[sop.peran]``, else the
    official's jabatan, else the role as written) and the official's name when recorded:
    ``Sekretaris Tim SAKIP (…) — RIKO SAPUTRA, S.Kom.``."""
    pejabat = kantor.pejabat.get(peran)
    label = sop["peran"].get(peran) or (pejabat.jabatan if pejabat else peran)
    return f"{label} — {nama}" if nama and nama != label else label


def kapital(text: str) -> str:
    """``text`` with its first letter in capitals (the start of a sentence)."""
    return text[:1].upper() + text[1:]
