// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "digest.h"
#include "runstore.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace mrp;

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
            QCOMPARE(*store.readObject(sha, &error), QByteArray("{\"x\":1}"));
            QVERIFY(store.journal(run.runId, QStringLiteral("started"), -1, {{QStringLiteral("n"), 3}}));
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
        QCOMPARE(store.journalEntries(run.runId).size(), 1);
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
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
