"""Zaakwerk's benchmark runner (started by ``benchmarks/run.py``)."""
