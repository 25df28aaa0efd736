"""Besluiten API 1.1.0: besluiten and their informatieobjecten (BRC)."""
