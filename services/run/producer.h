// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Produce (docs/design.md §2.5): writes the reduced value as the files the job asks for, only inside
// the run's output folder (the policy gate): absolute paths, ".." components, and paths that
// leave the folder through a symlink are refused before anything is written. Files are written
// atomically (QSaveFile), so a file is complete or absent.
//
// Formats, exactly as docs/job-format.md "Produce formats": the reduced value, or its `select`ed
// part (a dotted key path; missing is an error), written as
//   json   canonical JSON plus a newline
//   jsonl  (a list) one canonical JSON line per element
//   csv    RFC 4180 (CRLF), a header of `columns`; a list of objects gives a row per object, an
//          object of non-object values a row per key (sorted) with fields key and value.
//
// Pure and blocking; any thread.

#include "job/plan.h"
#include "record/runrecord.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace mrp {

struct ProduceResult {
    bool ok = false;
    bool refused = false;          // a path broke the output-folder policy (exit 3)
    bool jobFault = false;         // the job's produce step does not fit the result: a select
                                   // naming a missing key, a format the value cannot take (exit 2)
    QString error;                 // translated
    QList<ProducedFile> files;     // in job order
};

class Producer
{
public:
    // Resolves `relativePath` inside `outputDir` (which must exist). False + *error when the
    // path is absolute, has "..", or resolves outside the folder through a symlink.
    static bool resolveInside(const QString &outputDir, const QString &relativePath, QString *absolutePath, QString *error);

    static bool select(const QJsonValue &reduced, const QString &path, QJsonValue *out, QString *error);
    static bool rows(const QJsonValue &value, QList<QJsonObject> *out, QString *error);
    static QByteArray toJson(const QJsonValue &value);
    static bool toJsonl(const QJsonValue &value, QByteArray *out, QString *error);
    static bool toCsv(const QJsonValue &value, const QStringList &columns, QByteArray *out, QString *error);

    // Renders every spec; with write=false nothing touches the disk (replay compares digests).
    static ProduceResult produce(const QList<ProduceSpec> &specs, const QJsonValue &reduced, const QString &outputDir,
                                 bool write = true);
};

} // namespace mrp
