"""validasi."""
