#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# scripts/update-golden-plans.sh — regenerate tests/model/data/golden/<job>/{ir,manifest,policy,plan}.json
# by running `mrp compile` on each example job (through ./scripts/dev exec, so the build
# environment and MRP_BUILD_DIR apply). Run it only after an intended change to the plan format,
# the examples or the built-in profiles, and review the diff before committing.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GOLDEN=$REPO/tests/model/data/golden
JOBS=(toy cloud_toy cloud_generated solution_eval)

"$REPO/scripts/dev" build mrp
tmp=$(mktemp -d "$REPO/build/golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for job in "${JOBS[@]}"; do
  # An empty profile search folder keeps the developer's own profile overrides out of the plans.
  "$REPO/scripts/dev" exec env XDG_CONFIG_HOME="$tmp/config" \
      mrp compile "$REPO/examples/$job.yaml" --out "$tmp/$job"
  mkdir -p "$GOLDEN/$job"
  for f in ir.json manifest.json policy.json plan.json; do
    cp "$tmp/$job/$f" "$GOLDEN/$job/$f"
  done
  echo "updated tests/model/data/golden/$job"
done
