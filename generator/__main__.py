"""`python -m oagen`: the command line (generator.cli)."""

import sys

from .cli import main

sys.exit(main())
