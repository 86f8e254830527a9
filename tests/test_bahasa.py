"""Indonesian wherever a person reads: severity words, finding titles instead of codes,
numbers in Indonesian format, argparse's own messages (issue 16)."""

from __future__ import annotations

import pytest

from kinerja.cli import main
from kinerja.inti.errors import ERROR, WARNING, Temuan, kata_tingkat
from kinerja.inti.tampilan import baris_keputusan
from kinerja.validasi.keputusan import TemuanDitinjau, nilai_teks
from kinerja.validasi.pesan import ATURAN, judul_temuan
from kinerja.validasi.tabel_tinjau import pilihan, rincian_html, tabel_html


def _temuan(nilai: str = "875.0") -> TemuanDitinjau:
    t = Temuan(
        kode="persen-di-luar-rentang",
        tingkat=ERROR,
        pesan="Realisasi IK-07 (LPPN), Triwulan II = 875%, …",
        kolom="realisasi",
        nilai=nilai,
        unit="PEM",
        indikator="IK-07",
        periode="2025-TW4",
        data={"id": "abcdef123456", "tw": 2},
    )
    return TemuanDitinjau(temuan=t, keputusan=None)


def test_severity_words_and_every_validation_rule_has_a_title() -> None:
    assert (kata_tingkat(ERROR), kata_tingkat(WARNING)) == ("KESALAHAN", "PERINGATAN")
    for kode, jenis in ATURAN.items():
        assert jenis.judul and jenis.judul[0].isupper() and "-" not in jenis.judul, kode
        assert judul_temuan(kode) == jenis.judul


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("875.0", "875"), ("0.0", "0"), ("87.5", "87,5"), ("937,5", "937,5"), ("1234.25", "1.234,25"),
     ("", "-"), ("BB", "BB")],
)  # fmt: skip
def test_stored_values_are_shown_in_indonesian_number_format(stored: str, shown: str) -> None:
    assert nilai_teks(stored) == shown


def test_review_widget_html_in_indonesian_without_codes() -> None:
    d = _temuan()
    html = tabel_html([(1, d)], None, True) + rincian_html(d)
    assert "KESALAHAN" in html and "Persentase di luar 0–100" in html
    assert ">Error<" not in html and "persen-di-luar-rentang" not in html
    assert "<b>875</b>" in html and "875.0" not in html  # Nilai kiriman unit
    assert "0.0" not in rincian_html(_temuan("0.0"))
    [(label, _)] = pilihan([(1, d)])
    assert "Persentase di luar 0–100" in label and "persen-di" not in label


def test_lampiran_a_row_prints_title_and_severity_word() -> None:
    [row] = baris_keputusan(
        [
            {
                "indikator": "IK-07",
                "tw": 2,
                "kode": "persen-di-luar-rentang",
                "judul": "Persentase di luar 0–100",
                "tingkat": ERROR,
                "pesan": "Realisasi IK-07 …",
                "keputusan": "koreksi",
                "keputusan_teks": "Dikoreksi",
                "nilai_lama": "875",
                "nilai_baru_teks": "87,5",
            }
        ]
    )
    assert row["temuan"].startswith("IK-07 TW II — Persentase di luar 0–100 (KESALAHAN): ")
    assert "persen-di-luar-rentang" not in row["temuan"] and "error" not in row["temuan"]
    assert row["keputusan"] == "Dikoreksi: 875 → 87,5"


def test_argparse_required_group_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jalankan", "--kantor", "data/linggo-sari-baganti"]) == 2
    err = capsys.readouterr().err
    assert "salah satu argumen --periode --periode-otomatis wajib diisi" in err
    assert "one of the arguments" not in err and "is required" not in err
