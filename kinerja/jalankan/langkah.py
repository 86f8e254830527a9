"""What each notebook calls: checked parameters, the measurement, intake, the document.

The notebooks stay thin (no definitions): the steps they run live here, so a
person in JupyterLab and ``kinerja jalankan`` run the very same code. Imported
by every kernel, so it stays light (no papermill, no nbconvert). Re-exported by
``kinerja.jalankan.pipeline``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from kinerja.dokumen.susun import HasilDokumen, load_dokumen_data, render_dokumen
from kinerja.formulir.himpun import himpun
from kinerja.inti.errors import UsageError
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import OpsiAgregasi, Pengukuran, capaian_anggaran, ukur
from kinerja.inti.tampilan import baris_sop
from kinerja.inti.tanggal import format_tanggal, hari_ini, parse_tanggal
from kinerja.kantor.katalog import Kantor, load_kantor, predikat_skala_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk
from kinerja.naskah.penomoran import nomor_dokumen
from kinerja.paths import demo_copy, reports_root
from kinerja.sop.register import status_sop
from kinerja.validasi.koreksi import realisasi_terkoreksi
from kinerja.validasi.lampiran import error_terbuka, keputusan_untuk_dokumen

__all__ = [
    "KELUARAN_KERJA",
    "Parameter",
    "Ukuran",
    "folder_formulir",
    "himpun_formulir",
    "periksa_parameter",
    "ringkasan_dokumen",
    "buat_dokumen",
    "susun_dokumen",
    "tautan",
    "ukur_kantor",
]

# --------------------------------------------------------------------------- parameters

#: How a notebook run by ``kinerja jalankan`` (keluaran ".") names its output folder; the
#: published HTML shows the published folder in its place (``runner.to_html``).
KELUARAN_KERJA = "`.` (folder kerja `kinerja jalankan`, diterbitkan bila semua tahap berhasil)"


@dataclass(frozen=True)
class Parameter:
    """A notebook's parameters, checked: what every notebook works from."""

    periode: Periode
    kantor: Kantor
    tanggal_cetak: date
    keluaran: Path
    tanggal_otomatis: bool = False  # tanggal_cetak was empty: today's date was taken
    keluaran_teks: str = ""  # keluaran as given ("." in a run: the run's work folder)

    def _repr_markdown_(self) -> str:
        tanggal = format_tanggal(self.tanggal_cetak)
        keluaran = f"`{self.keluaran_teks or self.keluaran}`"
        if self.keluaran_teks == ".":
            keluaran = KELUARAN_KERJA
        if self.tanggal_otomatis:
            tanggal += " (hari ini; tetapkan `tanggal_cetak` agar hasil dapat diulang)"
        return (
            f"**Kantor:** {self.kantor.nama} (`{self.kantor.path}`)  \n"
            f"**Periode:** {self.periode.label} (`{self.periode}`)  \n"
            f"**Tanggal cetak:** {tanggal}  \n"
            f"**Keluaran:** {keluaran}"
        )


def periksa_parameter(
    periode: object,
    kantor: object = "",
    tanggal_cetak: object = "",
    keluaran: object = "",
) -> Parameter:
    """Check a notebook's parameters; raise a ``UsageError`` in Indonesian when one is wrong.

    ``kantor`` empty: ``$KINERJA_KANTOR``, else the demo office's working copy
    (``reports/demo/``, made if absent; the package's own is never written). ``tanggal_cetak``
    empty: today (only for a person working live; ``jalankan`` always passes a
    date). ``keluaran`` empty: ``reports/lab/<kantor>/<periode>/``.
    """
    per = Periode.parse(str(periode).strip())
    folder = str(kantor).strip() or os.environ.get("KINERJA_KANTOR", "") or str(demo_copy())
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise UsageError(
            f'Folder kantor "{folder}" tidak ditemukan. Isi parameter kantor dengan folder '
            "yang memuat kantor.toml (buat dengan kinerja init), atau buka notebook lewat kinerja "
            "lab --kantor FOLDER."
        )
    office = load_kantor(path)
    teks = str(tanggal_cetak).strip()
    otomatis = not teks
    tanggal = hari_ini() if otomatis else parse_tanggal(teks)  # TanggalError: a UsageError
    out = str(keluaran).strip()
    target = Path(out).expanduser() if out else reports_root() / "lab" / office.path.name / str(per)
    target.mkdir(parents=True, exist_ok=True)
    return Parameter(per, office, tanggal, target.resolve(), otomatis, out)


# --------------------------------------------------------------------------- measurement


@dataclass(frozen=True)
class Ukuran:
    """One office's measurement for a periode, as the notebooks and the demo show it."""

    pk: PerjanjianKinerja
    hasil: Pengukuran
    realisasi: pd.DataFrame
    anggaran: pd.DataFrame  # capaian_anggaran per program + "Jumlah"
    sumber: str  # where the realisasi came from


def ukur_kantor(kantor: Kantor, periode: Periode) -> Ukuran:
    """Measure ``periode`` from the office's PK and realisasi, with the reviewers' corrections.

    The realisasi is what the units submitted with the corrections in force from
    the review ledger laid over it (``koreksi.realisasi_terkoreksi``), so the
    notebooks, the demo and the document measure the same numbers.
    """
    pk = load_pk(kantor, periode.tahun)
    realisasi, anggaran_long, sumber = realisasi_terkoreksi(kantor, periode)
    opsi = OpsiAgregasi(
        metode=kantor.opsi("agregasi", "metode", "rata_rata"),
        batas_atas=kantor.opsi("agregasi", "batas_atas"),
    )
    hasil = ukur(
        pk.indikator,
        realisasi,
        periode,
        skala=predikat_skala_kantor(kantor),
        ordinal=pk.ordinal,
        opsi=opsi,
    )
    anggaran = capaian_anggaran(pk.program, anggaran_long, periode, indikator=hasil.indikator)
    return Ukuran(pk, hasil, realisasi, anggaran, sumber)


def folder_formulir(kantor: Kantor, periode: Periode) -> Path:
    """Where a quarter's returned forms are kept: ``<kantor>/formulir-kembali/<tahun>-TW<n>/``."""
    return kantor.path / "formulir-kembali" / f"{periode.tahun}-TW{periode.tw}"


def himpun_formulir(kantor: Kantor, periode: Periode, pk: PerjanjianKinerja | None = None) -> list:
    """Take in the returned forms of every quarter of ``periode`` (TW I … TW n), in order.

    A quarter without a folder (or without .xlsx files) is skipped. Files taken
    in before are recognised by their hash and not taken in again, so a rerun is
    harmless. Returns one ``intake.HasilHimpun`` per quarter taken in.
    """
    pk = pk or load_pk(kantor, periode.tahun)
    out = []
    for tw in periode.triwulan:
        quarter = Periode(periode.tahun, tw, False)
        folder = folder_formulir(kantor, quarter)
        if folder.is_dir() and any(folder.glob("*.xlsx")):
            out.append(himpun(kantor, quarter, [folder], pk=pk))
    return out


def susun_dokumen(p: Parameter) -> HasilDokumen:
    """Notebook 05's step: :func:`buat_dokumen` with the notebook's parameters."""
    return buat_dokumen(p.kantor, p.periode, p.tanggal_cetak, p.keluaran)


def buat_dokumen(
    kantor: Kantor,
    periode: Periode,
    tanggal_cetak: date,
    keluaran: Path,
    *,
    nomor: str = "",
    versi: int = 1,
    revisi: int = 0,
    alasan_revisi: str = "",
    draf: bool = False,
    ukuran: Ukuran | None = None,
) -> HasilDokumen:
    """The one path to the Dokumen Pengukuran Kinerja (HTML, PDF/A-3b, XLSX) in ``keluaran``.

    ``kinerja dokumen``, notebook 05 (and so ``kinerja jalankan``) and the SOP flow all
    come here: the measurement is ``ukur_kantor``'s (the reviewers' corrections in force),
    the appendix holds the findings with their decisions, the document is a DRAF while
    ``validasi.lampiran.error_terbuka`` lists a finding (``draf=True`` marks it DRAF regardless), and
    it carries the register's number (SOP step 10) unless ``nomor`` is given. ``ukuran``:
    the caller's ``ukur_kantor`` of the same office and periode, when it has one.
    """
    u = ukuran or ukur_kantor(kantor, periode)
    keputusan = keputusan_untuk_dokumen(kantor, periode)
    # the SOP step record so far (lampiran), once the register holds a run for the periode
    langkah = baris_sop([r for r in status_sop(kantor, periode) if r["status"] != "belum"])
    data = load_dokumen_data(
        kantor,
        periode,
        tanggal_cetak=tanggal_cetak,
        ukuran=u,
        nomor=nomor or nomor_dokumen(kantor, periode),  # given at SOP step 10; '' before
        versi=versi,
        revisi=revisi,
        alasan_revisi=alasan_revisi,
        keputusan=keputusan,
        draf=draf or bool(error_terbuka(keputusan)),
        sop_langkah=langkah or None,
    )
    return render_dokumen(data, keluaran)


def tautan(path: Path, dasar: Path | None = None) -> str:
    """A Markdown link to ``path`` relative to ``dasar`` (default: the working folder, which
    in JupyterLab is the notebook's folder and in ``kinerja jalankan`` the folder published
    with the HTML); the path as code when it lies outside it (Lab cannot open it there)."""
    base = (dasar or Path.cwd()).resolve()
    target = Path(path).resolve()
    if not target.is_relative_to(base):
        return f"`{target}` (di luar folder JupyterLab; buka dari pengelola berkas)"
    rel = target.relative_to(base).as_posix()
    return f"[{target.name}]({quote(rel)})"


def ringkasan_dokumen(hasil, dasar: Path | None = None) -> str:
    """The rendered document in a few Markdown lines: links to the files (``tautan``),
    pages, hashes."""
    status = "dapat diarsipkan" if hasil.dapat_diarsipkan else "DRAF (ada temuan KESALAHAN terbuka)"
    return (
        f"**Dokumen (PDF):** {tautan(hasil.pdf, dasar)} ({hasil.halaman} halaman, {status})  \n"
        f"**HTML:** {tautan(hasil.html, dasar)}; **Excel:** {tautan(hasil.xlsx, dasar)}  \n"
        f"**sha256 PDF:** `{hasil.pdf_sha256}`  \n"
        f"**sha256 data sumber:** `{hasil.source_sha256}` (dicetak di lembar pengesahan dan QR)"
    )
