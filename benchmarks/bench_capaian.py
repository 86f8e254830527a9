"""Capaian at national scale, and ``kinerja hitung`` against a bare pandas read + write.

    .venv/bin/python benchmarks/bench_capaian.py [--besar] [--ulang 3] [--label teks]

Goals (issue 3): ``ukur`` ≤ 1 s per million indikator-quarter rows, linear in
rows, peak memory ≤ 1 GB at 1 M; ``kinerja hitung`` on a 1 M-row CSV within 2×
of ``pd.read_csv`` + ``to_csv`` of the same file. ``--besar`` adds 10 M rows.
Each ukur run is a fresh process so its peak RSS is its own; every figure is the
median of ``--ulang`` runs (the machine is shared: the load average is printed).
Numbers-only rows as before, plus the realistic mix of ``sintetis.tabel_nasional``
(range and qualitative targets). Results also go to
``benchmarks/results/capaian/<time>-<label>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

RESULTS = Path(__file__).resolve().parent / "results" / "capaian"

SIZE_CODE = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
from kinerja.inti.model import INDIKATOR_COLUMNS, Periode
from kinerja.inti.pengukuran import ukur

rows = int(sys.argv[1]); n = rows // 4
rng = np.random.default_rng(7)
jenis = rng.choice(["kumulatif", "akhir", "rata_rata"], n)
pol = rng.choice(["positif", "negatif"], n, p=[0.8, 0.2])
t = rng.integers(10, 500, (n, 4)).astype(float)
ind = pd.DataFrame({c: "" for c in INDIKATOR_COLUMNS}, index=range(n))
ind["kode"] = np.char.add("IK-", np.arange(n).astype(str))
ind["sasaran_kode"] = np.char.add("S", (np.arange(n) // 3).astype(str))
ind["sasaran"] = ind["sasaran_kode"]
ind["polaritas"] = pol; ind["jenis_periode"] = jenis; ind["rumus_negatif"] = "2T-R"
for i in range(4):
    ind[f"target_tw{i + 1}"] = t[:, i]
ind["target_tahunan"] = t.sum(axis=1); ind["target_renstra"] = t.sum(axis=1) * 5
ind["target_tahun_lalu"] = t.sum(axis=1); ind["realisasi_tahun_lalu"] = t.sum(axis=1) * 0.9
ind["iku"] = True; ind["wajib"] = True; ind["bobot"] = 1.0
r = pd.DataFrame({
    "kode": np.repeat(ind["kode"].to_numpy(), 4),
    "tw": np.tile([1, 2, 3, 4], n),
    "realisasi": (t * rng.uniform(0.6, 1.3, (n, 4))).round(2).ravel(),
})
r = r.sample(frac=0.995, random_state=1)  # a few missing quarters
start = time.perf_counter()
p = ukur(ind, r, Periode.parse("2025-TW4"))
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "detik": elapsed, "rss_mb": rss, "valid": int(p.kantor["n_valid"])}))
"""

MIXED_CODE = r"""
import json, resource, sys, time
import sintetis
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.predikat import load_skala_ordinal
rows = int(sys.argv[1])
ind, real = sintetis.tabel_nasional(rows)
ordinal = {k: load_skala_ordinal(k) for k in ("akip", "ada-tidak")}
start = time.perf_counter()
p = ukur(ind, real, Periode.parse("2025-TW4"), ordinal=ordinal)
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "detik": elapsed, "rss_mb": rss, "valid": int(p.kantor["n_valid"])}))
"""


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"beban mesin {one:.1f} / {five:.1f} (1 / 5 menit, {os.cpu_count()} inti)"


def bench_ukur(code: str, rows: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, str(rows)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median_ukur(code: str, rows: int, ulang: int) -> dict:
    runs = [bench_ukur(code, rows) for _ in range(ulang)]
    return {
        "rows": rows,
        "detik": statistics.median(r["detik"] for r in runs),
        "detik_semua": [r["detik"] for r in runs],
        "rss_mb": statistics.median(r["rss_mb"] for r in runs),
        "valid": runs[0]["valid"],
    }


def _hitung_csv(path: Path, rows: int) -> None:
    rng = np.random.default_rng(3)
    target = rng.integers(10, 500, rows)
    frame = pd.DataFrame(
        {
            "indikator": np.char.add("Indikator ", (np.arange(rows) % 5000).astype(str)),
            "satuan": "%",
            "polaritas": rng.choice(["positif", "negatif"], rows, p=[0.8, 0.2]),
            "target": target,
            "realisasi": (target * rng.uniform(0.6, 1.3, rows)).round(2),
        }
    )
    frame.to_csv(path, index=False)


def bench_hitung(rows: int, ulang: int) -> dict:
    """Bare pandas read + write, then ``kinerja hitung`` (a fresh CLI process), paired."""
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.csv"
        _hitung_csv(src, rows)
        for _ in range(ulang):
            start = time.perf_counter()
            pd.read_csv(src).to_csv(Path(tmp) / "bare.csv", index=False)
            bare = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kinerja",
                    "hitung",
                    str(src),
                    "-o",
                    str(Path(tmp) / "o.csv"),
                ],
                check=True,
            )
            cli = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import kinerja.cli.hitung"], check=True)
            runs.append((bare, cli, time.perf_counter() - start))
    return {
        "rows": rows,
        "pandas_detik": statistics.median(r[0] for r in runs),
        "hitung_detik": statistics.median(r[1] for r in runs),
        "impor_detik": statistics.median(r[2] for r in runs),
        "rasio": statistics.median(r[1] / r[0] for r in runs),
        "rasio_semua": [r[1] / r[0] for r in runs],
    }


def _line(r: dict) -> str:
    per_m = r["detik"] / (r["rows"] / 1e6)
    return (
        f"  {r['rows']:>10,} baris: {r['detik']:6.2f} s ({per_m:.2f} s per juta), "
        f"puncak RSS {r['rss_mb']:,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--besar", action="store_true", help="tambahkan 10 juta baris")
    parser.add_argument("--ulang", type=int, default=3, help="ulangan per ukuran (median)")
    parser.add_argument("--label", default="", help="nama hasil di benchmarks/results/capaian")
    args = parser.parse_args()
    sizes = [250_000, 1_000_000, 2_000_000] + ([10_000_000] if args.besar else [])
    beban = [_load()]
    print(f"ukur, angka saja (capaian per indikator-triwulan; median {args.ulang}×; {beban[0]}):")
    results = []
    for n in sizes:
        results.append(_median_ukur(SIZE_CODE, n, args.ulang))
        print(_line(results[-1]))
    print("ukur, campuran (rentang dan kualitatif, sintetis.tabel_nasional):")
    mixed = _median_ukur(MIXED_CODE, 1_000_000, args.ulang)
    print(_line(mixed))
    h = bench_hitung(1_000_000, args.ulang)
    beban.append(_load())
    print(
        f"kinerja hitung 1.000.000 baris: {h['hitung_detik']:.2f} s; pandas read+write "
        f"{h['pandas_detik']:.2f} s; rasio {h['rasio']:.2f} (sasaran ≤ 2; semua: "
        f"{', '.join(f'{x:.2f}' for x in h['rasio_semua'])}); impor CLI {h['impor_detik']:.2f} s"
    )
    one_m = next(r for r in results if r["rows"] == 1_000_000)
    per_m = [r["detik"] / (r["rows"] / 1e6) for r in results if r["rows"] >= 1_000_000]
    linear = max(per_m) <= 1.0
    ok = one_m["detik"] <= 1.0 and one_m["rss_mb"] <= 1024 and h["rasio"] <= 2.0 and linear
    print(f"({beban[-1]})")
    print("SASARAN TERCAPAI" if ok else "SASARAN BELUM TERCAPAI")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{args.label}.json" if args.label else f"{stamp}.json"
    record = {"ukur": results, "campuran": mixed, "hitung": h, "beban": beban, "tercapai": ok}
    (RESULTS / name).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(
        f"(maxrss proses ini: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB;"
        f" hasil: {RESULTS / name})"
    )


if __name__ == "__main__":
    main()
