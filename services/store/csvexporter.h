// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// CSV (RFC 4180): CRLF line ends, every field that holds a comma, a double quote, CR or LF is
// quoted and its quotes doubled. Used by the producer (csv outputs), `mrp export` and the
// workbench's "Export CSV". Pure functions; safe on any thread (run big exports off the GUI thread).

#include "record/runrecord.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace mrp {

namespace csv {
QByteArray field(const QString &value);              // one field, quoted when needed (UTF-8)
QByteArray row(const QStringList &values);           // fields joined by ',' and ended by CRLF
// A JSON value as a CSV cell: strings as is, numbers in canonical form, true/false, null as
// an empty cell, arrays and objects as canonical JSON.
QString cell(const QJsonValue &value);
} // namespace csv

class CsvExporter
{
public:
    // The columns of a run export, in order.
    static QStringList shardColumns();
    // One header row, then one row per shard (ascending index): id, state, attempts, phase times
    // of the last attempt, exit code, error class, cost, digests.
    static QByteArray exportRun(const RunRecord &record);
    // Writes exportRun() to path atomically (QSaveFile). False + *error on failure.
    static bool writeRun(const RunRecord &record, const QString &path, QString *error);
};

} // namespace mrp
