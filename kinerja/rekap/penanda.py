"""Whether a signed document vouches for a package's figures: a trusted root, the office's signer.

``percaya`` sets ``HasilPaket.ttd`` from the signature check and the Kabupaten's roots;
``tandai_penanda`` then lists apart (``penanda-lain``) what another person signed.
A signed document counts for its office only when its certificate names the signer
the package itself records (the ``tte-penanda`` event of its chain that precedes the
signed file's archival, ``ttd.penanda_kantor``); with ``--penanda FILE`` the
Kabupaten also pins each office's signer by NIP, and then the certificate itself must
name that NIP (a fingerprint the office registered does not count: the office wrote it).

``baca_penanda(path)`` reads the pin file: TOML (``kode = "NIP"``, at the top or under
``[penanda]``) or CSV (columns ``kode`` and ``nip``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect_baca
from kinerja.inti.errors import UsageError
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.toml_baca import sebab_bukan_utf8, sebab_toml
from kinerja.rekap.hasil import HasilPaket
from kinerja.ttd.keabsahan import HasilValidasi
from kinerja.ttd.penanda_kantor import PenandaKantor, cocok

__all__ = ["alasan_penanda", "baca_penanda", "percaya", "rantai_kantor", "tandai_penanda"]


def _nip(nilai: object, letak: str, path: Path) -> str:
    nip = re.sub(r"[\s.]", "", str(nilai))
    if not nip.isdigit():
        raise UsageError(
            f'Berkas penanda tangan "{path}": {letak} bernilai "{nilai}", bukan NIP (angka). '
            "Tulis NIP penanda tangan kantor itu, misalnya 197903121998031002."
        )
    return nip


def _toml(path: Path, teks: str) -> dict[str, str]:
    try:
        isi = tomllib.loads(teks)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f'Berkas penanda tangan "{path}" tidak dapat dibaca {sebab_toml(exc, teks)}'
        ) from None
    isi = isi.get("penanda", isi) if isinstance(isi.get("penanda"), dict) else isi
    out = {}
    for kode, nilai in isi.items():
        if isinstance(nilai, dict | list):
            raise UsageError(
                f'Berkas penanda tangan "{path}": kunci "{kode}" harus berisi NIP, bukan tabel '
                'atau daftar. Tulis kode_kantor = "NIP", satu per baris.'
            )
        out[str(kode)] = _nip(nilai, f'kunci "{kode}"', path)
    return out


def _csv(path: Path, teks: str) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(teks)))
    kolom = {str(k).strip().casefold(): k for k in (rows[0].keys() if rows else [])}
    if rows and not {"kode", "nip"} <= set(kolom):
        raise UsageError(
            f'Berkas penanda tangan "{path}" harus punya kolom "kode" dan "nip" (kode kantor '
            "dan NIP penanda tangannya)."
        )
    out = {}
    for n, row in enumerate(rows, start=2):
        kode = str(row[kolom["kode"]] or "").strip()
        if kode:
            out[kode] = _nip(row[kolom["nip"]] or "", f"baris {n} kolom nip", path)
    return out


def baca_penanda(path: Path) -> dict[str, str]:
    """Office kode → NIP of its signer, from a TOML or CSV file; ``UsageError`` naming the
    file and the key or row that is wrong."""
    path = Path(path)
    try:
        teks = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f'Berkas penanda tangan "{path}" tidak ditemukan.') from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f'Berkas penanda tangan "{path}" bukan teks UTF-8: '
            f"{sebab_bukan_utf8(path.read_bytes(), exc)}\nSimpan ulang berkas sebagai UTF-8."
        ) from None
    except OSError as exc:
        raise UsageError(
            f'Berkas penanda tangan "{path}" tidak dapat dibaca ({exc.strerror or exc}).'
        ) from None
    out = _csv(path, teks) if path.suffix.lower() == ".csv" else _toml(path, teks)
    if not out:
        raise UsageError(f'Berkas penanda tangan "{path}" tidak memuat satu kantor pun.')
    return out


def alasan_penanda(v: HasilValidasi, dinyatakan: PenandaKantor | None, nip_pin: str = "") -> str:
    """Why the signed document ``v`` does not vouch for the office ("" when it does).

    ``dinyatakan``: the signer the package records for the signing time; ``nip_pin``:
    the NIP the Kabupaten pinned for the office (``--penanda``).
    """
    if dinyatakan is None:
        return (
            "paket tidak mencatat penanda tangan kantor (peristiwa tte-penanda), sehingga "
            "tanda tangannya tidak dapat dikaitkan dengan pejabat kantor"
        )
    for i, ident in enumerate(v.sertifikat, start=1):
        siapa = f'tanda tangan ke-{i} dengan sertifikat "{ident.subjek or "?"}"'
        if not cocok(ident, dinyatakan):
            return f"{siapa} bukan milik penanda tangan yang dicatat paket: {dinyatakan.teks()}"
        if nip_pin and not ident.menyebut_nip(nip_pin):
            return (
                f"{siapa} tidak menyebut NIP {nip_pin}, penanda tangan kantor ini menurut --penanda"
            )
    return ""


def percaya(h: HasilPaket, sah: dict[str, HasilValidasi], akar: Sequence[Path] | None) -> None:
    """Whether the figures read come from a signed document a trusted root vouches for.

    The figures are the data embedded in the document PDF (``baca_data`` reads the
    signed PDFs first and requires every copy, the package's JSON included, to agree).
    """
    src, _, tertanam = h.berkas_data.partition("#")
    v = sah.get(src) if tertanam else None
    if v is None:
        h.ttd = "tanpa-ttd"
        h.tanda_tangan = h.tanda_tangan or "tanpa tanda tangan elektronik"
        return
    h.waktu_ttd = v.waktu.astimezone(dt.UTC).isoformat() if v.waktu else ""
    if akar and v.utuh:
        h.ttd, h.tanda_tangan = "terpercaya", v.pesan
    elif akar:
        h.ttd = "tidak-terpercaya"
        h.tanda_tangan = (
            f"utuh, oleh {v.penanda_tangan}; sertifikatnya tidak diterbitkan oleh sertifikat "
            "akar yang dipercaya Kabupaten"
        )
    else:
        h.ttd = "tidak-terpercaya"
        h.tanda_tangan = (
            f"utuh, oleh {v.penanda_tangan}; kepercayaan sertifikat tidak dapat diperiksa tanpa "
            "sertifikat akar yang dipercaya Kabupaten"
        )


def tandai_penanda(
    h: HasilPaket,
    sah: Mapping[str, HasilValidasi],
    dinyatakan: Callable[[str], PenandaKantor | None],
    pin: Mapping[str, str],
) -> None:
    """List apart (``ttd = "penanda-lain"``) figures whose signed document is not signed by
    the office's signer. ``dinyatakan(src)``: the signer recorded for the signed file
    ``src``; ``pin``: office kode → NIP (``--penanda``)."""
    src, _, tertanam = h.berkas_data.partition("#")
    v = sah.get(src) if tertanam else None
    if v is None or h.ttd not in ("terpercaya", "tidak-terpercaya"):
        return
    why = alasan_penanda(v, dinyatakan(src), pin.get(h.kantor_kode, ""))
    if why:
        h.ttd, h.tanda_tangan = "penanda-lain", why


def rantai_kantor(kantor: Kantor) -> list[dict[str, Any]]:
    """The office's event chain as dicts (empty when it cannot be read: ``verifikasi``
    names that)."""
    try:
        conn = connect_baca(kantor.path)
    except sqlite3.DatabaseError:
        return []
    try:
        return [e.as_dict() for e in eventlog.iter_peristiwa(conn)]
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()
