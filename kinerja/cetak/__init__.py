"""cetak."""
