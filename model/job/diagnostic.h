// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// One finding about a job file, a profile, a dataset or an operator, pointing at its source.
// Produced by the job loader, the profile loader and the compiler; shown by the CLI (one per
// line), underlined by the GUI editors. Plain value, cheap to copy.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace mrp {

struct Diagnostic {
    enum class Severity { Error, Warning };
    // Validation: the input is wrong (CLI exit 2). Policy: the input is well formed but refused
    // by policy, e.g. a cloud_sandbox rule or the operator scan (CLI exit 3).
    enum class Category { Validation, Policy };

    Severity severity = Severity::Error;
    Category category = Category::Validation;
    QString file;        // as given to the loader (usually the absolute path)
    int line = 0;        // 1-based; 0 = unknown (the whole file)
    int column = 0;      // 1-based; 0 = unknown
    QString key;         // dotted key path, e.g. "policy.max_retries"; may be empty
    QString message;     // what is wrong and what was expected (translated)
    QString hint;        // what to do, e.g. "did you mean 'shard_size'?" (translated); may be empty

    bool isError() const { return severity == Severity::Error; }
    // "file:line:col: error: key: message. hint" (parts that are unknown are left out).
    QString toString() const;
    // {"severity","category","file","line","column","key","message","hint"}
    QJsonObject toJson() const;

    static Diagnostic error(const QString &file, int line, int column, const QString &key,
                            const QString &message, const QString &hint = {});
    static Diagnostic warning(const QString &file, int line, int column, const QString &key,
                              const QString &message, const QString &hint = {});
};

// Whether any diagnostic in the list is an error (warnings do not fail a job).
bool hasErrors(const QList<Diagnostic> &diagnostics);
// Whether any error is a policy refusal (and none is a validation error).
bool isPolicyRefusal(const QList<Diagnostic> &diagnostics);

} // namespace mrp
