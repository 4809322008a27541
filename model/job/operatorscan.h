// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A static scan of Python operator source, run by the compiler before any shard (the profile's
// operator_policy, and the cloud_sandbox purity rule). It is a guard rail against accidents in
// generated code, not a sandbox: the sandbox is what isolates. The scan blanks out comments and
// string literals, then finds
//  - imports (`import a.b`, `from a.b import c`) whose module, or a parent package, is blocked,
//    or that are not allowed when an allowlist is set;
//  - calls of blocked names (`eval(`, `os.system(`), matched on the dotted name before '(';
//  - file writes, for the purity rule: open() with a mode containing w, a, x or +, and calls of
//    .write_text/.write_bytes/.mkdir/.unlink/.rmdir/.touch, os.remove/unlink/rename/replace/
//    mkdir/makedirs/rmdir/removedirs and any shutil function.
// Pure functions: safe from any thread.

#include "job/plan.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mrp {

struct OperatorFinding {
    enum class Kind { BlockedImport, ImportNotAllowed, BlockedCall, FileWrite };
    Kind kind;
    int line = 0;                 // 1-based, in the scanned code
    int column = 0;               // 1-based
    QString name;                 // the module or call, e.g. "subprocess", "os.system", "open"
};

QList<OperatorFinding> scanOperatorPolicy(const QByteArray &code, const OperatorPolicy &policy);
QList<OperatorFinding> scanOperatorWrites(const QByteArray &code);
// Whether code defines a top-level function `name` (a "def name(" at column 1).
bool definesFunction(const QByteArray &code, const QString &name);

} // namespace mrp
