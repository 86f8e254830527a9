"""The finding catalogues: one per part (intake, validation, the office folder, kinerja
hitung's table), every code used is in it, every entry in it is used, and every template
formats with its named fields. Intake and validation findings have Indonesian titles, and
what a person reads (``kinerja himpun``, the returned form's Temuan sheet, notebook 01's
table) names them by title, never by code.

A key is the code or, where one code is said in several ways, ``kode/varian``."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.cli import main
from kinerja.formulir import pesan as pesan_formulir
from kinerja.inti import pesan_tabel
from kinerja.inti.errors import ERROR, WARNING, JenisTemuan, judul_katalog, katalog
from kinerja.inti.model import Periode
from kinerja.inti.tabel import hitung_tabel
from kinerja.kantor import pesan as pesan_kantor
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.skema import periksa_config
from kinerja.lab import himpun_formulir, tabel_gaya, tabel_temuan_formulir
from kinerja.validasi import pesan as pesan_validasi

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$")
#: kebab-case strings in the parts' code that are no finding codes
NOT_CODES = {"utf-8", "utf-8-sig", "belum-selesai", "kt-error", "kt-peringatan"}
#: the sheets whose number problems are one code per sheet (``f"{prefix}-bukan-angka"``)
PREFIXES = ("realisasi", "anggaran")

#: part → (its catalogue, the source files that find its problems)
PARTS = {
    "formulir": (pesan_formulir.KODE, "kinerja/formulir/*.py"),
    "validasi": (pesan_validasi.ATURAN, "kinerja/validasi/*.py"),
    "kantor": (pesan_kantor.KODE, "kinerja/kantor/*.py"),
    "hitung": (pesan_tabel.KODE, "kinerja/inti/tabel.py"),
}
CATALOGUES = {
    "kinerja/formulir/pesan.py",
    "kinerja/validasi/pesan.py",
    "kinerja/kantor/pesan.py",
    "kinerja/inti/pesan_tabel.py",
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            out.add(id(first.value))
    return out


def codes_used(sources: str) -> set[str]:
    """Every kebab-case string (or ``kode/varian`` key) in the part's modules but its
    catalogue; an f-string ``f"{prefix}-suffix"`` stands for the code of each sheet prefix."""
    used: set[str] = set()
    for path in sorted(ROOT.glob(sources)):
        if path.relative_to(ROOT).as_posix() in CATALOGUES:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docs and KEY.match(node.value):
                    used.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) == 2:
                head, tail = node.values
                if (
                    isinstance(head, ast.FormattedValue)
                    and isinstance(tail, ast.Constant)
                    and CODE.match(f"x{tail.value}")
                ):
                    used.update(f"{prefix}{tail.value}" for prefix in PREFIXES)
    return used - NOT_CODES


@pytest.mark.parametrize("part", PARTS)
def test_every_code_used_is_catalogued_and_every_entry_is_used(part):
    catalogue, sources = PARTS[part]
    used = codes_used(sources)
    assert used - set(catalogue) == set(), "codes used but not in the catalogue"
    assert set(catalogue) - used == set(), "catalogue entries no code of the part uses"


@pytest.mark.parametrize("part", PARTS)
def test_every_template_formats_with_its_fields(part):
    catalogue, _ = PARTS[part]
    for kode, jenis in catalogue.items():
        assert jenis.kode == kode.partition("/")[0] and CODE.match(jenis.kode) and KEY.match(kode)
        assert jenis.tingkat in (ERROR, WARNING)
        sample = {name: f"<{name}>" for name in jenis.fields}
        pesan = jenis.pesan(sample)
        assert all(f"<{name}>" in pesan for name in jenis.fields), kode
        assert "{" not in pesan and "}" not in pesan, kode


def test_a_catalogue_refuses_a_code_twice_and_unknown_severity():
    a = JenisTemuan("satu-kode", ERROR, "pesan {nilai}.")
    assert a.fields == frozenset({"nilai"})
    with pytest.raises(ValueError, match="dua kali"):
        katalog(a, a)
    with pytest.raises(ValueError, match="tingkat"):
        katalog(JenisTemuan("lain-kode", "fatal", "x"))
    with pytest.raises(KeyError):
        a.pesan({})


def test_the_kantor_checks_take_their_messages_from_the_catalogue():
    """A finding of kantor.toml carries the code without its variant and the template's text."""
    config = {"kantor": {"kode": "a/b", "nama": "Kantor"}, "pejabat": [], "unit": "x"}
    found = {t.kode: t for t in periksa_config(config)}
    assert set(found) == {"kantor-nilai-salah", "kantor-kunci-wajib", "kantor-jenis-salah"}
    pola = pesan_kantor.KODE["kantor-nilai-salah/pola"]
    assert found["kantor-nilai-salah"].pesan == pola.pesan(
        {"kolom": "[kantor] kode", "isi": "'a/b'", "pola": _KODE_AMAN_TEKS}
    )
    assert found["kantor-nilai-salah"].nilai == "'a/b'"
    assert found["kantor-kunci-wajib"].pesan == (
        "kantor.toml harus memuat paling sedikit satu [[pejabat]] "
        "(setiap pejabat pada blok [[pejabat]] sendiri)."
    )


_KODE_AMAN_TEKS = "hanya huruf, angka, titik, garis bawah dan tanda hubung (paling banyak 64)"


def test_hitung_findings_take_their_messages_from_the_catalogue():
    frame = pd.DataFrame(
        {
            "indikator": ["a", "b"],
            "satuan": ["%", "%"],
            "polaritas": ["naik", "positif"],
            "target": ["90", "80"],
            "realisasi": ["85", "70"],
            "pembilang": ["", "1"],
            "penyebut": ["", "2"],
        }
    )
    found = {t.kode: t for t in hitung_tabel(frame).temuan}
    assert found["polaritas-salah"].pesan == (
        'Polaritas "naik" tidak dikenal. Isi "positif" atau "negatif".'
    )
    assert (found["polaritas-salah"].baris, found["polaritas-salah"].kolom) == (2, "polaritas")
    cocok = found["realisasi-tidak-cocok-rasio"]
    assert cocok.tingkat == WARNING and cocok.baris == 3 and cocok.nilai == "70"
    assert cocok.pesan.startswith(
        "Realisasi 70 tidak sama dengan pembilang / penyebut × pengali = 50;"
    )


# --- titles: what a person reads in place of the code ------------------------------------

#: the catalogues whose findings people read by title
BERJUDUL = {"formulir": pesan_formulir.KODE, "validasi": pesan_validasi.ATURAN}
#: every finding code of every catalogue, as a whole word (a code inside a longer
#: kebab-case word, e.g. a file name, is no code)
SEMUA_KODE = sorted(
    {j.kode for catalogue, _ in PARTS.values() for j in catalogue.values()}, key=len, reverse=True
)
KODE_UTUH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, SEMUA_KODE)) + r")(?![\w-])")


@pytest.mark.parametrize("part", BERJUDUL)
def test_every_finding_kind_has_a_title_unique_in_its_catalogue(part):
    catalogue = BERJUDUL[part]
    titles = [j.judul for j in catalogue.values()]
    assert all(t.strip() and t[0].isupper() and not KODE_UTUH.search(t) for t in titles), titles
    assert len(set(titles)) == len(titles), sorted(t for t in titles if titles.count(t) > 1)


def test_a_code_in_both_intake_and_validation_has_one_title():
    shared = set(pesan_formulir.KODE) & set(pesan_validasi.ATURAN)
    assert shared  # realisasi-kosong, realisasi-negatif
    for kode in shared:
        assert pesan_formulir.judul_temuan(kode) == pesan_validasi.judul_temuan(kode), kode


def test_the_title_lookup_falls_back_to_a_plain_word():
    assert pesan_formulir.judul_temuan("realisasi-bukan-angka") == "Realisasi bukan angka"
    assert pesan_formulir.judul_temuan("tidak-ada-kode-ini") == "Temuan formulir"
    assert pesan_validasi.judul_temuan("tidak-ada-kode-ini") == "Temuan validasi"
    assert judul_katalog({}, "x-y", "Temuan") == "Temuan"


#: the demo's TW III: KESOS's first form is refused with these findings
KESOS_TW3 = "Formulir-KESOS-Seksi-Kesejahteraan-Sosial-2025-TW3.xlsx"
JUDUL_KESOS = {"Target terkunci diubah", "Realisasi bukan angka", "Realisasi dibaca dari teks"}


def test_himpun_and_the_returned_form_name_findings_by_title(kantor_dir, tmp_path, capsys):
    args = ["--kantor", str(kantor_dir), "--periode", "2025-TW3"]
    form = kantor_dir / "formulir-kembali" / "2025-TW3" / KESOS_TW3
    report = tmp_path / "laporan.json"
    assert main(["himpun", *args, str(form), "--laporan-json", str(report)]) == 1
    out = capsys.readouterr().out
    assert "[KESALAHAN] Realisasi bukan angka: Berkas " in out
    assert "[PERINGATAN] Realisasi dibaca dari teks: Berkas " in out
    assert all(judul in out for judul in JUDUL_KESOS)
    assert KODE_UTUH.findall(out) == []
    # the JSON report is for machines: it keeps the codes
    kodes = {t["kode"] for t in json.loads(report.read_text("utf-8"))["temuan"]}
    assert kodes == {"target-diubah", "realisasi-bukan-angka", "realisasi-dibaca"}

    balik = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "KESOS", "--keluaran", str(balik)]) == 0
    [path] = balik.glob("*-dikembalikan.xlsx")
    rows = list(load_workbook(path)["Temuan"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("No", "Tingkat", "Temuan") and "Kode" not in str(header)
    assert {r[2] for r in body} == JUDUL_KESOS
    assert {r[1] for r in body} == {"KESALAHAN", "PERINGATAN"}
    shown = "\n".join(str(v) for r in rows for v in r if v is not None)
    assert KODE_UTUH.findall(shown) == []


def test_notebook_01_table_names_findings_by_title(kantor_dir):
    kantor = load_kantor(kantor_dir)
    frame = tabel_temuan_formulir(himpun_formulir(kantor, Periode.parse("2025-TW4")))
    assert list(frame.columns) == ["Triwulan", "Tingkat", "Temuan", "Lokasi", "Pesan"]
    assert {"Persentase di atas 100", *JUDUL_KESOS} <= set(frame["Temuan"])
    row = frame[frame["Temuan"].eq("Realisasi bukan angka")].iloc[0]
    assert row["Lokasi"].endswith('lembar "Realisasi", sel M10 (Realisasi TW III)')
    assert row["Pesan"] == '"dua puluh empat" bukan angka. Isi dengan angka, misalnya 87,5.'
    html = tabel_gaya(frame, "Temuan pada formulir").to_html()
    assert "Realisasi bukan angka" in html and KODE_UTUH.findall(html) == []
