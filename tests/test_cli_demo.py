"""``kinerja demo``: copies the demo office, prints the capaian, walks the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.cli import main


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
    last = Path(out.strip().splitlines()[-1])
    pdfs = sorted(published.glob("*.pdf"))
    if pdfs:  # once the document stage exists, the PDF is the last line
        assert last == pdfs[0]
    else:
        assert last == published.resolve()
