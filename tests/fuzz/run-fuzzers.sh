#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# tests/fuzz/run-fuzzers.sh BUILD_DIR — run every libFuzzer target for $FUZZ_SECONDS seconds
# (default 300) on a copy of its seed corpus (tests/fuzz/corpus/<target>), print a summary and
# fail if any target crashed. New interesting inputs are merged back into the seed corpus only
# with FUZZ_MERGE=1. Crash inputs are kept in BUILD_DIR/fuzz-artifacts/<target>/.
set -uo pipefail

BUILD_DIR=${1:?usage: run-fuzzers.sh BUILD_DIR}
SECS=${FUZZ_SECONDS:-300}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TARGETS=(${FUZZ_TARGETS:-fuzz_jobloader fuzz_jsonl fuzz_csv fuzz_jsonarray fuzz_paths fuzz_daytona_replies})
status=0
summary=()
for t in "${TARGETS[@]}"; do
  bin=$(find "$BUILD_DIR" -type f -name "$t" -perm -u+x | head -n1)
  if [ -z "$bin" ]; then
    summary+=("$t: MISSING (build the 'fuzzers' target)"); status=1; continue
  fi
  work="$BUILD_DIR/fuzz-work/$t"; art="$BUILD_DIR/fuzz-artifacts/$t"
  rm -rf "$work"; mkdir -p "$work" "$art"
  cp "$HERE/corpus/$t"/* "$work"/ 2>/dev/null || true
  log="$BUILD_DIR/fuzz-$t.log"
  echo "[fuzz] $t for ${SECS}s (log: $log)" >&2
  "$bin" "$work" -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$art/" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n1)
  if [ $rc -eq 0 ]; then
    summary+=("$t: ok, ${SECS}s, ${execs:-?} execs, ${cov:-cov: ?}, corpus $(ls "$work" | wc -l)")
  else
    summary+=("$t: FAILED (exit $rc), see $log and $art"); status=1
    grep -E 'ERROR|SUMMARY|==[0-9]+==' "$log" | head -n 5 >&2
  fi
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$bin" -merge=1 "$HERE/corpus/$t" "$work" -max_len=65536 >/dev/null 2>&1 || true
  fi
done
echo "== fuzz summary =="
printf '%s\n' "${summary[@]}"
exit $status
