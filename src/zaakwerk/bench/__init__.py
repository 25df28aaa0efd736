"""Bulk test data and load measurement helpers (``zaakwerk bench``)."""
