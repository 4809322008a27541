// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/diagnostic.h"

#include <QCoreApplication>

namespace mrp {

QString Diagnostic::toString() const
{
    QString s = file.isEmpty() ? QStringLiteral("<job>") : file;
    if (line > 0) {
        s += u':' + QString::number(line);
        if (column > 0)
            s += u':' + QString::number(column);
    }
    s += severity == Severity::Error ? QStringLiteral(": error: ") : QStringLiteral(": warning: ");
    if (!key.isEmpty())
        s += key + QStringLiteral(": ");
    s += message;
    if (!hint.isEmpty()) {
        if (!s.endsWith(u'.') && !s.endsWith(u'?') && !s.endsWith(u'!'))
            s += u'.';
        s += u' ' + hint;
    }
    return s;
}

QJsonObject Diagnostic::toJson() const
{
    return QJsonObject{
        {QStringLiteral("severity"), severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("category"), category == Category::Policy ? QStringLiteral("policy") : QStringLiteral("validation")},
        {QStringLiteral("file"), file},
        {QStringLiteral("line"), line},
        {QStringLiteral("column"), column},
        {QStringLiteral("key"), key},
        {QStringLiteral("message"), message},
        {QStringLiteral("hint"), hint},
    };
}

Diagnostic Diagnostic::error(const QString &file, int line, int column, const QString &key,
                             const QString &message, const QString &hint)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.file = file;
    d.line = line;
    d.column = column;
    d.key = key;
    d.message = message;
    d.hint = hint;
    return d;
}

Diagnostic Diagnostic::warning(const QString &file, int line, int column, const QString &key,
                               const QString &message, const QString &hint)
{
    Diagnostic d = error(file, line, column, key, message, hint);
    d.severity = Severity::Warning;
    return d;
}

bool hasErrors(const QList<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics)
        if (d.isError())
            return true;
    return false;
}

bool isPolicyRefusal(const QList<Diagnostic> &diagnostics)
{
    bool policy = false;
    for (const Diagnostic &d : diagnostics) {
        if (!d.isError())
            continue;
        if (d.category != Diagnostic::Category::Policy)
            return false;
        policy = true;
    }
    return policy;
}

} // namespace mrp
