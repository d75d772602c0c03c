from tests.benchmarks.runner import main

raise SystemExit(main())
