"""Benchmark: intake of 1,000 returned forms (a whole Kabupaten) and the reading itself.

    .venv/bin/python benchmarks/bench_intake.py [N]

Goals (issue 4): ``himpun`` of 1,000 forms ≤ 30 s on this machine; reading the
forms with python-calamine ≥ 5× faster than an openpyxl-based reader of the same
files. A synthetic office with N units (two indicators each, taken from the demo
PK) is written to a temporary folder first, each unit's form filled at write
time (5 % of them with a mistake); generating them is not timed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import python_calamine as pc
from openpyxl import load_workbook

from kinerja.formulir.baca import read_form
from kinerja.formulir.gaya import META_SHEET, SHEET_ANGGARAN, SHEET_REALISASI
from kinerja.formulir.himpun import himpun
from kinerja.formulir.layout import form_name
from kinerja.formulir.tulis import write_form
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.paths import demo_office

PERIODE = Periode.parse("2025-TW3")
GOAL_SECONDS = 30.0
GOAL_SPEEDUP = 5.0


def make_office(root: Path, n: int) -> Path:
    """A copy of the demo office with ``n`` units and two indicators per unit."""
    office = root / "kabupaten"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip", "formulir-*"))
    toml = (office / "kantor.toml").read_text("utf-8")
    toml = toml[: toml.index("[[unit]]")]
    toml = toml.replace("[predikat]", '[formulir]\nunit_anggaran = "U0001"\n\n[predikat]')
    units = "".join(
        f'[[unit]]\nkode = "U{i:04d}"\nnama = "Unit Kerja {i:04d}"\njenis = "seksi"\n'
        f'kepala = "kasi_pem"\n\n'
        for i in range(1, n + 1)
    )
    (office / "kantor.toml").write_text(toml + units, "utf-8")
    pk_path = office / "perjanjian-kinerja-2025.xlsx"
    sheets = pd.read_excel(pk_path, sheet_name=None, engine="calamine", dtype=object)
    base = sheets["Indikator"]
    rows = []
    for i in range(1, n + 1):
        for j in range(2):
            row = base.iloc[(2 * i + j) % len(base)].copy()
            row["kode"] = f"IK-{i:04d}-{j + 1}"
            row["unit"] = f"U{i:04d}"
            rows.append(row)
    sheets["Indikator"] = pd.DataFrame(rows)
    with pd.ExcelWriter(pk_path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return office


def make_forms(office: Path, n: int) -> list[Path]:
    kantor = load_kantor(office)
    pk = load_pk(kantor, 2025)
    folder = office / "formulir-kembali"
    paths = []
    for i, unit in enumerate(kantor.units):
        ind = pk.untuk_unit(unit.kode)
        entered = {}
        for k, rec in enumerate(ind.to_dict("records")):
            kualitatif = rec["jenis_target"] == "kualitatif"
            value: object = "BB" if kualitatif else 40 + (i + k) % 50
            if i % 20 == 7 and not kualitatif:
                value = "delapan puluh"  # 5 % of the forms: a mistake
            elif i % 20 == 3 and not kualitatif:
                value = "71,5 %"  # and 5 % with a lenient read
            entered[rec["kode"]] = {"realisasi": value, "bukti_dukung": f"bukti-{unit.kode}.pdf"}
        if i == 0:
            for rec in pk.program.to_dict("records"):
                entered[f"anggaran:{rec['kode']}"] = {"realisasi_anggaran": 1_000_000}
        path = folder / form_name(unit, PERIODE)
        write_form(
            kantor,
            pk,
            unit,
            PERIODE,
            path,
            entered=entered,
            pengisi={"pengisi": f"Pengisi {unit.kode}"},
            when=dt.datetime(2025, 10, 7),
        )
        paths.append(path)
    assert len(paths) == n
    return paths


def read_calamine(path: Path) -> int:
    """The cells intake needs, as python-calamine reads them."""
    wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    cells = 0
    for name in (SHEET_REALISASI, SHEET_ANGGARAN, META_SHEET):
        if name in wb.sheet_names:
            cells += sum(
                len(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            )
    return cells


def read_openpyxl(path: Path) -> int:
    """The same cells, read the fastest way openpyxl offers (read-only, values only)."""
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for name in (SHEET_REALISASI, SHEET_ANGGARAN, META_SHEET):
        if name in wb.sheetnames:
            cells += sum(len(r) for r in wb[name].iter_rows(values_only=True))
    wb.close()
    return cells


def timed(fn, paths: list[Path]) -> float:
    start = time.perf_counter()
    for p in paths:
        fn(p)
    return time.perf_counter() - start


def main(n: int = 1000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        office = make_office(Path(tmp), n)
        paths = make_forms(office, n)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"{n} formulir dibuat dalam {time.perf_counter() - t0:.1f} s "
            f"({size / n / 1024:.1f} KiB per berkas; tidak dihitung)"
        )

        kantor = load_kantor(office)
        units = {u.kode for u in kantor.units}
        t_cal = timed(read_calamine, paths)
        t_opx = timed(read_openpyxl, paths)
        t_form = timed(lambda p: read_form(p, kantor.kode, PERIODE, units), paths)
        speedup = t_opx / t_cal
        print(f"membaca sel (python-calamine): {t_cal:6.2f} s  ({t_cal / n * 1000:.2f} ms/berkas)")
        print(
            f"membaca sel (openpyxl, read-only): {t_opx:6.2f} s  ({t_opx / n * 1000:.2f} ms/berkas)"
        )
        print(f"  → calamine {speedup:.1f}× lebih cepat (sasaran ≥ {GOAL_SPEEDUP:.0f}×)")
        print(f"read_form lengkap (hash, zip, metadata, struktur, rumus): {t_form:6.2f} s")

        pk = load_pk(kantor, 2025)
        start = time.perf_counter()
        hasil = himpun(kantor, PERIODE, [office / "formulir-kembali"], pk=pk)
        t_all = time.perf_counter() - start
        status = pd.Series([b.status for b in hasil.berkas]).value_counts().to_dict()
        print(
            f"himpun {n} formulir (baca, periksa, arsip, simpan, kelengkapan): {t_all:6.2f} s "
            f"(sasaran ≤ {GOAL_SECONDS:.0f} s)"
        )
        print(f"  status: {status}; temuan: {len(hasil.temuan)}")
        ok = t_all <= GOAL_SECONDS and speedup >= GOAL_SPEEDUP
        wrong = [t for t in hasil.temuan if not re.match(r"realisasi-(bukan-angka|dibaca)", t.kode)]
        if wrong:
            print(f"  temuan tak terduga: {wrong[:3]}")
            ok = False
        print("SASARAN TERCAPAI" if ok else "SASARAN TIDAK TERCAPAI")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
