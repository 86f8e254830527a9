"""Validation rules for a periode: data in, a list of findings (``Temuan``) out.

Pure core (no files, no SQL). The rules go beyond intake's cell checks and look at
the data as a whole (domain.md §5): percent indicators outside 0–100, negative
values, jumps against the previous quarter or last year without a kendala,
capaian outside the office's band without a kendala, missing bukti dukung, an
``akhir`` indicator whose TW IV target differs from the annual PK target, program
pagu that do not sum to the declared total, officials' NIP, and indicators without
realisasi when the periode closes. Thresholds are office configuration
(``[validasi]`` and ``[anggaran]`` in kantor.toml, read by ``opsi.opsi_validasi``).

The rules live by what they look at (``aturan_sel``: cells of the realisasi grid
and quarter-to-quarter jumps; ``aturan_capaian``: the measurement; ``aturan_pk``:
the PK and kantor.toml); their codes and messages in one catalogue
(``pesan.ATURAN``). Every finding carries a stable id (``pesan.temuan_id``) so a
reviewer's decision links to it across runs; ``Temuan.data`` holds ``id``, ``tw``
and the values involved. The checks are vectorized over the realisasi grid
(indikator × triwulan); only the flagged rows become ``Temuan`` objects. No rule
raises on a bad row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import Pengukuran, ukur
from kinerja.validasi.aturan_anggaran import anggaran_belum_dilaporkan, aturan_anggaran
from kinerja.validasi.aturan_capaian import aturan_capaian
from kinerja.validasi.aturan_pk import aturan_nip, aturan_pk
from kinerja.validasi.aturan_sel import aturan_lonjakan, aturan_sel
from kinerja.validasi.grid import grid_realisasi
from kinerja.validasi.opsi import OpsiValidasi
from kinerja.validasi.pesan import ATURAN

__all__ = ["periksa", "urutkan"]


def periksa(
    indikator: pd.DataFrame,
    realisasi: pd.DataFrame,
    periode: Periode,
    *,
    program: pd.DataFrame | None = None,
    pejabat: Iterable[Any] = (),
    opsi: OpsiValidasi | None = None,
    ordinal: Mapping[str, Any] | None = None,
    pengukuran: Pengukuran | None = None,
    berkas_pk: str = "",
    anggaran: pd.DataFrame | None = None,
    unit_anggaran: str | None = None,
) -> list[Temuan]:
    """Every finding of ``periode`` (errors first, then by unit, indikator, TW).

    ``indikator``: the PK (``model.INDIKATOR_COLUMNS``); ``realisasi``: long
    (``model.REALISASI_COLUMNS``; optional ``berkas``/``lembar``/``sel``/``baris``
    name where each value came from); ``pejabat``: objects with ``peran``,
    ``nama`` and ``nip``; ``pengukuran``: pass the result of ``ukur`` when it
    exists, so capaian is computed once; ``anggaran``: realisasi anggaran long
    (``kode``, ``tw``, ``realisasi_anggaran``), for indikator declared ``ukur_anggaran``
    and the programs' budget of the quarter; ``unit_anggaran``: the unit that reports it.
    """
    opsi = opsi or OpsiValidasi()
    kode_periode = str(periode)
    ind = indikator.reset_index(drop=True)
    p = pengukuran or ukur(ind, realisasi, periode, ordinal=dict(ordinal or {}))
    grid = grid_realisasi(ind, realisasi, p, periode.tw)
    out = [
        *aturan_sel(grid, kode_periode, opsi),
        *aturan_lonjakan(grid, kode_periode, opsi),
        *aturan_capaian(p, grid, periode, opsi),
        *aturan_pk(ind, program, kode_periode, opsi, ordinal, berkas_pk),
        *aturan_anggaran(p, grid, program, anggaran, periode),
        *anggaran_belum_dilaporkan(program, anggaran, periode, unit_anggaran),
        *aturan_nip(pejabat, kode_periode),
    ]
    return urutkan(out)


def urutkan(temuan: Iterable[Temuan]) -> list[Temuan]:
    """Findings in the order they are listed: errors first, then by unit, indikator, TW, rule."""
    order = {k: i for i, k in enumerate(ATURAN)}
    return sorted(
        temuan,
        key=lambda t: (
            not t.is_error,
            t.unit,
            t.indikator,
            t.data.get("tw") or 0,
            order.get(t.kode, 99),
        ),
    )
