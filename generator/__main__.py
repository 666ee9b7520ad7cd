"""`python -m oagen`: the `oagen` command (generator.entry)."""

import sys

from .entry import main

sys.exit(main())
