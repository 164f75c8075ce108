"""`python -m reporting`: build the reports (see reporting)."""

import sys

from reporting.cli import main

sys.exit(main())
