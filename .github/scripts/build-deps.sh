#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# .github/scripts/build-deps.sh PREFIX
#
# Builds the libraries that Qt's installer does not provide — extra-cmake-modules and
# KF6 SyntaxHighlighting, QtKeychain (Qt 6) and yaml-cpp — from their release archives and
# installs them into PREFIX (Release). For Windows and macOS CI jobs; Linux takes them from apt.
# Qt must be findable (QT_ROOT_DIR, as set by install-qt-action). The generator comes from
# CMAKE_GENERATOR / CMAKE_GENERATOR_PLATFORM in the environment.
set -euo pipefail

cmake_path() { if command -v cygpath >/dev/null; then cygpath -m "$1"; else printf '%s\n' "$1"; fi; }

PREFIX=$(cmake_path "$1")
QT=$(cmake_path "${QT_ROOT_DIR:?QT_ROOT_DIR is not set}")
WORK=$(cmake_path "${RUNNER_TEMP:-/tmp}")/deps-src
mkdir -p "$PREFIX" "$WORK"

KF_VERSION=6.13.0
KF_SERIES=6.13
QTKEYCHAIN_VERSION=0.15.0
YAMLCPP_VERSION=0.8.0

fetch() { # URL DIR — download and unpack an archive into $WORK/DIR
  local url=$1 dir=$2
  echo "::group::fetch $url"
  curl -fsSL --retry 3 -o "$WORK/$dir.archive" "$url"
  rm -rf "${WORK:?}/$dir" && mkdir -p "$WORK/$dir"
  (cd "$WORK/$dir" && cmake -E tar xf "../$dir.archive")
  echo "::endgroup::"
}

build() { # DIR [CMAKE ARGS...] — configure, build and install the single folder inside $WORK/DIR
  local dir=$1; shift
  local src
  src=$(find "$WORK/$dir" -mindepth 1 -maxdepth 1 -type d | head -n1)
  echo "::group::build $dir"
  cmake -S "$src" -B "$WORK/$dir-build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" \
    -DCMAKE_PREFIX_PATH="$QT;$PREFIX" \
    -DBUILD_TESTING=OFF \
    "$@"
  cmake --build "$WORK/$dir-build" --config Release --parallel
  cmake --install "$WORK/$dir-build" --config Release
  echo "::endgroup::"
}

fetch "https://download.kde.org/stable/frameworks/$KF_SERIES/extra-cmake-modules-$KF_VERSION.tar.xz" ecm
build ecm -DBUILD_HTML_DOCS=OFF -DBUILD_MAN_DOCS=OFF -DBUILD_QTHELP_DOCS=OFF

fetch "https://download.kde.org/stable/frameworks/$KF_SERIES/syntax-highlighting-$KF_VERSION.tar.xz" ksyntaxhighlighting
build ksyntaxhighlighting -DBUILD_QCH=OFF

fetch "https://github.com/frankosterfeld/qtkeychain/archive/refs/tags/$QTKEYCHAIN_VERSION.tar.gz" qtkeychain
build qtkeychain -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF -DBUILD_TEST_APPLICATION=OFF

fetch "https://github.com/jbeder/yaml-cpp/archive/refs/tags/$YAMLCPP_VERSION.tar.gz" yamlcpp
build yamlcpp -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_BUILD_SHARED_LIBS=OFF \
  -DCMAKE_POLICY_VERSION_MINIMUM=3.5
