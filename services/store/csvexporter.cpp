// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/csvexporter.h"

#include "data/canonicaljson.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::CsvExporter)
};
} // namespace

namespace csv {

QByteArray field(const QString &value)
{
    QByteArray b = value.toUtf8();
    const bool quote = b.contains(',') || b.contains('"') || b.contains('\r') || b.contains('\n');
    if (!quote)
        return b;
    b.replace("\"", "\"\"");
    return '"' + b + '"';
}

QByteArray row(const QStringList &values)
{
    QByteArray out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += field(values[i]);
    }
    out += "\r\n";
    return out;
}

QString cell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QString();
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool:
    case QJsonValue::Double:
    case QJsonValue::Array:
    case QJsonValue::Object: return QString::fromUtf8(canonicalJson(value));
    }
    return QString();
}

} // namespace csv

QStringList CsvExporter::shardColumns()
{
    return {QStringLiteral("index"), QStringLiteral("shard_id"), QStringLiteral("state"), QStringLiteral("attempts"),
            QStringLiteral("queue_ms"), QStringLiteral("create_ms"), QStringLiteral("upload_ms"), QStringLiteral("exec_ms"),
            QStringLiteral("download_ms"), QStringLiteral("exit_code"), QStringLiteral("error_class"), QStringLiteral("message"),
            QStringLiteral("cost_usd"), QStringLiteral("sandbox_id"), QStringLiteral("shard_digest"), QStringLiteral("output_digest"),
            QStringLiteral("stdout_digest"), QStringLiteral("stderr_digest")};
}

QByteArray CsvExporter::exportRun(const RunRecord &record)
{
    QByteArray out = csv::row(shardColumns());
    auto ms = [](qint64 v) { return v < 0 ? QString() : QString::number(v); };
    for (const ShardRecord &s : record.shards) {
        const AttemptRecord last = s.attempts.isEmpty() ? AttemptRecord{} : s.attempts.constLast();
        const bool has = !s.attempts.isEmpty();
        out += csv::row({QString::number(s.index), s.shardId, shardStateName(s.state), QString::number(s.attempts.size()),
                         ms(last.phases.queueMs), ms(last.phases.createMs >= 0 ? last.phases.createMs : last.phases.resetMs), ms(last.phases.uploadMs), ms(last.phases.execMs),
                         ms(last.phases.downloadMs), has && last.exitCode >= 0 ? QString::number(last.exitCode) : QString(),
                         has ? errorClassName(last.errorClass) : QString(), last.message,
                         QString::number(s.costUsd, 'f', 6), s.sandboxId, s.shardDigest, s.outputDigest, last.stdoutDigest,
                         last.stderrDigest});
    }
    return out;
}

bool CsvExporter::writeRun(const RunRecord &record, const QString &path, QString *error)
{
    const QByteArray data = exportRun(record);
    const QFileInfo target(path);
    if (target.exists() && !target.isFile() && !target.isDir()) {
        // A device or a pipe (/dev/stdout, a FIFO): written directly, never replaced by a file
        // renamed over it; unbuffered, so a full or closed target fails the write itself.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(data) != data.size()) {
            if (error)
                *error = Tr::tr("Cannot write %1: %2").arg(path, f.errorString());
            return false;
        }
        return true;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        if (error)
            *error = Tr::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace mrp
