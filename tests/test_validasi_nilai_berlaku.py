"""The rules judge the value in force: after a reviewer corrects a value, no finding of the
stale submitted value stays open, in ``kinerja validasi`` nor in Lampiran A of the document;
the finding the correction decided stays decided; the corrected value's own findings are new."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from kinerja.cli import main
from kinerja.formulir import himpun
from kinerja.inti.model import Periode
from kinerja.jalankan.langkah import buat_dokumen
from kinerja.kantor.katalog import load_kantor
from kinerja.validasi import koreksi, lampiran, ledger

P = "2025-TW2"


@pytest.fixture
def tw2(kantor_dir: Path) -> Path:
    """The demo office with its TW I and TW II forms taken in: IK-07 TW II is 875 (a typo
    for 87,5 %), which raises a percent error and a capaian warning."""
    kantor = load_kantor(kantor_dir)
    for tw in (1, 2):
        himpun.himpun(kantor, f"2025-TW{tw}", [kantor_dir / "formulir-kembali" / f"2025-TW{tw}"])
    return kantor_dir


def _ik07(kantor_dir: Path) -> dict[str, str]:
    """{kode: id} of IK-07 TW II's findings."""
    found = ledger.load_temuan(kantor_dir, P)
    return {t.kode: t.data["id"] for t in found if t.indikator == "IK-07" and t.data["tw"] == 2}


def _putuskan(kantor_dir: Path, ident: str, keputusan: str, *extra: str) -> None:
    args = ["validasi", "putuskan", "--kantor", str(kantor_dir), "--periode", P]
    args += ["--temuan", ident, "--keputusan", keputusan, "--oleh", "kasubag_pk"]
    args += ["--alasan", "Dikonfirmasi Seksi Pemerintahan", "--waktu", "2026-01-12T09:00"]
    assert main([*args, *extra]) == 0


def _validasi(kantor_dir: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["validasi", "--kantor", str(kantor_dir), "--periode", P, *extra])
    return code, " ".join(capsys.readouterr().out.split())


def _lampiran_a(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    return flat[
        flat.index("A. Keputusan atas Temuan Validasi") : flat.index(
            "B. ", flat.index("A. Keputusan")
        )
    ]


def test_a_corrected_typo_leaves_no_stale_warning_open(tw2: Path, capsys, tmp_path: Path):
    found = _ik07(tw2)
    assert set(found) == {"persen-di-luar-rentang", "capaian-tinggi"}  # both from the 875
    _putuskan(tw2, found["persen-di-luar-rentang"], "koreksi", "--nilai-baru", "87,5")

    code, out = _validasi(tw2, capsys)
    assert code == 0
    assert "Capaian sangat tinggi" not in out and "875" not in out
    code, out = _validasi(tw2, capsys, "--semua")
    assert "Capaian sangat tinggi" not in out
    assert re.search(r"IK-07 II Dikoreksi Persentase di luar 0–100 .* = 875%", out)
    assert found["capaian-tinggi"] not in out
    # the decided finding keeps its id and its decision; the value it corrected is the unit's
    (kept,) = [d for d in ledger.tinjauan(tw2, P) if d.temuan.indikator == "IK-07"]
    assert kept.id == found["persen-di-luar-rentang"] and kept.status == "dikoreksi"
    assert float(kept.temuan.nilai) == 875

    hasil = buat_dokumen(load_kantor(tw2), Periode.parse(P), dt.date(2026, 1, 15), tmp_path)
    teks = _lampiran_a(hasil.pdf)
    assert "Capaian sangat tinggi" not in teks and "Belum diputus" not in teks.split("IK-02")[0]
    assert "Persentase di luar 0–100 (KESALAHAN)" in teks and "875 → 87,5" in teks
    assert "1.060" not in teks and "DRAF" not in hasil.pdf.name


def test_a_finding_only_the_corrected_value_raises_is_new(tw2: Path):
    found = _ik07(tw2)
    # a correction to 10 % is no typo fix: it falls far below TW I (75 %) and the target
    _putuskan(tw2, found["persen-di-luar-rentang"], "koreksi", "--nilai-baru", "10")
    now = {d.temuan.kode: d for d in ledger.tinjauan(tw2, P) if d.temuan.indikator == "IK-07"}
    assert now["persen-di-luar-rentang"].status == "dikoreksi"
    assert "capaian-tinggi" not in now
    assert now["lonjakan-triwulan"].status == "terbuka"  # new, from the value in force
    assert "= 10 (target" in now["lonjakan-triwulan"].temuan.pesan
    assert float(now["lonjakan-triwulan"].temuan.nilai) == 875  # the unit's value it is tied to

    # a second correction, on the new finding, still holds: it is tied to the unit's 875
    _putuskan(tw2, now["lonjakan-triwulan"].id, "koreksi", "--nilai-baru", "87,5")
    real, _anggaran, _sumber = koreksi.realisasi_terkoreksi(tw2, P)
    cell = real[(real["kode"] == "IK-07") & (real["tw"] == 2)].iloc[0]
    assert float(cell["realisasi"]) == 87.5 and float(cell["realisasi_asli"]) == 875
    after = {d.temuan.kode: d for d in ledger.tinjauan(tw2, P) if d.temuan.indikator == "IK-07"}
    assert set(after) == {"persen-di-luar-rentang"}
    assert not ledger.ada_error_terbuka(tw2, P)
    rows = [r for r in lampiran.keputusan_untuk_dokumen(tw2, P) if r["indikator"] == "IK-07"]
    assert {(r["kode"], r["status"], r["masih_ada"]) for r in rows} == {
        ("persen-di-luar-rentang", "dikoreksi", True),
        ("lonjakan-triwulan", "dikoreksi", False),  # decided; the data no longer raises it
    }


def test_a_decision_on_a_stale_finding_stays_recorded(tw2: Path):
    found = _ik07(tw2)
    _putuskan(tw2, found["capaian-tinggi"], "terima")
    _putuskan(tw2, found["persen-di-luar-rentang"], "koreksi", "--nilai-baru", "87,5")
    assert [d.temuan.kode for d in ledger.tinjauan(tw2, P) if d.temuan.indikator == "IK-07"] == [
        "persen-di-luar-rentang"
    ]
    (row,) = [r for r in lampiran.keputusan_untuk_dokumen(tw2, P) if r["kode"] == "capaian-tinggi"]
    assert row["status"] == "diterima" and not row["masih_ada"]
    assert "sudah diperbaiki" in row["status_teks"]


def test_the_review_widget_drops_the_stale_warning_after_a_correction(tw2: Path):
    from kinerja.validasi.tinjau import TinjauTemuan  # noqa: PLC0415  (ipywidgets)

    jam = dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    widget = TinjauTemuan(tw2, P, waktu=lambda: jam)
    found = _ik07(tw2)
    assert {d.id for d in widget.baris} >= set(found.values())
    widget.pilih_temuan(found["persen-di-luar-rentang"])
    widget.keputusan.value = "koreksi"
    widget.nilai_baru.value = "87,5"
    widget.alasan.value = "Salah ketik pemisah desimal"
    assert widget.simpan() is not None
    ik07 = {d.temuan.kode: d.status for d in widget.baris if d.temuan.indikator == "IK-07"}
    assert ik07 == {"persen-di-luar-rentang": "dikoreksi"}
    assert "Capaian sangat tinggi" not in widget.tabel.value
