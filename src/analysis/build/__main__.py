"""`python -m analysis.build`: build the reports (see analysis.build)."""

import sys

from analysis.build import main

sys.exit(main())
