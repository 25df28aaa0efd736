"""Benchmark of Zaakwerk's Catalogi API under wrk on SQLite and PostgreSQL (`make bench`); see README.md."""

import sys

from zwbench.main import main

if __name__ == "__main__":
    sys.exit(main())
