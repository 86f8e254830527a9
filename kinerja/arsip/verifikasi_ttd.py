"""Whose signature is it, and which roots it may be trusted by.

A signature counts for the office only when its certificate names the signer the
register recorded when the signed file was archived (``ttd.penanda_kantor``): the
NIP in the certificate's subject, or a registered fingerprint. Used by
``arsip.verifikasi`` after the cryptographic check (``ttd.keabsahan``). The trust
configuration (``ttd.akar``) must be what the register last recorded: a file gone is
``tte-akar-hilang``, a file never recorded or changed is ``tte-akar-berubah``, each
named as what it is (root certificate, test CA, test signer). ``penanda_berkas`` is the
same signer check for one PDF outside ``verifikasi`` (``kinerja ttd periksa --kantor``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja.arsip.masalah import Masalah, buat_masalah
from kinerja.catatan import eventlog
from kinerja.catatan.db import connect_baca, db_path
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.akar import akar_tercatat, berkas_akar
from kinerja.ttd.keabsahan import HasilValidasi
from kinerja.ttd.penanda_kantor import PenandaKantor, cocok, penanda_konfigurasi, penanda_pada

__all__ = ["jenis_akar", "masalah_akar", "masalah_penanda", "penanda_berkas", "penanda_saat"]


def penanda_saat(
    kantor: Kantor, rantai: Sequence[dict[str, Any]], event_hash: str
) -> PenandaKantor | None:
    """The signer on record when the event ``event_hash`` was appended; with no record in
    the chain, the one kantor.toml names now (``None``: none configured either)."""
    tercatat = penanda_pada(rantai, event_hash)
    if tercatat is not None:
        return tercatat
    try:
        return penanda_konfigurasi(kantor)
    except InputError:
        return None


def masalah_penanda(
    kantor: Kantor,
    rantai: Sequence[dict[str, Any]],
    event_hash: str,
    hasil: HasilValidasi,
    label: str,
) -> list[Masalah]:
    """One ``penanda-tangan-lain`` per signature of ``hasil`` whose certificate is not the
    office's signer on record when the file (archived by ``event_hash``) was signed.

    An archive from before kinerja recorded signers (no ``tte-penanda`` event anywhere in
    its chain) is judged against kantor.toml's signer; a mismatch there is a PERINGATAN
    ``penanda-belum-tercatat`` saying how to record the certificate, not damage."""
    penanda = penanda_saat(kantor, rantai, event_hash)
    seharusnya = penanda.teks() if penanda else "tidak ada penanda tangan kantor yang tercatat"
    tercatat = penanda_pada(rantai, event_hash) is not None
    return [
        buat_masalah(
            "penanda-tangan-lain" if tercatat else "penanda-belum-tercatat", label, ke=i, subjek=ident.subjek or "?", seharusnya=seharusnya,
            kantor=kantor.path,
        )
        for i, ident in enumerate(hasil.sertifikat, start=1)
        if penanda is None or not cocok(ident, penanda)
    ]  # fmt: skip


def _rantai_berkas(kantor: Kantor, sha256: str) -> tuple[list[dict[str, Any]], str]:
    """The chain (read only) and the event that archived content ``sha256`` (its signed
    version first; ``""`` when not archived). No database, or none readable: ([], "")."""
    if not db_path(kantor.path).is_file():
        return [], ""
    try:
        conn = connect_baca(kantor.path)
    except sqlite3.DatabaseError:
        return [], ""
    try:
        rantai = [e.as_dict() for e in eventlog.iter_peristiwa(conn)]
        row = conn.execute(
            "SELECT event_hash FROM artefak WHERE sha256 = ? "
            "ORDER BY status = 'ditandatangani' DESC, id LIMIT 1",
            (sha256,),
        ).fetchone()
    except sqlite3.DatabaseError:  # no chain or index table: nothing recorded to judge by
        return [], ""
    finally:
        conn.close()
    return rantai, str(row[0]) if row else ""


def penanda_berkas(
    kantor: Kantor, path: Path, hasil: HasilValidasi
) -> tuple[PenandaKantor | None, list[Masalah]]:
    """Whether the signatures of the PDF ``path`` (validated as ``hasil``) are the office's
    signer's: (the signer they are judged against, ``masalah_penanda``'s findings).

    An archived file is judged against the signer on record when it was archived; any
    other against the one on record now (kantor.toml's when none was ever recorded).
    Reads the database only.
    """
    with Path(path).open("rb") as fh:
        sha = hashlib.file_digest(fh, "sha256").hexdigest()
    rantai, event_hash = _rantai_berkas(kantor, sha)
    penanda = penanda_saat(kantor, rantai, event_hash)
    return penanda, masalah_penanda(kantor, rantai, event_hash, hasil, Path(path).name)


def jenis_akar(berkas: str) -> str:
    """What a file of the trust configuration is, as a person calls it."""
    if "/tte/uji/" in f"/{berkas}":
        return "berkas penanda tangan uji" if berkas.endswith(".p12") else "sertifikat CA uji"
    return "sertifikat akar"


def masalah_akar(kantor: Kantor) -> list[Masalah]:
    """Every file of the trust configuration that is not what the register last recorded."""
    tercatat = akar_tercatat(kantor) or {}
    sekarang = berkas_akar(kantor)
    out = []
    for berkas in sorted(set(tercatat) | set(sekarang)):
        lama, baru = tercatat.get(berkas), sekarang.get(berkas)
        if lama == baru:
            continue
        # never recorded; recorded and gone (or named in kantor.toml, not there); changed
        out.append(
            buat_masalah(
                "tte-akar-berubah"
                if lama is None
                else ("tte-akar-hilang" if not baru else "tte-akar-berubah/isi"),
                berkas,
                jenis=jenis_akar(berkas),
            )
        )
    return out
