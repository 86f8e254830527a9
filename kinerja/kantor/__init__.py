"""kantor."""
