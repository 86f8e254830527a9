"""naskah."""
