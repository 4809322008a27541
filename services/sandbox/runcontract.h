// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The run contract (docs/design.md §2.2, docs/run-contract.md): the file names of a package, the
// runner's exit codes and the digest line, shared by the packager, every backend and the engine.
// Header-only constants plus two small pure functions; safe on any thread.

#include "record/errorclass.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace mrp::runcontract {

// Package layout: every file sits at the top of the sandbox work directory.
inline constexpr QLatin1StringView RunnerFile{"runner.py"};
inline constexpr QLatin1StringView ManifestFile{"manifest.json"};
inline constexpr QLatin1StringView OperatorFile{"user_operator.py"};  // never "operator.py": it would shadow the stdlib
inline constexpr QLatin1StringView PayloadFile{"payload.json"};       // map: the shard's canonical JSON array
inline constexpr QLatin1StringView InputsFile{"inputs.json"};         // reduce: the map outputs in shard order
inline constexpr QLatin1StringView OutputFile{"output.json"};
inline constexpr QLatin1StringView DigestLinePrefix{"MRP-OUTPUT-SHA256 "};
// The last stdout line of a runner that failed (exit 3 to 6): why, in one line; for an operator
// that raised, its exception ("ValueError: boom").
inline constexpr QLatin1StringView ErrorLinePrefix{"MRP-ERROR "};
// A sandbox whose files cost a call to fetch asks the runner for a small output on stdout:
// when the output file is the one named and at most the given bytes, the digest line is
// followed by a line with the marker, then the output's bytes (docs/run-contract.md,
// "Returned output").
inline constexpr QLatin1StringView ReturnMarkerVariable{"MRP_RETURN_MARKER"};
inline constexpr QLatin1StringView ReturnFileVariable{"MRP_RETURN_FILE"};
inline constexpr QLatin1StringView ReturnMaxBytesVariable{"MRP_RETURN_MAX_BYTES"};

// The most a shard's output may hold, checked by size before the host reads it, and the most
// all of a run's outputs may hold together, checked before reduce reads them: an operator that
// returns its whole input cannot drive the host out of memory (docs/run-contract.md, "Output").
inline constexpr qint64 MaxShardOutputBytes = qint64(64) << 20;
inline constexpr qint64 MaxRunOutputBytes = qint64(256) << 20;

// Runner exit codes.
inline constexpr int ExitOk = 0;
inline constexpr int ExitOperatorRaised = 3;  // traceback on stderr
inline constexpr int ExitBadOutput = 4;       // result not canonical JSON (NaN/Infinity, bytes, sets, ...)
inline constexpr int ExitBadPackage = 5;      // manifest/payload/operator/entrypoint missing or malformed
inline constexpr int ExitOutOfMemory = 6;     // MemoryError (the memory rlimit was hit)

// argv that runs the runner in the work directory. -I: ignore PYTHON* variables and the user
// site folder, never put the work directory on sys.path; -B: write no .pyc files; -u: unbuffered
// so live output streams. reduce=true adds --reduce.
QStringList runnerArgv(bool reduce = false);

// Classifies a normal (not signal, not timeout) exit of the runner: 0 -> None, 3 -> OperatorError,
// 4 -> BadOutput, 6 -> OutOfMemory, anything else (5 included) -> NonZeroExit.
ErrorClass classifyExitCode(int exitCode);

// The SHA-256 hex announced on the last non-empty stdout line ("MRP-OUTPUT-SHA256 <hex>"), or an
// empty string when stdout does not end with a well-formed digest line.
QString outputDigestFromStdout(const QByteArray &stdoutData);

// What the runner said on its error line ("MRP-ERROR <why>", the last non-empty stdout line), or
// an empty string.
QString errorFromStdout(const QByteArray &stdoutData);

// True for a line of the runner's stdout that is protocol (the digest or the error line), not the
// operator's output: live output (the workbench's shard log, `mrp run --follow`) does not show it.
bool isProtocolLine(QByteArrayView line);

} // namespace mrp::runcontract
