"""jalankan."""
