// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "runstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

Q_LOGGING_CATEGORY(lcRunStore, "mrp.services.runstore")

namespace mrp {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("RunStore", s);
}

QString hashHex(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

bool isSha(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

bool exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = tr("Run store error: %1").arg(q.lastError().text());
    qCWarning(lcRunStore) << "query failed:" << q.lastQuery() << q.lastError().text();
    return false;
}

bool execSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = tr("Run store error: %1").arg(q.lastError().text());
    qCWarning(lcRunStore) << "statement failed:" << sql << q.lastError().text();
    return false;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

RunStore::RunStore(const QString &dataDir)
    : m_dataDir(dataDir.isEmpty() ? defaultDataDir() : QDir(dataDir).absolutePath())
{
    m_connectionPrefix = QStringLiteral("mrp-runstore-%1-%2")
                             .arg(hashHex(m_dataDir.toUtf8()).left(12))
                             .arg(quintptr(this), 0, 16);
}

RunStore::~RunStore()
{
    // Connections of this store on the current thread; others die with their threads' use.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &n : names) {
        if (n.startsWith(m_connectionPrefix)) {
            {
                QSqlDatabase d = QSqlDatabase::database(n, false);
                if (d.isOpen())
                    d.close();
            }
            QSqlDatabase::removeDatabase(n);
        }
    }
}

QString RunStore::defaultDataDir()
{
    const QString env = qEnvironmentVariable("MRP_DATA_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString RunStore::databasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("runs.sqlite"));
}

QString RunStore::runDir(const QString &runId) const
{
    return QDir(m_dataDir).filePath(QStringLiteral("runs/") + runId);
}

QString RunStore::outputDir(const QString &runId) const
{
    return QDir(runDir(runId)).filePath(QStringLiteral("output"));
}

QString RunStore::objectPath(const QString &sha256) const
{
    return QDir(m_dataDir).filePath(QStringLiteral("objects/%1/%2").arg(sha256.left(2), sha256));
}

QString RunStore::newRunId()
{
    return QStringLiteral("r%1-%2")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
        .arg(QRandomGenerator::global()->bounded(0x1000000), 6, 16, QLatin1Char('0'));
}

bool RunStore::isValidRunId(const QString &runId)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$"));
    return re.match(runId).hasMatch();
}

QSqlDatabase RunStore::db() const
{
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(quintptr(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    d.setDatabaseName(databasePath());
    d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (d.open()) {
        QSqlQuery q(d);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    } else {
        qCWarning(lcRunStore) << "cannot open" << databasePath() << d.lastError().text();
    }
    return d;
}

bool RunStore::open(QString *error)
{
    if (!QDir().mkpath(QDir(m_dataDir).filePath(QStringLiteral("objects"))) || !QDir().mkpath(QDir(m_dataDir).filePath(QStringLiteral("runs")))) {
        if (error)
            *error = tr("Cannot create the data folder %1. Check its permissions or set MRP_DATA_DIR.").arg(m_dataDir);
        return false;
    }
    QSqlDatabase d = db();
    if (!d.isOpen()) {
        if (error)
            *error = tr("Cannot open the run store %1: %2").arg(databasePath(), d.lastError().text());
        return false;
    }
    return ensureSchema(error);
}

bool RunStore::ensureSchema(QString *error)
{
    QSqlDatabase d = db();
    const QStringList ddl = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
                       "finished_at TEXT, status TEXT NOT NULL, job_name TEXT, job_path TEXT, job_digest TEXT, "
                       "plan_digest TEXT, backend TEXT, profile TEXT, shard_count INTEGER NOT NULL DEFAULT 0, "
                       "cost_usd REAL NOT NULL DEFAULT 0, record_json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS shards (run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE, "
                       "shard_index INTEGER NOT NULL, shard_id TEXT NOT NULL, shard_digest TEXT, state TEXT NOT NULL, "
                       "output_digest TEXT, output_bytes INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0, "
                       "sandbox_id TEXT, updated_at TEXT, PRIMARY KEY (run_id, shard_index))"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS attempts (run_id TEXT NOT NULL, shard_index INTEGER NOT NULL, "
                       "attempt INTEGER NOT NULL, backup INTEGER NOT NULL DEFAULT 0, error_class TEXT, exit_code INTEGER, "
                       "started_at TEXT, ended_at TEXT, sandbox_id TEXT, cost_usd REAL NOT NULL DEFAULT 0, "
                       "stdout_tail TEXT, stderr_tail TEXT, attempt_json TEXT NOT NULL, "
                       "PRIMARY KEY (run_id, shard_index, attempt), "
                       "FOREIGN KEY (run_id, shard_index) REFERENCES shards(run_id, shard_index) ON DELETE CASCADE)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, "
                       "at TEXT NOT NULL, kind TEXT NOT NULL, shard_index INTEGER, payload TEXT)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS journal_run ON journal(run_id, id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"),
        QStringLiteral("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1')"),
    };
    for (const QString &s : ddl)
        if (!execSql(d, s, error))
            return false;
    return true;
}

QString RunStore::putObject(const QByteArray &bytes, QString *error)
{
    const QString sha = hashHex(bytes);
    const QString path = objectPath(sha);
    if (QFileInfo::exists(path) && QFileInfo(path).size() == bytes.size())
        return sha;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);   // writes a temporary file, fsyncs it and renames: complete or absent
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = tr("Cannot store an artifact in %1: %2").arg(path, f.errorString());
        return QString();
    }
    return sha;
}

QString RunStore::putObjectFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(path, f.errorString());
        return QString();
    }
    return putObject(f.readAll(), error);
}

bool RunStore::hasObject(const QString &sha256) const
{
    return isSha(sha256) && QFileInfo::exists(objectPath(sha256));
}

std::optional<QByteArray> RunStore::readObject(const QString &sha256, QString *error) const
{
    if (!isSha(sha256)) {
        if (error)
            *error = tr("\"%1\" is not a SHA-256 digest.").arg(sha256);
        return std::nullopt;
    }
    QFile f(objectPath(sha256));
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Artifact %1 is missing from the store (%2).").arg(sha256.left(12), f.fileName());
        return std::nullopt;
    }
    const QByteArray b = f.readAll();
    if (hashHex(b) != sha256) {
        if (error)
            *error = tr("Artifact %1 is corrupt: its content has another digest.").arg(sha256.left(12));
        return std::nullopt;
    }
    return b;
}

bool RunStore::createRun(const RunRecord &record, QString *error)
{
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    RunRecord head = record;
    head.shards.clear();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("INSERT INTO runs (run_id, created_at, status, job_name, job_path, job_digest, plan_digest, "
                             "backend, profile, shard_count, record_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(record.runId);
    q.addBindValue(record.createdAt.toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(record.status);
    q.addBindValue(record.jobName);
    q.addBindValue(record.jobPath);
    q.addBindValue(record.jobDigest);
    q.addBindValue(record.planDigest);
    q.addBindValue(record.backend);
    q.addBindValue(record.profileName);
    q.addBindValue(int(record.shards.size()));
    q.addBindValue(QString::fromUtf8(compact(head.toJson())));
    if (!exec(q, error)) {
        d.rollback();
        return false;
    }
    QSqlQuery s(d);
    s.prepare(QStringLiteral("INSERT INTO shards (run_id, shard_index, shard_id, shard_digest, state, updated_at) VALUES (?,?,?,?,?,?)"));
    const QString now = isoNow();
    for (const ShardRecord &sh : record.shards) {
        s.addBindValue(record.runId);
        s.addBindValue(sh.index);
        s.addBindValue(sh.shardId);
        s.addBindValue(sh.shardDigest);
        s.addBindValue(shardStateName(sh.state));
        s.addBindValue(now);
        if (!exec(s, error)) {
            d.rollback();
            return false;
        }
    }
    if (!d.commit()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    return true;
}

bool RunStore::updateRun(const RunRecord &record, QString *error)
{
    RunRecord head = record;
    head.shards.clear();
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE runs SET status=?, finished_at=?, cost_usd=?, record_json=? WHERE run_id=?"));
    q.addBindValue(record.status);
    q.addBindValue(record.finishedAt.isValid() ? record.finishedAt.toUTC().toString(Qt::ISODateWithMs) : QString());
    q.addBindValue(record.costActualUsd);
    q.addBindValue(QString::fromUtf8(compact(head.toJson())));
    q.addBindValue(record.runId);
    return exec(q, error);
}

bool RunStore::runExists(const QString &runId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT 1 FROM runs WHERE run_id=?"));
    q.addBindValue(runId);
    return q.exec() && q.next();
}

QString RunStore::resolveRunId(const QString &prefix) const
{
    if (prefix.isEmpty())
        return QString();
    if (runExists(prefix))
        return prefix;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT run_id FROM runs WHERE substr(run_id, 1, ?) = ? LIMIT 2"));
    q.addBindValue(int(prefix.size()));
    q.addBindValue(prefix);
    if (!q.exec() || !q.next())
        return QString();
    const QString id = q.value(0).toString();
    return q.next() ? QString() : id;
}

std::optional<RunRecord> RunStore::loadRun(const QString &runId, QString *error) const
{
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT record_json FROM runs WHERE run_id=?"));
    q.addBindValue(runId);
    if (!exec(q, error))
        return std::nullopt;
    if (!q.next()) {
        if (error)
            *error = tr("No run \"%1\" in the store %2. List runs with `mrp runs`.").arg(runId, m_dataDir);
        return std::nullopt;
    }
    RunRecord rec;
    QString perr;
    const QJsonObject head = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    if (!RunRecord::fromJson(head, &rec, &perr)) {
        if (error)
            *error = tr("The stored record of run %1 is unreadable: %2").arg(runId, perr);
        return std::nullopt;
    }
    QSqlQuery s(d);
    s.prepare(QStringLiteral("SELECT shard_index, shard_id, shard_digest, state, output_digest, output_bytes, cost_usd, sandbox_id "
                             "FROM shards WHERE run_id=? ORDER BY shard_index"));
    s.addBindValue(runId);
    if (!exec(s, error))
        return std::nullopt;
    QHash<int, int> pos;
    while (s.next()) {
        ShardRecord sh;
        sh.index = s.value(0).toInt();
        sh.shardId = s.value(1).toString();
        sh.shardDigest = s.value(2).toString();
        if (!shardStateFromName(s.value(3).toString(), &sh.state))
            sh.state = ShardState::Failed;
        sh.outputDigest = s.value(4).toString();
        sh.outputBytes = s.value(5).toLongLong();
        sh.costUsd = s.value(6).toDouble();
        sh.sandboxId = s.value(7).toString();
        pos.insert(sh.index, int(rec.shards.size()));
        rec.shards.append(sh);
    }
    QSqlQuery a(d);
    a.prepare(QStringLiteral("SELECT shard_index, attempt_json, stdout_tail, stderr_tail FROM attempts WHERE run_id=? "
                             "ORDER BY shard_index, attempt"));
    a.addBindValue(runId);
    if (!exec(a, error))
        return std::nullopt;
    while (a.next()) {
        const int i = pos.value(a.value(0).toInt(), -1);
        if (i < 0)
            continue;
        AttemptRecord at = AttemptRecord::fromJson(QJsonDocument::fromJson(a.value(1).toString().toUtf8()).object());
        at.stdoutTail = a.value(2).toString();
        at.stderrTail = a.value(3).toString();
        rec.shards[i].attempts.append(at);
    }
    return rec;
}

QList<RunSummary> RunStore::listRuns(QString *error) const
{
    QList<RunSummary> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT r.run_id, r.job_name, r.job_path, r.status, r.backend, r.profile, r.created_at, r.finished_at, "
                             "r.shard_count, r.cost_usd, "
                             "(SELECT COUNT(*) FROM shards s WHERE s.run_id=r.run_id AND s.state='done'), "
                             "(SELECT COUNT(*) FROM shards s WHERE s.run_id=r.run_id AND s.state='failed') "
                             "FROM runs r ORDER BY r.created_at DESC, r.run_id DESC"));
    if (!exec(q, error))
        return out;
    while (q.next()) {
        RunSummary s;
        s.runId = q.value(0).toString();
        s.jobName = q.value(1).toString();
        s.jobPath = q.value(2).toString();
        s.status = q.value(3).toString();
        s.backend = q.value(4).toString();
        s.profile = q.value(5).toString();
        s.createdAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
        s.finishedAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
        s.shardCount = q.value(8).toInt();
        s.costUsd = q.value(9).toDouble();
        s.done = q.value(10).toInt();
        s.failed = q.value(11).toInt();
        out.append(s);
    }
    return out;
}

bool RunStore::setShardState(const QString &runId, int index, ShardState state, QString *error)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE shards SET state=?, updated_at=? WHERE run_id=? AND shard_index=? AND state<>'done'"));
    q.addBindValue(shardStateName(state));
    q.addBindValue(isoNow());
    q.addBindValue(runId);
    q.addBindValue(index);
    return exec(q, error);
}

bool RunStore::recordAttempt(const QString &runId, int index, const AttemptRecord &at, QString *error)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO attempts (run_id, shard_index, attempt, backup, error_class, exit_code, "
                             "started_at, ended_at, sandbox_id, cost_usd, stdout_tail, stderr_tail, attempt_json) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(runId);
    q.addBindValue(index);
    q.addBindValue(at.number);
    q.addBindValue(at.backup ? 1 : 0);
    q.addBindValue(errorClassName(at.errorClass));
    q.addBindValue(at.exitCode);
    q.addBindValue(at.start.toString(Qt::ISODateWithMs));
    q.addBindValue(at.end.toString(Qt::ISODateWithMs));
    q.addBindValue(at.sandboxId);
    q.addBindValue(at.costUsd);
    q.addBindValue(at.stdoutTail);
    q.addBindValue(at.stderrTail);
    q.addBindValue(QString::fromUtf8(compact(at.toJson())));
    return exec(q, error);
}

QString RunStore::commitShard(const QString &runId, const ShardRecord &shard, const AttemptRecord &attempt,
                              const QString &outputFile, QString *error)
{
    const QString sha = putObjectFile(outputFile, error);
    if (sha.isEmpty())
        return QString();
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return QString();
    }
    AttemptRecord ok = attempt;
    ok.errorClass = ErrorClass::None;
    if (!recordAttempt(runId, shard.index, ok, error)) {
        d.rollback();
        return QString();
    }
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE shards SET state='done', output_digest=?, output_bytes=?, cost_usd=?, sandbox_id=?, "
                             "updated_at=? WHERE run_id=? AND shard_index=?"));
    q.addBindValue(sha);
    q.addBindValue(QFileInfo(outputFile).size());
    q.addBindValue(shard.costUsd + attempt.costUsd);
    q.addBindValue(attempt.sandboxId);
    q.addBindValue(isoNow());
    q.addBindValue(runId);
    q.addBindValue(shard.index);
    if (!exec(q, error) || q.numRowsAffected() != 1) {
        if (error && error->isEmpty())
            *error = tr("Shard %1 of run %2 is not in the store.").arg(shard.shardId, runId);
        d.rollback();
        return QString();
    }
    if (!d.commit()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return QString();
    }
    return sha;
}

int RunStore::countShards(const QString &runId, ShardState state) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM shards WHERE run_id=? AND state=?"));
    q.addBindValue(runId);
    q.addBindValue(shardStateName(state));
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

int RunStore::countAttempts(const QString &runId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM attempts WHERE run_id=?"));
    q.addBindValue(runId);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

bool RunStore::journal(const QString &runId, const QString &kind, int shardIndex, const QJsonObject &payload, QString *error)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO journal (run_id, at, kind, shard_index, payload) VALUES (?,?,?,?,?)"));
    q.addBindValue(runId);
    q.addBindValue(isoNow());
    q.addBindValue(kind);
    q.addBindValue(shardIndex < 0 ? QVariant() : QVariant(shardIndex));
    q.addBindValue(QString::fromUtf8(compact(payload)));
    return exec(q, error);
}

QList<QJsonObject> RunStore::journalEntries(const QString &runId) const
{
    QList<QJsonObject> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT at, kind, shard_index, payload FROM journal WHERE run_id=? ORDER BY id"));
    q.addBindValue(runId);
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject o = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        o.insert(QStringLiteral("at"), q.value(0).toString());
        o.insert(QStringLiteral("kind"), q.value(1).toString());
        if (!q.value(2).isNull())
            o.insert(QStringLiteral("shard_index"), q.value(2).toInt());
        out.append(o);
    }
    return out;
}

} // namespace mrp
