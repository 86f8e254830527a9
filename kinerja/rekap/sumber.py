"""The source data of a package or an office: ``data-sumber.json``, embedded or beside.

``baca_data`` takes the data embedded in the document PDF first, else the archived
data file; every copy found must agree, be the known format, and belong to the
office and periode of the package. The result goes onto the ``HasilPaket``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kinerja.cetak.render import read_embedded
from kinerja.rekap.hasil import HasilPaket
from kinerja.rekap.skema import KonstantaTidakSahError, baca_json, periksa_isi, tampil

__all__ = ["BATAS_DATA", "FORMAT_DATA", "NAMA_DATA", "baca_data"]

NAMA_DATA = "data-sumber.json"
FORMAT_DATA = "kinerja-dokumen-data/1"
#: The largest source data read (bytes): an office's data are a few hundred kilobytes.
BATAS_DATA = 64 * 1024 * 1024


def _salinan(
    sources: list[tuple[str, Path, str]], h: HasilPaket, pdf_rows: list[tuple[str, Path]]
) -> list[tuple[str, bytes, str]]:
    """Every copy of the data: (where, bytes, how it was read)."""
    found: list[tuple[str, bytes, str]] = []
    for rel, path in pdf_rows:
        try:
            embedded = read_embedded(path)
        except Exception as exc:  # untrusted bytes; the message names the file
            h.tambah("pdf-tak-terbaca", rel, galat=exc)
            continue
        if NAMA_DATA in embedded:
            found.append((f"{rel}#{NAMA_DATA}", embedded[NAMA_DATA], "tertanam di PDF"))
    for rel, path, _ in sources:
        if path.stat().st_size > BATAS_DATA:
            h.tambah("data-tidak-sah/ukuran", rel, ukuran=path.stat().st_size, batas=BATAS_DATA)
            continue
        found.append((rel, path.read_bytes(), "berkas data"))
    return found


def baca_data(
    sources: list[tuple[str, Path, str]], h: HasilPaket, *, pdf_rows: list[tuple[str, Path]]
) -> None:
    """Choose the source data: embedded in the document PDF first, else the data file."""
    found = _salinan(sources, h, pdf_rows)
    if not found:
        h.tambah("data-tidak-ada/paket", nama=NAMA_DATA)
        return
    hashes = {hashlib.sha256(b).hexdigest() for _, b, _ in found}
    if len(hashes) > 1:
        h.tambah(
            "data-tertanam-berbeda/sumber", found[0][0], daftar=", ".join(r for r, _, _ in found)
        )
        return
    rel, payload, cara = found[0]
    if len(payload) > BATAS_DATA:
        h.tambah("data-tidak-sah/ukuran", rel, ukuran=len(payload), batas=BATAS_DATA)
        return
    try:
        data = baca_json(payload)
    except KonstantaTidakSahError as exc:
        h.tambah("data-tidak-sah/konstanta", rel, nilai=str(exc))
        return
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        h.tambah("data-rusak", rel)
        return
    if not isinstance(data, dict) or data.get("format") != FORMAT_DATA:
        fmt = data.get("format") if isinstance(data, dict) else None
        h.tambah("format-data-tidak-dikenal", rel, tertulis=fmt, seharusnya=FORMAT_DATA)
        return
    salah = periksa_isi(data)
    if salah is not None:
        kunci, nilai, alasan = salah
        h.tambah("data-tidak-sah", rel, letak=kunci, nilai=tampil(nilai), alasan=alasan)
        return
    kode = str(data["kantor"]["kode"])
    periode = str(data.get("periode", ""))
    if h.kantor_kode and kode != h.kantor_kode or h.periode and periode != h.periode:
        h.tambah(
            "data-bukan-paket-ini",
            rel,
            kode=kode,
            periode=periode,
            kode_paket=h.kantor_kode,
            periode_paket=h.periode,
        )
        return
    h.kantor_kode = h.kantor_kode or kode
    h.kantor_nama = h.kantor_nama or str(data["kantor"]["nama"])
    h.periode = h.periode or periode
    h.data, h.berkas_data, h.cara = data, rel, cara
    h.sha256_data = next(iter(hashes))
