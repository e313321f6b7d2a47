from mypm.cli import main

raise SystemExit(main())
