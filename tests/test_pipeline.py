"""``kinerja jalankan``: the exact contract, on real notebooks, files and kernels."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import nbformat
import openpyxl
import pytest

from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan import eventlog
from kinerja.catatan.db import connect
from kinerja.cli import main
from kinerja.inti.errors import UsageError
from kinerja.jalankan.pipeline import (
    TAHAP,
    JalankanError,
    Tahap,
    jalankan,
    kunci_kantor,
    periksa_parameter,
)
from kinerja.paths import notebooks_dir

MULAI = datetime(2026, 1, 15, 9, 0, 0)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _jalankan(kantor: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "jalankan",
            "--kantor",
            str(kantor),
            "--periode",
            "2025-TW4",
            "--tanggal-cetak",
            "2026-01-15",
            "--keluaran",
            str(out),
            *extra,
        ]
    )


# ------------------------------------------------------------------ fast: parameters, stages


def test_periksa_parameter_accepts_good_values(kantor_dir: Path, tmp_path: Path) -> None:
    p = periksa_parameter("2025-TW4", str(kantor_dir), "2026-01-15", str(tmp_path / "k"))
    assert str(p.periode) == "2025-TW4"
    assert p.kantor.nama == "Kecamatan Linggo Sari Baganti"
    assert p.tanggal_cetak == date(2026, 1, 15)
    assert not p.tanggal_otomatis
    assert p.keluaran == (tmp_path / "k").resolve()
    assert "Triwulan IV Tahun 2025" in p._repr_markdown_()


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (("2025-TW5", None, "", ""), "Periode"),
        (("2025-TW4", None, "2026/01/15", ""), "YYYY-MM-DD"),
        (("2025-TW4", None, "2026-02-30", ""), "tidak sah"),
        (("2025-TW4", "/tidak/ada", "", ""), "tidak ditemukan"),
    ],
)
def test_periksa_parameter_refuses_in_indonesian(
    args: tuple, pesan: str, kantor_dir: Path, tmp_path: Path
) -> None:
    periode, kantor, tanggal, _ = args
    with pytest.raises(UsageError, match=pesan):
        periksa_parameter(periode, kantor or str(kantor_dir), tanggal, str(tmp_path / "k"))


def test_a_missing_notebook_is_an_error_not_a_skipped_stage(
    kantor_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "10-a-b.ipynb").write_text("{}", encoding="utf-8")
    stages = (Tahap("10-a-b.ipynb", "ada"), Tahap("11-c-d.ipynb", "tanpa notebook"))
    out = tmp_path / "keluaran"
    with pytest.raises(JalankanError, match=r"tidak ditemukan.*11-c-d\.ipynb"):
        jalankan(
            kantor_dir,
            "2025-TW4",
            date(2026, 1, 15),
            mulai=MULAI,
            keluaran=out,
            notebooks=folder,
            tahap=stages,
        )
    assert not out.exists()  # refused before the lock, the work folder or any kernel
    with pytest.raises(JalankanError, match="Tidak ada tahap"):
        jalankan(kantor_dir, "2025-TW4", date(2026, 1, 15), mulai=MULAI, notebooks=folder, tahap=())


def test_every_stage_notebook_ships_and_every_pre_import_exists() -> None:
    for t in TAHAP:
        assert (notebooks_dir() / t.notebook).is_file(), t.notebook
        for module in t.impor:
            assert importlib.util.find_spec(module) is not None, (t.nama, module)


def test_review_notebook_is_never_a_stage() -> None:
    assert not any(t.notebook.startswith("03-") for t in TAHAP)
    names = [t.notebook for t in TAHAP]
    assert names == sorted(names)


def test_lock_keeps_a_second_run_out(kantor_dir: Path, tmp_path: Path, capsys) -> None:
    with kunci_kantor(kantor_dir):
        code = _jalankan(kantor_dir, tmp_path / "out")
    assert code == 1
    err = capsys.readouterr().err
    assert "sedang diproses" in err
    assert "jalankan.lock" in err
    assert not (tmp_path / "out").exists()
    with kunci_kantor(kantor_dir):  # released after the refusal
        pass


@pytest.mark.parametrize(
    "extra",
    [
        ["--periode", "2025-TW4", "--tanggal-cetak", "2026-13-01"],
        ["--periode", "TW4"],
        ["--periode", "2025-TW4", "--periode-otomatis"],
        [],
    ],
)
def test_usage_errors_exit_2(kantor_dir: Path, extra: list[str]) -> None:
    try:
        code = main(["jalankan", "--kantor", str(kantor_dir), *extra])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2


def test_missing_office_folder_exits_2(tmp_path: Path) -> None:
    assert main(["jalankan", "--kantor", str(tmp_path / "x"), "--periode", "2025-TW4"]) == 2


def test_an_archived_publication_is_never_replaced(
    kantor_dir: Path, tmp_path: Path, capsys
) -> None:
    from kinerja.catatan import objek
    from kinerja.inti.tanggal import WIB

    out = tmp_path / "laporan" / "2025-TW4"
    out.mkdir(parents=True)
    pdf = out / "pengukuran-kinerja-2025-TW4.pdf"
    pdf.write_bytes(b"%PDF-1.7 versi yang sudah ditandatangani")
    objek.simpan(
        kantor_dir,
        pdf,
        jenis="dokumen",
        periode="2025-TW4",
        nama="pengukuran-kinerja",
        waktu=datetime(2026, 1, 20, 10, 0, tzinfo=WIB),
        status="ditandatangani",
    )
    before = _sha(pdf)
    assert _jalankan(kantor_dir, out) == 1
    err = capsys.readouterr().err
    assert "sudah diarsipkan" in err
    assert "status ditandatangani" in err
    assert _sha(pdf) == before
    assert sorted(p.name for p in out.iterdir()) == [pdf.name]  # nothing run, nothing kept


# ------------------------------------------------------------------ slow: real runs


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_run_publishes_then_a_rerun_replaces_with_identical_pdf(
    kantor_dir: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "laporan" / "2025-TW4"
    assert _jalankan(kantor_dir, out) == 0
    captured = capsys.readouterr()
    stages = TAHAP
    for t in stages:
        assert (out / f"{t.nama}-2025-TW4.ipynb").is_file()
        assert (out / f"{t.nama}-2025-TW4.html").is_file()
        assert f"{t.nama}: selesai dalam" in captured.err  # progress per stage, with time
    # the stages are numbered in the order they start: [1/N], [2/N], … as printed
    started = re.findall(r"^\[(\d+)/(\d+)\] \S+: (?!selesai)", captured.err, re.M)
    assert [int(i) for i, _ in started] == list(range(1, len(stages) + 1))
    manifest = json.loads((out / "jalankan.json").read_text("utf-8"))
    assert manifest["periode"] == "2025-TW4"
    assert manifest["tanggal_cetak"] == "2026-01-15"
    assert "kantor/perjanjian-kinerja-2025.xlsx" in manifest["masukan_sha256"]
    for name, digest in manifest["keluaran_sha256"].items():
        assert _sha(out / name) == digest
    assert sorted(p.name for p in out.parent.iterdir()) == ["2025-TW4"]  # no work folder left
    logs = list((kantor_dir / "arsip" / "log").glob("jalankan-2025-TW4-*.log"))
    assert logs
    assert "BERHASIL" in logs[0].read_text("utf-8")
    last = Path(captured.out.strip().splitlines()[-1])
    pdfs = sorted(out.glob("*.pdf"))
    document = any(t.notebook.startswith("05-") for t in stages)
    if document:
        assert pdfs
        assert last == pdfs[0]  # the last line printed is the PDF
        assert (out / pdfs[0].with_suffix(".html").name).is_file()
        if pdfs[0].stem.endswith("-draf"):  # says why: open KESALAHAN findings, and where
            assert re.search(r"DRAF \(belum sah\): masih ada \d+ temuan", captured.err)
            assert "kinerja validasi --kantor" in captured.err
    else:
        assert last == out.resolve()
    first_pdf = pdfs[0].read_bytes() if pdfs else b""

    # a second run with the same date replaces the folder as a whole, keeps failed runs,
    # and gives byte-identical PDFs: it runs the document's stage only (the one real run of
    # every stage is the one above), so the first run's other notebooks must be gone too
    (out / "gagal" / "lama").mkdir(parents=True)
    (out / "usang.txt").write_text("dari jalankan sebelumnya", encoding="utf-8")
    rerun = [t for t in stages if t.notebook.startswith("05-")] or stages[-1:]
    hasil = jalankan(
        kantor_dir, "2025-TW4", date(2026, 1, 15), mulai=MULAI, keluaran=out, tahap=rerun
    )
    assert hasil.keluaran == out.resolve()
    assert not (out / "usang.txt").exists()
    for t in stages:
        assert (out / f"{t.nama}-2025-TW4.ipynb").is_file() == (t in rerun)
    assert (out / "gagal" / "lama").is_dir()
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    if document:
        assert hasil.dokumen_pdf is not None
        assert hasil.dokumen_pdf.read_bytes() == first_pdf

    # both runs are in the office's hash-chained event log, with their hashes
    conn = connect(kantor_dir)
    try:
        events = list(eventlog.iter_peristiwa(conn))
    finally:
        conn.close()
    assert not eventlog.periksa_rantai(events)
    runs = [e for e in events if e.apa == "jalankan"]
    assert len(runs) == 2
    assert runs[-1].periode == "2025-TW4"
    assert set(runs[0].data["keluaran_sha256"]) >= {f"{t.nama}-2025-TW4.html" for t in stages}
    assert set(runs[-1].data["keluaran_sha256"]) >= {f"{t.nama}-2025-TW4.html" for t in rerun}
    assert runs[-1].data["tahap"] == [t.nama for t in rerun]
    assert "kantor/perjanjian-kinerja-2025.xlsx" in runs[-1].data["masukan_sha256"]
    if document:
        assert runs[-1].artefak_sha256 == _sha(hasil.dokumen_pdf)


def _break_polaritas(kantor_dir: Path) -> None:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Indikator"]
    col = [c.value for c in ws[1]].index("polaritas") + 1
    ws.cell(row=3, column=col).value = "naik"
    wb.save(path)


def test_a_broken_pk_is_refused_before_any_notebook(
    kantor_dir: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "laporan" / "2025-TW4"
    out.mkdir(parents=True)  # a previous publication
    (out / "pengukuran-kinerja-2025-TW4.pdf").write_bytes(b"%PDF-1.7 terbitan sebelumnya")
    before = {p.name: _sha(p) for p in out.iterdir() if p.is_file()}

    _break_polaritas(kantor_dir)
    assert _jalankan(kantor_dir, out) == 1
    err = capsys.readouterr().err
    assert 'polaritas "naik"' in err
    assert 'lembar "Indikator", sel E3' in err
    assert "Tidak ada notebook yang dijalankan" in err
    assert "ipynb" not in err and "Traceback" not in err  # no stage started
    # the previous publication is untouched; nothing ran, so nothing is kept apart
    assert {p.name: _sha(p) for p in out.iterdir()} == before
    assert not (out / "gagal").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["2025-TW4"]  # no work folder
    (log,) = (kantor_dir / "arsip" / "log").glob("jalankan-2025-TW4-*.log")
    assert "GAGAL" in log.read_text("utf-8") and "sel E3" in log.read_text("utf-8")
    lap = verifikasi(kantor_dir)  # the failed run's log is recorded in the chain
    assert lap.utuh and not lap.peringatan and lap.jumlah["log"] == 1, lap.teks()


def test_jalankan_itself_checks_the_pk_for_batch_and_demo(kantor_dir: Path, tmp_path: Path) -> None:
    """The check is in ``pipeline.jalankan``: every caller gets it, with no log of its own."""
    _break_polaritas(kantor_dir)
    out = tmp_path / "keluaran"
    with pytest.raises(JalankanError, match=r'sel E3 \(polaritas\): polaritas "naik"'):
        jalankan(kantor_dir, "2025-TW4", date(2026, 1, 15), mulai=MULAI, keluaran=out)
    assert not out.exists()
    assert not (kantor_dir / "arsip" / "jalankan.lock").exists()  # refused before the lock


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_missing_realisasi_exits_1_without_publishing(
    kantor_dir: Path, tmp_path: Path, capsys
) -> None:
    (kantor_dir / "realisasi-2025.xlsx").unlink()
    shutil.rmtree(kantor_dir / "formulir-kembali", ignore_errors=True)
    out = tmp_path / "laporan" / "2025-TW4"
    assert _jalankan(kantor_dir, out) == 1
    err = capsys.readouterr().err
    assert "Belum ada realisasi tahun 2025" in err
    assert '"01-himpun-formulir.ipynb" gagal pada sel In [' in err  # found by a notebook
    assert "Tidak ada dokumen yang diterbitkan" in err
    assert [p.name for p in out.iterdir()] == ["gagal"]  # no published output at all
    (failed,) = (out / "gagal").iterdir()
    assert '"ename": "InputError"' in (failed / "01-himpun-formulir-2025-TW4.ipynb").read_text(
        "utf-8"
    )
    assert not list(failed.glob("*.pdf"))
    (log,) = (kantor_dir / "arsip" / "log").glob("jalankan-2025-TW4-*.log")
    assert "GAGAL" in log.read_text("utf-8")


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_a_failure_in_a_parallel_wave_is_reported_after_the_wave(
    kantor_dir: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    good = nbformat.read(notebooks_dir() / "04-ukur-kinerja.ipynb", as_version=4)
    nbformat.write(good, folder / "04-ukur-kinerja.ipynb")
    bad = nbformat.read(notebooks_dir() / "04-ukur-kinerja.ipynb", as_version=4)
    bad.cells = [*bad.cells[:4], nbformat.v4.new_code_cell('raise ValueError("galat uji")')]
    nbformat.write(bad, folder / "03-gagal-uji.ipynb")
    stages = [
        Tahap("03-gagal-uji.ipynb", "gagal", 2),
        Tahap("04-ukur-kinerja.ipynb", "ukur", 2),
    ]
    out = tmp_path / "keluaran"
    with pytest.raises(JalankanError) as raised:
        jalankan(
            kantor_dir,
            "2025-TW4",
            date(2026, 1, 15),
            mulai=MULAI,
            keluaran=out,
            notebooks=folder,
            tahap=stages,
        )
    assert '"03-gagal-uji.ipynb" gagal pada sel In [4] baris 1' in str(raised.value)
    assert "galat uji" in str(raised.value)
    kept = raised.value.gagal
    assert kept is not None
    assert kept.parent == out / "gagal"
    # the other stage of the wave ran to its end and is kept beside the failure
    assert (kept / "04-ukur-kinerja-2025-TW4.ipynb").is_file()
    assert (kept / "03-gagal-uji-2025-TW4.ipynb").is_file()
    assert [p.name for p in out.iterdir()] == ["gagal"]
