"""Who does the SAKIP team's work, in the office's own words (never one office's names).

The sekretaris tim SAKIP is the official whose role ``[sop.peran_pejabat] sekretaris_tim``
names in kantor.toml (default ``kasubag_pk``): units send their forms to the unit that
official heads, and the minutes and messages name the official by jabatan.
"""

from __future__ import annotations

from kinerja.kantor.katalog import Kantor

__all__ = ["TIM", "jabatan_sekretaris_tim", "penerima_formulir", "peran_sekretaris_tim"]

#: The role's name when the office has no official for it.
TIM = "Sekretaris Tim SAKIP"


def peran_sekretaris_tim(kantor: Kantor) -> str:
    """The ``[[pejabat]] peran`` of the sekretaris tim: ``[sop.peran_pejabat]
    sekretaris_tim``, default ``kasubag_pk``."""
    sop = kantor.config.get("sop")
    peran_pejabat = sop.get("peran_pejabat") if isinstance(sop, dict) else None
    if isinstance(peran_pejabat, dict) and isinstance(peran_pejabat.get("sekretaris_tim"), str):
        return peran_pejabat["sekretaris_tim"]
    return "kasubag_pk"


def jabatan_sekretaris_tim(kantor: Kantor) -> str:
    """The sekretaris tim's jabatan (``Kepala Subbagian …``), else ``Sekretaris Tim SAKIP``."""
    pejabat = kantor.pejabat.get(peran_sekretaris_tim(kantor))
    return pejabat.jabatan if pejabat is not None and pejabat.jabatan else TIM


def penerima_formulir(kantor: Kantor) -> str:
    """Who receives the filled forms: the unit headed by the sekretaris tim, else that
    official's jabatan, else the budget unit, else the team by name."""
    peran = peran_sekretaris_tim(kantor)
    unit = next((u for u in kantor.units if u.kepala == peran), None)
    if unit is not None:
        return unit.nama
    if peran in kantor.pejabat:
        return kantor.pejabat[peran].jabatan
    kode = kantor.unit_anggaran
    if kode is not None:
        return kantor.unit(kode).nama
    return f"{TIM} {kantor.nama}"
