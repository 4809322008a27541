// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/runlog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunLog)
};
} // namespace

namespace {

QMutex s_secretsLock;
QStringList &secrets()
{
    static QStringList s;
    return s;
}

} // namespace

void RunLog::addSecret(const QString &secret)
{
    if (secret.size() < 6)
        return;
    QMutexLocker lock(&s_secretsLock);
    if (!secrets().contains(secret))
        secrets().append(secret);
}

QString RunLog::redact(const QString &text)
{
    QString t = text;
    {
        QMutexLocker lock(&s_secretsLock);
        QStringList all = secrets();
        const QString envKey = qEnvironmentVariable("DAYTONA_API_KEY");
        if (envKey.size() >= 6)
            all.append(envKey);
        for (const QString &s : std::as_const(all))
            t.replace(s, QStringLiteral("[redacted]"));
    }
    static const QRegularExpression bearer(QStringLiteral("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}"));
    static const QRegularExpression keyPair(QStringLiteral("(?i)((?:api[_-]?key|token|secret|password)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]{4,}"));
    t.replace(bearer, QStringLiteral("\\1[redacted]"));
    t.replace(keyPair, QStringLiteral("\\1[redacted]"));
    return t;
}

QJsonObject RunLog::redact(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            out.insert(it.key(), redact(v.toString()));
        else if (v.isObject())
            out.insert(it.key(), redact(v.toObject()));
        else
            out.insert(it.key(), v);
    }
    return out;
}

bool RunLog::open(const QString &path, const QString &runId, QString *error)
{
    m_runId = runId;
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = Tr::tr("Cannot open the run log %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

void RunLog::close()
{
    m_file.close();
}

void RunLog::write(const QString &event, QJsonObject fields)
{
    if (!m_file.isOpen())
        return;
    fields.insert(QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    fields.insert(QStringLiteral("event"), event);
    fields.insert(QStringLiteral("run_id"), m_runId);
    m_file.write(QJsonDocument(redact(fields)).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace mrp
