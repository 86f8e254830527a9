"""catatan."""
