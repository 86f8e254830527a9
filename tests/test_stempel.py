"""The visible signature stamp prints the archive chain's head hash at signing time."""

from __future__ import annotations

import datetime as dt

from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.dasar import Permintaan
from kinerja.ttd.pkcs12 import teks_stempel

KEPALA = "51cc8893bd925487b5fa09b442ddc9c1f28a941569cfc04824d868ef63412865"


def _req(kantor: Kantor, kepala: str) -> Permintaan:
    return Permintaan(
        kantor=kantor,
        pejabat=kantor.pejabat["camat"],
        alasan="Pengesahan Dokumen Pengukuran Kinerja",
        lokasi="Air Haji",
        waktu=dt.datetime(2026, 1, 20, 9, 10, tzinfo=WIB),
        kepala=kepala,
    )


def test_the_stamp_prints_the_whole_head_hash_in_two_lines(kantor: Kantor) -> None:
    teks, params = teks_stempel(_req(kantor, KEPALA), "RAHMAT HIDAYAT")
    filled = teks % params
    lines = filled.splitlines()
    assert lines[0] == "Ditandatangani secara elektronik oleh"
    assert "Kepala rantai arsip:" in lines
    assert "".join(lines[-2:]) == KEPALA and all(len(x) <= 32 for x in lines[-2:])
    assert "20 Januari 2026 pukul 09.10 WIB" in lines


def test_without_a_chain_the_stamp_has_no_head_line(kantor: Kantor) -> None:
    teks, params = teks_stempel(_req(kantor, ""), "RAHMAT HIDAYAT")
    assert "Kepala rantai" not in teks % params
