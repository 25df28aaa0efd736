"""The demo municipality "Gemeente Voorbeeld" as data files (``data/``) and its idempotent loader."""
