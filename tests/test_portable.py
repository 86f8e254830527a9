"""kinerja on Windows, simulated here: no POSIX-only module at import time, portable file names.

The offices run kinerja on Windows laptops (conda-forge). Linux cannot run Windows, but it can
take away what Windows lacks: a fresh interpreter with ``fcntl``, ``termios``, ``resource``,
``pwd`` and ``grp`` made unimportable must import every module of kinerja, run
``kinerja hitung`` and hold the office's lock. Every file kinerja writes must have a name
Windows accepts (no ``: * ? " < > |``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import nbformat
import pytest

from kinerja.inti.filename import FORBIDDEN, is_portable, safe_filename
from kinerja.jalankan.pipeline import JalankanError, Tahap, jalankan
from kinerja.jalankan.runlog import log_path

POSIX_ONLY = ("fcntl", "termios", "resource", "pwd", "grp")

SIMULATED_WINDOWS = """
import sys
for name in {posix_only!r}:
    sys.modules[name] = None  # import name -> ImportError, as on Windows

import contextlib, importlib, io, json, pkgutil, warnings
warnings.simplefilter("ignore")  # filelock says it falls back to its soft lock
import kinerja

report = {{"failed": [], "modules": 0}}
for info in pkgutil.walk_packages(kinerja.__path__, "kinerja."):
    if info.name == "kinerja.__main__":  # runs the CLI: checked below through main()
        continue
    try:
        importlib.import_module(info.name)
        report["modules"] += 1
    except Exception as exc:
        report["failed"].append(f"{{info.name}}: {{type(exc).__name__}}: {{exc}}")

from kinerja.cli import main

out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        report["help_exit"] = main(["hitung", "--help"])
    except SystemExit as exit:
        report["help_exit"] = exit.code
report["help"] = out.getvalue()

with open("in.csv", "w", encoding="utf-8") as handle:
    handle.write("Indikator,Satuan,Polaritas,Target,Realisasi\\n"
                 "Pengaduan,%,positif,80,92\\nWaktu,bulan,negatif,8,6\\n")
with contextlib.redirect_stdout(io.StringIO()):
    report["hitung_exit"] = main(["hitung", "in.csv", "-o", "out.csv"])
report["hitung"] = open("out.csv", encoding="utf-8").read()

from kinerja.jalankan.errors import JalankanError
from kinerja.jalankan.kunci import kunci_kantor

report["locks"] = []
for _ in range(2):
    with kunci_kantor("kantor") as lock:
        try:
            with kunci_kantor("kantor"):
                report["locks"].append("second holder got it")
        except JalankanError as exc:
            report["locks"].append(f"refused: {{exc}}")
    report["locks"].append(f"released: {{lock.name}}")
report["posix_only_loaded"] = sorted(n for n in {posix_only!r} if sys.modules.get(n) is not None)
print(json.dumps(report))
"""


def test_every_module_imports_and_runs_without_posix_only_modules(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SIMULATED_WINDOWS.format(posix_only=POSIX_ONLY)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["failed"] == []
    assert report["modules"] > 60
    assert report["help_exit"] == 0 and "--rumus-negatif" in report["help"]
    assert report["hitung_exit"] == 0
    rows = report["hitung"].splitlines()
    assert len(rows) == 3 and rows[1].startswith("Pengaduan,%,positif,80,92,115.00")
    assert [line.split(":")[0] for line in report["locks"]] == ["refused", "released"] * 2
    assert "sedang diproses" in report["locks"][0] and "jalankan.lock" in report["locks"][0]
    assert report["posix_only_loaded"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linggo-sari-baganti", "linggo-sari-baganti"),  # a safe name is kept as it is
        ("Kec-LSB", "Kec-LSB"),
        ("2025-TW4", "2025-TW4"),
        ("Kec:LSB/2025", "Kec-LSB-2025"),
        ('a<b>c"d|e?f*g\\h', "a-b-c-d-e-f-g-h"),
        ("tab\tdan\nbaris", "tab-dan-baris"),
        ("akhir titik. ", "akhir titik"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("", "berkas"),
        ("???", "berkas"),
        ("..", "berkas"),
    ],
)
def test_safe_filename(text: str, expected: str) -> None:
    assert safe_filename(text) == expected
    assert is_portable(safe_filename(text))


def assert_portable_tree(root: Path) -> None:
    """Every file and folder under ``root`` has a name Windows accepts."""
    bad = [p for p in root.rglob("*") if not is_portable(p.name)]
    assert bad == [], bad
    assert not [p for p in root.rglob("*") if FORBIDDEN.search(p.name)]


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_a_failed_run_writes_only_portable_names(kantor_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell(
        'periode = ""\nkantor = ""\ntanggal_cetak = ""\nkeluaran = ""'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell('raise ValueError("galat uji")')]
    nbformat.write(nb, folder / "10-gagal-uji.ipynb")
    out = tmp_path / "keluaran"
    with pytest.raises(JalankanError) as raised:
        jalankan(
            kantor_dir,
            "2025-TW4",
            date(2026, 1, 15),
            mulai=datetime(2026, 1, 15, 10, 30, 0),
            keluaran=out,
            notebooks=folder,
            tahap=[Tahap("10-gagal-uji.ipynb", "gagal")],
        )
    kept = raised.value.gagal
    assert kept is not None
    assert kept == out / "gagal" / "20260115-103000"
    assert (kept / "10-gagal-uji-2025-TW4.ipynb").is_file()
    assert_portable_tree(out)
    assert_portable_tree(kantor_dir)  # the office's arsip: lock, log, event log


def test_run_log_names_are_portable() -> None:
    path = log_path(Path("kantor"), "2025-TW4", datetime(2026, 1, 15, 10, 30, 0))
    assert path.name == "jalankan-2025-TW4-20260115-103000.log"
    assert all(is_portable(part) for part in path.parts)
