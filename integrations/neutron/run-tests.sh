#!/usr/bin/env bash
# The networking-ngs tests: the Python driver against a real `ngs serve` and
# simulated switches (both started by the tests). Needs `pnpm build` first,
# node on PATH, htpasswd (apache2-utils) and Debian's python3-neutron-lib for
# /usr/bin/python3 (the Python that has neutron_lib, not a pyenv one).
# Last line: "N passed, N failed"; exit status non-zero on any failure.
set -u
cd "$(dirname "$0")"
PY=/usr/bin/python3
if ! "$PY" -c 'import neutron_lib, oslo_config, oslo_log' 2>/dev/null; then
  echo "networking-ngs tests: $PY cannot import neutron_lib/oslo_config/oslo_log (apt-get install python3-neutron-lib)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
# A whole-run bound: a hang (which the tests guard against) must not stall CI.
exec timeout --kill-after=10 600 "$PY" - <<'PYEOF'
import sys
import unittest

suite = unittest.defaultTestLoader.discover("networking_ngs/tests", top_level_dir=".")
result = unittest.TextTestRunner(verbosity=2).run(suite)
broken = result.failures + result.errors
# A failed setUpModule is reported as an error of no test case: count it as one failure.
failed_tests = sum(1 for test, _ in broken if isinstance(test, unittest.TestCase))
failed = len(broken) + len(result.unexpectedSuccesses)
passed = result.testsRun - failed_tests - len(result.unexpectedSuccesses) - len(result.skipped)
print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)
PYEOF
