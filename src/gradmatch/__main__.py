"""``python -m gradmatch``: the same entry as the ``gradmatch`` console script."""

import sys

from gradmatch.app import main

sys.exit(main())
