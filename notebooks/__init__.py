"""The notebooks, shipped in the wheel as ``kinerja.notebooks`` (see ``kinerja.paths``)."""
