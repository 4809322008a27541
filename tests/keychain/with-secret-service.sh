#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# with-secret-service.sh CMD... — runs CMD in a private D-Bus session with an unlocked
# gnome-keyring Secret Service and a throwaway login keyring, so that tests never touch the
# user's own keyring. CMD finds the throwaway folder (its HOME, XDG_DATA_HOME with the keyring,
# XDG_RUNTIME_DIR) in MRP_TEST_KEYRING.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "with-secret-service: dbus-run-session or gnome-keyring-daemon is not installed; running without a Secret Service" >&2
    exec "$@"
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mrp-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/home" "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"
MRP_TEST_KEYRING="$scratch" HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" \
dbus-run-session -- sh -c '
    printf "%s" "mrp-test-login" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"
' with-secret-service "$@"
