"""Write the parameterized notebooks under notebooks/ (run after changing a notebook here).

Thin notebooks, kept consistent: a title cell, the ``parameters`` cell (first code
cell, tagged, typed parameters with help comments so ``papermill
--help-notebook`` documents them), a cell that checks the parameters through
``kinerja.jalankan.pipeline.periksa_parameter``, then imports from kinerja, calls and
displays. Saved with kernelspec ``python3``, without outputs or execution counts.

    .venv/bin/python scripts/make_notebooks.py          # write
    .venv/bin/python scripts/make_notebooks.py --check  # exit 1 when a notebook differs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

PARAMETERS = """\
periode: str = "2025-TW4"  # periode pengukuran: 2025-TW1 … 2025-TW4, atau tahun saja (2025)
kantor: str = ""  # folder kantor berisi kantor.toml (kosong: $KINERJA_KANTOR, atau kantor demo)
tanggal_cetak: str = ""  # tanggal yang dicetak, YYYY-MM-DD (kosong: hari ini)
keluaran: str = ""  # folder hasil (kosong: reports/lab/<kantor>/<periode>/)"""

CHECK = """\
from kinerja.jalankan.pipeline import periksa_parameter

p = periksa_parameter(periode, kantor, tanggal_cetak, keluaran)
p"""

INTRO = (
    "Parameter di sel berikut (bertanda `parameters`) diisi oleh `kinerja jalankan`; "
    "saat bekerja langsung di JupyterLab, ubah nilainya lalu jalankan semua sel."
)

# Each notebook: (title, description, [("md"|"code", source), ...]) after the
# parameters and the check.
BOOKS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "01-himpun-formulir.ipynb": (
        "Himpun formulir dan kelengkapan",
        "Formulir realisasi yang dikembalikan unit (`<kantor>/formulir-kembali/<tahun>-TW<n>/`) "
        "dihimpun triwulan demi triwulan sampai periode ini; berkas yang sudah dihimpun dikenali "
        "dari hash-nya dan tidak dihimpun ulang. Lalu kelengkapan realisasi per unit dan per "
        "indikator × triwulan.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.kantor.pk import load_pk
from kinerja.lab.tampil import (
    ringkasan_kelengkapan,
    tabel_berkas,
    tabel_gaya,
    tabel_himpunan,
    tabel_kelengkapan,
    tabel_temuan_formulir,
)
from kinerja.inti.kelengkapan import kelengkapan
from kinerja.jalankan.pipeline import himpun_formulir
from kinerja.formulir.sumber import load_realisasi

pk = load_pk(p.kantor, p.periode.tahun)
himpunan = himpun_formulir(p.kantor, p.periode, pk)
realisasi, _anggaran, sumber = load_realisasi(p.kantor, p.periode.tahun)
long = kelengkapan(pk.indikator, realisasi, p.periode)
Markdown(
    f"Sumber realisasi: **{sumber}**; {len(pk.indikator)} indikator dalam PK {pk.tahun}; "
    f"{sum(len(h.berkas) for h in himpunan)} berkas formulir dalam {len(himpunan)} triwulan."
)""",
            ),
            ("md", "## Formulir yang dihimpun"),
            ("code", 'tabel_gaya(tabel_himpunan(himpunan), "Berkas per triwulan")'),
            ("code", 'tabel_gaya(tabel_berkas(himpunan), "Setiap berkas")'),
            ("code", 'tabel_gaya(tabel_temuan_formulir(himpunan), "Temuan pada formulir")'),
            ("md", "## Kelengkapan per unit"),
            ("code", 'tabel_gaya(ringkasan_kelengkapan(long), "Isian realisasi per unit")'),
            ("md", "## Matriks kelengkapan (indikator × triwulan)"),
            (
                "code",
                'tabel_gaya(tabel_kelengkapan(long), f"Realisasi yang sudah masuk, {p.periode.label_sd}")',
            ),
        ],
    ),
    "02-periksa-validasi.ipynb": (
        "Periksa validasi",
        "Temuan aturan validasi untuk periode ini dan keputusan peninjau yang berlaku "
        "(buku keputusan di basis data kantor). Keputusan diambil di notebook "
        "03-tinjau-temuan atau dengan `kinerja validasi putuskan`; notebook ini hanya membaca.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.lab.tampil import ringkasan_temuan, status_validasi, tabel_gaya, tabel_temuan
from kinerja.validasi.ledger import tinjauan

ditinjau = tinjauan(p.kantor, p.periode)
Markdown(status_validasi(ditinjau))""",
            ),
            ("md", "## Ringkasan"),
            ("code", 'tabel_gaya(ringkasan_temuan(ditinjau), "Temuan menurut tingkat dan status")'),
            ("md", "## Temuan yang belum selesai"),
            (
                "code",
                "tabel_gaya(\n"
                "    tabel_temuan([d for d in ditinjau if d.terbuka]),\n"
                '    "Belum diputus atau dikembalikan ke unit",\n'
                ")",
            ),
            ("md", "## Semua temuan dan keputusan"),
            ("code", 'tabel_gaya(tabel_temuan(ditinjau), f"Temuan validasi {p.periode.label}")'),
        ],
    ),
    "04-ukur-kinerja.ipynb": (
        "Ukur kinerja",
        "Capaian per indikator, per sasaran, dan kantor; realisasi anggaran dan efisiensi.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.lab.tampil import (
    grafik_anggaran,
    grafik_capaian,
    grafik_sasaran,
    ringkasan_kantor,
    tabel_anggaran,
    tabel_gaya,
)
from kinerja.jalankan.pipeline import ukur_kantor
from kinerja.inti.tampilan import tabel_indikator, tabel_sasaran

u = ukur_kantor(p.kantor, p.periode)
Markdown(ringkasan_kantor(u.hasil, u.sumber))""",
            ),
            ("md", "## Capaian per indikator"),
            (
                "code",
                "tabel_gaya(\n"
                '    tabel_indikator(u.hasil).drop(columns=["Sasaran"]),\n'
                '    f"Pengukuran kinerja {p.periode.label} ({p.periode.label_sd})",\n'
                ")",
            ),
            ("code", "grafik_capaian(u.hasil)"),
            ("md", "## Capaian per sasaran"),
            ("code", 'tabel_gaya(tabel_sasaran(u.hasil), "Capaian sasaran strategis")'),
            ("code", "grafik_sasaran(u.hasil)"),
            ("md", "## Realisasi anggaran dan efisiensi"),
            (
                "code",
                'tabel_gaya(tabel_anggaran(u.anggaran), f"Anggaran {p.periode.label_sd}")',
            ),
            ("code", "grafik_anggaran(u.anggaran)"),
        ],
    ),
    "05-susun-dokumen.ipynb": (
        "Susun dokumen",
        "Dokumen Pengukuran Kinerja: HTML untuk layar, PDF/A-3b untuk ditandatangani dan "
        "diarsipkan (data sumber tertanam), dan Excel tabel pengukuran, ke folder keluaran. "
        "Tanggal cetak menentukan isi: tanggal dan data yang sama menghasilkan PDF yang sama.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.jalankan.pipeline import ringkasan_dokumen, susun_dokumen

dokumen = susun_dokumen(p)
Markdown(ringkasan_dokumen(dokumen))""",
            ),
        ],
    ),
}


def build(name: str) -> nbformat.NotebookNode:
    title, description, cells = BOOKS[name]
    number = name.split("-", 1)[0]
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
    }
    nb.cells.append(
        nbformat.v4.new_markdown_cell(f"# {number} · {title}\n\n{description}\n\n{INTRO}")
    )
    nb.cells.append(nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}))
    nb.cells.append(nbformat.v4.new_code_cell(CHECK))
    for kind, source in cells:
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{number}-{i:02d}"  # stable ids: regenerating changes nothing
    return nb


def text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb, version=4) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    differ = []
    for name in BOOKS:
        path = NOTEBOOKS / name
        wanted = text(build(name))
        if args.check:
            if not path.exists() or path.read_text("utf-8") != wanted:
                differ.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
    for name in differ:
        sys.stderr.write(f"{name} berbeda dari scripts/make_notebooks.py\n")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
