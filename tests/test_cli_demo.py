"""``kinerja demo``: copies the demo office and walks the 14 SOP steps end to end."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from kinerja.cli import main
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah import penomoran
from kinerja.sop import register
from kinerja.ttd import tandatangan


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_demo_walks_every_step_and_ends_with_the_pdf(tmp_path: Path, capsys) -> None:
    root = tmp_path / "demo"
    (root / "linggo-sari-baganti" / "sisa-demo-lama.txt").parent.mkdir(parents=True)
    (root / "linggo-sari-baganti" / "sisa-demo-lama.txt").write_text("x", encoding="utf-8")
    assert main(["demo", "--keluaran", str(root), "--tanggal-cetak", "2026-01-15"]) == 0
    out = capsys.readouterr().out
    office = root / "linggo-sari-baganti"
    assert (office / "kantor.toml").is_file()
    assert not (office / "sisa-demo-lama.txt").exists()  # an earlier demo is replaced
    assert "Pengukuran Kinerja Triwulan IV Tahun 2025" in out
    for tw in ("I", "II", "III", "IV"):  # the demo's forms, quarter by quarter
        assert f"Formulir Triwulan {tw} Tahun 2025: " in out
    assert "Keputusan peninjau dicatat: " in out
    assert "Capaian kantor" in out
    assert "Sangat Tinggi" in out
    published = root / "2025-TW4"
    assert (published / "04-ukur-kinerja-2025-TW4.html").is_file()
    # the 14 SOP steps: letters with register numbers, signature, package, verified archive
    assert "Langkah 4  undangan rapat nomor 000.8.6.3/1/Kec-LSB/2026" in out
    assert "Langkah 10 nomor dokumen 000.8.6.3/2/Kec-LSB/2026" in out
    assert "Langkah 12 surat pengantar nomor 000.8.6.3/3/Kec-LSB/2026" in out
    assert "HASIL: arsip utuh." in out
    steps = register.status_sop(office, "2025-TW4")
    assert [r["status"] for r in steps] == ["selesai"] * 14
    assert any(r["melebihi"] for r in steps)  # validation took longer than the mutu baku
    sop_dir = root / "2025-TW4-sop"
    for name in ("disposisi", "undangan", "notulen", "daftar-hadir"):
        assert (sop_dir / "naskah" / f"{name}-2025-TW4.pdf").is_file()
    assert (sop_dir / "naskah" / "pengantar-2025-TW4-ttd.pdf").is_file()
    assert (sop_dir / "paket" / "linggo-sari-baganti-2025-TW4" / "manifest-sha256.txt").is_file()
    last = Path(out.strip().splitlines()[-1])
    assert last == sop_dir / "dokumen" / "pengukuran-kinerja-2025-TW4-ttd.pdf"
    assert tandatangan.validasi_pdf(last, load_kantor(office)).utuh
    # the signed document carries its register number; the draft the Camat corrected had none
    signed = _text(last)
    assert "000.8.6.3/2/Kec-LSB/2026" in signed
    assert "000.8.6.3/2/Kec-LSB/2026" not in _text(published / "pengukuran-kinerja-2025-TW4.pdf")
    assert "000.8.6.3/2/Kec-LSB/2026" in _text(sop_dir / "naskah" / "pengantar-2025-TW4-ttd.pdf")
    (baris,) = [r for r in penomoran.daftar_nomor(office) if r["jenis_naskah"] == "dokumen pengukuran kinerja"]  # fmt: skip
    assert baris["status"] == "ditandatangani" and baris["periode"] == "2025-TW4"
    assert baris["sha256_pdf"] == hashlib.sha256(last.read_bytes()).hexdigest()
    # the unsigned document carries the SOP steps recorded before it (lampiran)
    text = _text(published / "pengukuran-kinerja-2025-TW4.pdf")
    assert "Catatan Langkah SOP" in text and "MELEBIHI MUTU BAKU" in text
    assert "Dikoreksi" in text and "DEDI SUPRIADI" in text  # the review's correction and who
    # a second demo replaces the first, letters and signed files included
    assert main(["demo", "--keluaran", str(root), "--tanggal-cetak", "2026-01-15"]) == 0
    assert Path(capsys.readouterr().out.strip().splitlines()[-1]) == last


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
