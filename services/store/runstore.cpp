// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/runstore.h"

#include "store/attemptcodec.h"
#include "store/filesync.h"
#include "store/runlock.h"
#include "data/digest.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunStore)
};

QString hashHex(const QByteArray &b)
{
    return sha256Hex(b);
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
        *error = Tr::tr("Run store error: %1").arg(q.lastError().text());
    qCWarning(lcRunStore) << "query failed:" << q.lastQuery() << q.lastError().text();
    return false;
}

// SQLite files start with this 16-byte header ("SQLite format 3" and a NUL).
bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16);
}

bool execSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = Tr::tr("Run store error: %1").arg(q.lastError().text());
    qCInfo(lcRunStore) << "statement failed:" << sql << q.lastError().text();
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

namespace {
// The connections a thread opened, named with a tag no other thread ever gets (a thread id can
// be reused by the next thread, whose QSqlDatabase would then refuse the dead thread's
// connection), and removed when the thread ends.
QAtomicInteger<quint64> s_nextThreadTag{1};
struct ThreadConnections {
    const quint64 tag = s_nextThreadTag.fetchAndAddRelaxed(1);
    QStringList names;
    ~ThreadConnections()
    {
        if (!QCoreApplication::instance())
            return;   // the main thread after the application: the process is ending
        for (const QString &n : std::as_const(names))
            QSqlDatabase::removeDatabase(n);
    }
};
thread_local ThreadConnections t_connections;
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
    // Every connection of this store, on any thread (a thread that ended removed its own).
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &n : names) {
        if (n.startsWith(m_connectionPrefix + QLatin1Char('-'))) {
            t_connections.names.removeOne(n);
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
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(t_connections.tag);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    t_connections.names.append(name);
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
            *error = Tr::tr("Cannot create the data folder %1. Check its permissions or set MRP_DATA_DIR.").arg(m_dataDir);
        return false;
    }
    // A file that is not SQLite (damaged, or something else under our name) gets one sentence
    // and the way out, not the database's complaint about the first statement it tried.
    const QString damaged = Tr::tr("The run store %1 is not a readable SQLite database (damaged, or not ours). "
                                   "Move it aside (e.g. rename it to runs.sqlite.broken); mrp then makes a new, empty one.")
                                .arg(databasePath());
    const QFileInfo file(databasePath());
    if (file.exists() && (!file.isFile() || (file.size() > 0 && !looksLikeSqlite(databasePath())))) {
        if (error)
            *error = damaged;
        return false;
    }
    QSqlDatabase d = db();
    if (!d.isOpen()) {
        if (error)
            *error = Tr::tr("Cannot open the run store %1: %2").arg(databasePath(), d.lastError().text());
        return false;
    }
    QString detail;
    if (!ensureSchema(&detail)) {
        qCWarning(lcRunStore) << "cannot prepare" << databasePath() << detail;
        if (error)
            *error = damaged;
        return false;
    }
    return true;
}

bool RunStore::ensureSchema(QString *error)
{
    QSqlDatabase d = db();
    // Version 4 (3 + shards.record_count). A shard's attempts are stored once, packed one after the other in
    // shards.attempts_blob (store/attemptcodec.h) as recordAttempt() appends them: opening a
    // 100,000-shard run is one query over the shards and parses no JSON. A shard's cost is the
    // sum of its attempts' costs; the run's events are in runs/<id>/log.jsonl.
    const QStringList ddl = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
                       "finished_at TEXT, status TEXT NOT NULL, job_name TEXT, job_path TEXT, job_digest TEXT, "
                       "plan_digest TEXT, backend TEXT, profile TEXT, shard_count INTEGER NOT NULL DEFAULT 0, "
                       "cost_usd REAL NOT NULL DEFAULT 0, record_json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS shards (run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE, "
                       "shard_index INTEGER NOT NULL, shard_id TEXT NOT NULL, shard_digest TEXT, state TEXT NOT NULL, "
                       "output_digest TEXT, output_bytes INTEGER NOT NULL DEFAULT 0, sandbox_id TEXT, updated_at TEXT, "
                       "attempts_blob BLOB NOT NULL DEFAULT x'', record_count INTEGER NOT NULL DEFAULT 0, "
                       "PRIMARY KEY (run_id, shard_index))"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"),
        QStringLiteral("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '%1')").arg(SchemaVersion),
    };
    for (const QString &s : ddl)
        if (!execSql(d, s, error))
            return false;
    return migrate(error);
}

namespace {

int schemaVersion(QSqlDatabase &d)
{
    QSqlQuery q(d);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QSet<QString> columnsOf(QSqlDatabase &d, const QString &table)
{
    QSet<QString> have;
    QSqlQuery q(d);
    if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        while (q.next())
            have.insert(q.value(1).toString());
    return have;
}

} // namespace

// Versions 1 and 2 kept every attempt in an `attempts` table too (version 1 only there, as
// JSON), the shard's cost in shards.cost_usd and an event `journal` table. Version 3 packs the
// attempts of every shard whose blob is missing or unreadable from that table, then drops the
// table, the journal and the cost column. Version 4 adds shards.record_count (0 for the shards
// of older runs: unknown). One transaction, so a failure changes nothing.
bool RunStore::migrate(QString *error)
{
    QSqlDatabase d = db();
    if (schemaVersion(d) >= SchemaVersion)
        return true;
    // BEGIN IMMEDIATE: another process migrating the same file waits, then finds it done.
    if (!execSql(d, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    const auto fail = [&] {
        execSql(d, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    };
    if (schemaVersion(d) >= SchemaVersion)
        return execSql(d, QStringLiteral("COMMIT"), error) || fail();
    const QSet<QString> shardColumns = columnsOf(d, QStringLiteral("shards"));
    if (!shardColumns.contains(QStringLiteral("attempts_blob"))
        && !execSql(d, QStringLiteral("ALTER TABLE shards ADD COLUMN attempts_blob BLOB"), error))
        return fail();
    if (!shardColumns.contains(QStringLiteral("record_count"))
        && !execSql(d, QStringLiteral("ALTER TABLE shards ADD COLUMN record_count INTEGER NOT NULL DEFAULT 0"), error))
        return fail();
    if (!columnsOf(d, QStringLiteral("attempts")).isEmpty()) {
        // Shards whose attempts are not (readably) packed yet.
        QList<std::pair<QString, int>> todo;
        {
            QSqlQuery s(d);
            s.setForwardOnly(true);
            if (!s.exec(QStringLiteral("SELECT run_id, shard_index, attempts_blob FROM shards"))) {
                if (error)
                    *error = Tr::tr("Run store error: %1").arg(s.lastError().text());
                return fail();
            }
            QList<AttemptRecord> scratch;
            while (s.next()) {
                scratch.clear();
                if (s.value(2).isNull() || !unpackAttempts(s.value(2).toByteArray(), &scratch))
                    todo.append({s.value(0).toString(), s.value(1).toInt()});
            }
        }
        QSqlQuery a(d);
        a.prepare(QStringLiteral("SELECT attempt_json, stdout_tail, stderr_tail FROM attempts "
                                 "WHERE run_id=? AND shard_index=? ORDER BY attempt"));
        QSqlQuery u(d);
        u.prepare(QStringLiteral("UPDATE shards SET attempts_blob=? WHERE run_id=? AND shard_index=?"));
        for (const auto &[runId, index] : std::as_const(todo)) {
            a.addBindValue(runId);
            a.addBindValue(index);
            if (!exec(a, error))
                return fail();
            QByteArray blob;
            while (a.next()) {
                AttemptRecord at = AttemptRecord::fromJson(QJsonDocument::fromJson(a.value(0).toString().toUtf8()).object());
                at.stdoutTail = a.value(1).toString();
                at.stderrTail = a.value(2).toString();
                blob += packAttempt(at);
            }
            a.finish();
            u.addBindValue(blob);
            u.addBindValue(runId);
            u.addBindValue(index);
            if (!exec(u, error))
                return fail();
        }
        if (!execSql(d, QStringLiteral("DROP TABLE attempts"), error))
            return fail();
    }
    if (!execSql(d, QStringLiteral("UPDATE shards SET attempts_blob = x'' WHERE attempts_blob IS NULL"), error)
        || !execSql(d, QStringLiteral("DROP TABLE IF EXISTS journal"), error))
        return fail();
    if (shardColumns.contains(QStringLiteral("cost_usd"))
        && !execSql(d, QStringLiteral("ALTER TABLE shards DROP COLUMN cost_usd"), error))
        return fail();
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
            *error = Tr::tr("Cannot store an artifact in %1: %2").arg(path, f.errorString());
        return QString();
    }
    return sha;
}

QString RunStore::moveObjectFile(const QString &path, QString *error, const QString &knownSha256)
{
    // The digest first (streamed) unless the caller hashed the file already.
    QString sha = knownSha256;
    if (sha.isEmpty()) {
        QString why;
        sha = sha256FileHex(path, &why);
        if (sha.isEmpty()) {
            if (error)
                *error = Tr::tr("Cannot store an artifact: %1").arg(why);
            return QString();
        }
    }
    const QString target = objectPath(sha);
    if (QFileInfo::exists(target) && QFileInfo(target).size() == QFileInfo(path).size()) {
        QFile::remove(path);
        return sha;
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    // Durable, then renamed into place: complete or absent, as QSaveFile would leave it, without
    // reading or writing the content again.
    QString why;
    if (!filesync::syncFile(path, &why)) {
        if (error)
            *error = Tr::tr("Cannot store an artifact in %1: %2").arg(target, why);
        return QString();
    }
    switch (filesync::renameReplacing(path, target, &why)) {
    case filesync::RenameResult::Renamed:
        return sha;
    case filesync::RenameResult::Failed:
        if (error)
            *error = Tr::tr("Cannot store an artifact in %1: %2").arg(target, why);
        return QString();
    case filesync::RenameResult::OtherFileSystem:
        break;
    }
    // Another file system: copied in blocks through QSaveFile (temporary file, fsync, rename).
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("Cannot read %1: %2").arg(path, in.errorString());
        return QString();
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) {
        if (error)
            *error = Tr::tr("Cannot store an artifact in %1: %2").arg(target, out.errorString());
        return QString();
    }
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(chunk.data(), chunk.size());
        if (n < 0 || (n > 0 && out.write(chunk.constData(), n) != n)) {
            if (error)
                *error = Tr::tr("Cannot store an artifact in %1: %2").arg(target, n < 0 ? in.errorString() : out.errorString());
            out.cancelWriting();
            return QString();
        }
        if (n == 0)
            break;
    }
    if (!out.commit()) {
        if (error)
            *error = Tr::tr("Cannot store an artifact in %1: %2").arg(target, out.errorString());
        return QString();
    }
    in.remove();
    return sha;
}

bool RunStore::hasObject(const QString &sha256) const
{
    return isSha(sha256) && QFileInfo::exists(objectPath(sha256));
}

std::optional<QByteArray> RunStore::readObject(const QString &sha256, QString *error) const
{
    if (!isSha(sha256)) {
        if (error)
            *error = Tr::tr("\"%1\" is not a SHA-256 digest.").arg(sha256);
        return std::nullopt;
    }
    QFile f(objectPath(sha256));
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("Artifact %1 is missing from the store (%2).").arg(sha256.left(12), f.fileName());
        return std::nullopt;
    }
    const QByteArray b = f.readAll();
    if (hashHex(b) != sha256) {
        if (error)
            *error = Tr::tr("Artifact %1 is corrupt: its content has another digest.").arg(sha256.left(12));
        return std::nullopt;
    }
    return b;
}

bool RunStore::createRun(const RunRecord &record, QString *error)
{
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
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
    s.prepare(QStringLiteral("INSERT INTO shards (run_id, shard_index, shard_id, shard_digest, state, updated_at, attempts_blob, "
                             "record_count) VALUES (?,?,?,?,?,?,x'',?)"));
    const QString now = isoNow();
    for (const ShardRecord &sh : record.shards) {
        s.addBindValue(record.runId);
        s.addBindValue(sh.index);
        s.addBindValue(sh.shardId);
        s.addBindValue(sh.shardDigest);
        s.addBindValue(shardStateName(sh.state));
        s.addBindValue(now);
        s.addBindValue(sh.recordCount);
        if (!exec(s, error)) {
            d.rollback();
            return false;
        }
    }
    if (!d.commit()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
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
            *error = Tr::tr("No run \"%1\" in the store %2. List runs with `mrp runs`.").arg(runId, m_dataDir);
        return std::nullopt;
    }
    RunRecord rec;
    QString perr;
    const QJsonObject head = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    const int shardCount = q.value(1).toInt();
    q.finish();
    if (!RunRecord::fromJson(head, &rec, &perr)) {
        if (error)
            *error = Tr::tr("The stored record of run %1 is unreadable: %2").arg(runId, perr);
        return std::nullopt;
    }
    // The hot path of opening a run (100,000 shards: tst_bench_timeline): one forward-only
    // query over the shards, columns by position, the attempts unpacked from attempts_blob.
    QSqlQuery s(d);
    s.setForwardOnly(true);
    s.prepare(QStringLiteral("SELECT shard_index, shard_id, shard_digest, state, output_digest, output_bytes, sandbox_id, "
                             "attempts_blob, record_count FROM shards WHERE run_id=? ORDER BY shard_index"));
    s.addBindValue(runId);
    if (!exec(s, error))
        return std::nullopt;
    rec.shards.reserve(shardCount);
    while (s.next()) {
        ShardRecord &sh = rec.shards.emplace_back();
        sh.index = s.value(0).toInt();
        sh.shardId = s.value(1).toString();
        sh.shardDigest = s.value(2).toString();
        if (!shardStateFromName(s.value(3).toString(), &sh.state))
            sh.state = ShardState::Failed;
        sh.outputDigest = s.value(4).toString();
        sh.outputBytes = s.value(5).toLongLong();
        sh.sandboxId = s.value(6).toString();
        sh.recordCount = s.value(8).toLongLong();
        if (!unpackAttempts(s.value(7).toByteArray(), &sh.attempts)) {
            if (error)
                *error = Tr::tr("The stored attempts of shard %1 of run %2 are damaged. Move %3 aside to start a new "
                            "store, or delete the run.").arg(sh.shardId, runId, databasePath());
            return std::nullopt;
        }
        for (const AttemptRecord &a : std::as_const(sh.attempts))
            sh.costUsd += a.costUsd;
    }
    s.finish();
    qCDebug(lcRunStore) << "loadRun" << runId << rec.shards.size() << "shards:" << clock.elapsed() << "ms";
    return rec;
}

bool RunStore::deleteRun(const QString &runId, QString *error)
{
    if (!isValidRunId(runId)) {
        if (error)
            *error = Tr::tr("\"%1\" is not a run id.").arg(runId);
        return false;
    }
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    // Children first: the foreign keys cascade only where PRAGMA foreign_keys is on.
    const char *const statements[] = {
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
            *error = Tr::tr("No run \"%1\" in the store %2. List runs with `mrp runs`.").arg(runId, m_dataDir);
        return false;
    }
    if (!d.commit()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
        return false;
    }
    // The rows are gone; the folder follows. A folder that cannot be removed is reported, but
    // the run is already deleted from the store.
    QDir dir(runDir(runId));
    if (dir.exists() && !dir.removeRecursively()) {
        if (error)
            *error = Tr::tr("Run %1 was deleted from the store, but its folder %2 could not be removed completely.")
                         .arg(runId, dir.path());
        return false;
    }
    return true;
}

QString RunStore::currentStatus(const QString &dataDir, const QString &runId, const QString &storedStatus)
{
    if (storedStatus == u"running" && !RunLock::isHeld(dataDir, runId))
        return QStringLiteral("interrupted");
    return storedStatus;
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
        s.status = currentStatus(m_dataDir, s.runId, s.status);
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
    // Appended to the shard's packed attempts; the same attempt number again replaces the
    // earlier entry when read (attemptcodec.h).
    QSqlQuery b(db());
    // `||` yields TEXT (the bytes unchanged in a UTF-8 database): cast back to a BLOB.
    b.prepare(QStringLiteral("UPDATE shards SET attempts_blob = CAST(attempts_blob || ? AS BLOB) "
                             "WHERE run_id=? AND shard_index=?"));
    b.addBindValue(packAttempt(at));
    b.addBindValue(runId);
    b.addBindValue(index);
    if (!exec(b, error))
        return false;
    if (b.numRowsAffected() != 1) {
        if (error)
            *error = Tr::tr("Shard %1 of run %2 is not in the store.").arg(index).arg(runId);
        return false;
    }
    return true;
}

QString RunStore::commitShard(const QString &runId, const ShardRecord &shard, const AttemptRecord &attempt,
                              const QString &outputFile, QString *error)
{
    const qint64 bytes = QFileInfo(outputFile).size();
    const QString sha = moveObjectFile(outputFile, error, shard.outputDigest);
    if (sha.isEmpty())
        return QString();
    QSqlDatabase d = db();
    if (!d.transaction()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
        return QString();
    }
    AttemptRecord ok = attempt;
    ok.errorClass = ErrorClass::None;
    if (!recordAttempt(runId, shard.index, ok, error)) {
        d.rollback();
        return QString();
    }
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE shards SET state='done', output_digest=?, output_bytes=?, sandbox_id=?, "
                             "updated_at=? WHERE run_id=? AND shard_index=?"));
    q.addBindValue(sha);
    q.addBindValue(bytes);
    q.addBindValue(attempt.sandboxId);
    q.addBindValue(isoNow());
    q.addBindValue(runId);
    q.addBindValue(shard.index);
    if (!exec(q, error) || q.numRowsAffected() != 1) {
        if (error && error->isEmpty())
            *error = Tr::tr("Shard %1 of run %2 is not in the store.").arg(shard.shardId, runId);
        d.rollback();
        return QString();
    }
    if (!d.commit()) {
        if (error)
            *error = Tr::tr("Run store error: %1").arg(d.lastError().text());
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
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT attempts_blob FROM shards WHERE run_id=?"));
    q.addBindValue(runId);
    if (!q.exec())
        return -1;
    int n = 0;
    QList<AttemptRecord> attempts;
    while (q.next()) {
        attempts.clear();
        if (!unpackAttempts(q.value(0).toByteArray(), &attempts))
            return -1;
        n += int(attempts.size());
    }
    return n;
}

} // namespace mrp
