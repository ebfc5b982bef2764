#!/usr/bin/env python3
"""plansite command line: see `python build.py --help`."""

import sys

from plansite.cli import main

if __name__ == "__main__":
    sys.exit(main())
