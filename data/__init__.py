"""The demo office, shipped in the wheel as ``kinerja.contoh`` (see ``kinerja.paths``)."""
