"""rekap."""
