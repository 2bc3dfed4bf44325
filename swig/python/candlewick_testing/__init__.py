"""Test support for the candlewick Python binding (not part of the package)."""
