"""Benchmark: ``kinerja jalankan`` for the demo periode against its floor, in one run.

Floor = the same number of bare papermill runs (API, ``python3`` kernel, immediate
shutdown, in one process) of a notebook that only imports ``kinerja``, plus one
bare WeasyPrint render (PDF/A-3b, cold process) of the same document HTML.
Goal: ratio ≤ 1,3. Prints the ratio and the absolute times (medians of N).

    .venv/bin/python benchmarks/bench_jalankan.py [--ulang 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PERIODE = "2025-TW4"
TANGGAL = "2026-01-15"
GOAL = 1.3

BARE_RUNS = """
import sys, time, papermill
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for i in range(n):
    papermill.execute_notebook(src, f"{out}/bare-{i}.ipynb", parameters={"periode": "2025-TW4"},
        kernel_name="python3", progress_bar=False, shutdown_kernel="immediate",
        extra_arguments=["--IPKernelApp.log_level=ERROR"])
"""

BARE_PDF = """
import sys
from weasyprint import HTML
HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant="pdf/a-3b")
"""


def bare_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell(
        'periode: str = "2025-TW4"  # periode\nkantor: str = ""  # kantor\n'
        'tanggal_cetak: str = ""  # tanggal\nkeluaran: str = ""  # keluaran'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("import kinerja")]
    nbformat.write(nb, path)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3, help="repetitions (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jalankan-") as tmp:
        work = Path(tmp)
        office = work / "linggo-sari-baganti"
        shutil.copytree(ROOT / "data" / "linggo-sari-baganti", office)
        out = work / "out" / PERIODE
        jalankan = [
            str(BIN / "kinerja"),
            "jalankan",
            "--kantor",
            str(office),
            "--periode",
            PERIODE,
            "--tanggal-cetak",
            TANGGAL,
            "--keluaran",
            str(out),
        ]
        timed(jalankan)  # warm-up: takes the forms in once, fills caches
        stages = len(list(out.glob("0*.ipynb")))
        html = next(out.glob("pengukuran-kinerja-*.html"), None)
        nb = work / "bare.ipynb"
        bare_notebook(nb)
        (work / "bare").mkdir()
        floor_nb = [str(BIN / "python"), "-c", BARE_RUNS, str(nb), str(stages), str(work / "bare")]
        floor_pdf = [str(BIN / "python"), "-c", BARE_PDF, str(html), str(work / "bare.pdf")]

        t_run, t_nb, t_pdf = [], [], []
        for _ in range(args.ulang):
            t_run.append(timed(jalankan))
            t_nb.append(timed(floor_nb))
            t_pdf.append(timed(floor_pdf) if html else 0.0)
    run = statistics.median(t_run)
    nbs = statistics.median(t_nb)
    pdf = statistics.median(t_pdf)
    floor = nbs + pdf
    ratio = run / floor
    # best of N: the least disturbed figure on a shared machine
    best = min(t_run) / (min(t_nb) + min(t_pdf))
    print(f"kinerja jalankan {PERIODE} ({stages} notebook, dokumen: {'ya' if html else 'belum'})")
    print(
        f"  jalankan              : {run:6.2f} s  (median dari {args.ulang}: "
        + ", ".join(f"{t:.2f}" for t in t_run)
        + ")"
    )
    print(f"  lantai: {stages} papermill polos: {nbs:6.2f} s")
    print(f"  lantai: 1 WeasyPrint polos : {pdf:6.2f} s")
    print(f"  lantai total          : {floor:6.2f} s")
    print(f"  rasio (median)        : {ratio:6.2f}  (sasaran ≤ {GOAL})")
    print(f"  rasio (terbaik dari {args.ulang}) : {best:6.2f}")
    print(f"  beban mesin (1 menit) : {os.getloadavg()[0]:.2f} pada {os.cpu_count()} inti")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
