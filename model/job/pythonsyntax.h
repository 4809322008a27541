// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The Python syntax of an operator, checked by the local interpreter before any shard runs:
// `python3 -I -S` compiles the code (compile(), never exec()) from stdin and reports the first
// SyntaxError with its line and column. Blocking (at most a few seconds: a stuck interpreter
// is killed); safe from any thread. Without a local interpreter nothing is reported: the run
// then fails shard by shard as before, and `mrp doctor` says python3 is missing.

#include <QByteArray>
#include <QString>

#include <optional>

namespace mrp {

struct PythonSyntaxError {
    int line = 0;                // 1-based, within the code; 0 when unknown
    int column = 0;              // 1-based; 0 when unknown
    QString message;             // the interpreter's own words, e.g. "invalid syntax"
};

std::optional<PythonSyntaxError> checkPythonSyntax(const QByteArray &code, const QString &fileName);

} // namespace mrp
