"""dokumen: the Dokumen Pengukuran Kinerja (HTML, PDF/A-3b, xlsx).

Layers, each importing only those before it: ``data`` (DokumenData, loading) ←
``kanonik`` (canonical JSON, hash, QR text, CSV) ← ``konteks_pembuka``,
``konteks_metode``, ``konteks_hasil``, ``konteks_catatan`` ← ``konteks`` (the
template context); ``grafik`` (the charts, also shown by the notebooks) and
``workbook`` (xlsx); ``susun`` (render_html, render_dokumen) uses them all.
"""
