"""arsip."""
