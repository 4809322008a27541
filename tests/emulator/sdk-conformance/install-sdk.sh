#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# install-sdk.sh WORKDIR — installs the official TypeScript SDK (@daytonaio/sdk) into WORKDIR
# with npm, once. Exit 77 (with the reason on stdout) when Node is missing or the SDK cannot be
# installed (offline); used by the conformance test and the orchestration benchmark.
set -u
work=$1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node/npm not installed: cannot run the official TypeScript SDK"
    exit 77
fi
mkdir -p "$work" || exit 1
cd "$work" || exit 1
if [ ! -f node_modules/@daytonaio/sdk/package.json ]; then
    [ -f package.json ] || echo '{"name":"mrp-sdk-conformance","private":true,"type":"module"}' > package.json
    if ! npm install --no-audit --no-fund @daytonaio/sdk >npm-install.log 2>&1; then
        echo "SKIP: npm install @daytonaio/sdk failed (offline or registry unreachable):"
        tail -n 3 npm-install.log
        exit 77
    fi
fi
exit 0
