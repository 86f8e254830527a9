"""An indikator declared ``rasio`` in the PK: its form asks for the two counts, intake
computes realisasi = pembilang / penyebut × pengali (unrounded)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from formulir_util import WHEN, fill_form
from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.gaya import FIRST_ROW, HEADER_ROW, META_SHEET, SHEET_REALISASI
from kinerja.formulir.himpun import himpun, load_realisasi
from kinerja.formulir.kembali import write_form_kembali
from kinerja.formulir.tulis import write_forms
from kinerja.inti.errors import InputError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk

PERIODE = "2025-TW3"


def _declare(kantor_dir: Path, rasio: dict[str, object], pengali: dict[str, object] | None = None):
    """Add the optional ``rasio`` (and ``pengali``) columns to the PK's Indikator sheet."""
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Indikator"]
    headers = [c.value for c in ws[1]]
    kode_col = headers.index("kode") + 1
    extra = [("rasio", rasio)] + ([("pengali", pengali)] if pengali is not None else [])
    for offset, (name, values) in enumerate(extra, start=1):
        col = ws.max_column + 1 if offset == 1 else ws.max_column + 1
        ws.cell(row=1, column=col, value=name)
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=col, value=values.get(ws.cell(row=r, column=kode_col).value))
    save_workbook(wb, path, dt.datetime(2025, 1, 2))


def _pem_form(kantor_dir: Path, tmp_path: Path) -> tuple[Path, object, object]:
    kantor = load_kantor(kantor_dir)
    pk = load_pk(kantor, 2025)
    paths = write_forms(kantor, pk, Periode.parse(PERIODE), tmp_path / "formulir")
    pem = next(p for p in paths if "-PEM-" in p.name)
    return pem, kantor, pk


def _headers(path: Path) -> list[str]:
    ws = load_workbook(path)[SHEET_REALISASI]
    return [c.value for c in ws[HEADER_ROW] if c.value]


def test_pk_reads_rasio_and_pengali_and_a_pk_without_them_as_before(kantor_dir: Path):
    before = load_pk(load_kantor(kantor_dir), 2025)
    assert "rasio" not in before.indikator.columns
    _declare(kantor_dir, {"IK-07": "ya"}, {"IK-07": 100})
    pk = load_pk(load_kantor(kantor_dir), 2025)
    ind = pk.indikator.set_index("kode")
    assert bool(ind.at["IK-07", "rasio"]) and not bool(ind.at["IK-08", "rasio"])
    assert ind.at["IK-07", "pengali"] == 100


def test_pk_refuses_a_qualitative_rasio_and_a_bad_pengali(kantor_dir: Path):
    _declare(kantor_dir, {"IK-01": "ya", "IK-07": "ya"}, {"IK-07": "seratus"})
    with pytest.raises(InputError) as exc:
        load_pk(load_kantor(kantor_dir), 2025)
    kodes = {t.kode for t in exc.value.temuan}
    assert kodes == {"pk-rasio-kualitatif", "pk-pengali-salah"}
    assert 'Pengali "seratus"' in str(exc.value)


def test_form_asks_for_the_two_counts_only_on_rasio_rows(kantor_dir: Path, tmp_path: Path):
    _declare(kantor_dir, {"IK-07": "ya"})
    pem, kantor, pk = _pem_form(kantor_dir, tmp_path)
    headers = _headers(pem)
    assert headers[-6:-4] == ["Pembilang TW III", "Penyebut TW III"]
    wb = load_workbook(pem)
    ws = wb[SHEET_REALISASI]
    col = {h: i + 1 for i, h in enumerate(c.value for c in ws[HEADER_ROW])}
    rows = {ws.cell(row=r, column=2).value: r for r in range(FIRST_ROW, FIRST_ROW + 3)}
    unlocked = lambda r, h: not ws.cell(row=r, column=col[h]).protection.locked  # noqa: E731
    assert unlocked(rows["IK-07"], "Pembilang TW III") and unlocked(
        rows["IK-07"], "Penyebut TW III"
    )
    assert not unlocked(rows["IK-07"], "Realisasi TW III")
    assert unlocked(rows["IK-08"], "Realisasi TW III")
    assert not unlocked(rows["IK-08"], "Pembilang TW III")
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    assert meta["baris_rasio"] == "IK-07"
    other = next(p for p in (tmp_path / "formulir").iterdir() if "-KESOS-" in p.name)
    assert "Pembilang TW III" not in _headers(other)  # units without counts: as before


def test_intake_computes_realisasi_from_the_counts(kantor_dir: Path, tmp_path: Path):
    _declare(kantor_dir, {"IK-07": "ya", "IK-08": "ya"})
    pem, kantor, pk = _pem_form(kantor_dir, tmp_path)
    fill_form(
        pem,
        values={
            "IK-07": {"pembilang": 14, "penyebut": 16, "bukti_dukung": "lppn.pdf"},
            "IK-08": {"pembilang": 2, "penyebut": 3, "bukti_dukung": "apbn.pdf"},
            "IK-09": {"realisasi": 1, "bukti_dukung": "sengketa.pdf"},
        },
        pengisi={"pengisi": "Petugas", "tanggal_pengisian": dt.date(2025, 10, 6)},
        when=WHEN,
    )
    hasil = himpun(kantor, PERIODE, [pem], pk=pk)
    assert [t.kode for t in hasil.temuan if t.tingkat == "error"] == []
    real, _ = load_realisasi(kantor, 2025)
    got = real[real["tw"].eq(3)].set_index("kode")
    assert got.at["IK-07", "realisasi"] == 87.5
    assert got.at["IK-08", "realisasi"] == pytest.approx(200 / 3, rel=1e-15)  # unrounded
    assert got.at["IK-09", "realisasi"] == 1
    assert got.at["IK-07", "sel"].startswith(_letter(pem, "Pembilang TW III"))


def _letter(path: Path, header: str) -> str:
    ws = load_workbook(path)[SHEET_REALISASI]
    for c in ws[HEADER_ROW]:
        if c.value == header:
            return c.column_letter
    raise AssertionError(header)


@pytest.mark.parametrize(
    ("p", "q", "kode", "error"),
    [
        (14, 0, "penyebut-nol", True),
        (17, 16, "pembilang-melebihi-penyebut", False),
        ("empat belas", 16, "realisasi-bukan-angka", True),
        (None, 16, "realisasi-kosong", False),
    ],
)
def test_intake_findings_on_the_counts(kantor_dir, tmp_path, p, q, kode, error):
    _declare(kantor_dir, {"IK-07": "ya"})
    pem, kantor, pk = _pem_form(kantor_dir, tmp_path)
    fill_form(
        pem,
        values={
            "IK-07": {"pembilang": p, "penyebut": q, "bukti_dukung": "x.pdf"},
            "IK-08": {"realisasi": 100, "bukti_dukung": "x.pdf"},
            "IK-09": {"realisasi": 1, "bukti_dukung": "x.pdf"},
        },
        pengisi={"pengisi": "Petugas", "tanggal_pengisian": dt.date(2025, 10, 6)},
        when=WHEN,
    )
    hasil = himpun(kantor, PERIODE, [pem], pk=pk)
    found = [t for t in hasil.temuan if t.kode == kode]
    assert len(found) == 1, [(t.kode, t.sel) for t in hasil.temuan]
    assert (found[0].tingkat == "error") is error
    assert found[0].indikator == "IK-07"
    column = "Penyebut TW III" if kode == "penyebut-nol" else "Pembilang TW III"
    assert found[0].sel.startswith(_letter(pem, column)) and found[0].kolom == column


@pytest.mark.parametrize(("p", "q"), [(14, 0), (17, 16)])  # refused, and accepted with a warning
def test_returned_form_refills_the_counts(kantor_dir, tmp_path, p, q):
    _declare(kantor_dir, {"IK-07": "ya"})
    pem, kantor, pk = _pem_form(kantor_dir, tmp_path)
    fill_form(
        pem,
        values={
            "IK-07": {"pembilang": p, "penyebut": q, "bukti_dukung": "x.pdf"},
            "IK-08": {"realisasi": 100, "bukti_dukung": "x.pdf"},
            "IK-09": {"realisasi": 1, "bukti_dukung": "x.pdf"},
        },
        pengisi={"pengisi": "Petugas", "tanggal_pengisian": dt.date(2025, 10, 6)},
        when=WHEN,
    )
    himpun(kantor, PERIODE, [pem], pk=pk)
    back = write_form_kembali(kantor, PERIODE, "PEM", tmp_path / "kembali", pk=pk)
    ws = load_workbook(back)[SHEET_REALISASI]
    header = [c.value for c in ws[HEADER_ROW]]
    rows = {r[header.index("Kode")]: r for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True)}
    ik07, ik08 = rows["IK-07"], rows["IK-08"]
    assert ik07[header.index("Pembilang TW III")] == p
    assert ik07[header.index("Penyebut TW III")] == q
    assert ik07[header.index("Realisasi TW III")] is None  # computed again at intake
    assert ik08[header.index("Realisasi TW III")] == 100
    assert ik08[header.index("Pembilang TW III")] is None
    assert "Temuan" in load_workbook(back).sheetnames
