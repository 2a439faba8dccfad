"""The frozen app's entry point (PyInstaller): the same ``main`` as ``python -m gradmatch``."""

import sys

from gradmatch.app import main

if __name__ == "__main__":
    sys.exit(main())
