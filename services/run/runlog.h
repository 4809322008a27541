// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RunLog: the structured per-run log, runs/<id>/log.jsonl — one JSON object per line with at
// least {"ts", "event", "run_id"} and, where they apply, shard_id, shard_index, attempt,
// sandbox_id, phase times, exit_code, error_class, duration_ms and stdout/stderr summaries.
// Every string goes through redact() first: the API key (from DAYTONA_API_KEY and any value
// registered with addSecret), bearer tokens and "api_key=..." pairs never reach the file.
// Appends are flushed per line (a kill -9 loses at most the line being written).
//
// Threading: one thread (the engine's).

#include <QFile>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mrp {

class RunLog
{
public:
    RunLog() = default;
    bool open(const QString &path, const QString &runId, QString *error);
    void close();
    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }

    void write(const QString &event, QJsonObject fields);

    static void addSecret(const QString &secret);
    static QString redact(const QString &text);
    static QJsonObject redact(const QJsonObject &o);

private:
    QFile m_file;
    QString m_runId;
};

} // namespace mrp
