"""The template context of the Dokumen Pengukuran Kinerja: every value already formatted.

The template only lays text out; every number is formatted once, with
``kinerja.inti.angka``/``tampilan``, so the document prints what the CLI and
notebooks print. One module per part of the document:

- ``konteks_pembuka``: cover, lembar pengesahan, BAB I–II;
- ``konteks_metode``: BAB III A, the measuring method;
- ``konteks_hasil``: BAB III B–F and BAB IV, the results;
- ``konteks_catatan``: BAB III G–H and the Lampiran (completeness, notes, decisions).

The charts, the letterhead and the page set-up are added by ``susun.render_html``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kinerja.dokumen.data import DokumenData
from kinerja.dokumen.konteks_catatan import konteks_catatan
from kinerja.dokumen.konteks_hasil import konteks_hasil
from kinerja.dokumen.konteks_metode import konteks_metode
from kinerja.dokumen.konteks_pembuka import konteks_pembuka
from kinerja.inti.tampilan import format_target

__all__ = ["konteks"]


def konteks(data: DokumenData, tren: pd.DataFrame, sha: str, qr: str) -> dict[str, Any]:
    """Everything ``dokumen.html`` prints (``tren``: ``data.tren_capaian``; ``qr``: its text)."""
    return {
        **konteks_pembuka(data, sha, qr),
        **konteks_metode(data),
        **konteks_hasil(data, tren),
        **konteks_catatan(data),
        "target": {"format_target": format_target},
    }
