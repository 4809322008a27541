// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/runstore.h"

#include "store/attemptcodec.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
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
#include <QSet>
#include <QThread>

#include <limits>

#include <vector>

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
        // Reads of large runs through the memory map instead of a read() per page.
        q.exec(QStringLiteral("PRAGMA mmap_size=268435456"));
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
    return migrateToV2(error);
}

namespace {
// Version 2: shards.attempts_blob, the shard's attempts packed (see packAttempt) one after the
// other as recordAttempt() appends them, so that opening a 100,000-shard run is one query over
// the shards and no JSON. NULL = not kept (runs written by version 1): those are read from the
// attempts table, which version 2 still writes in full (older binaries can read a migrated file).
const std::pair<const char *, const char *> kShardColumnsV2[] = {
    {"attempts_blob", "BLOB"},
};

int schemaVersion(QSqlDatabase &d)
{
    QSqlQuery q(d);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) && q.next())
        return q.value(0).toInt();
    return 0;
}
} // namespace

bool RunStore::migrateToV2(QString *error)
{
    QSqlDatabase d = db();
    if (schemaVersion(d) >= 2)
        return true;
    // BEGIN IMMEDIATE: another process migrating the same file waits, then finds the columns.
    if (!execSql(d, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    const auto fail = [&] {
        execSql(d, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    };
    QSet<QString> have;
    {
        QSqlQuery q(d);
        if (!q.exec(QStringLiteral("PRAGMA table_info(shards)"))) {
            if (error)
                *error = tr("Run store error: %1").arg(q.lastError().text());
            return fail();
        }
        while (q.next())
            have.insert(q.value(1).toString());
    }
    for (const auto &[name, type] : kShardColumnsV2) {
        if (have.contains(QLatin1String(name)))
            continue;
        if (!execSql(d, QStringLiteral("ALTER TABLE shards ADD COLUMN %1 %2").arg(QLatin1String(name), QLatin1String(type)), error))
            return fail();
    }
    if (!execSql(d, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '%1')").arg(SchemaVersion), error))
        return fail();
    if (!execSql(d, QStringLiteral("COMMIT"), error))
        return fail();
    qCDebug(lcRunStore) << "schema of" << databasePath() << "now at version" << SchemaVersion;
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
    s.prepare(QStringLiteral("INSERT INTO shards (run_id, shard_index, shard_id, shard_digest, state, updated_at, attempts_blob) "
                             "VALUES (?,?,?,?,?,?,x'')"));
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

std::optional<std::vector<std::pair<int, AttemptRecord>>> RunStore::readAttempts(const QString &runId, QString *error) const
{
    QSqlQuery a(db());
    a.setForwardOnly(true);
    a.prepare(QStringLiteral("SELECT shard_index, attempt_json, stdout_tail, stderr_tail FROM attempts WHERE run_id=? "
                             "ORDER BY shard_index, attempt"));
    a.addBindValue(runId);
    if (!exec(a, error))
        return std::nullopt;
    std::vector<std::pair<int, AttemptRecord>> out;
    while (a.next()) {
        auto &[shardIndex, at] = out.emplace_back(a.value(0).toInt(), AttemptRecord());
        at = AttemptRecord::fromJson(QJsonDocument::fromJson(a.value(1).toString().toUtf8()).object());
        at.stdoutTail = a.value(2).toString();
        at.stderrTail = a.value(3).toString();
    }
    return out;
}

std::optional<RunRecord> RunStore::loadRun(const QString &runId, QString *error) const
{
    QElapsedTimer clock;
    clock.start();
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT record_json, shard_count FROM runs WHERE run_id=?"));
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
    const int shardCount = q.value(1).toInt();
    q.finish();
    if (!RunRecord::fromJson(head, &rec, &perr)) {
        if (error)
            *error = tr("The stored record of run %1 is unreadable: %2").arg(runId, perr);
        return std::nullopt;
    }
    // The hot path of opening a run (100,000 shards: tst_bench_timeline): one forward-only
    // query over the shards, columns by position, the attempts unpacked from attempts_blob.
    QSqlQuery s(d);
    s.setForwardOnly(true);
    s.prepare(QStringLiteral("SELECT shard_index, shard_id, shard_digest, state, output_digest, output_bytes, cost_usd, sandbox_id, "
                             "attempts_blob FROM shards WHERE run_id=? ORDER BY shard_index"));
    s.addBindValue(runId);
    if (!exec(s, error))
        return std::nullopt;
    rec.shards.reserve(shardCount);
    std::vector<int> pos;   // shard index -> position in rec.shards (-1: none)
    pos.reserve(std::size_t(std::max(0, shardCount)));
    std::vector<bool> fromTable;   // by position: attempts to read from the attempts table
    bool anyFromTable = false;
    while (s.next()) {
        ShardRecord &sh = rec.shards.emplace_back();
        sh.index = s.value(0).toInt();
        sh.shardId = s.value(1).toString();
        sh.shardDigest = s.value(2).toString();
        if (!shardStateFromName(s.value(3).toString(), &sh.state))
            sh.state = ShardState::Failed;
        sh.outputDigest = s.value(4).toString();
        sh.outputBytes = s.value(5).toLongLong();
        sh.costUsd = s.value(6).toDouble();
        sh.sandboxId = s.value(7).toString();
        const QVariant blob = s.value(8);
        const bool table = blob.isNull() || !unpackAttempts(blob.toByteArray(), &sh.attempts);
        fromTable.push_back(table);
        anyFromTable = anyFromTable || table;
        if (sh.index >= 0) {
            if (std::size_t(sh.index) >= pos.size())
                pos.resize(std::size_t(sh.index) + 1, -1);
            pos[std::size_t(sh.index)] = int(rec.shards.size() - 1);
        }
    }
    s.finish();
    const qint64 shardsMs = clock.elapsed();
    if (anyFromTable) {
        // Shards written by schema version 1 (or with a damaged blob): the attempts table.
        auto attempts = readAttempts(runId, error);
        if (!attempts)
            return std::nullopt;
        for (std::size_t i = 0; i < fromTable.size(); ++i) {
            if (fromTable[i])
                rec.shards[qsizetype(i)].attempts.clear();
        }
        for (auto &[shardIndex, at] : *attempts) {
            const int i = shardIndex >= 0 && std::size_t(shardIndex) < pos.size() ? pos[std::size_t(shardIndex)] : -1;
            if (i >= 0 && fromTable[std::size_t(i)])
                rec.shards[i].attempts.append(std::move(at));
        }
    }
    qCDebug(lcRunStore) << "loadRun" << runId << rec.shards.size() << "shards:" << shardsMs << "ms;"
                        << clock.elapsed() - shardsMs << "ms more for schema-1 attempts";
    return rec;
}

bool RunStore::deleteRun(const QString &runId, QString *error)
{
    if (!isValidRunId(runId)) {
        if (error)
            *error = tr("\"%1\" is not a run id.").arg(runId);
        return false;
    }
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    // Children first: the foreign keys cascade only where PRAGMA foreign_keys is on.
    const char *const statements[] = {
        "DELETE FROM journal WHERE run_id=?",
        "DELETE FROM attempts WHERE run_id=?",
        "DELETE FROM shards WHERE run_id=?",
        "DELETE FROM runs WHERE run_id=?",
    };
    int runsDeleted = 0;
    for (const char *sql : statements) {
        QSqlQuery q(d);
        q.prepare(QLatin1String(sql));
        q.addBindValue(runId);
        if (!exec(q, error)) {
            d.rollback();
            return false;
        }
        runsDeleted = q.numRowsAffected();   // the last statement: the runs row
    }
    if (runsDeleted != 1) {
        d.rollback();
        if (error)
            *error = tr("No run \"%1\" in the store %2. List runs with `mrp runs`.").arg(runId, m_dataDir);
        return false;
    }
    if (!d.commit()) {
        if (error)
            *error = tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    // The rows are gone; the folder follows. A folder that cannot be removed is reported, but
    // the run is already deleted from the store.
    QDir dir(runDir(runId));
    if (dir.exists() && !dir.removeRecursively()) {
        if (error)
            *error = tr("Run %1 was deleted from the store, but its folder %2 could not be removed completely.")
                         .arg(runId, dir.path());
        return false;
    }
    return true;
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
    QSqlDatabase d = db();
    // Both rows or neither; a savepoint nests inside commitShard's transaction too.
    if (!execSql(d, QStringLiteral("SAVEPOINT record_attempt"), error))
        return false;
    const auto rollback = [&] {
        execSql(d, QStringLiteral("ROLLBACK TO record_attempt"), nullptr);
        execSql(d, QStringLiteral("RELEASE record_attempt"), nullptr);
        return false;
    };
    QSqlQuery q(d);
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
    if (!exec(q, error))
        return rollback();
    // Appended to the shard's packed attempts (schema 2; NULL there = a schema-1 shard, left so).
    QSqlQuery b(d);
    // `||` yields TEXT (the bytes unchanged in a UTF-8 database): cast back to a BLOB.
    b.prepare(QStringLiteral("UPDATE shards SET attempts_blob = CAST(attempts_blob || ? AS BLOB) "
                             "WHERE run_id=? AND shard_index=? AND attempts_blob IS NOT NULL"));
    b.addBindValue(packAttempt(at));
    b.addBindValue(runId);
    b.addBindValue(index);
    if (!exec(b, error))
        return rollback();
    return execSql(d, QStringLiteral("RELEASE record_attempt"), error) || rollback();
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
