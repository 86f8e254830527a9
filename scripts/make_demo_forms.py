"""Write the demo office's returned forms: four quarters, filled as each unit would.

    .venv/bin/python scripts/make_demo_forms.py [OFFICE_DIR]

For 2025-TW1 … 2025-TW4 the blank forms are written (``tulis.write_forms``, earlier
quarters pre-filled from ``realisasi-2025.xlsx``) and filled from that table with
openpyxl by the tests' ``formulir_util.fill_form`` (values, kendala, tindak lanjut, bukti dukung, who filled it in and
when) into ``<office>/formulir-kembali/<periode>/``. In 2025-TW3 the Seksi
Kesejahteraan Sosial returns a form with the typical mistakes of a real unit
(a percent typed as text, a number written in words, a locked target "corrected"
to match the realisasi) and later its corrected form (``…-perbaikan.xlsx``).
Deterministic: fixed dates, so re-running leaves git clean.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.layout import form_name
from kinerja.formulir.tulis import write_forms
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.realisasi import load_realisasi_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the form filler is a test helper, not the product

from formulir_util import fill_form  # noqa: E402

DEFAULT_DIR = ROOT / "data" / "linggo-sari-baganti"
FAULTY_UNIT = "KESOS"
FAULTY_PERIODE = "2025-TW3"
# A slip that intake cannot refuse (it is a number) but validation catches: the Seksi
# Pemerintahan types 875 for 87,5 % in TW II; the Kasubag corrects it in the review.
SLIP = ("PEM", "2025-TW2", "IK-07", 875)


def _filled_on(periode: Periode) -> dt.date:
    """Units return their forms in the first week after the quarter."""
    if periode.tw == 4:
        return dt.date(periode.tahun + 1, 1, 7)
    return dt.date(periode.tahun, 3 * periode.tw + 1, 7)


def _values(realisasi, tw: int) -> dict[str, dict[str, object]]:
    rows = realisasi[realisasi["tw"].eq(tw)]
    out = {}
    for rec in rows.to_dict("records"):
        out[rec["kode"]] = {
            "realisasi": rec["realisasi"],
            "kendala": rec["kendala"] or None,
            "tindak_lanjut": rec["tindak_lanjut"] or None,
            "bukti_dukung": rec["bukti_dukung"] or None,
        }
    return out


def _anggaran(anggaran, tw: int) -> dict[str, dict[str, object]]:
    rows = anggaran[anggaran["tw"].eq(tw)]
    return {
        rec["kode"]: {"realisasi_anggaran": int(rec["realisasi_anggaran"])}
        for rec in rows.to_dict("records")
    }


def _make_mistakes(path: Path, target: Path, when: dt.datetime) -> None:
    """What a hurried unit does: text with a percent sign, words, and a changed target."""
    wb = load_workbook(path)
    ws = wb["Realisasi"]
    headers = {ws.cell(row=8, column=c).value: c for c in range(1, ws.max_column + 1)}
    real = headers["Realisasi TW III"]
    target_col = headers["Target TW III"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(9, ws.max_row + 1)}
    ws.cell(row=rows["IK-14"], column=real).value = "71,0 %"
    ws.cell(row=rows["IK-15"], column=real).value = "dua puluh empat"
    ws.protection.sheet = False  # the unit removed the sheet protection …
    ws.cell(row=rows["IK-16"], column=target_col).value = 15.6  # … to "fix" the target
    save_workbook(wb, target, when)


def _make_slip(path: Path, kode: str, value: float, when: dt.datetime) -> None:
    """A decimal separator forgotten in a number cell: accepted by intake, an error in review."""
    wb = load_workbook(path)
    ws = wb["Realisasi"]
    headers = {ws.cell(row=8, column=c).value: c for c in range(1, ws.max_column + 1)}
    real = max(c for h, c in headers.items() if str(h).startswith("Realisasi TW"))  # the input
    rows = {ws.cell(row=r, column=2).value: r for r in range(9, ws.max_row + 1)}
    ws.cell(row=rows[kode], column=real).value = value
    save_workbook(wb, path, when)


def main(office: Path = DEFAULT_DIR) -> list[Path]:
    kantor = load_kantor(office)
    pk = load_pk(kantor, 2025)
    realisasi, anggaran = load_realisasi_table(office / "realisasi-2025.xlsx")
    root = office / "formulir-kembali"
    if root.exists():
        shutil.rmtree(root)
    written = []
    pejabat = kantor.pejabat
    for tw in (1, 2, 3, 4):
        periode = Periode(2025, tw)
        folder = root / str(periode)
        blanks = write_forms(kantor, pk, periode, folder, realisasi=realisasi, anggaran=anggaran)
        filled_on = _filled_on(periode)
        when = dt.datetime.combine(filled_on, dt.time(10, 0))
        values = _values(realisasi, tw)
        for unit in kantor.units:
            path = folder / form_name(unit, periode)
            if path not in blanks:
                continue
            head = pejabat.get(unit.kepala)
            pengisi = {
                "pengisi": head.nama if head else "",
                "jabatan_pengisi": f"NIP. {head.nip} / {head.jabatan}" if head else "",
                "tanggal_pengisian": filled_on,
            }
            fill_form(
                path,
                values=values,
                anggaran=_anggaran(anggaran, tw),
                pengisi=pengisi,
                when=when,
            )
            if (unit.kode, str(periode)) == SLIP[:2]:
                _make_slip(path, SLIP[2], SLIP[3], when)
            if unit.kode == FAULTY_UNIT and str(periode) == FAULTY_PERIODE:
                fixed = folder / form_name(unit, periode, "-perbaikan")
                shutil.copyfile(path, fixed)
                later = when + dt.timedelta(days=3)
                fill_form(fixed, values=values, pengisi=pengisi, when=later)
                _make_mistakes(path, path, when)
                written.append(fixed)
            written.append(path)
    return sorted(written)


if __name__ == "__main__":
    office = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    paths = main(office)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} formulir ditulis ke {office / 'formulir-kembali'} ({total // 1024} KiB).")
