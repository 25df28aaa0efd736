"""Documenten API 1.7.0: enkelvoudiginformatieobjecten with versions and content, objectinformatieobjecten,
gebruiksrechten."""
