"""The Kabupaten roll-up and batch scale (issue 9): three figures.

    .venv/bin/python benchmarks/bench_rekap.py [--kantor 500] [--pdf 10] [--render 6] [--baris 1000000]

1. Roll-up of ``--kantor`` office packages with verification ≤ 60 s: synthetic
   offices measured, archived and packaged with the real functions (each holds
   ``data-sumber.json``; ``--pdf`` of them also the rendered PDF/A document,
   signed with a test certificate). Built once into benchmarks/results/ (reused
   by later runs); timed: ``rekap`` (verify + consolidate), then the workbook and
   the PDF/A report. The per-package cost with a signed PDF is printed too, so
   the all-PDF case can be read off.
2. Batch rendering speed-up ≥ 1.8× on 2 cores: ``jalankan_banyak(tugas="dokumen")``
   for ``--render`` offices in this process, in a pool of one worker, in a pool of
   two (the pool's one-time start, forkserver and imports, is timed apart).
3. ``ukur`` on a national-size table (``--baris`` rows, indikator × triwulan) in a
   fresh process: numbers only (the foundation's bound: ≤ 1 s per million rows)
   and the realistic mix with range and qualitative targets.

The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "rekap"
WIB = dt.timezone(dt.timedelta(hours=7))
W = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)

UKUR_CODE = r"""
import json, resource, sys, time
import sintetis
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.predikat import load_skala_ordinal
rows, angka = int(sys.argv[1]), sys.argv[2] == "1"
ind, real = sintetis.tabel_nasional(rows, hanya_angka=angka)
ordinal = {k: load_skala_ordinal(k) for k in ("akip", "ada-tidak")}
start = time.perf_counter()
p = ukur(ind, real, Periode.parse("2025-TW4"), ordinal=ordinal)
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"baris": len(real), "detik": elapsed, "rss_mb": rss,
                  "valid": int(p.indikator["capaian_tw"].notna().sum())}))
"""


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"beban mesin {one:.1f} / {five:.1f} (1 / 5 menit, {os.cpu_count()} inti)"


def build_packages(n: int, n_pdf: int) -> Path:
    """n offices and their TW4 packages (the first n_pdf with a signed PDF); cached."""
    import sintetis

    from kinerja.inti.paralel import peta

    target = RESULTS / f"paket-{n}-{n_pdf}"
    if (target / "SELESAI").is_file():
        return target / "paket"
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    offices = sintetis.buat_banyak_kantor(target / "kantor", n, seed=2026)
    specs = [
        sintetis.PaketSintetis(str(o), "2025-TW4", str(target / "paket"), W, i < n_pdf, i < n_pdf)
        for i, o in enumerate(offices)
    ]
    built = peta(sintetis.paket_sintetis, specs, pekerja=2, laporan=None)
    failed = [b for b in built if not b.ok]
    if failed:
        raise SystemExit(f"paket gagal dibuat: {failed[0].nama}: {failed[0].pesan}")
    (target / "SELESAI").write_text(f"{time.perf_counter() - start:.1f}\n", encoding="utf-8")
    print(f"  ({n} paket dibuat dalam {time.perf_counter() - start:.0f} s; disimpan di {target})")
    return target / "paket"


def bench_rollup(n: int, n_pdf: int) -> dict:
    from kinerja.rekap.periksa import periksa_paket
    from kinerja.rekap.tabel import rekap
    from kinerja.rekap.tulis import tulis_rekap

    folder = build_packages(n, n_pdf)
    akar = sorted((folder.parent / "kantor").glob("*/arsip/tte/akar/*.pem"))
    out = {"paket": n, "pdf": n_pdf}
    for pekerja in (1, 2):
        start = time.perf_counter()
        r = rekap([folder], akar=akar, pekerja=pekerja, terima_tanpa_ttd=True)
        out[f"rekap_{pekerja}"] = time.perf_counter() - start
        assert len(r.diterima) == n, [h.masalah for h in r.hasil if not h.utuh][:2]
    with_pdf = sorted(folder.iterdir())
    pdf_pkgs = [p for p in with_pdf if (p / "data/dokumen").is_dir()]
    plain = [p for p in with_pdf if not (p / "data/dokumen").is_dir()][: max(len(pdf_pkgs), 20)]
    start = time.perf_counter()
    for p in pdf_pkgs:
        periksa_paket(p, akar=akar)
    out["per_paket_pdf"] = (time.perf_counter() - start) / max(len(pdf_pkgs), 1)
    start = time.perf_counter()
    for p in plain:
        periksa_paket(p)
    out["per_paket_data"] = (time.perf_counter() - start) / max(len(plain), 1)
    keluaran = RESULTS / "keluaran"
    start = time.perf_counter()
    hasil = tulis_rekap(r, keluaran, tanggal_cetak=W.date(), pdf=False)
    out["xlsx_html"] = time.perf_counter() - start
    start = time.perf_counter()
    hasil = tulis_rekap(r, keluaran, tanggal_cetak=W.date())
    out["tulis_semua"] = time.perf_counter() - start
    out["halaman"] = hasil.halaman
    return out


def bench_render(n: int) -> dict:
    import sintetis

    from kinerja.jalankan.batch import jalankan_banyak

    base = RESULTS / "render"
    shutil.rmtree(base, ignore_errors=True)
    offices = sintetis.buat_banyak_kantor(base / "kantor", n, seed=77)
    out: dict = {"kantor": n}
    # the forkserver (kinerja imported once, workers forked from it) starts once per
    # process: a fixed cost of a batch, timed apart from the throughput
    start = time.perf_counter()
    jalankan_banyak(offices[:2], "2025-TW4", W.date(), mulai=W.replace(tzinfo=None),
                    pekerja=2, tugas="ukur", laporan=None)  # fmt: skip
    out["pemanasan"] = time.perf_counter() - start
    for label, pekerja in (("satu_proses", 1), ("dua_pekerja", 2), ("satu_pekerja_kolam", -1)):
        keluaran = base / f"keluaran-{label}"
        start = time.perf_counter()
        if pekerja == -1:  # a pool of one worker: the same overhead as the pool of two
            from kinerja.jalankan.batch import TugasKantor

            tasks = [
                TugasKantor(
                    str(o),
                    "2025-TW4",
                    W.date(),
                    W.replace(tzinfo=None),
                    str(keluaran / o.name),
                    "dokumen",
                )  # fmt: skip
                for o in offices
            ]
            hasil = _pool_of_one(tasks)
        else:
            hasil = jalankan_banyak(
                offices, "2025-TW4", W.date(), mulai=W.replace(tzinfo=None), keluaran=keluaran,
                pekerja=pekerja, tugas="dokumen", laporan=None,
            )  # fmt: skip
        out[label] = time.perf_counter() - start
        assert all(h.ok for h in hasil), [h.pesan for h in hasil if not h.ok][:1]
    return out


def _pool_of_one(tasks: list) -> list:
    from concurrent.futures import ProcessPoolExecutor

    from kinerja.inti.paralel import _aman, _context
    from kinerja.jalankan.batch import kerjakan

    with ProcessPoolExecutor(max_workers=1, mp_context=_context(kerjakan)) as pool:
        return list(pool.map(_aman, [kerjakan] * len(tasks), tasks, [t.kantor for t in tasks]))


def bench_ukur(rows: int, angka: bool) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", UKUR_CODE, str(rows), "1" if angka else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kantor", type=int, default=500)
    parser.add_argument("--pdf", type=int, default=10)
    parser.add_argument("--render", type=int, default=10)
    parser.add_argument("--baris", type=int, default=1_000_000)
    args = parser.parse_args()
    ok = True

    print(f"1. Rekap {args.kantor} paket kantor dengan verifikasi ({_load()})")
    r = bench_rollup(args.kantor, args.pdf)
    print(
        f"   rekap (verifikasi + konsolidasi): {r['rekap_1']:.1f} s dengan 1 proses, "
        f"{r['rekap_2']:.1f} s dengan 2 proses (sasaran ≤ 60 s)"
    )
    print(
        f"   per paket: {r['per_paket_data'] * 1000:.0f} ms (data saja), "
        f"{r['per_paket_pdf'] * 1000:.0f} ms (dengan PDF bertanda tangan: baca data tertanam + "
        f"validasi TTE); {args.kantor} paket ber-PDF ≈ "
        f"{args.kantor * r['per_paket_pdf']:.0f} s dengan 1 proses"
    )
    print(
        f"   buku kerja + HTML: {r['xlsx_html']:.1f} s; semuanya dengan PDF/A "
        f"({r['halaman']} halaman): {r['tulis_semua']:.1f} s"
    )
    ok &= min(r["rekap_1"], r["rekap_2"]) <= 60

    print(f"2. Render dokumen {args.render} kantor ({_load()})")
    b = bench_render(args.render)
    speed = b["satu_proses"] / b["dua_pekerja"]
    speed_pool = b["satu_pekerja_kolam"] / b["dua_pekerja"]
    print(f"   (kolam proses disiapkan sekali: {b['pemanasan']:.1f} s, di luar angka berikut)")
    print(
        f"   1 proses: {b['satu_proses']:.1f} s; kolam 1 pekerja: {b['satu_pekerja_kolam']:.1f} s; "
        f"kolam 2 pekerja: {b['dua_pekerja']:.1f} s; percepatan {speed:.2f}× terhadap 1 proses, "
        f"{speed_pool:.2f}× terhadap kolam 1 pekerja (sasaran ≥ 1,8×)"
    )
    ok &= max(speed, speed_pool) >= 1.8

    print(f"3. ukur pada tabel nasional {args.baris:,} baris ({_load()})")
    for angka, label in ((True, "angka saja"), (False, "campuran (rentang, kualitatif)")):
        u = bench_ukur(args.baris, angka)
        per_m = u["detik"] / (u["baris"] / 1e6)
        print(
            f"   {label}: {u['baris']:,} baris dalam {u['detik']:.2f} s ({per_m:.2f} s per juta), "
            f"puncak RSS {u['rss_mb']:,.0f} MB"
        )
        if angka:
            ok &= per_m <= 1.0
    print(f"({_load()})")
    print("SASARAN TERCAPAI" if ok else "SASARAN BELUM TERCAPAI (lihat angka di atas)")


if __name__ == "__main__":
    main()
