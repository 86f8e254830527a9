"""The review of findings in JupyterLab: ipywidgets over the ledger (SOP steps 7–9).

``TinjauTemuan(kantor, periode)`` shows the periode's findings as a filterable table
(unit, tingkat, status) with progress, and a form to decide one finding: Terima
(with a reason), Koreksi (corrected value and reason) or Kembalikan (a note for the
unit), by an official chosen from kantor.toml. Saving writes a ledger row
(``ledger.catat_keputusan``) and refreshes the table. The notebook only creates and
displays it; a headless run renders it and never waits on it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w

from kinerja.inti.errors import ERROR, KinerjaError, Temuan, UsageError
from kinerja.inti.model import NAMA_TRIWULAN, Periode
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, as_kantor, load_kantor
from kinerja.validasi import ledger
from kinerja.validasi.aturan import KOLOM_KOREKSI

__all__ = ["ParameterTinjauan", "TinjauTemuan", "periksa_parameter"]

_SEMUA = "semua"
_BELUM_SELESAI = "belum-selesai"
_STATUS_FILTER = [
    ("Semua status", _SEMUA),
    ("Belum selesai", _BELUM_SELESAI),
    *[(label, kode) for kode, label in ledger.STATUS.items()],
]
_WARNA_STATUS = {
    "terbuka": ("#fdecea", "#a61b1b"),
    "dikembalikan": ("#fff4e0", "#8a5300"),
    "diterima": ("#e7f5ec", "#1d6b3a"),
    "dikoreksi": ("#e6f0fb", "#1a4f8b"),
}

_CSS = """
<style>
.kt-tabel { border-collapse: collapse; width: 100%; font-size: 12.5px; line-height: 1.35; }
.kt-tabel th { position: sticky; top: 0; background: #f3f4f6; text-align: left;
  font-weight: 600; padding: 5px 8px; border-bottom: 1px solid #d1d5db; white-space: nowrap; }
.kt-tabel td { padding: 5px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
.kt-tabel tr.kt-pilih td { background: #fffbe6; }
.kt-lencana { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 11.5px;
  white-space: nowrap; }
.kt-error { background: #a61b1b; color: #fff; }
.kt-peringatan { background: #f2c14e; color: #3d2c00; }
.kt-kecil { color: #5f6670; font-size: 11.5px; }
.kt-kartu { border: 1px solid #dfe3e8; border-radius: 6px; padding: 8px 12px; background: #fafbfc;
  font-size: 13px; line-height: 1.45; }
.kt-kartu p { margin: 3px 0; }
.kt-ok { color: #1d6b3a; } .kt-gagal { color: #a61b1b; }
</style>
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _tw(tw: object) -> str:
    return NAMA_TRIWULAN[tw].removeprefix("Triwulan ") if isinstance(tw, int) else "-"


def _lencana_tingkat(tingkat: str) -> str:
    cls = "kt-error" if tingkat == ERROR else "kt-peringatan"
    label = "Error" if tingkat == ERROR else "Peringatan"
    return f'<span class="kt-lencana {cls}">{label}</span>'


def _lencana_status(status: str) -> str:
    bg, fg = _WARNA_STATUS[status]
    return (
        f'<span class="kt-lencana" style="background:{bg};color:{fg}">'
        f"{_e(ledger.STATUS[status])}</span>"
    )


@dataclass(frozen=True)
class ParameterTinjauan:
    """The review notebook's parameters, checked."""

    kantor: Kantor
    periode: Periode

    def _repr_markdown_(self) -> str:
        db_file = self.kantor.arsip / "kinerja.sqlite"
        return (
            f"**Kantor:** {self.kantor.nama} (`{self.kantor.path}`)  \n"
            f"**Periode:** {self.periode.label} (`{self.periode}`)  \n"
            f"**Buku keputusan:** `{db_file}`"
        )


def periksa_parameter(kantor: object, periode: object) -> ParameterTinjauan:
    """Check the notebook's parameters (``UsageError``/``InputError`` in Indonesian).

    A relative ``kantor`` is taken from the current folder, which in JupyterLab and
    in a papermill run with ``cwd`` is the notebook's folder.
    """
    teks = str(kantor).strip()
    if not teks:
        raise UsageError(
            "Isi parameter kantor dengan folder kantor, mis. ../data/linggo-sari-baganti."
        )
    folder = Path(teks).expanduser()
    if not folder.is_dir():
        raise UsageError(
            f'Folder kantor "{teks}" tidak ditemukan (dilihat dari {Path.cwd()}). Isi parameter '
            "kantor dengan folder yang memuat kantor.toml."
        )
    return ParameterTinjauan(load_kantor(folder), Periode.parse(str(periode).strip()))


class TinjauTemuan:
    """The review widget of one office and periode (display it in a notebook cell).

    ``waktu`` supplies the moment a decision is recorded (default: now, WIB);
    ``temuan`` skips re-running the rules when the caller already has the findings.
    """

    def __init__(
        self,
        kantor: Kantor | str | Path,
        periode: Periode | str,
        *,
        temuan: list[Temuan] | None = None,
        waktu: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.kantor = as_kantor(kantor)
        self.periode = Periode.parse(periode)
        self._jam = waktu or (lambda: dt.datetime.now(WIB).replace(microsecond=0))
        self._temuan = ledger.load_temuan(self.kantor, self.periode) if temuan is None else temuan
        self.baris: list[ledger.TemuanDitinjau] = []
        self._build()
        self.muat_ulang()

    # ---------------------------------------------------------------- widgets

    def _build(self) -> None:
        lebar = {"description_width": "110px"}
        self.judul = w.HTML(
            f"{_CSS}<h3 style='margin:0 0 2px 0'>Tinjauan temuan validasi</h3>"
            f"<div class='kt-kecil'>{_e(self.kantor.nama)} · {_e(self.periode.label)} · "
            "keputusan dicatat di basis data kantor (arsip/kinerja.sqlite)</div>"
        )
        self.kemajuan = w.IntProgress(
            value=0, min=0, max=1, bar_style="success", layout=w.Layout(width="260px")
        )
        self.ringkasan_html = w.HTML()
        units = [("Semua unit", _SEMUA)] + [
            (f"{u.kode} · {u.nama}", u.kode) for u in self.kantor.units
        ]
        self.saring_unit = w.Dropdown(
            options=units, value=_SEMUA, description="Unit", style={"description_width": "40px"},
            layout=w.Layout(width="330px"),
        )  # fmt: skip
        self.saring_tingkat = w.Dropdown(
            options=[("Semua tingkat", _SEMUA), ("Error", ERROR), ("Peringatan", "peringatan")],
            value=_SEMUA, description="Tingkat", style={"description_width": "55px"},
            layout=w.Layout(width="210px"),
        )  # fmt: skip
        self.saring_status = w.Dropdown(
            options=_STATUS_FILTER, value=_SEMUA, description="Status",
            style={"description_width": "50px"}, layout=w.Layout(width="240px"),
        )  # fmt: skip
        self.tabel = w.HTML(layout=w.Layout(width="100%"))
        self.tabel_kotak = w.Box(
            [self.tabel],
            layout=w.Layout(
                max_height="340px", overflow="auto", border="1px solid #dfe3e8", width="100%"
            ),
        )
        self.pilih = w.Dropdown(
            options=[], description="Temuan", style=lebar, layout=w.Layout(width="100%")
        )
        self.rincian = w.HTML(layout=w.Layout(width="100%"))
        pejabat = [(f"{p.nama} — {p.jabatan}", p.peran) for p in self.kantor.pejabat.values()]
        bawaan = "kasubag_pk" if "kasubag_pk" in self.kantor.pejabat else pejabat[0][1]
        self.peninjau = w.Dropdown(
            options=pejabat, value=bawaan, description="Peninjau", style=lebar,
            layout=w.Layout(width="620px"),
        )  # fmt: skip
        self.keputusan = w.ToggleButtons(
            options=[("Terima", "terima"), ("Koreksi", "koreksi"), ("Kembalikan", "kembalikan")],
            value="terima", style={"button_width": "120px"},
            tooltips=[
                "Terima data apa adanya, dengan alasan",
                "Ganti nilai dengan nilai koreksi; nilai kiriman unit tetap tersimpan",
                "Kembalikan ke unit dengan catatan perbaikan",
            ],
        )  # fmt: skip
        self.nilai_baru = w.Text(
            description="Nilai koreksi", style=lebar, layout=w.Layout(width="360px"),
            placeholder="mis. 93,75",
        )  # fmt: skip
        self.alasan = w.Textarea(
            description="Alasan", style=lebar, layout=w.Layout(width="620px", height="64px"),
            placeholder="Mengapa keputusan ini diambil",
        )  # fmt: skip
        self.simpan_tombol = w.Button(
            description="Simpan keputusan", button_style="primary", icon="check",
            layout=w.Layout(width="180px", margin="4px 0 0 114px"),
        )  # fmt: skip
        self.pesan = w.HTML()

        for saring in (self.saring_unit, self.saring_tingkat, self.saring_status):
            saring.observe(lambda _c: self._tampilkan(), names="value")
        self.pilih.observe(lambda _c: self._rincian(), names="value")
        self.keputusan.observe(lambda _c: self._ubah_keputusan(), names="value")
        self.simpan_tombol.on_click(lambda _b: self.simpan())
        self._ubah_keputusan()

        bagian = "margin:10px 0 4px 0;font-size:13.5px"
        self.widget = w.VBox(
            [
                self.judul,
                w.HBox(
                    [self.kemajuan, self.ringkasan_html],
                    layout=w.Layout(align_items="center", margin="6px 0"),
                ),
                w.HBox([self.saring_unit, self.saring_tingkat, self.saring_status]),
                self.tabel_kotak,
                w.HTML(f"<div style='{bagian}'><b>Keputusan atas satu temuan</b></div>"),
                self.pilih,
                self.rincian,
                self.peninjau,
                w.HBox(
                    [
                        w.HTML(
                            "<div style='width:104px;text-align:right;padding-right:6px'>"
                            "Keputusan</div>"
                        ),
                        self.keputusan,
                    ],
                    layout=w.Layout(align_items="center", margin="2px 0"),
                ),
                self.nilai_baru,
                self.alasan,
                self.simpan_tombol,
                self.pesan,
            ],
            layout=w.Layout(width="100%", max_width="1100px", padding="4px"),
        )

    def _repr_mimebundle_(self, **kwargs):
        """The live widget; a static table and a summary for viewers without widgets
        (a headless run, nbconvert HTML)."""
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        r = self.ringkasan()
        bundle["text/plain"] = (
            f"Tinjauan temuan {self.kantor.nama}, {self.periode.label}: {r['temuan']} temuan, "
            f"{r['diputus']} diputus, {r['error_terbuka']} error belum selesai."
        )
        bundle["text/html"] = self.judul.value + self._tabel_html(list(enumerate(self.baris, 1)))
        return bundle

    # ---------------------------------------------------------------- state

    def muat_ulang(self) -> None:
        """Re-read the decisions from the ledger and redraw (the findings are kept)."""
        self.baris = ledger.tinjauan(self.kantor, self.periode, temuan=self._temuan)
        self._tampilkan()

    def ringkasan(self) -> dict[str, int]:
        total = len(self.baris)
        diputus = sum(d.keputusan is not None for d in self.baris)
        return {
            "temuan": total,
            "diputus": diputus,
            "belum_diputus": total - diputus,
            "error": sum(d.temuan.tingkat == ERROR for d in self.baris),
            "error_terbuka": sum(d.terbuka and d.temuan.tingkat == ERROR for d in self.baris),
            "dikembalikan": sum(d.status == "dikembalikan" for d in self.baris),
        }

    def _tersaring(self) -> list[tuple[int, ledger.TemuanDitinjau]]:
        unit, tingkat, status = (
            self.saring_unit.value,
            self.saring_tingkat.value,
            self.saring_status.value,
        )
        out = []
        for no, d in enumerate(self.baris, start=1):
            if unit not in (_SEMUA, d.temuan.unit):
                continue
            if tingkat not in (_SEMUA, d.temuan.tingkat):
                continue
            if status == _BELUM_SELESAI and not d.terbuka:
                continue
            if status not in (_SEMUA, _BELUM_SELESAI) and d.status != status:
                continue
            out.append((no, d))
        return out

    def _tampilkan(self) -> None:
        r = self.ringkasan()
        self.kemajuan.max = max(r["temuan"], 1)
        self.kemajuan.value = r["diputus"]
        self.kemajuan.bar_style = "danger" if r["error_terbuka"] else "success"
        warna = "#a61b1b" if r["error_terbuka"] else "#1d6b3a"
        status_dok = (
            f"{r['error_terbuka']} error belum selesai — dokumen masih DRAF"
            if r["error_terbuka"]
            else "tidak ada error terbuka — dokumen dapat difinalkan"
        )
        self.ringkasan_html.value = (
            f"<span style='margin-left:10px;font-size:13px'><b>{r['diputus']}</b> dari "
            f"<b>{r['temuan']}</b> temuan diputus · <span style='color:{warna}'>"
            f"<b>{_e(status_dok)}</b></span></span>"
        )
        rows = self._tersaring()
        self.tabel.value = self._tabel_html(rows)
        pilihan = [
            (f"{no}. {d.temuan.indikator or '-'} TW {_tw(d.temuan.data.get('tw'))} · "
             f"{d.temuan.kode} · {ledger.STATUS[d.status]}", d.id)
            for no, d in rows
        ]  # fmt: skip
        sebelum = self.pilih.value
        self.pilih.options = pilihan
        ids = [i for _, i in pilihan]
        self.pilih.value = sebelum if sebelum in ids else (ids[0] if ids else None)
        self._rincian()

    def _tabel_html(self, rows: list[tuple[int, ledger.TemuanDitinjau]]) -> str:
        if not rows:
            kosong = (
                "Tidak ada temuan." if not self.baris else "Tidak ada temuan untuk saringan ini."
            )
            return f"{_CSS}<div class='kt-kecil' style='padding:10px'>{kosong}</div>"
        head = "".join(
            f"<th>{h}</th>"
            for h in ("No", "Tingkat", "Unit", "Indikator", "TW", "Temuan", "Status", "Keputusan")
        )
        body = []
        for no, d in rows:
            t = d.temuan
            k = d.keputusan
            kep = (
                f"{_e(k.label)}"
                + (f" → <b>{_e(k.nilai_baru_teks)}</b>" if k.nilai_baru else "")
                + f"<br><span class='kt-kecil'>{_e(k.oleh_nama)}</span>"
                if k
                else "<span class='kt-kecil'>-</span>"
            )
            cls = " class='kt-pilih'" if d.id == self.pilih.value else ""
            body.append(
                f"<tr{cls}><td>{no}</td><td>{_lencana_tingkat(t.tingkat)}</td>"
                f"<td>{_e(t.unit or '-')}</td><td>{_e(t.indikator or '-')}</td>"
                f"<td>{_tw(t.data.get('tw'))}</td>"
                f"<td><code style='font-size:11px'>{_e(t.kode)}</code><br>{_e(t.pesan)}</td>"
                f"<td>{_lencana_status(d.status)}</td><td>{kep}</td></tr>"
            )
        return f"{_CSS}<table class='kt-tabel'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def _terpilih(self) -> ledger.TemuanDitinjau | None:
        return next((d for d in self.baris if d.id == self.pilih.value), None)

    def _rincian(self) -> None:
        d = self._terpilih()
        # mark the chosen row in the table
        rows = self._tersaring()
        self.tabel.value = self._tabel_html(rows)
        if d is None:
            self.rincian.value = ""
            self.simpan_tombol.disabled = True
            return
        self.simpan_tombol.disabled = False
        t = d.temuan
        parts = [
            f"<p>{_lencana_tingkat(t.tingkat)} <code>{_e(t.kode)}</code> · "
            f"<span class='kt-kecil'>ID {_e(d.id)}</span></p>",
            f"<p>{_e(t.pesan)}</p>",
        ]
        if t.lokasi():
            parts.append(f"<p class='kt-kecil'>Lokasi: {_e(t.lokasi())}</p>")
        if t.nilai:
            parts.append(f"<p class='kt-kecil'>Nilai kiriman unit: <b>{_e(t.nilai)}</b></p>")
        if t.kolom not in KOLOM_KOREKSI or not t.data.get("tw"):
            parts.append(
                "<p class='kt-kecil'>Koreksi tidak tersedia: perbaiki sumbernya, lalu terima "
                "atau kembalikan temuan ini.</p>"
            )
        if d.keputusan is not None:
            k = d.keputusan
            nilai = f" → <b>{_e(k.nilai_baru_teks)}</b>" if k.nilai_baru else ""
            revisi = f" (revisi ke-{d.versi - 1})" if d.versi > 1 else ""
            parts.append(
                f"<p>Keputusan berlaku{revisi}: {_lencana_status(d.status)}{nilai} oleh "
                f"{_e(k.oleh_nama)}, {_e(k.waktu_teks)} — “{_e(k.alasan)}” "
                "<span class='kt-kecil'>Menyimpan lagi akan merevisinya; riwayat tetap "
                "tersimpan.</span></p>"
            )
        self.rincian.value = f"{_CSS}<div class='kt-kartu'>{''.join(parts)}</div>"

    def _ubah_keputusan(self) -> None:
        koreksi = self.keputusan.value == "koreksi"
        self.nilai_baru.disabled = not koreksi
        if not koreksi:
            self.nilai_baru.value = ""
        kembali = self.keputusan.value == "kembalikan"
        self.alasan.description = "Catatan unit" if kembali else "Alasan"
        self.alasan.placeholder = (
            "Apa yang harus diperbaiki unit" if kembali else "Mengapa keputusan ini diambil"
        )

    # ---------------------------------------------------------------- actions

    def pilih_temuan(self, temuan_id: str) -> None:
        """Select a finding by id (clears the filters when it is hidden by them)."""
        if temuan_id not in [v for _, v in self.pilih.options]:
            self.saring_unit.value = _SEMUA
            self.saring_tingkat.value = _SEMUA
            self.saring_status.value = _SEMUA
        self.pilih.value = temuan_id

    def simpan(self) -> ledger.Keputusan | None:
        """Record the decision in the form; show the outcome; None when refused."""
        d = self._terpilih()
        if d is None:
            self.pesan.value = "<span class='kt-gagal'>Pilih satu temuan dahulu.</span>"
            return None
        try:
            k = ledger.catat_keputusan(
                self.kantor,
                self.periode,
                d.temuan,
                self.keputusan.value,
                peran=self.peninjau.value,
                alasan=self.alasan.value,
                waktu=self._jam(),
                nilai_baru=self.nilai_baru.value if self.keputusan.value == "koreksi" else None,
            )
        except KinerjaError as exc:
            self.pesan.value = f"{_CSS}<span class='kt-gagal'>Belum disimpan: {_e(exc)}</span>"
            return None
        self.alasan.value = ""
        self.nilai_baru.value = ""
        self.muat_ulang()
        self.pesan.value = (
            f"{_CSS}<span class='kt-ok'>Tersimpan: keputusan #{k.id} — {_e(k.label)} atas "
            f"{_e(k.indikator or k.kode)} oleh {_e(k.oleh_nama)}, {_e(k.waktu_teks)}.</span>"
        )
        return k
