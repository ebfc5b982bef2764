"""`python -m plansite …`: the same command line as `python build.py` and `plansite`."""

import sys

from .cli import main

sys.exit(main())
