"""Where a validation finding points on the unit's form: the cell of its own field.

Intake keeps where each value came from: the form, sheet ``Realisasi`` and the cell of
the quarter's input (the realisasi cell, or the pembilang cell on a form that reports
counts). The rules (pure core) pass that cell on; :func:`di_formulir` then names the
cell of the field each finding is about (``bukti_dukung`` → the evidence column of that
row) and the column by the header the unit reads on its form (``Realisasi TW II``,
``Bukti Dukung (nama berkas/tautan)``, in ``data["judul_kolom"]``, which
``Temuan.lokasi`` prints), both from the form's layout (``formulir.layout``). A value
from the office's own table (no cell kept) keeps its column name: that table's header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from kinerja.formulir.gaya import SHEET_REALISASI
from kinerja.formulir.layout import layout_realisasi
from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode
from kinerja.kantor.pk import indikator_rasio

__all__ = ["di_formulir", "sel_kolom"]

_SEL = re.compile(r"([A-Z]{1,3})([0-9]+)")
#: The fields a finding may name on the form's Realisasi sheet.
_KOLOM = ("realisasi", "kendala", "tindak_lanjut", "bukti_dukung")


def sel_kolom(sel: str, kolom: str, tahun: int, rasio: bool) -> tuple[str, str]:
    """(cell, header) of field ``kolom`` in the row of ``sel`` on a unit's form of ``tahun``.

    ``sel`` is the input cell intake kept (realisasi; pembilang when ``rasio``); the
    quarter of the form is the one whose layout has its input in that column. ("", "")
    when ``sel`` is no cell or no quarter's layout puts the input there: nothing is guessed.
    """
    match = _SEL.fullmatch(sel.strip().upper())
    if match is None or kolom not in _KOLOM:
        return "", ""
    masukan = "pembilang" if rasio else "realisasi"
    for tw in range(1, 5):
        cols = layout_realisasi(Periode(tahun, tw), rasio=rasio)
        letters = {c.key: c.letter(i) for i, c in enumerate(cols)}
        if letters.get(masukan) == match.group(1):
            header = next(c.header for c in cols if c.key == kolom)
            return f"{letters[kolom]}{match.group(2)}", header
    return "", ""


def di_formulir(temuan: Iterable[Temuan], indikator: pd.DataFrame, tahun: int) -> list[Temuan]:
    """The findings with the cell of their own field and its header on the unit's form.

    ``indikator``: the PK (a unit whose indikator report counts has the pembilang and
    penyebut columns on its form). A finding whose cell cannot be placed keeps its
    realisasi cell; for another field the cell is left out rather than named wrongly.
    """
    rasio = indikator_rasio(indikator).groupby(indikator["unit"].astype(str)).any().to_dict()
    out = []
    for t in temuan:
        if t.lembar != SHEET_REALISASI or not t.sel or t.kolom not in _KOLOM:
            out.append(t)
            continue
        sel, judul = sel_kolom(t.sel, t.kolom, tahun, bool(rasio.get(t.unit, False)))
        if not sel:
            out.append(t if t.kolom == "realisasi" else replace(t, sel=""))
            continue
        out.append(replace(t, sel=sel, data={**t.data, "judul_kolom": judul}))
    return out
