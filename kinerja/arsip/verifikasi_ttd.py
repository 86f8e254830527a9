"""Whose signature is it: every signature of an office's record must be its signer's.

A signature counts for the office only when its certificate names the signer the
register recorded when the signed file was archived (``ttd.penanda_kantor``): the
NIP in the certificate's subject, or a registered fingerprint. Used by
``arsip.verifikasi`` after the cryptographic check (``ttd.keabsahan``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinerja.arsip.masalah import Masalah, buat_masalah
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.keabsahan import HasilValidasi
from kinerja.ttd.penanda_kantor import PenandaKantor, cocok, penanda_konfigurasi, penanda_pada

__all__ = ["masalah_penanda", "penanda_saat"]


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
    office's signer on record when the file (archived by ``event_hash``) was signed."""
    penanda = penanda_saat(kantor, rantai, event_hash)
    seharusnya = penanda.teks() if penanda else "tidak ada penanda tangan kantor yang tercatat"
    return [
        buat_masalah(
            "penanda-tangan-lain", label, ke=i, subjek=ident.subjek or "?", seharusnya=seharusnya
        )
        for i, ident in enumerate(hasil.sertifikat, start=1)
        if penanda is None or not cocok(ident, penanda)
    ]
