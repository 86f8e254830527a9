"""Numbers as Indonesians write them (issue 15, part A): notation, no silent wrong capaian.

"2.400" is 2400 to an Indonesian and 2,4 to an English reader: ``--notasi id|en`` decides,
``otomatis`` takes the notation the file's own cells show, and without evidence each
ambiguous cell is refused by row and column. A number-like text is never a qualitative
label. Every machine table kinerja writes reads back through ``kinerja hitung`` to the
same capaian.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from formulir_util import edit, filled_forms
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kinerja.cli import main
from kinerja.dokumen.susun import data_json, load_dokumen_data, measurement_csv
from kinerja.dokumen.workbook import write_pengukuran_xlsx
from kinerja.formulir.himpun import himpun, load_realisasi
from kinerja.formulir.sumber import load_realisasi as sumber_realisasi
from kinerja.inti.angka import format_angka, round_half_up
from kinerja.inti.angka_baca import parse_angka, parse_angka_series
from kinerja.inti.errors import InputError
from kinerja.inti.notasi import (
    AMBIGU,
    EN,
    ID,
    NETRAL,
    angka_mesin,
    dari_mesin,
    jenis_teks,
    pilih_notasi,
)
from kinerja.inti.tabel import hitung_tabel
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.paths import demo_office
from kinerja.rekap.hasil import HasilPaket
from kinerja.rekap.skema import periksa_isi
from kinerja.rekap.tabel import susun
from kinerja.rekap.tulis import write_workbook

REPRO = (
    "indikator,satuan,polaritas,target,realisasi\n"
    "A,orang,positif,2.400,2.435\n"
    "B,orang,positif,5.000,4.900\n"
    "C,kasus,negatif,1.500,1.200\n"
)


def _write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _hitung(path: Path, *extra: str) -> tuple[int, list[dict]]:
    out = path.with_name(path.stem + "-hasil.csv")
    code = main(["hitung", str(path), "-o", str(out), *extra])
    with out.open(encoding="utf-8", newline="") as handle:
        return code, list(csv.DictReader(handle))


# --- the silent wrong capaian of the issue ------------------------------------------------


def test_repro_is_refused_by_row_and_column_not_zero(tmp_path, capsys):
    code, rows = _hitung(_write(tmp_path, REPRO))
    err = capsys.readouterr().err
    assert code == 1
    assert [r["capaian"] for r in rows] == ["", "", ""]
    assert [r["predikat"] for r in rows] == ["", "", ""]
    for baris, teks in ((2, "2.400"), (3, "5.000"), (4, "1.500")):
        assert f'baris {baris}, kolom target: "{teks}": teks "{teks}" ambigu' in err
    assert 'baris 2, kolom realisasi: "2.435"' in err
    assert "Notasi angka: tidak dapat ditentukan" in err and "--notasi id" in err


@pytest.mark.parametrize(
    ("notasi", "capaian"),
    [("id", ["101.46", "98.00", "120.00"]), ("en", ["101.46", "98.00", "120.00"])],
)
def test_repro_under_a_notation(tmp_path, capsys, notasi, capaian):
    code, rows = _hitung(_write(tmp_path, REPRO), "--notasi", notasi)
    assert code == 0
    assert [r["capaian"] for r in rows] == capaian
    err = capsys.readouterr().err
    assert f"sesuai pilihan --notasi {notasi}" in err


@pytest.mark.parametrize(
    ("evidence", "expected", "said"),
    [
        ("85,5", "101.46", "Indonesia"),  # 2435/2400
        ("1.234,5", "101.46", "Indonesia"),
        ("Rp1.250.000,00", "101.46", "Indonesia"),
        ("85.5", "101.46", "Inggris"),  # 2.435/2.4: the same ratio, read the English way
        ("1,234.5", "101.46", "Inggris"),
    ],
)
def test_otomatis_takes_the_notation_a_cell_shows(tmp_path, capsys, evidence, expected, said):
    text = (
        "indikator,satuan,polaritas,target,realisasi\n"
        f'A,orang,positif,2.400,2.435\nB,%,positif,100,"{evidence}"\n'
    )
    code, rows = _hitung(_write(tmp_path, text))
    assert rows[0]["capaian"] == expected
    err = capsys.readouterr().err
    assert f"Notasi angka: {said}" in err and f'kolom realisasi baris 3 ("{evidence}")' in err
    assert code == 0


def test_otomatis_reads_thousands_and_decimals_differently(tmp_path):
    base = "indikator,satuan,polaritas,target,realisasi\nA,orang,negatif,1.500,1.200\n"
    _, rows = _hitung(_write(tmp_path, base + 'B,%,positif,80,"80,5"\n', "id.csv"))
    assert rows[0]["capaian"] == "120.00"  # (2×1500 − 1200)/1500
    _, rows = _hitung(_write(tmp_path, base + "B,%,positif,80,80.5\n", "en.csv"))
    assert rows[0]["capaian"] == "120.00"  # (2×1.5 − 1.2)/1.5: the same ratio
    _, rows = _hitung(_write(tmp_path, base.replace("1.200", "1.350") + "B,%,x,1,1.5\n", "e.csv"))
    assert rows[0]["capaian"] == "110.00"


def test_mixed_notations_refuse_the_ambiguous_cells(tmp_path, capsys):
    text = (
        "indikator,satuan,polaritas,target,realisasi\n"
        'A,orang,positif,2.400,2.435\nB,%,positif,80,"80,5"\nC,%,positif,80,80.5\n'
    )
    code, rows = _hitung(_write(tmp_path, text))
    assert code == 1 and rows[0]["capaian"] == "" and rows[1]["capaian"] == "100.63"
    err = capsys.readouterr().err
    assert "campuran" in err and '("80,5") bernotasi Indonesia' in err
    assert '("80.5") bernotasi Inggris' in err


def test_number_like_text_is_never_a_label(tmp_path):
    text = (
        "indikator,satuan,polaritas,target,realisasi\n"
        "A,x,positif,1.2.3,1.2.3\n"  # unreadable, but a number: refused, not 100 %
        "B,x,positif,WTP,WTP\n"  # a label compared without a scale, as before
        "C,x,positif,WTP,2.400\n"  # label against a number-like text: refused
        "D,x,positif,1.000 - 2.000,1.500\n"  # a range with ambiguous bounds: refused
    )
    code, rows = _hitung(_write(tmp_path, text))
    assert code == 1
    assert [r["capaian"] for r in rows] == ["", "100.00", "", ""]
    _, rows = _hitung(
        _write(tmp_path, text.replace("1.2.3,1.2.3", "1,1"), "b.csv"), "--notasi", "id"
    )
    assert [r["capaian"] for r in rows] == ["100.00", "100.00", "", "100.00"]


def test_declared_qualitative_row_keeps_its_label(tmp_path):
    text = (
        "indikator,satuan,polaritas,target,realisasi,jenis_target\n"
        "A,kode,positif,1.000,1.000,kualitatif\nB,kode,positif,1.000,2.000,kualitatif\n"
    )
    code, rows = _hitung(_write(tmp_path, text))
    assert code == 0 and [r["capaian"] for r in rows] == ["100.00", "0.00"]


def test_xlsx_number_cells_are_numbers_and_no_evidence(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["Indikator", "Satuan", "Polaritas", "Target", "Realisasi"])
    ws.append(["A", "orang", "positif", 1.234, 1.5])  # number cells: never ambiguous
    ws.append(["B", "orang", "positif", "2.400", 85.5])  # 85.5 a number: not English text
    wb.save(tmp_path / "in.xlsx")
    code, rows = _hitung(tmp_path / "in.xlsx")
    assert rows[0]["capaian"] == "121.56"
    assert rows[1]["capaian"] == "" and code == 1
    assert 'kolom target: "2.400"' in capsys.readouterr().err


# --- property tests of the notation rules ---------------------------------------------------

_DESIMAL = st.decimals(
    min_value=Decimal("-99999999"), max_value=Decimal("99999999"), places=3, allow_nan=False
)


@settings(max_examples=300, deadline=None)
@given(x=_DESIMAL, places=st.integers(0, 3))
def test_indonesian_and_english_texts_read_back_under_their_notation(x, places):
    indonesia = format_angka(x, places)  # "1.234.567,891"
    inggris = indonesia.replace(".", "_").replace(",", ".").replace("_", ",")
    want = float(round_half_up(x, places))
    for text, notasi in ((indonesia, "id"), (inggris, "en")):
        parsed = parse_angka(text, notasi)
        assert parsed.status in ("ok", "dibaca"), (text, notasi, parsed)
        assert parsed.value == pytest.approx(want, abs=1e-9), (text, notasi)
    column = pd.Series([indonesia, "85,5"], dtype=object)
    assert pilih_notasi("otomatis", {"target": column}).kode == "id"
    got = parse_angka_series(column, "id")["nilai"].iloc[0]
    assert got == pytest.approx(want, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(head=st.integers(1, 999), tail=st.integers(0, 999), sep=st.sampled_from(".,"))
def test_ambiguous_cells_are_refused_under_otomatis(head, tail, sep):
    text = f"{head}{sep}{tail:03d}"
    column = pd.Series([text, "100", "7"], dtype=object)
    n = pilih_notasi("otomatis", {"realisasi": column})
    assert n.kode is None and n.n_ambigu == 1
    parsed = parse_angka_series(column, n.kode)
    assert parsed["status"].iloc[0] == "ambigu" and pd.isna(parsed["nilai"].iloc[0])
    frame = pd.DataFrame(
        {
            "indikator": ["A"],
            "satuan": ["x"],
            "polaritas": ["positif"],
            "target": ["100"],
            "realisasi": [text],
        }
    )
    hasil = hitung_tabel(frame)
    assert pd.isna(hasil.capaian.iloc[0])
    assert [(t.baris, t.kolom, t.kode) for t in hasil.temuan] == [
        (2, "realisasi", "realisasi-ambigu")
    ]


@settings(max_examples=300, deadline=None)
@given(
    x=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
    | _DESIMAL.map(float)
)
def test_machine_numbers_read_back_exactly_under_otomatis(x):
    text = angka_mesin(x)
    assert "," not in text and "e" not in text
    column = pd.Series([text], dtype=object)
    n = pilih_notasi("otomatis", {"target": column})
    assert n.n_ambigu == 0
    assert parse_angka_series(column, n.kode)["nilai"].iloc[0] == x
    assert dari_mesin(column).iloc[0] == x


# --- every machine table reads back to the same capaian --------------------------------------


@pytest.mark.parametrize("periode", ["2025-TW1", "2025-TW2", "2025"])
def test_machine_tables_read_back_to_the_same_capaian(kantor, tmp_path, periode, capsys):
    data = load_dokumen_data(kantor, periode, tanggal_cetak=dt.date(2026, 1, 15))
    ind = data.pengukuran.indikator
    printed = [f"{v:.2f}" if pd.notna(v) else "" for v in ind["capaian_tw_2d"]]
    lengkap = ind["lengkap"].tolist()

    csv_path = tmp_path / "pengukuran.csv"
    csv_path.write_bytes(measurement_csv(data))
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    assert table.loc[table["kode"].eq("IK-06"), "target"].item().isdigit()  # no "2.400"
    assert not table["target"].str.fullmatch(r"[1-9][0-9]{0,2}[.,][0-9]{3}").any()
    xlsx_path = write_pengukuran_xlsx(data, tmp_path / f"pengukuran-kinerja-{periode}.xlsx")
    ws = load_workbook(xlsx_path)["Pengukuran"]
    header = [c.value for c in ws[1]]
    angka = [r[header.index("Realisasi")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, float | int) for v in angka)

    for path in (csv_path, xlsx_path):
        _, rows = _hitung(path)
        got = [r["capaian"] for r in rows]
        for i, (g, p) in enumerate(zip(got, printed, strict=True)):
            if lengkap[i]:  # an incomplete s.d. prints no capaian; hitung knows no quarters
                assert g == p, (path.name, ind["kode"].iloc[i], g, p)
        err = capsys.readouterr().err
        assert "ambigu:" not in err and "Notasi angka:" in err


def test_rekap_workbook_reads_back_to_the_same_capaian(kantor, tmp_path, capsys):
    """The roll-up workbook carries target, realisasi and their rules as numbers: kinerja
    hitung finds its Indikator sheet (the first is Ringkasan) and gets every capaian."""
    hasil = []
    for periode in ("2025-TW1", "2025-TW2", "2025-TW4"):
        data = load_dokumen_data(kantor, periode, tanggal_cetak=dt.date(2026, 1, 15))
        d = json.loads(data_json(data))
        h = HasilPaket(tmp_path / periode, "paket", d["kantor"]["kode"], "Kec", periode, data=d)
        h.berkas_data, h.sha256_data = "data/data/data-sumber.json", "0" * 64
        hasil.append(h)
    r = susun(hasil, terima_tanpa_ttd=True)
    assert len(r.indikator) == 3 * 16
    path = write_workbook(r, tmp_path / "rekap.xlsx", when=dt.datetime(2026, 1, 15))
    ws = load_workbook(path)["Indikator"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    col = {name: header.index(name) for name in ("Kode", "Target", "Realisasi", "Capaian (%)")}
    ik06 = next(row for row in rows if row[col["Kode"]] == "IK-06")
    assert isinstance(ik06[col["Target"]], int | float) and ik06[col["Target"]] == 550
    assert isinstance(ik06[col["Realisasi"]], int | float)
    assert "Rumus negatif" in header and "Skala" in header

    code, out = _hitung(path)
    err = capsys.readouterr().err
    assert code == 0, err
    assert 'Lembar yang dibaca: "Indikator"' in err and "ambigu:" not in err
    assert len(out) == len(rows)
    checked = 0
    for row, got in zip(rows, out, strict=True):
        printed = row[col["Capaian (%)"]]
        if row[header.index("Lengkap")] == "ya":  # hitung knows no quarters: complete rows
            assert got["capaian"] == f"{printed:.2f}", (row, got)
            checked += 1
    assert checked > 30


def test_rekap_checks_the_target_and_realisasi_of_a_package(kantor):
    data = load_dokumen_data(kantor, "2025-TW2", tanggal_cetak=dt.date(2026, 1, 15))
    d = json.loads(data_json(data))
    assert periksa_isi(d) is None
    ind = d["hasil"]["indikator"]
    assert {type(x["target"]) for x in ind} == {int, float, str}  # numbers, a range, a label
    ind[3]["realisasi"] = [1, 2]
    assert periksa_isi(d) == ("hasil.indikator[3].realisasi", [1, 2], "harus angka atau teks")
    for x in ind:  # a package from before the numbers travelled: still read
        del x["target"], x["realisasi"]
    assert periksa_isi(d) is None


def test_rekap_targets_are_number_cells():
    s = pd.Series(["2400", "96.56", "2 – 3", "BB", None, "1.234"], dtype=object)
    got = dari_mesin(s).tolist()
    assert got[:2] == [2400.0, 96.56] and got[2:4] == ["2 – 3", "BB"]
    assert got[4] is None and got[5] == "1.234"  # the ambiguous shape stays text


# --- the same rule for the PK and the forms ---------------------------------------------------


def _pk_cell(kantor, column: str, kode: str, value: object) -> None:
    path = kantor.pk_path(2025)
    wb = load_workbook(path)
    ws = wb["Indikator"]
    header = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == kode)
    ws.cell(row, header.index(column) + 1).value = value
    wb.save(path)


def test_pk_ambiguous_target_is_refused_by_cell(kantor):
    _pk_cell(kantor, "target_tahunan", "IK-06", "2.400")
    with pytest.raises(InputError) as info:
        load_pk(kantor, 2025)
    assert 'sel I7 (target_tahunan): teks "2.400" ambigu' in str(info.value)
    assert "[angka] notasi" in str(info.value)


@pytest.mark.parametrize(("notasi", "value"), [("id", 2400.0), ("en", 2.4)])
def test_pk_notation_from_kantor_toml(kantor_dir, notasi, value):
    toml = kantor_dir / "kantor.toml"
    toml.write_text(toml.read_text("utf-8") + f'\n[angka]\nnotasi = "{notasi}"\n', "utf-8")
    kantor = load_kantor(kantor_dir)
    _pk_cell(kantor, "target_tahunan", "IK-06", "2.400")
    pk = load_pk(kantor, 2025)
    assert pk.indikator.set_index("kode").at["IK-06", "target_tahunan"] == value
    assert f'[angka] notasi = "{notasi}"' in pk.notasi


def test_pk_otomatis_from_its_own_cells(kantor):
    _pk_cell(kantor, "target_tahunan", "IK-06", "2.400")
    _pk_cell(kantor, "target_tahunan", "IK-16", "14,0")
    pk = load_pk(kantor, 2025)
    assert pk.indikator.set_index("kode").at["IK-06", "target_tahunan"] == 2400.0
    assert "Indonesia" in pk.notasi and '"14,0"' in pk.notasi
    assert load_pk(load_kantor(demo_office()), 2025).notasi == ""  # nothing to decide


def test_bad_notation_in_kantor_toml_is_a_clear_error(kantor_dir):
    toml = kantor_dir / "kantor.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[angka]\nnotasi = "jerman"\n', "utf-8")
    with pytest.raises(InputError, match=r'\[angka\] notasi = "jerman" tidak dikenal'):
        load_pk(load_kantor(kantor_dir), 2025)


def test_csv_attachment_has_printed_text_beside(kantor):

    data = load_dokumen_data(kantor, "2025", tanggal_cetak=dt.date(2026, 1, 15))
    rows = {r["kode"]: r for r in csv.DictReader(io.StringIO(measurement_csv(data).decode()))}
    ik06 = rows["IK-06"]
    assert (ik06["target"], ik06["realisasi"]) == ("2400", "2435")
    assert (ik06["target_teks"], ik06["realisasi_teks"]) == ("2.400", "2.435")
    assert (rows["IK-05"]["target"], rows["IK-05"]["target_teks"]) == ("2 - 3", "2 – 3")
    assert rows["IK-01"]["skala"] == "akip" and rows["IK-16"]["rumus_negatif"] == "2T-R"


def test_form_notation_from_its_own_cells(kantor, pk, tmp_path):
    forms = filled_forms(kantor, pk, tmp_path / "forms", "2025-TW3")
    edit(forms["KESOS"], "Realisasi", {"M9": "85,5", "M10": "1.200"})  # IK-14 %, IK-15 orang
    hasil = himpun(kantor, "2025-TW3", [forms["KESOS"]], pk=pk)
    assert not [t for t in hasil.temuan if t.kode == "realisasi-ambigu"]
    m10 = next(t for t in hasil.temuan if t.sel == "M10" and t.kode == "realisasi-dibaca")
    assert 'dibaca sebagai 1.200 (notasi Indonesia, seperti sel M9 berisi "85,5")' in m10.pesan
    realisasi, _ = load_realisasi(kantor, 2025)
    tw3 = realisasi[realisasi["tw"].astype(int).eq(3)].set_index("kode")
    assert tw3.at["IK-15", "realisasi"] == pytest.approx(1200)
    assert tw3.at["IK-14", "realisasi"] == pytest.approx(85.5)


def test_form_without_evidence_refuses_the_ambiguous_cell(kantor, pk, tmp_path):
    forms = filled_forms(kantor, pk, tmp_path / "forms", "2025-TW3")
    edit(forms["KESOS"], "Realisasi", {"M10": "1.200"})
    hasil = himpun(kantor, "2025-TW3", [forms["KESOS"]], pk=pk)
    t = next(t for t in hasil.temuan if t.kode == "realisasi-ambigu")
    assert t.sel == "M10" and hasil.exit_code == 1


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"\A-?[0-9]{0,5}[.,]?[0-9]{0,5}\Z"))
def test_fast_classification_agrees_with_the_patterns(text):
    fast = jenis_teks(pd.Series([text], dtype=object))[0]
    body = pd.Series([text], dtype=object).str.extract(r"\A-?(?P<body>[0-9.,]+)\Z")["body"]
    pattern = pd.Series([" " + text], dtype=object)  # a space: the regex path
    assert fast == jenis_teks(pattern)[0], text
    assert fast in (NETRAL, ID, EN, AMBIGU) and (body.isna().iloc[0] <= (fast == NETRAL))


def _realisasi_cell(kantor, sheet: str, column: str, kode: str, tw: int, value: object) -> str:
    path = kantor.path / "realisasi-2025.xlsx"
    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    row = next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, header.index("kode") + 1).value == kode
        and ws.cell(r, header.index("tw") + 1).value == tw
    )
    cell = ws.cell(row, header.index(column) + 1)
    cell.value = value
    wb.save(path)
    return cell.coordinate


def test_realisasi_workbook_follows_the_same_rule(kantor_dir):
    kantor = load_kantor(kantor_dir)
    sel = _realisasi_cell(kantor, "Realisasi", "realisasi", "IK-06", 4, "2.435")
    with pytest.raises(InputError) as info:
        sumber_realisasi(kantor, 2025)
    assert f'lembar "Realisasi", sel {sel} (realisasi): teks "2.435" ambigu' in str(info.value)
    toml = kantor_dir / "kantor.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[angka]\nnotasi = "id"\n', "utf-8")
    kantor = load_kantor(kantor_dir)
    realisasi, _, _ = sumber_realisasi(kantor, 2025)
    got = realisasi[realisasi["kode"].eq("IK-06") & realisasi["tw"].eq(4)]["realisasi"]
    assert got.tolist() == [2435.0]


def test_realisasi_anggaran_text_is_read_or_refused_by_cell(kantor):
    _realisasi_cell(kantor, "Anggaran", "realisasi_anggaran", "7.01.01", 1, "Rp1.250.000,00")
    _, anggaran, _ = sumber_realisasi(kantor, 2025)
    got = anggaran[anggaran["kode"].eq("7.01.01") & anggaran["tw"].eq(1)]["realisasi_anggaran"]
    assert got.tolist() == [1250000.0]
    sel = _realisasi_cell(kantor, "Anggaran", "realisasi_anggaran", "7.01.01", 1, "satu juta")
    with pytest.raises(InputError, match=rf'lembar "Anggaran", sel {sel} .*"satu juta" bukan'):
        sumber_realisasi(kantor, 2025)


def _pagu_cell(kantor, value: object) -> str:
    path = kantor.pk_path(2025)
    wb = load_workbook(path)
    ws = wb["Program"]
    cell = ws.cell(2, [c.value for c in ws[1]].index("pagu") + 1)
    cell.value = value
    wb.save(path)
    return cell.coordinate


def test_pk_pagu_text_is_read_or_refused_by_cell(kantor):
    _pagu_cell(kantor, "Rp1.250.000,00")
    assert load_pk(kantor, 2025).program["pagu"].iloc[0] == 1250000
    sel = _pagu_cell(kantor, "satu juta")  # was a silent empty pagu
    with pytest.raises(InputError, match=rf'lembar "Program", sel {sel} \(pagu\): teks "satu'):
        load_pk(kantor, 2025)
