"""Wet-ink signings under ``verifikasi``: the record, the scan, the signer, the signed file.

A file signed in wet ink carries no signature of its own: its proof is the signing
record ``arsip/tte/basah/<sha256 of the file>.json`` and the scan it names
(``arsip/tte/pindaian/``). ``sop lanjut`` (and ``ttd tandatangani`` of a document)
archives both as objects of the periode (jenis ``tte``, ``jalankan.ttd_sop.arsipkan_basah``),
so the chain covers them. For every wet-signed file, known from an archived record or
a record on disk (the document and the cover letter alike):

* the record is still there and the same as the one archived (``basah-rekam-hilang``,
  ``basah-rekam-berubah``); a record no archived copy covers is a ``peringatan``;
* the scan is there with the sha256 recorded (``basah-pindaian-hilang``/``-berubah``);
* the record names the office's signer on record when the file was archived
  (``ttd.penanda_kantor``: name, and NIP when recorded) (``basah-penanda-lain``);
* the signed file is archived with the sha256 the record names (``basah-berkas-tak-diarsip``).

Each finding names the signed file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kinerja.arsip.verifikasi_ttd import penanda_saat
from kinerja.catatan.objek import objek_path
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.dasar import tte_dir

__all__ = ["JENIS_BUKTI", "cek_basah"]

#: The archive jenis of wet-ink evidence (scans and signing records).
JENIS_BUKTI = "tte"


class _Laporan(Protocol):
    jumlah: dict[str, int]

    def tambah(self, kunci: str, objek: str = "", **isian: object) -> None: ...


@dataclass
class _Tanda:
    """One wet-ink signing: the signed file's hash and what records it."""

    sha: str
    arsip: dict[str, dict[str, Any]]  # sha256 of an archived record → its content
    event_hash: str = ""  # the archived record's event


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _baca_json(data: bytes) -> dict[str, Any] | None:
    try:
        isi = json.loads(data)
    except ValueError:
        return None
    return isi if isinstance(isi, dict) else None


def _rekam_arsip(kantor: Kantor, rows: Sequence[dict[str, Any]]) -> dict[str, _Tanda]:
    """The archived signing records by the signed file's hash (an object gone or
    changed is ``_cek_objek``'s finding)."""
    out: dict[str, _Tanda] = {}
    for r in rows:
        if r["jenis"] != JENIS_BUKTI or not str(r["nama"]).startswith("basah-"):
            continue
        try:
            data = objek_path(kantor, r["sha256"]).read_bytes()
        except OSError:
            continue
        isi = _baca_json(data)
        if isi is None or _sha(data) != r["sha256"]:
            continue
        tanda = out.setdefault(str(isi.get("sha256", "")), _Tanda(str(isi.get("sha256", "")), {}))
        tanda.arsip[r["sha256"]] = isi
        tanda.event_hash = tanda.event_hash or r["event_hash"]
    return out


def _rekam_disk(kantor: Kantor) -> list[str]:
    folder = tte_dir(kantor) / "basah"
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def _sama(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def cek_basah(
    kantor: Kantor,
    rows: Sequence[dict[str, Any]],
    rantai: Sequence[dict[str, Any]],
    lap: _Laporan,
) -> set[str]:
    """Check every wet-ink signing (see the module docstring); return the hashes of the
    wet-signed files, which the electronic signature check then leaves alone."""
    tanda = _rekam_arsip(kantor, rows)
    for sha in _rekam_disk(kantor):
        tanda.setdefault(sha, _Tanda(sha, {}))
    berkas = {r["sha256"]: r for r in rows if r["jenis"] != JENIS_BUKTI}
    for t in tanda.values():
        lap.jumlah["tanda_tangan"] = lap.jumlah.get("tanda_tangan", 0) + 1
        baris = berkas.get(t.sha)
        nama = baris["nama_berkas"] if baris else _nama_rekam(t)
        label = f"{nama} ({t.sha[:16]}…)"
        rekam = _cek_rekam(kantor, t, label, lap)
        if rekam is None:
            continue
        _cek_pindaian(kantor, rekam, label, lap)
        event_hash = baris["event_hash"] if baris else t.event_hash
        _cek_penanda(kantor, rantai, event_hash, rekam, label, lap)
        if baris is None and t.arsip:
            lap.tambah("basah-berkas-tak-diarsip", label, sha=t.sha)
    return set(tanda)


def _nama_rekam(t: _Tanda) -> str:
    for isi in t.arsip.values():
        return str(isi.get("berkas", "")) or t.sha[:16]
    return t.sha[:16]


def _cek_rekam(kantor: Kantor, t: _Tanda, label: str, lap: _Laporan) -> dict[str, Any] | None:
    """The record on disk against the archived ones; the record to check further."""
    path = tte_dir(kantor) / "basah" / f"{t.sha}.json"
    rel = path.relative_to(kantor.path).as_posix()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        lap.tambah("basah-rekam-hilang", label, rekam=rel)
        return next(iter(t.arsip.values()), None)
    except OSError as exc:
        lap.tambah("objek-tak-terbaca", rel, alasan=exc.strerror)
        return None
    if _sha(data) in t.arsip:
        return t.arsip[_sha(data)]
    if t.arsip:
        lap.tambah("basah-rekam-berubah", label, rekam=rel, sekarang=_sha(data))
    else:
        lap.tambah("basah-rekam-tak-tercatat", label, rekam=rel)
    return _baca_json(data) or next(iter(t.arsip.values()), None)


def _cek_pindaian(kantor: Kantor, rekam: dict[str, Any], label: str, lap: _Laporan) -> None:
    rel = str(rekam.get("pindaian", ""))
    path = kantor.path / rel
    if not rel or not path.is_file():
        lap.tambah("basah-pindaian-hilang", label, pindaian=rel or "?")
        return
    sekarang = _sha(path.read_bytes())
    if sekarang != rekam.get("pindaian_sha256"):
        seharusnya = str(rekam.get("pindaian_sha256", ""))
        lap.tambah(
            "basah-pindaian-berubah", label, pindaian=rel, sekarang=sekarang, seharusnya=seharusnya
        )


def _cek_penanda(
    kantor: Kantor,
    rantai: Sequence[dict[str, Any]],
    event_hash: str,
    rekam: dict[str, Any],
    label: str,
    lap: _Laporan,
) -> None:
    penanda = penanda_saat(kantor, rantai, event_hash)
    nama, nip = str(rekam.get("penanda_tangan", "")), re.sub(r"\D", "", str(rekam.get("nip", "")))
    if penanda is None:
        seharusnya = "tidak ada penanda tangan kantor yang tercatat"
    elif _sama(nama, penanda.nama) and (not penanda.nip or nip == penanda.nip):
        return
    else:
        seharusnya = penanda.teks()
    lap.tambah("basah-penanda-lain", label, penanda=nama or "?", seharusnya=seharusnya)
