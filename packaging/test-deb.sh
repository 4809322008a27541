#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# packaging/test-deb.sh [PACKAGE.deb]
#
# Installs the Debian package into a clean Debian 13 root with apt (so its dependencies must
# resolve from the archive alone) and checks the installed product:
#   - mrp --version, mrp --help in German (the compiled-in catalogue)
#   - mrp run on every installed example job, local backend, as an unprivileged user
#   - mrp-workbench --self-test on the offscreen platform
#   - the desktop file, metainfo (and the desktop file its <launchable> names) and icons
#     are where desktop environments and software centres look for them
#
# Without an argument the package is built first: a release build in build/deb-release inside
# the build environment (./scripts/dev), then `cpack -G DEB`.
#
# Runs on demand (not in ctest): it needs root and the Debian archive. The pristine root is
# made once with debootstrap (from the mirror the host's apt uses, or MRP_DEBIAN_MIRROR) and
# copied afresh for every run.
#
#   MRP_DEB_TEST_DIR=DIR   where the roots live (default /var/tmp/mrp-deb-test)
#   MRP_DEB_KEEP=1         keep the test root afterwards for inspection
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEST_ROOT=${MRP_DEB_TEST_DIR:-/var/tmp/mrp-deb-test}
BASE_ROOT=$TEST_ROOT.base
SUITE=trixie

say()  { printf '\033[1m[test-deb]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[test-deb] error:\033[0m %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, mounts, apt in the test root)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"

host_mirror() {
  if [ -n "${MRP_DEBIAN_MIRROR:-}" ]; then echo "$MRP_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n' \
        | grep -E '/debian/?$' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -E '^deb[[:space:]]' \
          | awk '{for (i=2;i<=NF;i++) if ($i ~ /^(https?|ftp):/) {print $i; exit}}' | grep -E '/debian/?$' | head -n1 || true)
  fi
  [ -n "$uri" ] || die "cannot tell which Debian mirror to use; set MRP_DEBIAN_MIRROR"
  echo "${uri%/}"
}

# in_root CMD... — run CMD in the test root: private mount namespace and pivot_root (bubblewrap,
# used by the local backend, refuses to run under a plain chroot).
in_root() {
  unshare -m --propagation private -- /bin/bash -euc '
    root=$1; shift
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    cd "$root"; mkdir -p .oldroot; pivot_root . .oldroot; cd /
    umount -l /.oldroot
    exec "$@"
  ' in_root "$TEST_ROOT" env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# --- the package ---------------------------------------------------------------------------
DEB=${1:-}
if [ -z "$DEB" ]; then
  BUILD=$REPO/build/deb-release
  say "building a release and the .deb in ${BUILD#"$REPO"/}"
  MRP_BUILD_DIR=build/deb-release "$REPO/scripts/dev" exec /bin/sh -euc '
    command -v dpkg-shlibdeps >/dev/null && command -v file >/dev/null || {
      echo "dpkg-shlibdeps or file is missing in the build environment: add dpkg-dev and file to PACKAGES in scripts/dev" >&2; exit 1; }
    cmake -S "$1" -B "$2" --preset release -DMRP_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
    cmake --build "$2"
    cd "$2" && rm -f ./*.deb && cpack -G DEB' sh "$REPO" "$BUILD" >&2
  DEB=$(ls -t "$BUILD"/*.deb | head -n1)
fi
[ -f "$DEB" ] || die "no such package: $DEB"
say "package: $DEB"
dpkg-deb -f "$DEB" Package Version Architecture Depends Recommends >&2

# --- a clean Debian 13 root ------------------------------------------------------------------
if [ ! -f "$BASE_ROOT/.complete" ]; then
  mirror=$(host_mirror)
  say "creating a pristine Debian 13 root in $BASE_ROOT (once)"
  rm -rf --one-file-system "$BASE_ROOT"
  debootstrap --variant=minbase "$SUITE" "$BASE_ROOT" "$mirror" >"$TEST_ROOT.debootstrap.log" 2>&1 \
    || { tail -n 5 "$TEST_ROOT.debootstrap.log" >&2; die "debootstrap failed (log: $TEST_ROOT.debootstrap.log)"; }
  touch "$BASE_ROOT/.complete"
fi
say "copying the pristine root to $TEST_ROOT"
rm -rf --one-file-system "$TEST_ROOT"
cp -a "$BASE_ROOT" "$TEST_ROOT"
cleanup() { [ "${MRP_DEB_KEEP:-0}" = 1 ] || rm -rf --one-file-system "$TEST_ROOT"; }
trap cleanup EXIT

mkdir -p "$TEST_ROOT/opt/pkg"
cp "$DEB" "$TEST_ROOT/opt/pkg/"
PKG=/opt/pkg/$(basename "$DEB")

# --- install with apt: dependencies must resolve ---------------------------------------------
say "apt-get install $PKG (with Recommends, as a user would)"
in_root /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKG" >"$TEST_ROOT.install.log" 2>&1 \
  || { tail -n 20 "$TEST_ROOT.install.log" >&2; die "apt-get install failed (log: $TEST_ROOT.install.log)"; }
grep -E '^(Setting up|Unpacking) mrp-workbench' "$TEST_ROOT.install.log" >&2 || true
in_root /bin/sh -c 'dpkg-query -W -f="\${Package} \${Version} \${Status}\n" mrp-workbench' >&2

# --- checks ----------------------------------------------------------------------------------
failures=0
check() { # NAME CMD... — run CMD in the test root, report pass/fail
  local name=$1; shift
  local out rc=0
  out=$(in_root "$@" 2>&1) || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  if [ $rc = 0 ]; then say "PASS  $name"; else say "FAIL  $name (exit $rc)"; failures=$((failures + 1)); fi
}

check "mrp --version" /bin/sh -c 'mrp --version | grep -E "^mrp [0-9]+\.[0-9]+\.[0-9]+ \(Qt 6\."'
check "mrp --help in German" /bin/sh -c 'LC_ALL=de_DE.UTF-8 LANGUAGE=de mrp --help 2>&1 | grep "Aufruf: mrp"'
check "mrp-workbench --self-test (offscreen)" \
  /bin/sh -c 'QT_QPA_PLATFORM=offscreen mrp-workbench --self-test 2>&1 | tee /dev/stderr | grep -q "self-test: main window up"'

id_file=$(in_root dpkg -L mrp-workbench | grep -E '^/usr/share/applications/.*\.desktop$' | head -n1 || true)
app_id=$(basename "${id_file:-none}" .desktop)
check "desktop file, metainfo and icons installed for $app_id" /bin/sh -euc '
  id=$1
  test -f /usr/share/applications/$id.desktop
  test -f /usr/share/metainfo/$id.metainfo.xml
  launchable=$(sed -n "s:.*<launchable type=\"desktop-id\">\(.*\)</launchable>.*:\1:p" /usr/share/metainfo/$id.metainfo.xml)
  echo "launchable: $launchable"; test -f "/usr/share/applications/$launchable"
  icon=$(sed -n "s/^Icon=//p" /usr/share/applications/$id.desktop)
  for s in 16 32 48 64 128 256; do test -f /usr/share/icons/hicolor/${s}x$s/apps/$icon.png; done
  test -f /usr/share/icons/hicolor/scalable/apps/$icon.svg
  exe=$(sed -n "s/^TryExec=//p" /usr/share/applications/$id.desktop); command -v "$exe"
  echo "icon: $icon, exec: $exe"' sh "$app_id"

jobs=$(cd "$TEST_ROOT" && ls usr/share/mrp-workbench/examples/*.yaml 2>/dev/null || true)
if [ -z "$jobs" ]; then
  say "FAIL  no example jobs installed in /usr/share/mrp-workbench/examples"
  failures=$((failures + 1))
else
  in_root /bin/sh -c 'useradd -m -u 4242 tester 2>/dev/null || true' >&2
  for job in $jobs; do
    if grep -Eq '^execution_backend:[[:space:]]*cloud_sandbox' "$TEST_ROOT/$job"; then
      say "SKIP  /$job (a cloud_sandbox job: needs a Daytona account)"
      continue
    fi
    check "mrp run /$job --backend local (as an unprivileged user)" /bin/sh -c \
      'cd /home/tester && exec setpriv --reuid=4242 --regid=4242 --init-groups env HOME=/home/tester \
         XDG_RUNTIME_DIR=/tmp mrp run "$1" --backend local' sh "/$job"
  done
fi

if [ $failures = 0 ]; then say "all checks passed"; else say "$failures check(s) failed"; fi
exit $((failures > 0))
