"""Write the parameterized notebooks under notebooks/ (run after changing a notebook here).

Thin notebooks, kept consistent: a title cell, a cell of instructions for JupyterLab
(tagged ``petunjuk-lab``: the published HTML leaves it out), the ``parameters`` cell (first code
cell, tagged, typed parameters with help comments so ``papermill
--help-notebook`` documents them), a cell that checks the parameters (the
pipeline's notebooks through ``periksa_parameter``), then calls and displays.
Every notebook imports only from ``kinerja.lab`` (their one import point) and
``IPython.display``. Saved with kernelspec ``python3``, without outputs or
execution counts.

    .venv/bin/python scripts/make_notebooks.py          # write
    .venv/bin/python scripts/make_notebooks.py --check  # exit 1 when a notebook differs
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
#: The tag of the instructions cell (kinerja.jalankan.runner.TAG_PETUNJUK_LAB).
TAG_PETUNJUK_LAB = "petunjuk-lab"
NOTEBOOKS = ROOT / "notebooks"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

PARAMETERS = """\
periode: str = "2025-TW4"  # periode pengukuran: 2025-TW1 … 2025-TW4, atau tahun saja (2025)
kantor: str = ""  # folder kantor berisi kantor.toml (kosong: $KINERJA_KANTOR, atau kantor demo)
tanggal_cetak: str = ""  # tanggal yang dicetak, YYYY-MM-DD (kosong: hari ini)
keluaran: str = ""  # folder hasil (kosong: reports/lab/<kantor>/<periode>/)"""

CHECK = """\
from kinerja.lab import periksa_parameter

p = periksa_parameter(periode, kantor, tanggal_cetak, keluaran)
p"""

INTRO = (
    "Parameter di sel berikut (bertanda `parameters`) diisi oleh `kinerja jalankan`; "
    "saat bekerja langsung di JupyterLab, ubah nilainya lalu jalankan semua sel."
)


@dataclass(frozen=True)
class Buku:
    """One notebook: title, description, then [("md"|"code", source), ...] after the check.

    ``parameter``, ``cek`` and ``pengantar`` (the title cell's last paragraph) are
    the pipeline's unless a notebook has its own (06 is not about one office).
    """

    judul: str
    uraian: str
    sel: list[tuple[str, str]]
    parameter: str = PARAMETERS
    cek: str = CHECK
    pengantar: str = INTRO


BOOKS: dict[str, Buku] = {
    "01-himpun-formulir.ipynb": Buku(
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

from kinerja.lab import (
    himpun_formulir,
    kelengkapan,
    load_pk,
    load_realisasi,
    ringkasan_kelengkapan,
    tabel_berkas,
    tabel_gaya,
    tabel_himpunan,
    tabel_kelengkapan,
    tabel_temuan_formulir,
)

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
    "02-periksa-validasi.ipynb": Buku(
        "Periksa validasi",
        "Temuan aturan validasi untuk periode ini dan keputusan peninjau yang berlaku "
        "(buku keputusan di basis data kantor). Keputusan diambil di notebook "
        "03-tinjau-temuan atau dengan `kinerja validasi putuskan`; notebook ini hanya membaca.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.lab import ringkasan_temuan, status_validasi, tabel_gaya, tabel_temuan, tinjauan

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
    "03-tinjau-temuan.ipynb": Buku(
        "Tinjau temuan validasi",
        "Langkah 7–9 SOP Pengukuran Kinerja: Kasi menghimpun dan memvalidasi data, Kasubag "
        "Perencanaan dan Keuangan meninjau, Camat mengoreksi. Setiap temuan diputus di sini: "
        "**Terima** (dengan alasan), **Koreksi** (nilai baru dan alasan; nilai kiriman unit "
        "tetap tersimpan), atau **Kembalikan** (catatan untuk unit). Keputusan dicatat di basis "
        "data kantor; selama masih ada temuan KESALAHAN yang belum selesai, dokumen hanya terbit "
        "sebagai DRAF.",
        [
            ("code", "from kinerja.lab import TinjauTemuan\n\nTinjauTemuan(p.kantor, p.periode)"),
        ],
        pengantar="Parameter `kantor` yang kosong berarti kantor yang dipilih dengan "
        "`kinerja lab --kantor` (atau salinan kantor demo); keputusan dicatat di kantor itu. "
        "Ubah parameter di sel berikut bila perlu, lalu jalankan semua sel "
        "(*Run → Run All Cells*).",
    ),
    "04-ukur-kinerja.ipynb": Buku(
        "Ukur kinerja",
        "Capaian per indikator, per sasaran, dan kantor; realisasi anggaran dan efisiensi.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.lab import (
    grafik_anggaran,
    grafik_capaian,
    grafik_sasaran,
    ringkasan_kantor,
    tabel_anggaran,
    tabel_gaya,
    tabel_indikator,
    tabel_sasaran,
    ukur_kantor,
)

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
    "05-susun-dokumen.ipynb": Buku(
        "Susun dokumen",
        "Dokumen Pengukuran Kinerja: HTML untuk layar, PDF/A-3b untuk ditandatangani dan "
        "diarsipkan (data sumber tertanam), dan Excel tabel pengukuran, ke folder keluaran. "
        "Tanggal cetak menentukan isi: tanggal dan data yang sama menghasilkan PDF yang sama.",
        [
            (
                "code",
                """\
from IPython.display import Markdown

from kinerja.lab import ringkasan_dokumen, susun_dokumen

dokumen = susun_dokumen(p)
Markdown(ringkasan_dokumen(dokumen))""",
            ),
        ],
    ),
    "06-rekap-kabupaten.ipynb": Buku(
        "Rekap kabupaten",
        "Rekapitulasi pengukuran kinerja banyak kantor untuk analis Kabupaten. Setiap paket "
        "BagIt kantor (dari `kinerja arsip paket`) atau folder kantor diverifikasi lebih dahulu: "
        "hash manifest, rantai peristiwa, tanda tangan, data sumber. Paket yang rusak ditolak "
        "dengan namanya dan tidak ikut direkap; yang lain tetap direkap. Hanya angka dari "
        "dokumen bertanda tangan elektronik yang sertifikatnya dijamin akar terpercaya (`akar`) "
        "yang diperingkat; paket utuh lainnya dicantumkan terpisah (kecuali `terima_tanpa_ttd`), "
        "dan paket kedua untuk kantor dan periode yang sama dihitung sekali.",
        [
            (
                "md",
                "## Verifikasi dan rekap\n\n"
                "Ringkasan: berapa yang diterima dan ditolak (dengan kode masalahnya), lalu "
                "catatan dan batasan perbandingan.",
            ),
            (
                "code",
                """\
from kinerja.lab import rekap

r = rekap(
    p.paket,
    akar=p.akar,
    periode=p.periode,
    pemetaan=p.pemetaan,
    pekerja=p.pekerja,
    terima_tanpa_ttd=p.terima_tanpa_ttd,
)
r""",
            ),
            (
                "md",
                "## Paket yang ditolak\n\n"
                "Setiap masalah menyebut berkas dalam paket dan apa yang salah.",
            ),
            ("code", "r.ditolak"),
            (
                "md",
                "## Paket yang tidak diperingkat\n\n"
                "Utuh, tetapi tanpa tanda tangan yang dijamin akar terpercaya (`tanpa-ttd`, "
                "`tidak-terpercaya`), atau paket kedua untuk kantor dan periode yang sama (`ganda`).",
            ),
            ("code", "r.terpisah"),
            (
                "md",
                "## Peringkat capaian kantor\n\n"
                "Baca bersama kolom `indikator_sebanding_persen` dan `catatan`: kantor mengukur "
                "indikator dan target yang berbeda.",
            ),
            ("code", 'r.peringkat.drop(columns=["paket", "berkas_data", "sha256_data"])'),
            ("md", "## Sebaran predikat"),
            ("code", "r.predikat"),
            (
                "md",
                "## Indikator sebanding antarkantor\n\n"
                "Sebanding bila nama dan satuan sama setelah dinormalkan, atau bila berkas "
                "pemetaan memberinya kunci yang sama (kolom `dasar_banding`).",
            ),
            ("code", 'r.banding[r.banding["n_kantor"] > 1]'),
            ("md", "## Kantor yang belum lengkap periodenya"),
            ("code", "r.kekurangan"),
            (
                "md",
                "## Jejak data\n\n"
                "Setiap angka berasal dari `data-sumber.json` dalam paket ini; SHA-256 dapat "
                "dicocokkan dengan sidik data pada lembar pengesahan dokumen kantor.",
            ),
            ("code", "r.jejak"),
            ("md", "## Buku kerja dan laporan"),
            (
                "code",
                """\
from kinerja.lab import tulis_rekap

hasil = tulis_rekap(r, p.keluaran, tanggal_cetak=p.tanggal_cetak, kantor=p.kantor)
hasil""",
            ),
        ],
        parameter="""\
paket: str = ""  # folder paket BagIt (atau folder berisi banyak paket / folder kantor), dipisah koma
keluaran: str = ""  # folder hasil (kosong: reports/rekap/)
periode: str = ""  # periode yang diharapkan dari setiap kantor, dipisah koma, misalnya "2025-TW3,2025-TW4" (kosong: semua yang ada)
pemetaan: str = ""  # berkas pemetaan indikator sebanding (CSV/XLSX: kunci, indikator/kode, satuan, kantor); boleh kosong
akar: str = ""  # sertifikat akar terpercaya (PEM) untuk tanda tangan, dipisah koma; kosong: tidak ada yang diperingkat
tanggal_cetak: str = ""  # tanggal yang dicetak, YYYY-MM-DD (kosong: hari ini)
pekerja: int = 1  # jumlah proses verifikasi sekaligus
kantor: str = ""  # folder kantor penyusun rekap, untuk kop laporan (kosong: kop dari paket)
terima_tanpa_ttd: str = "tidak"  # "ya": paket tanpa tanda tangan yang dijamin akar ikut diperingkat (bercatatan)""",
        cek="""\
from kinerja.lab import periksa_parameter_rekap

p = periksa_parameter_rekap(
    paket, keluaran, periode, pemetaan, akar, tanggal_cetak, pekerja, kantor, terima_tanpa_ttd
)
p""",
        pengantar="Parameter di sel berikut (bertanda `parameters`) dapat diisi oleh papermill; "
        "saat bekerja langsung di JupyterLab, ubah nilainya lalu jalankan semua sel. Perintah "
        "yang sama di terminal: `kinerja rekap`.",
    ),
}


def build(name: str) -> nbformat.NotebookNode:
    """The notebook ``name`` as ``BOOKS`` describes it (stable cell ids, no outputs)."""
    buku = BOOKS[name]
    number = name.split("-", 1)[0]
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
    }
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {number} · {buku.judul}\n\n{buku.uraian}"))
    # how to work in JupyterLab: tagged, left out of the published HTML (runner.to_html)
    nb.cells.append(
        nbformat.v4.new_markdown_cell(buku.pengantar, metadata={"tags": [TAG_PETUNJUK_LAB]})
    )
    nb.cells.append(nbformat.v4.new_code_cell(buku.parameter, metadata={"tags": ["parameters"]}))
    nb.cells.append(nbformat.v4.new_code_cell(buku.cek))
    for kind, source in buku.sel:
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
