"""``python -m claimtrail``: the same as the ``claimtrail`` command."""
from claimtrail.cli import main

main()
