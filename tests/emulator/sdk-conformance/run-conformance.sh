#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# run-conformance.sh EMULATOR WORKDIR — installs @daytonaio/sdk into WORKDIR (once) with npm,
# starts the emulator on a free loopback port and runs conformance.mjs against it.
# Exit 77 (skipped) only when Node is missing or the SDK cannot be installed (offline), with
# the reason on stdout.
set -u
emulator=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)

"$here/install-sdk.sh" "$work" || exit $?
cd "$work" || exit 1
cp "$here/conformance.mjs" "$work/conformance.mjs"

"$emulator" --port 0 --start-latency-ms 300 --delete-latency-ms 200 >emulator.out 2>emulator.err &
emu=$!
trap 'kill $emu 2>/dev/null; wait $emu 2>/dev/null' EXIT INT TERM
url=""
i=0
while [ $i -lt 100 ] && [ -z "$url" ]; do
    url=$(sed -n 's/^LISTENING //p' emulator.out)
    [ -n "$url" ] || sleep 0.1
    i=$((i + 1))
done
if [ -z "$url" ]; then
    echo "the emulator did not start:"; cat emulator.err
    exit 1
fi
echo "emulator at $url; SDK $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@daytonaio/sdk/package.json | head -n1)"
DAYTONA_API_URL=$url DAYTONA_API_KEY=dtn_conformance_key timeout 90 node conformance.mjs
