// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "fakebackend.h"
#include "secrets/memorysecretstore.h"
#include "run/runengine.h"
#include "run/runlog.h"
#include "store/runstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using mrp::test::FakeBackend;
using mrp::test::FakeStep;

class TestEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_jobs;

    static void writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }

    QString makeJob(const QString &name, int records, const QByteArray &backend = "local", const QByteArray &extraPolicy = {})
    {
        const QString dir = m_jobs.filePath(name);
        QDir().mkpath(dir);
        QByteArray data;
        for (int i = 0; i < records; ++i)
            data += "{\"id\": " + QByteArray::number(i) + "}\n";
        writeFile(dir + QStringLiteral("/data.jsonl"), data);
        writeFile(dir + QStringLiteral("/op.py"), "def map_shard(records):\n    return [r['id'] for r in records]\n");
        writeFile(dir + QStringLiteral("/job.yaml"),
                  "version: 1\nname: engine-test\ndataset:\n  path: data.jsonl\n  shard_size: 1\n"
                  "map:\n  language: python\n  operator: op.py\n  entrypoint: map_shard\n"
                  "reduce:\n  builtin: concat\nproduce:\n  - { format: json, path: all.json }\n"
                  "execution_backend: " + backend + "\npolicy:\n  max_concurrency_map: 2\n  shard_timeout_s: 10\n  max_retries: 1\n"
                  + extraPolicy);
        return dir + QStringLiteral("/job.yaml");
    }

    struct Run {
        RunOutcome outcome;
        QString runId;
        QString error;
        RunRecord record;
        int finishedSignals = 0;
        int runStarted = 0;
    };

    static Run run(RunStore *store, const RunOptions &opts, FakeBackend **backendOut = nullptr,
                   std::function<FakeStep(const QString &, int)> script = {}, std::function<void(RunEngine &)> during = {})
    {
        RunEngine engine(store);
        FakeBackend *made = nullptr;
        engine.setBackendFactory([&made, script](const Plan &, QString *) {
            auto b = std::make_unique<FakeBackend>();
            b->script = script;
            made = b.get();
            return std::unique_ptr<SandboxBackend>(std::move(b));
        });
        QSignalSpy fin(&engine, &RunEngine::finished);
        QSignalSpy started(&engine, &RunEngine::runStarted);
        RunOptions o = opts;
        o.backoffBaseMs = 5;
        o.jitterSeed = 7;
        engine.start(o);
        if (during)
            during(engine);
        if (fin.isEmpty())
            fin.wait(20000);
        QTest::qWait(20);
        Run r{engine.outcome(), engine.runId(), engine.errorMessage(), engine.record(), int(fin.size()), int(started.size())};
        if (backendOut)
            *backendOut = nullptr;
        if (made) {
            // Nothing may be left alive once finished() fired.
            if (!made->alive.isEmpty())
                r.error += QStringLiteral(" [LEAKED SANDBOXES]");
        }
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("DAYTONA_API_KEY");
    }

    void okRunRecordsEverything()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("ok"), 5);
        const Run r = run(&store, o);
        QCOMPARE(r.finishedSignals, 1);
        QCOMPARE(r.runStarted, 1);
        QVERIFY2(r.outcome == RunOutcome::Ok, qPrintable(r.error));
        QCOMPARE(r.record.countInState(ShardState::Done), 5);
        QCOMPARE(r.record.reduceOutputDigest.size(), 64);
        QCOMPARE(r.record.reduceInputOrderDigest.size(), 64);
        QCOMPARE(r.record.produce.size(), 1);
        QVERIFY(!r.record.toolVersions.value(QStringLiteral("qt")).isEmpty());
        // run.json round-trips and matches the store.
        QFile f(QDir(store.runDir(r.runId)).filePath(QStringLiteral("run.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        RunRecord fromFile;
        QString error;
        QVERIFY2(RunRecord::fromJson(QJsonDocument::fromJson(f.readAll()).object(), &fromFile, &error), qPrintable(error));
        QCOMPARE(fromFile.status, QStringLiteral("ok"));
        QCOMPARE(fromFile.shards.size(), 5);
        QCOMPARE(fromFile.shards[3].attempts.size(), 1);
        QCOMPARE(store.countShards(r.runId, ShardState::Done), 5);
        // The produced file is the concat of the fake outputs in shard order.
        QFile out(QDir(store.outputDir(r.runId)).filePath(QStringLiteral("all.json")));
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QJsonArray a = QJsonDocument::fromJson(out.readAll()).array();
        QCOMPARE(a.size(), 5);
        QCOMPARE(a.at(0).toObject().value(QStringLiteral("shard")).toString(), r.record.shards[0].shardId);
        QCOMPARE(a.at(4).toObject().value(QStringLiteral("shard")).toString(), r.record.shards[4].shardId);
        // The log has structured lines with the run id.
        QFile log(QDir(store.runDir(r.runId)).filePath(QStringLiteral("log.jsonl")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
        QVERIFY(lines.size() >= 7);
        QCOMPARE(QJsonDocument::fromJson(lines.constFirst()).object().value(QStringLiteral("event")).toString(), QStringLiteral("run_started"));
        QCOMPARE(QJsonDocument::fromJson(lines.constLast()).object().value(QStringLiteral("run_id")).toString(), r.runId);
    }

    void failedShardSkipsReduce()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("fail"), 4);
        const Run r = run(&store, o, nullptr, [](const QString &id, int) {
            return id == u"shard-00002" ? FakeStep{FakeStep::ExitCode, ErrorClass::None, 3, -1, 5} : FakeStep{};
        });
        QCOMPARE(r.outcome, RunOutcome::ShardsFailed);
        QCOMPARE(r.record.countInState(ShardState::Failed), 1);
        QVERIFY(r.record.reduceOutputDigest.isEmpty());
        QVERIFY(r.error.contains(QStringLiteral("shard-00002")));
        const auto stored = store.loadRun(r.runId, nullptr);
        QVERIFY(stored);
        QCOMPARE(stored->status, QStringLiteral("failed"));
        QCOMPARE(stored->shards[2].state, ShardState::Failed);
        QCOMPARE(stored->shards[2].attempts.size(), 1);
        QCOMPARE(stored->shards[2].attempts[0].errorClass, ErrorClass::OperatorError);
    }

    void resumeRerunsOnlyMissingShards()
    {
        QTemporaryDir clean, data;
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("resume"), 6);
        RunStore cleanStore(clean.path());
        const Run reference = run(&cleanStore, o);
        QCOMPARE(reference.outcome, RunOutcome::Ok);

        RunStore store(data.path());
        const Run first = run(&store, o, nullptr, [](const QString &id, int) {
            return id == u"shard-00004" ? FakeStep{FakeStep::ExitCode, ErrorClass::None, 3, -1, 5} : FakeStep{};
        });
        QCOMPARE(first.outcome, RunOutcome::ShardsFailed);

        RunOptions again;
        again.resumeRunId = first.runId;   // the job path comes from the store
        RunEngine engine(&store);
        FakeBackend *made = nullptr;
        engine.setBackendFactory([&made](const Plan &, QString *) {
            auto b = std::make_unique<FakeBackend>();
            made = b.get();
            return std::unique_ptr<SandboxBackend>(std::move(b));
        });
        QSignalSpy fin(&engine, &RunEngine::finished);
        engine.start(again);
        QVERIFY(fin.wait(20000));
        QCOMPARE(engine.outcome(), RunOutcome::Ok);
        QCOMPARE(engine.runId(), first.runId);
        QVERIFY(made);
        QCOMPARE(made->execs, 1);   // only shard-00004 ran again
        const RunRecord rec = engine.record();
        QCOMPARE(rec.sessions, 2);
        QCOMPARE(rec.shards[4].attempts.size(), 2);
        QCOMPARE(rec.shards[4].attempts[1].number, 2);
        QVERIFY(rec.shards[0].reused);
        QCOMPARE(rec.reduceOutputDigest, reference.record.reduceOutputDigest);
        QCOMPARE(rec.reduceInputOrderDigest, reference.record.reduceInputOrderDigest);
        QCOMPARE(rec.produce.first().sha256, reference.record.produce.first().sha256);
    }

    // A resume refused before the run reopens (here: the operator changed since) says why and
    // leaves the stored run exactly as it was: its run.json, its status and its shards.
    void refusedResumeLeavesTheRecordAlone()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("resume-refused"), 4);
        const Run first = run(&store, o, nullptr, [](const QString &id, int) {
            return id == u"shard-00002" ? FakeStep{FakeStep::ExitCode, ErrorClass::None, 3, -1, 5} : FakeStep{};
        });
        QCOMPARE(first.outcome, RunOutcome::ShardsFailed);
        const QString runJson = QDir(store.runDir(first.runId)).filePath(QStringLiteral("run.json"));
        QFile before(runJson);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray recordBefore = before.readAll();
        before.close();
        QVERIFY(recordBefore.contains("\"failed\""));

        writeFile(QFileInfo(o.jobPath).absolutePath() + QStringLiteral("/op.py"),
                  "def map_shard(records):\n    return [r['id'] * 2 for r in records]\n");
        RunOptions again;
        again.resumeRunId = first.runId;
        RunEngine engine(&store);
        engine.setBackendFactory([](const Plan &, QString *) { return std::unique_ptr<SandboxBackend>(new FakeBackend); });
        QSignalSpy fin(&engine, &RunEngine::finished);
        engine.start(again);
        QVERIFY(fin.wait(20000));
        QCOMPARE(engine.outcome(), RunOutcome::Invalid);
        QVERIFY2(engine.errorMessage().contains(QStringLiteral("cannot be resumed")), qPrintable(engine.errorMessage()));

        QFile after(runJson);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), recordBefore);
        const auto stored = store.loadRun(first.runId, nullptr);
        QVERIFY(stored);
        QCOMPARE(stored->status, QStringLiteral("failed"));
        QCOMPARE(stored->shards.size(), 4);
        QCOMPARE(stored->countInState(ShardState::Done), 3);
    }

    void cancelDestroysEverything()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("cancel"), 8);
        RunEngine engine(&store);
        FakeBackend *made = nullptr;
        engine.setBackendFactory([&made](const Plan &, QString *) {
            auto b = std::make_unique<FakeBackend>();
            b->script = [](const QString &, int) { return FakeStep{FakeStep::Hang, ErrorClass::None, 0, -1, 0}; };
            made = b.get();
            return std::unique_ptr<SandboxBackend>(std::move(b));
        });
        QSignalSpy fin(&engine, &RunEngine::finished);
        engine.start(o);
        QTRY_VERIFY_WITH_TIMEOUT(made && made->runningExecs == 2, 10000);
        engine.cancel();
        QVERIFY(fin.wait(10000));
        QCOMPARE(fin.size(), 1);
        QCOMPARE(engine.outcome(), RunOutcome::Cancelled);
        QVERIFY(made->alive.isEmpty());
        QCOMPARE(made->runningExecs, 0);
        QCOMPARE(store.countShards(engine.runId(), ShardState::Done), 0);
        const auto rec = store.loadRun(engine.runId(), nullptr);
        QCOMPARE(rec->status, QStringLiteral("cancelled"));
        // The record says how to go on, in either front end, with this run's id.
        QVERIFY2(rec->message.contains(QStringLiteral("Resume Run in the workbench")), qPrintable(rec->message));
        QVERIFY2(rec->message.contains(QStringLiteral("mrp run --resume ") + engine.runId()), qPrintable(rec->message));
    }

    // Cancel while the compile reads a large dataset: datasetProgress() said how far it got,
    // finished() follows at once (Cancelled), and the run never opened: no record, no run
    // folder, no payload, no sandbox.
    void cancelWhileCompilingLeavesNothing()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("cancel-compile"), 1);
        const QString dataPath = QFileInfo(o.jobPath).absolutePath() + QStringLiteral("/data.jsonl");
        {
            QFile job(o.jobPath);
            QVERIFY(job.open(QIODevice::ReadWrite));
            const QByteArray yaml = job.readAll().replace("shard_size: 1\n", "shard_size: 1000\n");
            QVERIFY(job.resize(0) && job.seek(0));
            job.write(yaml);
        }
        {
            QFile f(dataPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray block;
            for (int i = 0; i < 4000; ++i)
                block += "{\"id\": " + QByteArray::number(i) + ", \"pad\": \"" + QByteArray(200, 'p') + "\"}\n";
            while (f.size() < (64 << 20))
                f.write(block);
        }
        RunEngine engine(&store);
        bool backendMade = false;
        engine.setBackendFactory([&backendMade](const Plan &, QString *) {
            backendMade = true;
            return std::unique_ptr<SandboxBackend>(std::make_unique<FakeBackend>());
        });
        QSignalSpy fin(&engine, &RunEngine::finished);
        QSignalSpy started(&engine, &RunEngine::runStarted);
        QSignalSpy progress(&engine, &RunEngine::datasetProgress);
        engine.start(o);
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.constLast().at(0).toLongLong() > 0, 30000);
        QVERIFY2(fin.isEmpty(), "the compile ended before it could be cancelled");
        QCOMPARE(progress.constLast().at(1).toLongLong(), QFileInfo(dataPath).size());
        QElapsedTimer clock;
        clock.start();
        engine.cancel();
        QVERIFY(fin.wait(5000));
        qInfo("finished %lld ms after the cancel", clock.elapsed());
        QCOMPARE(fin.size(), 1);
        QCOMPARE(started.size(), 0);
        QCOMPARE(engine.outcome(), RunOutcome::Cancelled);
        QVERIFY(!backendMade);
        QVERIFY(!engine.runId().isEmpty());
        QVERIFY(!store.runExists(engine.runId()));
        QVERIFY(!QFileInfo::exists(store.runDir(engine.runId())));
        QVERIFY(store.listRuns().isEmpty());
    }

    void cloudWithoutKeyIsRefused()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunEngine engine(&store);   // no factory: the built-in cloud factory checks the key
        MemorySecretStore secrets;  // empty: no key in the "keychain" either
        engine.setSecretStore(&secrets);
        QSignalSpy fin(&engine, &RunEngine::finished);
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("cloud"), 2, "cloud_sandbox");
        engine.start(o);
        QVERIFY(fin.wait(20000));
        QCOMPARE(engine.outcome(), RunOutcome::Refused);
        QVERIFY2(engine.errorMessage().contains(QStringLiteral("key")), qPrintable(engine.errorMessage()));
        QVERIFY(store.listRuns().isEmpty());   // refused before the first shard
    }

    void budgetCapRefuses()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("budget"), 6, "local", "  budget: { max_sandbox_seconds: 0 }\n");
        const Run r = run(&store, o);
        QVERIFY2(r.outcome == RunOutcome::Refused, qPrintable(r.error));
        QVERIFY(r.error.contains(QStringLiteral("cap")));
        QCOMPARE(r.record.countInState(ShardState::Done), 0);
    }

    // The workbench's settings cap a run more tightly than its job does.
    void settingsCapTightensTheJobs()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        RunOptions o;
        o.jobPath = makeJob(QStringLiteral("capped"), 6, "local", "");
        o.maxSandboxSecondsCap = 1;   // below the first shard's estimate
        const Run r = run(&store, o);
        QVERIFY2(r.outcome == RunOutcome::Refused, qPrintable(r.error));
        QVERIFY(r.error.contains(QStringLiteral("cap")));
        QCOMPARE(r.record.countInState(ShardState::Done), 0);
    }

    void logRedactsSecrets()
    {
        qputenv("DAYTONA_API_KEY", "dtn_supersecretvalue42");
        RunLog::addSecret(QStringLiteral("other-secret-777"));
        QTemporaryDir dir;
        RunLog log;
        QVERIFY(log.open(dir.filePath(QStringLiteral("log.jsonl")), QStringLiteral("r1"), nullptr));
        log.write(QStringLiteral("x"), {{QStringLiteral("stderr_summary"),
                                         QStringLiteral("key dtn_supersecretvalue42; Authorization: Bearer abcdef123456; api_key=zzz999; other-secret-777")}});
        log.close();
        QFile f(dir.filePath(QStringLiteral("log.jsonl")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray line = f.readAll();
        QVERIFY(!line.contains("supersecretvalue42"));
        QVERIFY(!line.contains("abcdef123456"));
        QVERIFY(!line.contains("zzz999"));
        QVERIFY(!line.contains("other-secret-777"));
        QVERIFY(line.contains("[redacted]"));
        QVERIFY(line.contains("\"run_id\":\"r1\""));
        qunsetenv("DAYTONA_API_KEY");
    }

    void invalidJobAndUnknownResume()
    {
        QTemporaryDir data;
        RunStore store(data.path());
        const QString bad = m_jobs.filePath(QStringLiteral("bad.yaml"));
        writeFile(bad, "version: 1\nnmae: x\n");
        RunOptions o;
        o.jobPath = bad;
        QCOMPARE(run(&store, o).outcome, RunOutcome::Invalid);
        RunOptions r;
        r.resumeRunId = QStringLiteral("r-nope");
        QCOMPARE(run(&store, r).outcome, RunOutcome::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
