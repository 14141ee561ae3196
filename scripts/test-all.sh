#!/usr/bin/env bash
# Every test of the repository (what `pnpm test` runs): build, the vitest
# suite, then the Neutron driver's Python tests against the ngs serve just
# built. Ends with one line `N passed, N failed` over both; exits non-zero on
# any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! pnpm exec tsc -b; then
  echo "0 passed, 1 failed"
  exit 1
fi

rm -f .vitest-report.json
pnpm exec vitest run "$@"
vitest_rc=$?
if [ -f .vitest-report.json ]; then
  # Failed suites (a file that crashed before its tests ran) count as failures too.
  read -r passed failed < <(node -e '
    const r = require("./.vitest-report.json");
    const crashed = (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).every((a) => a.status !== "failed")).length;
    console.log(r.numPassedTests, r.numFailedTests + crashed);')
else
  passed=0; failed=1
fi
if [ "$vitest_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# With test filters (pnpm test packages/core/...) only vitest runs.
py_rc=0
if [ $# -eq 0 ]; then
  py_out=$(bash integrations/neutron/run-tests.sh 2>&1); py_rc=$?
  printf '%s\n' "$py_out" | tail -n 40
  read -r py_passed _ py_failed _ < <(printf '%s\n' "$py_out" | tail -n 1)
  case "$py_passed$py_failed" in *[!0-9]*|"") py_passed=0; py_failed=1 ;; esac
  if [ "$py_rc" -ne 0 ] && [ "$py_failed" -eq 0 ]; then py_failed=1; fi
  passed=$((passed + py_passed)); failed=$((failed + py_failed))
fi

echo "$passed passed, $failed failed"
[ "$vitest_rc" -eq 0 ] && [ "$py_rc" -eq 0 ] && [ "$failed" -eq 0 ]
