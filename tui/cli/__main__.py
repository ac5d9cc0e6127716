"""``python -m tui.cli.main``: the command, as the installed script runs it."""

from tui.cli.main import main

raise SystemExit(main())
