// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/digest.h"
#include "store/runlock.h"
#include "store/runstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace mrp;
using namespace Qt::StringLiterals;

class TestRunStore : public QObject
{
    Q_OBJECT

    static RunRecord makeRun(int shards)
    {
        RunRecord r;
        r.runId = RunStore::newRunId();
        r.status = QStringLiteral("running");
        r.createdAt = QDateTime::currentDateTimeUtc();
        r.jobName = QStringLiteral("job");
        r.backend = QStringLiteral("local");
        for (int i = 0; i < shards; ++i) {
            ShardRecord s;
            s.index = i;
            s.shardId = QStringLiteral("shard-%1").arg(i);
            s.shardDigest = sha256Hex(s.shardId.toUtf8());
            r.shards.append(s);
        }
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dataDirFromEnvironment()
    {
        QTemporaryDir dir;
        qputenv("MRP_DATA_DIR", dir.path().toUtf8());
        QCOMPARE(RunStore::defaultDataDir(), dir.path());
        qunsetenv("MRP_DATA_DIR");
        QVERIFY(RunStore::defaultDataDir() != dir.path());
    }

    void roundTripAndDurableCommit()
    {
        QTemporaryDir dir;
        QString error;
        RunRecord run = makeRun(3);
        {
            RunStore store(dir.path());
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY2(store.createRun(run, &error), qPrintable(error));
            QCOMPARE(store.countShards(run.runId, ShardState::Queued), 3);

            const QString out = dir.filePath(QStringLiteral("out.json"));
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"x\":1}");
            f.close();
            AttemptRecord failed;
            failed.number = 1;
            failed.errorClass = ErrorClass::ServerError;
            failed.end = QDateTime::currentDateTimeUtc();
            QVERIFY(store.recordAttempt(run.runId, 1, failed, &error));
            AttemptRecord ok;
            ok.number = 2;
            ok.start = QDateTime::currentDateTimeUtc();
            ok.end = ok.start;
            ok.stdoutTail = QStringLiteral("hello");
            const QString sha = store.commitShard(run.runId, run.shards[1], ok, out, &error);
            QCOMPARE(sha, sha256Hex("{\"x\":1}"));
            QVERIFY(store.hasObject(sha));
            QVERIFY(!QFile::exists(out));   // moved into the store, not copied
            QCOMPARE(*store.readObject(sha, &error), QByteArray("{\"x\":1}"));
            run.status = QStringLiteral("ok");
            run.finishedAt = QDateTime::currentDateTimeUtc();
            run.reduceOutputDigest = sha;
            QVERIFY(store.updateRun(run, &error));
        }
        // A new store object (as after a restart) sees everything.
        RunStore store(dir.path());
        QVERIFY(store.open(&error));
        const auto loaded = store.loadRun(run.runId, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->status, QStringLiteral("ok"));
        QCOMPARE(loaded->reduceOutputDigest, run.reduceOutputDigest);
        QCOMPARE(loaded->shards.size(), 3);
        QCOMPARE(loaded->shards[1].state, ShardState::Done);
        QCOMPARE(loaded->shards[1].attempts.size(), 2);
        QCOMPARE(loaded->shards[1].attempts[0].errorClass, ErrorClass::ServerError);
        QCOMPARE(loaded->shards[1].attempts[1].stdoutTail, QStringLiteral("hello"));
        QCOMPARE(loaded->shards[0].state, ShardState::Queued);
        QCOMPARE(store.listRuns().size(), 1);
        QCOMPARE(store.listRuns().first().done, 1);
        QCOMPARE(store.resolveRunId(run.runId.left(10)), run.runId);

        // A corrupt object is detected.
        QFile obj(store.objectPath(run.reduceOutputDigest));
        QVERIFY(obj.open(QIODevice::WriteOnly));
        obj.write("tampered");
        obj.close();
        QVERIFY(!store.readObject(run.reduceOutputDigest, &error));
        QVERIFY(error.contains(QStringLiteral("corrupt")));
    }

    void walAndConnectionPerThread()
    {
        QTemporaryDir dir;
        QString error;
        RunStore store(dir.path());
        QVERIFY(store.open(&error));
        RunRecord run = makeRun(40);
        QVERIFY(store.createRun(run, &error));
        // Commit shards from several threads at once: each thread uses its own connection.
        QList<int> indexes;
        for (int i = 0; i < 40; ++i)
            indexes.append(i);
        const QString base = dir.path();
        QtConcurrent::blockingMap(indexes, [&](int i) {
            const QString out = base + QStringLiteral("/o%1.json").arg(i);
            QFile f(out);
            if (f.open(QIODevice::WriteOnly)) {
                f.write(QByteArray::number(i));
                f.close();
            }
            AttemptRecord a;
            a.start = a.end = QDateTime::currentDateTimeUtc();
            QString e;
            store.commitShard(run.runId, run.shards[i], a, out, &e);
        });
        QCOMPARE(store.countShards(run.runId, ShardState::Done), 40);
        QCOMPARE(store.countAttempts(run.runId), 40);
        QFile wal(store.databasePath() + QStringLiteral("-wal"));
        QVERIFY(wal.exists());   // WAL mode
    }

    // Every AttemptRecord field survives the store (schema version 2 reads columns, not JSON).
    void attemptFieldsRoundTrip()
    {
        QTemporaryDir dir;
        QString error;
        RunStore store(dir.path());
        QVERIFY2(store.open(&error), qPrintable(error));
        RunRecord run = makeRun(2);
        QVERIFY2(store.createRun(run, &error), qPrintable(error));
        AttemptRecord a;
        a.number = 3;
        a.backup = true;
        a.start = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), QTimeZone::UTC);
        a.end = a.start.addMSecs(12'345);
        a.phases = {11, 22, -1, 44, 55};
        a.exitCode = 7;
        a.errorClass = ErrorClass::OperatorError;
        a.message = QStringLiteral("boom: ünïcode");
        a.stdoutDigest = sha256Hex("out");
        a.stderrDigest = sha256Hex("err");
        a.stdoutBytes = 5'000'000'000;
        a.stderrBytes = 17;
        a.stdoutTail = QStringLiteral("tail out");
        a.stderrTail = QStringLiteral("tail err");
        a.sandboxId = QStringLiteral("sb-1");
        a.costUsd = 0.125;
        AttemptRecord inFlight = a;   // recorded first while running, then again when it ended
        inFlight.end = QDateTime();
        inFlight.stdoutTail.clear();
        QVERIFY2(store.recordAttempt(run.runId, 1, inFlight, &error), qPrintable(error));
        QVERIFY2(store.recordAttempt(run.runId, 1, a, &error), qPrintable(error));
        AttemptRecord open;   // in flight: no end, no phases
        open.number = 4;
        open.start = a.end;
        QVERIFY2(store.recordAttempt(run.runId, 1, open, &error), qPrintable(error));

        const auto loaded = store.loadRun(run.runId, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->shards.at(0).attempts.size(), 0);
        QCOMPARE(loaded->shards.at(1).attempts.size(), 2);
        const AttemptRecord &b = loaded->shards.at(1).attempts.at(0);
        QCOMPARE(b.number, 3);
        QCOMPARE(b.backup, true);
        QCOMPARE(b.start, a.start);
        QCOMPARE(b.start.timeSpec(), Qt::UTC);
        QCOMPARE(b.end, a.end);
        QCOMPARE(b.phases.queueMs, 11);
        QCOMPARE(b.phases.createMs, 22);
        QCOMPARE(b.phases.uploadMs, -1);
        QCOMPARE(b.phases.execMs, 44);
        QCOMPARE(b.phases.downloadMs, 55);
        QCOMPARE(b.exitCode, 7);
        QCOMPARE(b.errorClass, ErrorClass::OperatorError);
        QCOMPARE(b.message, a.message);
        QCOMPARE(b.stdoutDigest, a.stdoutDigest);
        QCOMPARE(b.stderrDigest, a.stderrDigest);
        QCOMPARE(b.stdoutBytes, a.stdoutBytes);
        QCOMPARE(b.stderrBytes, a.stderrBytes);
        QCOMPARE(b.stdoutTail, a.stdoutTail);
        QCOMPARE(b.stderrTail, a.stderrTail);
        QCOMPARE(b.sandboxId, a.sandboxId);
        QCOMPARE(b.costUsd, a.costUsd);
        // Same as the JSON form, field for field.
        QCOMPARE(b.toJson(), a.toJson());
        const AttemptRecord &c = loaded->shards.at(1).attempts.at(1);
        QCOMPARE(c.number, 4);
        QCOMPARE(c.start, open.start);
        QVERIFY(!c.end.isValid());
        QCOMPARE(c.toJson(), open.toJson());
        QCOMPARE(store.countAttempts(run.runId), 2);

        // A packed form this build does not know: one clear sentence naming the shard, the run
        // and the way out, never a guess.
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(store.databasePath());
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("UPDATE shards SET attempts_blob = x'0700000009' WHERE shard_index = 1")));
            QCOMPARE(q.numRowsAffected(), 1);
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        error.clear();
        QVERIFY(!store.loadRun(run.runId, &error));
        QVERIFY2(error.contains(run.shards.at(1).shardId) && error.contains(run.runId) && error.contains(u"damaged"_s)
                     && error.contains(store.databasePath()),
                 qPrintable(error));
    }

    // A store written by schema version 1 (attempt_json only) opens, migrates and reads.
    void migratesVersion1Store()
    {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("runs.sqlite"));
        AttemptRecord old;
        old.number = 1;
        old.start = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 6), QTimeZone::UTC);
        old.end = old.start.addSecs(9);
        old.phases = {1, 2, 3, 4, 5};
        old.exitCode = 0;
        old.message = QStringLiteral("from version 1");
        old.costUsd = 0.5;
        {
            QSqlDatabase v1 = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            v1.setDatabaseName(dbPath);
            QVERIFY(v1.open());
            QSqlQuery q(v1);
            // The version-1 DDL, verbatim.
            const QStringList ddl = {
                QStringLiteral("CREATE TABLE runs (run_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
                               "finished_at TEXT, status TEXT NOT NULL, job_name TEXT, job_path TEXT, job_digest TEXT, "
                               "plan_digest TEXT, backend TEXT, profile TEXT, shard_count INTEGER NOT NULL DEFAULT 0, "
                               "cost_usd REAL NOT NULL DEFAULT 0, record_json TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE shards (run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE, "
                               "shard_index INTEGER NOT NULL, shard_id TEXT NOT NULL, shard_digest TEXT, state TEXT NOT NULL, "
                               "output_digest TEXT, output_bytes INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0, "
                               "sandbox_id TEXT, updated_at TEXT, PRIMARY KEY (run_id, shard_index))"),
                QStringLiteral("CREATE TABLE attempts (run_id TEXT NOT NULL, shard_index INTEGER NOT NULL, "
                               "attempt INTEGER NOT NULL, backup INTEGER NOT NULL DEFAULT 0, error_class TEXT, exit_code INTEGER, "
                               "started_at TEXT, ended_at TEXT, sandbox_id TEXT, cost_usd REAL NOT NULL DEFAULT 0, "
                               "stdout_tail TEXT, stderr_tail TEXT, attempt_json TEXT NOT NULL, "
                               "PRIMARY KEY (run_id, shard_index, attempt), "
                               "FOREIGN KEY (run_id, shard_index) REFERENCES shards(run_id, shard_index) ON DELETE CASCADE)"),
                QStringLiteral("CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, "
                               "at TEXT NOT NULL, kind TEXT NOT NULL, shard_index INTEGER, payload TEXT)"),
                QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"),
                QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema_version', '1')"),
                QStringLiteral("INSERT INTO runs (run_id, created_at, status, shard_count, record_json) VALUES "
                               "('rold', '2025-01-02T03:00:00.000Z', 'ok', 1, "
                               "'{\"schema\":\"mrp.run-record\",\"schema_version\":1,\"run_id\":\"rold\",\"status\":\"ok\","
                               "\"created_at\":\"2025-01-02T03:00:00.000Z\"}')"),
                QStringLiteral("INSERT INTO shards (run_id, shard_index, shard_id, state) VALUES ('rold', 0, 'shard-0', 'done')"),
            };
            for (const QString &sql : ddl)
                QVERIFY2(q.exec(sql), qPrintable(sql + QLatin1Char(' ') + q.lastQuery()));
            q.prepare(QStringLiteral("INSERT INTO attempts (run_id, shard_index, attempt, error_class, exit_code, stdout_tail, "
                                     "attempt_json) VALUES ('rold', 0, 1, 'none', 0, 'old tail', ?)"));
            q.addBindValue(QString::fromUtf8(QJsonDocument(old.toJson()).toJson(QJsonDocument::Compact)));
            QVERIFY(q.exec());
            v1.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        QString error;
        RunStore store(dir.path());
        QVERIFY2(store.open(&error), qPrintable(error));
        {
            QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            check.setDatabaseName(dbPath);
            QVERIFY(check.open());
            QSqlQuery q(check);
            QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) && q.next());
            QCOMPARE(q.value(0).toInt(), RunStore::SchemaVersion);
            // One stored shape: the attempts and journal tables and the shard cost column are gone.
            QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                                          "ORDER BY name")));
            QStringList tables;
            while (q.next())
                tables << q.value(0).toString();
            QCOMPARE(tables, (QStringList{u"meta"_s, u"runs"_s, u"shards"_s}));
            QVERIFY(q.exec(QStringLiteral("PRAGMA table_info(shards)")));
            QStringList columns;
            while (q.next())
                columns << q.value(1).toString();
            QVERIFY2(!columns.contains(u"cost_usd"_s) && columns.contains(u"attempts_blob"_s), qPrintable(columns.join(u' ')));
            q.finish();
            check.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));

        auto loaded = store.loadRun(QStringLiteral("rold"), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->shards.size(), 1);
        QCOMPARE(loaded->shards.at(0).state, ShardState::Done);
        QCOMPARE(loaded->shards.at(0).attempts.size(), 1);
        QCOMPARE(loaded->shards.at(0).attempts.at(0).toJson(), old.toJson());
        QCOMPARE(loaded->shards.at(0).attempts.at(0).stdoutTail, QStringLiteral("old tail"));
        QCOMPARE(loaded->shards.at(0).costUsd, old.costUsd);   // the sum of its attempts' costs

        // A new attempt after the migration sits next to the old one; a second open is a no-op.
        AttemptRecord next = old;
        next.number = 2;
        next.message = QStringLiteral("from version 2");
        QVERIFY2(store.recordAttempt(QStringLiteral("rold"), 0, next, &error), qPrintable(error));
        RunStore again(dir.path());
        QVERIFY2(again.open(&error), qPrintable(error));
        loaded = again.loadRun(QStringLiteral("rold"), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->shards.at(0).attempts.size(), 2);
        QCOMPARE(loaded->shards.at(0).attempts.at(0).message, QStringLiteral("from version 1"));
        QCOMPARE(loaded->shards.at(0).attempts.at(1).toJson(), next.toJson());
        QCOMPARE(loaded->shards.at(0).costUsd, old.costUsd + next.costUsd);
    }

    // A run recorded as running is listed as running while a live process holds its lock, and
    // as interrupted once none does (killed, crashed, quit before its end was written); the
    // stored status stays running.
    void runningWithoutAHolderIsInterrupted()
    {
        QTemporaryDir dir;
        QString error;
        RunStore store(dir.path());
        QVERIFY2(store.open(&error), qPrintable(error));
        RunRecord r = makeRun(2);
        r.status = QStringLiteral("running");
        QVERIFY2(store.createRun(r, &error), qPrintable(error));
        const auto listed = [&] {
            const QList<RunSummary> runs = store.listRuns(&error);
            return runs.size() == 1 ? runs.first().status : QString();
        };
        {
            RunLock lock;
            QVERIFY(lock.acquire(store.dataDir(), r.runId));
            QCOMPARE(listed(), QStringLiteral("running"));
            QCOMPARE(RunStore::currentStatus(store.dataDir(), r.runId, QStringLiteral("running")), QStringLiteral("running"));
        }
        QCOMPARE(listed(), QStringLiteral("interrupted"));
        QCOMPARE(RunStore::currentStatus(store.dataDir(), r.runId, QStringLiteral("running")), QStringLiteral("interrupted"));
        QCOMPARE(store.loadRun(r.runId, &error)->status, QStringLiteral("running"));
        QCOMPARE(RunStore::currentStatus(store.dataDir(), r.runId, QStringLiteral("cancelled")), QStringLiteral("cancelled"));
    }

    void deleteRunRemovesRowsAndFolder()
    {
        QTemporaryDir dir;
        QString error;
        RunStore store(dir.path());
        QVERIFY2(store.open(&error), qPrintable(error));
        RunRecord gone = makeRun(4);
        RunRecord kept = makeRun(3);
        kept.runId = gone.runId + QStringLiteral("-kept");
        for (RunRecord *r : {&gone, &kept}) {
            QVERIFY2(store.createRun(*r, &error), qPrintable(error));
            for (const ShardRecord &s : std::as_const(r->shards)) {
                AttemptRecord a;
                a.start = a.end = QDateTime::currentDateTimeUtc();
                QVERIFY2(store.recordAttempt(r->runId, s.index, a, &error), qPrintable(error));
            }
            QVERIFY(QDir().mkpath(store.outputDir(r->runId)));
            QFile f(QDir(store.outputDir(r->runId)).filePath(QStringLiteral("out.csv")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("a,b\n");
        }
        const auto rows = [&](const QString &table, const QString &runId) {
            QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
            d.setDatabaseName(store.databasePath());
            int n = -1;
            if (d.open()) {
                QSqlQuery q(d);
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE run_id=?").arg(table));
                q.addBindValue(runId);
                if (q.exec() && q.next())
                    n = q.value(0).toInt();
            }
            d = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("count"));
            return n;
        };
        const QStringList tables = {QStringLiteral("runs"), QStringLiteral("shards")};
        const QList<int> before = {1, 4};
        for (int t = 0; t < tables.size(); ++t)
            QCOMPARE(rows(tables.at(t), gone.runId), before.at(t));

        QVERIFY2(store.deleteRun(gone.runId, &error), qPrintable(error));
        for (const QString &t : tables)
            QCOMPARE(rows(t, gone.runId), 0);
        QVERIFY(!store.runExists(gone.runId));
        QVERIFY(!QFileInfo::exists(store.runDir(gone.runId)));
        QVERIFY(!store.loadRun(gone.runId, &error));

        // The other run is intact: rows, folder, record.
        const QList<int> keptRows = {1, 3};
        for (int t = 0; t < tables.size(); ++t)
            QCOMPARE(rows(tables.at(t), kept.runId), keptRows.at(t));
        QVERIFY(QFileInfo::exists(QDir(store.outputDir(kept.runId)).filePath(QStringLiteral("out.csv"))));
        const auto loaded = store.loadRun(kept.runId, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->shards.size(), 3);
        QCOMPARE(loaded->shards.at(2).attempts.size(), 1);
        QCOMPARE(store.listRuns().size(), 1);

        // Unknown, already deleted or malformed ids fail and change nothing.
        error.clear();
        QVERIFY(!store.deleteRun(gone.runId, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!store.deleteRun(QStringLiteral("../x"), &error));
        QCOMPARE(rows(QStringLiteral("shards"), kept.runId), 3);
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
