"""Catalogus export/import (the readable YAML exchange format) and its command line."""
