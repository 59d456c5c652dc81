import sys

from budgetcalc.cli import main

sys.exit(main())
