"""formulir."""
