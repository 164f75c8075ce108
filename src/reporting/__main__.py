"""`python -m reporting`: build the reports (see reporting).

A no-op is answered first, without importing the build, from the record the last full check
left when it found the reports up to date (reporting.quickcheck: the same command, every input,
git file and published file unchanged by size and time); anything else runs the build, which
starts by deleting that record.
"""

import sys

import reporting.quickcheck as quickcheck

if quickcheck.answer(sys.argv[1:]):
    sys.exit(0)
quickcheck.begin(sys.argv[1:])

from reporting.cli import main  # noqa: E402  (only when the record did not answer)

sys.exit(main())
