"""Command line: python -m calc validate|score|compare|merge|template …  (run with --help for details)."""

from calc.cli import main

raise SystemExit(main())
