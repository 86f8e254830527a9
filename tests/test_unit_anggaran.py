"""Budget figures are never silently missing: an office without a unit headed by
``kasubag_pk`` (Sekretariat, Tata Pemerintahan, Kesejahteraan Rakyat, like the stranger's
Kecamatan Sungai Pagu) must name its budget unit, and a quarter without budget realisasi
is a finding and a sentence in Bab IV, never "mencapai - dengan efisiensi -"."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from formulir_util import fill_form

from kinerja.cli import main
from kinerja.dokumen.data import load_dokumen_data
from kinerja.dokumen.susun import render_html
from kinerja.formulir.gaya import SHEET_ANGGARAN, SHEET_PETUNJUK, SHEET_REALISASI
from kinerja.formulir.himpun import himpun
from kinerja.formulir.layout import unit_anggaran
from kinerja.formulir.pk_kosong import KOLOM_OPSIONAL, write_pk_kosong
from kinerja.formulir.tulis import write_forms
from kinerja.inti.errors import ERROR, InputError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.skema import periksa_config
from kinerja.validasi.aturan_anggaran import anggaran_belum_dilaporkan
from kinerja.validasi.ledger import load_temuan
from kinerja.validasi.pesan import judul_temuan

WAKTU = dt.datetime(2025, 1, 6, 8, 0)
KODE = "anggaran-belum-dilaporkan"

_PEJABAT = [
    ("camat", "AFRIZAL HENDRA, S.STP.", "197805122000121001", "Camat Sungai Pagu"),
    ("sekcam", "YULIA FITRI, S.E.", "198103042006042012", "Sekretaris Camat"),
    ("kasubag_pk", "RIKO SAPUTRA, S.Kom.", "198907212015031003", "Kepala Subbagian Program"),
    ("kasi_pem", "DEDI KURNIAWAN, S.H.", "198510102010011007", "Kepala Seksi Tata Pemerintahan"),
    ("kasi_kesos", "NOVI ANDRIANI, S.Sos.", "199002142014022004", "Kepala Seksi Kesra"),
]
_UNIT = [
    ("SEKRE", "Sekretariat Kecamatan", "sekretariat", "sekcam"),
    ("TAPEM", "Seksi Tata Pemerintahan", "seksi", "kasi_pem"),
    ("KESRA", "Seksi Kesejahteraan Rakyat", "seksi", "kasi_kesos"),
]


def _toml(extra: str = "", tanpa: str = "") -> str:
    """The stranger's office: a kasubag_pk who heads no [[unit]] (``tanpa``: a peran left out)."""
    lines = [
        "[kantor]",
        'kode = "sungai-pagu"',
        'nama = "Kecamatan Sungai Pagu"',
        'kabupaten = "Solok Selatan"',
        "",
        "[anggaran]",
        "total_pagu = 1000000000",
        "",
        extra,
    ]
    for peran, nama, nip, jabatan in (p for p in _PEJABAT if p[0] != tanpa):
        lines += ["[[pejabat]]", f'peran = "{peran}"', f'nama = "{nama}"', f'nip = "{nip}"']
        lines += ['pangkat = "Penata"', 'golongan = "III/c"', f'jabatan = "{jabatan}"', ""]
    for kode, nama, jenis, kepala in _UNIT:
        lines += ["[[unit]]", f'kode = "{kode}"', f'nama = "{nama}"', f'jenis = "{jenis}"']
        lines += [f'kepala = "{kepala}"', ""]
    return "\n".join(lines)


def _pk(path: Path, pagu: int | None = 1_000_000_000) -> None:
    """The empty PK of ``kinerja init``, filled as the analyst would (IK-02's TW II target
    typed as text "19,5")."""
    write_pk_kosong(path, "Kecamatan Sungai Pagu", 2025, [u[:2] for u in _UNIT], waktu=WAKTU)
    wb = openpyxl.load_workbook(path)
    wb["Sasaran"].append(["S1", "Meningkatnya akuntabilitas kinerja Kecamatan"])
    wb["Sasaran"].append(["S2", "Meningkatnya kesejahteraan sosial masyarakat"])
    header = [c.value for c in wb["Indikator"][1]]
    rows = [
        {"kode": "IK-01", "sasaran_kode": "S1", "indikator": "Persentase realisasi anggaran",
         "satuan": "%", "polaritas": "positif", "jenis_periode": "akhir", "target_tahunan": 95,
         "target_tw1": 20, "target_tw2": 45, "target_tw3": 70, "target_tw4": 95, "unit": "SEKRE"},
        {"kode": "IK-02", "sasaran_kode": "S2", "indikator": "Prevalensi balita stunting",
         "satuan": "%", "polaritas": "negatif", "jenis_periode": "akhir", "target_tahunan": 18,
         "target_tw1": 20, "target_tw2": "19,5", "target_tw3": 19, "target_tw4": 18,
         "unit": "KESRA"},
        {"kode": "IK-03", "sasaran_kode": "S1", "indikator": "Jumlah layanan administrasi",
         "satuan": "layanan", "polaritas": "positif", "jenis_periode": "kumulatif",
         "target_tahunan": 400, "target_tw1": 100, "target_tw2": 100, "target_tw3": 100,
         "target_tw4": 100, "unit": "TAPEM"},
    ]  # fmt: skip
    for row in rows:
        wb["Indikator"].append([row.get(h) for h in header])
    if pagu is not None:
        wb["Program"].append(["7.01.01", "Program Penunjang", "S1", "SEKRE", pagu])
    wb.save(path)


def _kantor(
    folder: Path, extra: str = "", *, pagu: int | None = 1_000_000_000, tanpa: str = ""
) -> Path:
    folder.mkdir(parents=True)
    toml = _toml(extra, tanpa)
    if pagu is None:
        toml = toml.replace("total_pagu = 1000000000", "")
    (folder / "kantor.toml").write_text(toml, "utf-8")
    _pk(folder / "perjanjian-kinerja-2025.xlsx", pagu)
    return folder


KUNCI = '[formulir]\nunit_anggaran = "SEKRE"\n'


def _forms(folder: Path, periode: str, out: Path) -> dict[str, Path]:
    kantor = load_kantor(folder)
    paths = write_forms(kantor, load_pk(kantor, 2025), periode, out, when=WAKTU)
    return {p.name.split("-")[1]: p for p in paths}


def _kirim(folder: Path, forms: dict[str, Path], uang: float | None) -> None:
    """Every unit fills its form; the budget unit fills its Anggaran sheet with ``uang``."""
    values = {
        "IK-01": {"realisasi": 21, "bukti_dukung": "lra.pdf"},
        "IK-02": {"realisasi": 19.8, "bukti_dukung": "ppgbm.pdf"},
        "IK-03": {"realisasi": 104, "bukti_dukung": "register.pdf"},
    }
    anggaran = {} if uang is None else {"7.01.01": {"realisasi_anggaran": uang}}
    filled = [
        fill_form(path, path.with_name(f"isi-{path.name}"), values=values, anggaran=anggaran)
        for path in forms.values()
    ]
    kantor = load_kantor(folder)
    hasil = himpun(kantor, "2025-TW1", filled, waktu=dt.datetime(2025, 4, 10, 9, 0))
    assert not [t for t in hasil.temuan if t.tingkat == ERROR], hasil.temuan


# ---------------------------------------------------------------- kantor.toml and forms


def test_unknown_unit_anggaran_is_refused_by_every_command(tmp_path: Path, capsys) -> None:
    folder = _kantor(tmp_path / "pagu", '[formulir]\nunit_anggaran = "KEUANGAN"\n')
    with pytest.raises(InputError) as info:
        load_kantor(folder)
    (t,) = info.value.temuan
    assert t.kolom == "[formulir] unit_anggaran" and "'KEUANGAN'" in t.pesan
    assert "SEKRE, TAPEM, KESRA" in t.pesan
    out = tmp_path / "out"
    for perintah in (
        ["formulir", "--kantor", str(folder), "--periode", "2025-TW1", "--keluaran", str(out)],
        ["validasi", "--kantor", str(folder), "--periode", "2025-TW1"],
        ["verifikasi", "--kantor", str(folder)],
    ):
        assert main(perintah) == 1
        err = capsys.readouterr().err
        assert "[formulir] unit_anggaran" in err and "KEUANGAN" in err and "Traceback" not in err
    assert not out.exists()


def test_init_documents_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "baru"
    assert main(["init", str(folder), "--nama", "Kecamatan Sungai Pagu", "--kabupaten", "Solok Selatan"]) == 0  # fmt: skip
    text = (folder / "kantor.toml").read_text("utf-8")
    blok = text[text.index("# [formulir]") : text.index('# unit_anggaran = "')]
    assert "kasubag_pk" in blok and "WAJIB DIISI" in blok and "[[unit]]" in blok


def test_unit_codes_are_exact_in_the_schema() -> None:
    good = tomllib.loads(_toml(KUNCI))
    assert periksa_config(good) == []
    lower = tomllib.loads(_toml(KUNCI.replace("SEKRE", "sekre")))
    assert [t.kolom for t in periksa_config(lower)] == ["[formulir] unit_anggaran"]


def test_no_budget_unit_is_an_error_naming_the_key(tmp_path: Path, capsys) -> None:
    folder = _kantor(tmp_path / "pagu")
    kantor = load_kantor(folder)
    assert kantor.unit_anggaran is None  # no made-up "RENKEU"
    out = tmp_path / "out"
    assert main(["formulir", "--kantor", str(folder), "--periode", "2025-TW1", "--keluaran", str(out)]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "[formulir]" in err and 'unit_anggaran = "<kode unit>"' in err
    assert "SEKRE, TAPEM, KESRA" in err and "memuat pagu" in err and "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())  # no form written, not half of them


def test_an_office_without_budget_needs_no_budget_unit(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "tanpa-pagu", pagu=None)
    kantor = load_kantor(folder)
    assert unit_anggaran(kantor, load_pk(kantor, 2025)) is None
    forms = _forms(folder, "2025-TW1", tmp_path / "out")
    assert sorted(forms) == ["KESRA", "SEKRE", "TAPEM"]
    for path in forms.values():
        assert SHEET_ANGGARAN not in openpyxl.load_workbook(path).sheetnames


def test_with_the_key_the_budget_unit_form_has_the_anggaran_sheet(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    forms = _forms(folder, "2025-TW2", tmp_path / "out")
    sheets = {kode: openpyxl.load_workbook(p).sheetnames for kode, p in forms.items()}
    assert SHEET_ANGGARAN in sheets["SEKRE"]
    assert SHEET_ANGGARAN not in sheets["TAPEM"] and SHEET_ANGGARAN not in sheets["KESRA"]
    ws = openpyxl.load_workbook(forms["SEKRE"])[SHEET_ANGGARAN]
    assert [ws.cell(9, c).value for c in (2, 3)] == ["7.01.01", "Program Penunjang"]


def test_a_text_target_is_written_as_a_number(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    forms = _forms(folder, "2025-TW2", tmp_path / "out")
    ws = openpyxl.load_workbook(forms["KESRA"])[SHEET_REALISASI]
    header = {c.value: c.column_letter for c in ws[8] if c.value}
    cell = ws[f"{header['Target TW II']}9"]
    assert ws["B9"].value == "IK-02"
    assert cell.value == 19.5 and isinstance(cell.value, float)
    assert ws[f"{header['Target Tahunan 2025']}9"].value == 18


# ---------------------------------------------------------------- validation and Bab IV


def test_a_quarter_without_budget_realisasi_is_a_finding(tmp_path: Path, capsys) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    _kirim(folder, _forms(folder, "2025-TW1", tmp_path / "out"), uang=None)
    (t,) = [t for t in load_temuan(folder, "2025-TW1") if t.kode == KODE]
    assert t.tingkat == ERROR and t.unit == "SEKRE" and t.data["tw"] == 1
    assert judul_temuan(KODE) == "Realisasi anggaran belum dilaporkan"
    assert "Triwulan I 2025" in t.pesan and "unit SEKRE" in t.pesan and "Rp1.000.000.000" in t.pesan
    assert main(["validasi", "--kantor", str(folder), "--periode", "2025-TW1"]) == 1
    out = capsys.readouterr().out
    assert "Realisasi anggaran belum dilaporkan" in out and "DRAF" in out


def test_reported_budget_raises_nothing(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    _kirim(folder, _forms(folder, "2025-TW1", tmp_path / "out"), uang=180_000_000)
    assert [t for t in load_temuan(folder, "2025-TW1") if t.kode == KODE] == []


def test_without_a_budget_unit_the_finding_says_what_to_configure() -> None:
    program = pd.DataFrame({"kode": ["7.01.01"], "program": ["P"], "pagu": [5e8]})
    kosong = pd.DataFrame({"kode": ["7.01.01"], "tw": [1], "realisasi_anggaran": [2e8]})
    (t,) = anggaran_belum_dilaporkan(program, kosong, Periode.parse("2025-TW2"), None)
    assert t.unit == "" and "[formulir] unit_anggaran" in t.pesan and "Triwulan II" in t.pesan
    assert anggaran_belum_dilaporkan(program, kosong, Periode.parse("2025-TW1"), None) == []
    nol = program.assign(pagu=[0])
    assert anggaran_belum_dilaporkan(nol, kosong, Periode.parse("2025-TW2"), None) == []
    tanpa = kosong.iloc[:0]  # nothing reported at all: an empty frame is checked too
    assert len(anggaran_belum_dilaporkan(program, tanpa, Periode.parse("2025-TW1"), "X")) == 1


def _bab_iv(folder: Path) -> str:
    data = load_dokumen_data(load_kantor(folder), "2025-TW1", tanggal_cetak=dt.date(2025, 4, 15))
    html = render_html(data)
    return html[html.index("BAB IV") :]


def test_bab_iv_says_the_budget_is_not_yet_reported(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    _kirim(folder, _forms(folder, "2025-TW1", tmp_path / "out"), uang=None)
    bab = _bab_iv(folder)
    assert "mencapai - dengan" not in bab and "efisiensi -" not in bab
    assert (
        "Realisasi anggaran Triwulan I Tahun 2025 belum dilaporkan, sehingga penyerapan "
        "anggaran dan efisiensi belum dapat dihitung." in bab
    )


def test_bab_iv_with_the_budget_reported(tmp_path: Path) -> None:
    folder = _kantor(tmp_path / "pagu", KUNCI)
    _kirim(folder, _forms(folder, "2025-TW1", tmp_path / "out"), uang=180_000_000)
    bab = _bab_iv(folder)
    assert "Penyerapan anggaran mencapai 18,00% dengan\n    efisiensi" in bab
    assert "belum dilaporkan" not in bab


# ---------------------------------------------------------------- the Petunjuk sheets


def test_the_pk_petunjuk_explains_every_column_and_the_kumulatif_rule(tmp_path: Path) -> None:
    path = tmp_path / "pk.xlsx"
    write_pk_kosong(path, "Kecamatan Sungai Pagu", 2025, [u[:2] for u in _UNIT], waktu=WAKTU)
    wb = openpyxl.load_workbook(path)
    petunjuk = "\n".join(str(r[0].value or "") for r in wb[SHEET_PETUNJUK].iter_rows())
    columns = [c.value for c in wb["Indikator"][1]] + [c.value for c in wb["Program"][1]]
    columns += [k for k, _ in KOLOM_OPSIONAL]
    assert {"rasio", "pengali", "ukur_anggaran", "target_nasional"} <= set(columns)
    for kolom in columns:
        assert f"  {kolom}: " in petunjuk or f"  {kolom} … " in petunjuk, kolom
    assert "rencana_tw1 … rencana_tw4" in petunjuk
    assert "kumulatif = target triwulan itu saja, bukan jumlah berjalan" in petunjuk
    assert "600, 600, 600, 600" in petunjuk and "[formulir] unit_anggaran" in petunjuk


def _petunjuk(path: Path) -> str:
    ws = openpyxl.load_workbook(path)[SHEET_PETUNJUK]
    return "\n".join(str(c.value) for c in ws["A"] if c.value)


def test_the_form_petunjuk_names_the_office_receiver(tmp_path: Path) -> None:
    sop = '[sop.peran_pejabat]\nsekretaris_tim = "sekcam"\n'
    folder = _kantor(tmp_path / "pagu", KUNCI + "\n" + sop)
    for path in _forms(folder, "2025-TW1", tmp_path / "out").values():
        text = _petunjuk(path)
        assert "Subbagian Perencanaan dan Keuangan" not in text
        assert text.count("kepada Sekretariat Kecamatan") == 2
    # the sekretaris tim (kasubag_pk by default) heads no unit: that official's jabatan
    lain = _kantor(tmp_path / "lain", KUNCI)
    for path in _forms(lain, "2025-TW1", tmp_path / "out-lain").values():
        assert _petunjuk(path).count("kepada Kepala Subbagian Program") == 2
    # no such official at all: the budget unit
    tanpa = _kantor(tmp_path / "tanpa", KUNCI.replace("SEKRE", "TAPEM"), tanpa="kasubag_pk")
    for path in _forms(tanpa, "2025-TW1", tmp_path / "out-tanpa").values():
        assert _petunjuk(path).count("kepada Seksi Tata Pemerintahan") == 2
