"""The roll-up notebook's parameters (``notebooks/06-rekap-kabupaten.ipynb``), checked.

Papermill passes text: lists are comma-separated, ``terima_tanpa_ttd`` is "ya" or
"tidak". Every mistake is a ``UsageError`` in Indonesian naming the parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kinerja.inti.errors import UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal, hari_ini, parse_tanggal
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.paths import reports_root

__all__ = ["ParameterRekap", "periksa_parameter_rekap"]


@dataclass(frozen=True)
class ParameterRekap:
    """The roll-up notebook's parameters, checked."""

    paket: tuple[Path, ...]
    keluaran: Path
    periode: tuple[str, ...]
    pemetaan: Path | None
    akar: tuple[Path, ...]
    tanggal_cetak: dt.date
    pekerja: int
    kantor: Kantor | None = None  # the office compiling the roll-up (letterhead)
    terima_tanpa_ttd: bool = False

    def _repr_markdown_(self) -> str:
        return (
            f"**Paket:** {', '.join(f'`{p}`' for p in self.paket)}  \n"
            f"**Periode diharapkan:** {', '.join(self.periode) or 'semua yang ada'}  \n"
            f"**Pemetaan:** {f'`{self.pemetaan}`' if self.pemetaan else '-'}  \n"
            f"**Akar terpercaya:** {len(self.akar)} sertifikat  \n"
            f"**Tanpa TTE terpercaya:** {'ikut direkap' if self.terima_tanpa_ttd else 'tidak diperingkat'}  \n"
            f"**Penyusun:** {self.kantor.nama if self.kantor else '(kop dari paket)'}  \n"
            f"**Tanggal cetak:** {format_tanggal(self.tanggal_cetak)}  \n"
            f"**Keluaran:** `{self.keluaran}`"
        )


def _daftar(text: object) -> list[str]:
    return [x.strip() for x in str(text or "").split(",") if x.strip()]


def periksa_parameter_rekap(
    paket: object,
    keluaran: object = "",
    periode: object = "",
    pemetaan: object = "",
    akar: object = "",
    tanggal_cetak: object = "",
    pekerja: object = 1,
    kantor: object = "",
    terima_tanpa_ttd: object = "",
) -> ParameterRekap:
    """Check the parameters (comma-separated lists as text); ``UsageError`` in Indonesian."""
    paths = [Path(p).expanduser() for p in _daftar(paket)]
    if not paths:
        raise UsageError(
            "Isi parameter paket dengan folder paket BagIt kantor (atau folder yang berisi "
            "banyak paket), dipisah koma bila lebih dari satu."
        )
    for p in paths:
        if not p.exists():
            raise UsageError(f'Paket "{p}" tidak ditemukan.')
    roots = [Path(a).expanduser() for a in _daftar(akar)]
    for a in roots:
        if not a.is_file():
            raise UsageError(f'Sertifikat akar "{a}" tidak ditemukan.')
    peta = Path(str(pemetaan).strip()).expanduser() if str(pemetaan or "").strip() else None
    if peta is not None and not peta.is_file():
        raise UsageError(f'Berkas pemetaan "{peta}" tidak ditemukan.')
    try:
        n = int(str(pekerja))
    except ValueError:
        n = 0
    if n < 1:
        raise UsageError(f'pekerja harus bilangan bulat 1 atau lebih, tertulis "{pekerja}".')
    teks = str(tanggal_cetak or "").strip()
    tanggal = parse_tanggal(teks) if teks else hari_ini()  # TanggalError: a UsageError
    out = str(keluaran or "").strip()
    target = Path(out).expanduser() if out else reports_root() / "rekap"
    terima = str(terima_tanpa_ttd or "").strip().casefold()
    if terima not in ("", "ya", "tidak", "true", "false", "1", "0"):
        raise UsageError(
            f'terima_tanpa_ttd harus "ya" atau "tidak", tertulis "{terima_tanpa_ttd}".'
        )
    penyusun = (
        load_kantor(Path(str(kantor).strip()).expanduser()) if str(kantor or "").strip() else None
    )
    return ParameterRekap(
        paket=tuple(paths),
        keluaran=target.resolve(),
        periode=tuple(str(Periode.parse(x)) for x in _daftar(periode)),
        pemetaan=peta,
        akar=tuple(roots),
        tanggal_cetak=tanggal,
        pekerja=n,
        kantor=penyusun,
        terima_tanpa_ttd=terima in ("ya", "true", "1"),
    )
