"""The sheets of a form that are prose rather than data: ``Petunjuk`` and ``Temuan``.

``write_petunjuk`` explains in Indonesian how to fill the form, with an example
row; ``write_temuan`` lists the findings of a returned form (``--kembalikan``)
and marks the cells they name. Text from forms is data: a leading ``=``, ``+``,
``-`` or ``@`` is neutralised before it is written back to Excel.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.berkas.xlsx import neutralise_formula
from kinerja.formulir.gaya import (
    BOX,
    CARA_MENGISI,
    GREY,
    HEAD,
    INPUT,
    RED,
    SHEET_REALISASI,
    SHEET_TEMUAN,
    WRAP,
    Kolom,
    setup_print,
)
from kinerja.formulir.pesan import judul_temuan
from kinerja.inti.angka import format_angka_ringkas
from kinerja.inti.errors import Temuan, kata_tingkat
from kinerja.inti.model import NAMA_TRIWULAN, ROMAWI, Periode
from kinerja.inti.tingkat import ATURAN_BERSAMA
from kinerja.kantor.katalog import Kantor, Unit
from kinerja.kantor.peran import penerima_formulir
from kinerja.kantor.pk import PerjanjianKinerja

__all__ = ["write_petunjuk", "write_temuan"]


def _petunjuk(kantor: Kantor, unit: Unit, periode: Periode, pk: PerjanjianKinerja) -> list[str]:
    """The lines of the instructions, in Indonesian."""
    tw = f"TW {ROMAWI[periode.tw]}"
    nama_tw = NAMA_TRIWULAN[periode.tw]
    penerima = penerima_formulir(kantor)
    skala = ", ".join(
        f"{s.nama}: {', '.join(s.nilai)}" for s in pk.ordinal.values()
    )  # e.g. "Predikat AKIP: AA, A, BB, …"
    lines = [
        "PETUNJUK PENGISIAN FORMULIR REALISASI KINERJA",
        f"Formulir {unit.nama} ({unit.kode}), {kantor.nama}, periode {periode.label}.",
    ]
    if periode.tahunan:
        lines.append(
            f"Periode tahunan {periode.tahun} memakai formulir {nama_tw}: isi realisasi "
            f"{nama_tw}. Capaian tahunan dihitung dari realisasi semua triwulan."
        )
    lines += [
        "",
        f'1. Buka lembar "{SHEET_REALISASI}". Isi hanya sel berwarna kuning: kolom '
        f'"Realisasi {tw}", "Kendala", "Tindak Lanjut", dan "Bukti Dukung", serta nama, '
        "NIP/jabatan, dan tanggal pengisian di bagian atas.",
        "2. Sel abu-abu berisi Perjanjian Kinerja (indikator, satuan, target) dan realisasi yang "
        "sudah dilaporkan. Sel itu terkunci: jangan diubah. Bila target keliru, laporkan kepada "
        f"{penerima}; target hanya berubah melalui revisi Perjanjian Kinerja.",
        "3. Jangan menyisipkan, menghapus, atau memindahkan baris, kolom, atau lembar, dan jangan "
        "mengganti nama lembar.",
        '4. Isi realisasi dengan angka saja, tanpa satuan: 87,5 (bukan "87,5 %" dan bukan '
        '"delapan puluh tujuh koma lima"). Nilai 0 berarti nol; sel kosong berarti belum ada data.',
        f"5. Indikator kualitatif: pilih nilai dari daftar pada sel ({skala})."
        if skala
        else "5. Indikator kualitatif: tulis nilainya persis seperti pada target.",
        '6. Kolom "Cara Mengisi": kumulatif = jumlah dalam triwulan ini saja; akhir = posisi pada '
        "akhir triwulan; rata-rata = rata-rata selama triwulan ini.",
        "7. Kendala: hambatan yang membuat target belum tercapai (kosongkan bila tidak ada). "
        "Tindak Lanjut: langkah yang akan diambil. Bukti Dukung: nama berkas atau tautan dokumen.",
        "8. Jangan memakai rumus. Simpan sebagai .xlsx (Excel atau LibreOffice), lalu kirim "
        f"kembali berkas ini kepada {penerima}. Nama berkas boleh diubah.",
        '9. Berkas yang dikembalikan dengan lembar "Temuan" memuat kesalahan yang harus '
        "diperbaiki: perbaiki sel yang disebut, lalu kirim kembali.",
        "",
        "Contoh pengisian satu baris:",
    ]
    return lines


def _contoh(ws: Worksheet, head: int, cols: Sequence[Kolom], periode: Periode) -> None:
    """An example row under the form's own column headers, from row ``head``."""
    example = {
        "no": 1,
        "kode": "IK-99",
        "sasaran": "Meningkatnya tertib administrasi nagari",
        "indikator": "Persentase nagari yang menyampaikan laporan tepat waktu",
        "satuan": "%",
        "polaritas": "Positif",
        "cara": CARA_MENGISI["akhir"],
        "target_tahunan": 100,
        f"target_tw{periode.tw}": 75,
        "realisasi_tahun_lalu": 81.25,
        "realisasi": 72.5,
        "kendala": "Dua nagari terlambat menyampaikan laporan",
        "tindak_lanjut": "Pendampingan operator nagari pada bulan berikutnya",
        "bukti_dukung": f"Rekap-laporan-nagari-{periode}.pdf",
    }
    for i, col in enumerate(cols):
        letter = col.letter(i)
        ws.column_dimensions[letter].width = min(col.width, 24)
        top = ws[f"{letter}{head}"]
        top.value = col.header
        top.font = Font(bold=True)
        top.fill = INPUT if col.input else HEAD
        top.border = BOX
        top.alignment = Alignment(wrap_text=True, vertical="center")
        cell = ws[f"{letter}{head + 1}"]
        cell.value = example.get(col.key)
        cell.fill = INPUT if col.input else GREY
        cell.border = BOX
        cell.alignment = WRAP
    # rows tall enough for their wrapped text: LibreOffice does not grow rows when printing
    widths = [min(col.width, 24) for col in cols]
    ws.row_dimensions[head].height = _tinggi([c.header for c in cols], widths)
    ws.row_dimensions[head + 1].height = _tinggi([example.get(c.key) for c in cols], widths)


def _tinggi(values: Sequence[object], widths: Sequence[float]) -> float:
    """Row height (points) that shows every value wrapped in its column width."""
    lines = max(
        len(textwrap.wrap(str(v or ""), max(int(w * 1.05) - 2, 4), break_long_words=True)) or 1
        for v, w in zip(values, widths, strict=True)
    )
    return 15.0 * min(lines, 8) + 3


def write_petunjuk(
    ws: Worksheet,
    kantor: Kantor,
    unit: Unit,
    periode: Periode,
    cols: Sequence[Kolom],
    pk: PerjanjianKinerja,
) -> None:
    """The ``Petunjuk`` sheet: how to fill the form, and an example row with its columns."""
    lines = _petunjuk(kantor, unit, periode, pk)
    _contoh(ws, len(lines) + 1, cols, periode)  # first: it sets the column widths
    merged = sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(1, 9))
    per_line = max(int(merged * 1.1) - 4, 20)  # characters of one line across A:H
    for i, text in enumerate(lines, start=1):
        ws[f"A{i}"] = text
        ws[f"A{i}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(f"A{i}:H{i}")
        ws.row_dimensions[i].height = 15.0 * (-(-max(len(text), 1) // per_line)) + 3
    ws["A1"].font = Font(bold=True, size=13)
    setup_print(ws, protect=True)
    last = get_column_letter(max(len(cols), 8))
    ws.print_area = f"A1:{last}{len(lines) + 2}"


def _nilai(t: Temuan) -> str:
    """The value as the unit reads it: a number validation read (``data["realisasi"]``)
    and stored as ``800.0`` shows as ``800``, ``87,5``; any other text stays as written."""
    angka = t.data.get("realisasi")
    if isinstance(angka, int | float) and not isinstance(angka, bool):
        try:
            same = float(t.nilai) == float(angka)
        except ValueError:  # text as the unit wrote it ("87,5 %"): shown as written
            same = False
        if same:
            return format_angka_ringkas(angka)
    return t.nilai


def _satu_per_sel(temuan: Sequence[Temuan]) -> list[Temuan]:
    """One row per cell and problem: intake and validation check the same rule
    (``inti.tingkat.ATURAN_BERSAMA``: "Persentase di atas 100" and "Persentase di luar
    0–100") and both may name the cell. The one a reviewer returned is kept (it carries
    the note and who returned it), else the first."""
    kunci = [
        (t.lembar, t.sel, ATURAN_BERSAMA[t.kode]) if t.sel and t.kode in ATURAN_BERSAMA else None
        for t in temuan
    ]
    pilih: dict[tuple[str, str, str], int] = {}
    for i, (k, t) in enumerate(zip(kunci, temuan, strict=True)):
        if k is not None and (k not in pilih or _dikembalikan(t) > _dikembalikan(temuan[pilih[k]])):
            pilih[k] = i
    return [
        t for i, (k, t) in enumerate(zip(kunci, temuan, strict=True)) if k is None or pilih[k] == i
    ]


def _dikembalikan(t: Temuan) -> bool:
    return bool(t.data.get("catatan_pengembalian") or t.data.get("dikembalikan_oleh"))


def _baris_temuan(no: int, t: Temuan) -> list[object]:
    """One row of the Temuan sheet: what the unit reads (title, where, what to do, and the
    reviewer's note and who returned it for a finding a reviewer sent back)."""
    tingkat = "" if t.kode == "tanpa-temuan" else kata_tingkat(t.tingkat)
    judul = str(t.data.get("judul") or judul_temuan(t.kode))
    kolom = str(t.data.get("judul_kolom") or t.kolom)
    oleh = str(t.data.get("dikembalikan_oleh") or "")
    pada = str(t.data.get("dikembalikan_pada_teks") or "")
    if oleh and pada:
        oleh = f"{oleh}, {pada}"
    catatan = str(t.data.get("catatan_pengembalian") or "")
    return [no, tingkat, judul, t.lembar, t.sel, kolom, _nilai(t), _saran(t), catatan, oleh]


def _saran(t: Temuan) -> str:
    """What the unit should do: a returned validation finding's advice to the unit
    (``data["saran_unit"]``: its message speaks to the reviewer), else the message."""
    return str(t.data.get("saran_unit") or t.pesan)


def _tandai(target: Cell, t: Temuan, catatan: str) -> None:
    """Mark the cell a finding names: red for an error, yellow for a warning, with what to
    do (and the reviewer's note) as its comment; a second finding on it is added."""
    if t.is_error or target.comment is None:
        target.fill = RED if t.is_error else PatternFill("solid", fgColor="FFE699")
    note = str(neutralise_formula(_saran(t)))
    if catatan:
        note += f"\nCatatan peninjau: {catatan}"
    if target.comment is not None:
        note = f"{target.comment.text}\n\n{note}"
    target.comment = Comment(note, "kinerja")


def write_temuan(wb: Workbook, temuan: Sequence[Temuan]) -> None:
    """The ``Temuan`` sheet first in ``wb``; the cells the findings name marked and noted.

    Its columns are what the unit reads: KESALAHAN/PERINGATAN, the finding's title, where,
    what to do (the codes stay in the office's database and the JSON report). A finding a
    reviewer returned to the unit (``kinerja validasi putuskan --keputusan kembalikan``)
    carries in ``data`` its title (``judul``), the form's column header (``judul_kolom``),
    the reviewer's note (``catatan_pengembalian``) and who returned it, when
    (``dikembalikan_oleh``, ``dikembalikan_pada_teks``): the last two columns show them.
    Its message speaks to the reviewer, so "Apa yang harus dilakukan" shows the advice
    addressed to the unit (``data["saran_unit"]``) instead."""
    ws = wb.create_sheet(SHEET_TEMUAN, index=0)
    headers = [
        "No",
        "Tingkat",
        "Temuan",
        "Lembar",
        "Sel",
        "Kolom",
        "Nilai",
        "Apa yang harus dilakukan",
        "Catatan peninjau",
        "Dikembalikan oleh",
    ]
    widths = [5, 13, 26, 12, 7, 18, 18, 70, 40, 30]
    for i, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=i, value=h)
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.border = BOX
        ws.column_dimensions[get_column_letter(i)].width = w
    for r, t in enumerate(_satu_per_sel(temuan), start=2):
        values = _baris_temuan(r - 1, t)
        catatan = str(values[8])
        ws.row_dimensions[r].height = _tinggi(values, widths)  # every column's text shows
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=neutralise_formula(value))
            cell.alignment = WRAP
            cell.border = BOX
            if t.is_error:
                cell.fill = RED
        if t.lembar in wb.sheetnames and t.sel and re.fullmatch(r"[A-Z]{1,3}[0-9]+", t.sel):
            _tandai(wb[t.lembar][t.sel], t, catatan)
    setup_print(ws, protect=False)
    ws.freeze_panes = "A2"
