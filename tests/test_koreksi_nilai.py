"""A correction belongs to the value, not to the periode it was decided in.

On a copy of the demo office whose TW II form carries the 875 typo for 87,5 % (IK-07):
corrected in the 2025-TW2 review, the TW III forms pre-fill 87,5, the TW III validation
has no open 875 error, the annual document prints 87,5; a resubmitted TW II form
supersedes the correction (shown as superseded, the correction kept in the ledger).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from formulir_util import fill_form, nilai_isian

from kinerja.cetak.render import read_embedded
from kinerja.cli import main
from kinerja.formulir.gaya import FIRST_ROW
from kinerja.paths import copy_demo
from kinerja.validasi import ledger
from kinerja.validasi.koreksi import realisasi_terkoreksi
from kinerja.validasi.koreksi_nilai import sama_nilai

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(name="koreksi-nilai")]


def _kinerja(*args: object) -> int:
    return main([str(a) for a in args])


def _json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["temuan"]


def _typo(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["kode"] == "persen-di-luar-rentang" and r["indikator"] == "IK-07"]


def _prefill(form: Path, kode: str, header: str) -> object:
    return nilai_isian(form, kode, header, FIRST_ROW)


def _ik07(realisasi, tw: int) -> tuple[object, str]:
    row = realisasi[realisasi["kode"].eq("IK-07") & realisasi["tw"].eq(tw)].iloc[0]
    return row["realisasi"], row["asal"]


def test_sama_nilai_compares_numbers_text_and_empties():
    assert sama_nilai("875", 875.0) and sama_nilai("937,5", "937,5") and sama_nilai("", None)
    assert not sama_nilai("875", 90) and not sama_nilai("", 0) and not sama_nilai("a.pdf", "")


def test_a_correction_holds_in_later_periodes_until_the_quarter_is_resubmitted(tmp_path, capsys):
    office = copy_demo(tmp_path)
    forms = office / "formulir-kembali"
    for tw in ("2025-TW1", "2025-TW2"):
        assert _kinerja("himpun", "--kantor", office, "--periode", tw, forms / tw) in (0, 1)

    # the 2025-TW2 review corrects the typo
    temuan = tmp_path / "tw2.json"
    assert _kinerja("validasi", "--kantor", office, "--periode", "2025-TW2", "--json", temuan) == 1
    (typo,) = _typo(_json(temuan))
    assert typo["status"] == "terbuka" and float(typo["nilai_lama"]) == 875
    putuskan = ("validasi", "putuskan", "--kantor", office, "--periode", "2025-TW2")
    keputusan = ("--temuan", typo["temuan_id"], "--keputusan", "koreksi", "--oleh", "kasubag_pk")
    alasan = ("--alasan", "Salah ketik pemisah desimal", "--nilai-baru", "87,5")
    assert _kinerja(*putuskan, *keputusan, *alasan, "--waktu", "2025-07-10T09:10") == 0

    # the TW III forms pre-fill the corrected TW II value
    out = tmp_path / "formulir-tw3"
    assert _kinerja("formulir", "--kantor", office, "--periode", "2025-TW3", "--keluaran", out) == 0
    (pem,) = out.glob("Formulir-PEM-*.xlsx")
    assert _prefill(pem, "IK-07", "Realisasi TW II") == 87.5

    # the TW III validation does not raise the 875 % again; the appendix names the correction
    shutil.copytree(forms / "2025-TW3", tmp_path / "tw3")
    assert _kinerja("himpun", "--kantor", office, "--periode", "2025-TW3", tmp_path / "tw3") in (
        0,
        1,
    )
    temuan3 = tmp_path / "tw3.json"
    _kinerja("validasi", "--kantor", office, "--periode", "2025-TW3", "--json", temuan3)
    rows3 = _json(temuan3)
    assert [r for r in _typo(rows3) if r["masih_ada"]] == []
    (dibawa,) = _typo(rows3)
    assert dibawa["status_teks"] == "Dikoreksi pada tinjauan 2025-TW2"
    assert not dibawa["digantikan"] and dibawa["nilai_baru_teks"] == "87,5"
    assert _ik07(realisasi_terkoreksi(office, "2025-TW3")[0], 2) == (87.5, "koreksi")

    # the annual document prints 87,5
    assert _kinerja("himpun", "--kantor", office, "--periode", "2025-TW4", forms / "2025-TW4") in (
        0,
        1,
    )
    dok = tmp_path / "dokumen-2025"
    cetak = ("--tanggal-cetak", "2026-01-15", "--keluaran", dok)
    assert _kinerja("dokumen", "--kantor", office, "--periode", "2025", *cetak) == 0
    (pdf,) = dok.glob("pengukuran-kinerja-*.pdf")
    data = json.loads(read_embedded(pdf)["data-sumber.json"])
    (row,) = [r for r in data["realisasi"] if r["kode"] == "IK-07" and str(r["tw"]) == "2"]
    assert float(row["realisasi"]) == 87.5
    # … and its Lampiran A says in which review the value was corrected (README's promise)
    assert "Dikoreksi pada tinjauan 2025-TW2: 875 → 87,5" in pdf.with_suffix(".html").read_text()
    lesen = ["pdftotext", "-raw", pdf, "-"]
    teks = subprocess.run(lesen, check=True, capture_output=True, text=True).stdout
    assert "Dikoreksipadatinjauan2025-TW2" in "".join(teks.split())

    # the unit resubmits TW II (90): the correction is superseded, both kept
    again = tmp_path / "ulang" / "Formulir-PEM-2025-TW2-perbaikan.xlsx"
    again.parent.mkdir()
    (tw2_pem,) = (forms / "2025-TW2").glob("Formulir-PEM-*.xlsx")
    fill_form(tw2_pem, again, values={"IK-07": {"realisasi": 90}})
    assert _kinerja("himpun", "--kantor", office, "--periode", "2025-TW2", again) in (0, 1)
    assert _ik07(realisasi_terkoreksi(office, "2025-TW3")[0], 2) == (90, "unit")
    assert _ik07(realisasi_terkoreksi(office, "2025-TW2")[0], 2) == (90, "unit")
    _kinerja("validasi", "--kantor", office, "--periode", "2025-TW3", "--json", temuan3)
    (dibawa,) = _typo(_json(temuan3))
    assert dibawa["digantikan"]
    assert (
        dibawa["status_teks"] == "Dikoreksi pada tinjauan 2025-TW2; digantikan kiriman ulang unit"
    )
    (kept,) = [k for k in ledger.riwayat(office, "2025-TW2") if k.indikator == "IK-07"]
    assert kept.keputusan == "koreksi" and float(kept.nilai_lama) == 875
    assert float(kept.nilai_baru or "nan") == 87.5
    capsys.readouterr()
