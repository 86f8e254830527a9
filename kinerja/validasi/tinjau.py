"""The review of findings in JupyterLab: ipywidgets over the ledger (SOP steps 7–9).

``TinjauTemuan(kantor, periode)`` shows the periode's findings as a filterable table
(unit, tingkat, status) with progress (drawn by ``tabel_tinjau``), and a form to decide one finding: Terima
(with a reason), Koreksi (corrected value and reason) or Kembalikan (a note for the
unit), by an official chosen from kantor.toml. Saving writes a ledger row
(``ledger.catat_keputusan``) and refreshes the table. The notebook only creates and
displays it; a headless run renders it and never waits on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w

from kinerja.inti.errors import ERROR, WARNING, KinerjaError, Temuan, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, as_kantor, load_kantor
from kinerja.validasi import ledger
from kinerja.validasi.keputusan import Keputusan, TemuanDitinjau
from kinerja.validasi.pesan import judul_temuan
from kinerja.validasi.tabel_tinjau import (
    CSS,
    SEMUA,
    STATUS_FILTER,
    e,
    pilihan,
    rincian_html,
    ringkasan,
    ringkasan_html,
    saring,
    tabel_html,
)

__all__ = ["ParameterTinjauan", "TinjauTemuan", "periksa_parameter"]


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
            "Isi parameter kantor dengan folder kantor Anda (yang memuat kantor.toml; buat dengan "
            "kinerja init), atau buka notebook ini lewat kinerja lab --kantor FOLDER."
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
    ``temuan`` skips re-running the rules when the caller already has the findings
    (otherwise a correction, or a decision replacing one, reruns them on the value in force).
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
        self._sendiri = temuan is None  # the widget ran the rules: it reruns them on a correction
        self._temuan = ledger.load_temuan(self.kantor, self.periode) if temuan is None else temuan
        self.baris: list[TemuanDitinjau] = []
        self._build()
        self.muat_ulang()

    # ---------------------------------------------------------------- widgets

    def _build(self) -> None:
        self._build_tabel()
        self._build_form()
        for penyaring in (self.saring_unit, self.saring_tingkat, self.saring_status):
            penyaring.observe(lambda _c: self._tampilkan(), names="value")
        self.pilih.observe(lambda _c: self._rincian(), names="value")
        self.keputusan.observe(lambda _c: self._ubah_keputusan(), names="value")
        self.simpan_tombol.on_click(lambda _b: self.simpan())
        self._ubah_keputusan()
        self.widget = self._layout()

    def _build_tabel(self) -> None:
        """Title, progress, filters and the table of findings."""
        self.judul = w.HTML(
            f"{CSS}<h3 style='margin:0 0 2px 0'>Tinjauan temuan validasi</h3>"
            f"<div class='kt-kecil'>{e(self.kantor.nama)} · {e(self.periode.label)} · "
            "keputusan dicatat di basis data kantor (arsip/kinerja.sqlite)</div>"
        )
        self.kemajuan = w.IntProgress(
            value=0, min=0, max=1, bar_style="success", layout=w.Layout(width="260px")
        )
        self.ringkasan_html = w.HTML()
        units = [("Semua unit", SEMUA)] + [
            (f"{u.kode} · {u.nama}", u.kode) for u in self.kantor.units
        ]
        self.saring_unit = w.Dropdown(
            options=units, value=SEMUA, description="Unit", style={"description_width": "40px"},
            layout=w.Layout(width="330px"),
        )  # fmt: skip
        self.saring_tingkat = w.Dropdown(
            options=[("Semua tingkat", SEMUA), ("Kesalahan", ERROR), ("Peringatan", WARNING)],
            value=SEMUA, description="Tingkat", style={"description_width": "55px"},
            layout=w.Layout(width="210px"),
        )  # fmt: skip
        self.saring_status = w.Dropdown(
            options=STATUS_FILTER, value=SEMUA, description="Status",
            style={"description_width": "50px"}, layout=w.Layout(width="240px"),
        )  # fmt: skip
        self.tabel = w.HTML(layout=w.Layout(width="100%"))
        self.tabel_kotak = w.Box(
            [self.tabel],
            layout=w.Layout(
                max_height="340px", overflow="auto", border="1px solid #dfe3e8", width="100%"
            ),
        )

    def _build_form(self) -> None:
        """The form that decides one finding."""
        lebar = {"description_width": "110px"}
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

    def _layout(self) -> w.VBox:
        bagian = "margin:10px 0 4px 0;font-size:13.5px"
        return w.VBox(
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
            f"{r['diputus']} diputus, {r['error_terbuka']} KESALAHAN belum selesai."
        )
        bundle["text/html"] = self.judul.value + self._tabel_html(list(enumerate(self.baris, 1)))
        return bundle

    # ---------------------------------------------------------------- state

    def muat_ulang(self) -> None:
        """Re-read the decisions from the ledger and redraw (the findings are kept)."""
        self.baris = ledger.tinjauan(self.kantor, self.periode, temuan=self._temuan)
        self._tampilkan()

    def ringkasan(self) -> dict[str, int]:
        """How many findings, decided, undecided, errors, errors unresolved, returned."""
        return ringkasan(self.baris)

    def _tersaring(self) -> list[tuple[int, TemuanDitinjau]]:
        return saring(
            self.baris, self.saring_unit.value, self.saring_tingkat.value, self.saring_status.value
        )

    def _tampilkan(self) -> None:
        r = self.ringkasan()
        self.kemajuan.max = max(r["temuan"], 1)
        self.kemajuan.value = r["diputus"]
        self.kemajuan.bar_style = "danger" if r["error_terbuka"] else "success"
        self.ringkasan_html.value = ringkasan_html(r)
        rows = self._tersaring()
        self.tabel.value = self._tabel_html(rows)
        options = pilihan(rows)
        sebelum = self.pilih.value
        self.pilih.options = options
        ids = [i for _, i in options]
        self.pilih.value = sebelum if sebelum in ids else (ids[0] if ids else None)
        self._rincian()

    def _tabel_html(self, rows: list[tuple[int, TemuanDitinjau]]) -> str:
        return tabel_html(rows, self.pilih.value, bool(self.baris))

    def _terpilih(self) -> TemuanDitinjau | None:
        return next((d for d in self.baris if d.id == self.pilih.value), None)

    def _rincian(self) -> None:
        d = self._terpilih()
        self.tabel.value = self._tabel_html(self._tersaring())  # mark the chosen row
        self.simpan_tombol.disabled = d is None
        self.rincian.value = "" if d is None else rincian_html(d)

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
            self.saring_unit.value = SEMUA
            self.saring_tingkat.value = SEMUA
            self.saring_status.value = SEMUA
        self.pilih.value = temuan_id

    def simpan(self) -> Keputusan | None:
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
            self.pesan.value = f"{CSS}<span class='kt-gagal'>Belum disimpan: {e(exc)}</span>"
            return None
        self.alasan.value = ""
        self.nilai_baru.value = ""
        sebelum = d.keputusan.keputusan if d.keputusan is not None else ""
        if self._sendiri and "koreksi" in (k.keputusan, sebelum):
            # the value in force changed: the rules judge it again (stale findings go)
            self._temuan = ledger.load_temuan(self.kantor, self.periode)
        self.muat_ulang()
        self.pesan.value = (
            f"{CSS}<span class='kt-ok'>Tersimpan: keputusan #{k.id} — {e(k.label)} atas "
            f"{e(k.indikator or judul_temuan(k.kode))} oleh {e(k.oleh_nama)}, {e(k.waktu_teks)}.</span>"
        )
        return k
