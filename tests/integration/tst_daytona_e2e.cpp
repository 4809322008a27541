// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// DaytonaBackend over real HTTP against the emulator: the whole sandbox lifecycle, command
// classification, live output through sessions, pagination in both list shapes, faults
// (5xx, 429 bursts, dropped connections) survived by retries, 64 requests really in flight
// at once, no sandbox left behind, and the client's background threads below the caller's.

#include "daytona/daytonabackend.h"
#include "daytona/daytonareplies.h"
#include "../emulator/emulatorprocess.h"
#include "backgroundpriority.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <thread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace mrp;
using namespace mrp::test;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
T await(QFuture<T> f, int timeoutMs = 30000)
{
    if (!f.isFinished()) {
        QFutureWatcher<T> w;
        QSignalSpy spy(&w, &QFutureWatcherBase::finished);
        w.setFuture(f);
        if (!f.isFinished())
            spy.wait(timeoutMs);
    }
    return f.result();
}

// Waits for every future of a batch.
template<typename T>
QList<T> awaitAll(const QList<QFuture<T>> &fs, int timeoutMs = 45000)
{
    QList<T> out;
    QDeadlineTimer deadline(timeoutMs);
    for (const QFuture<T> &f : fs)
        out.append(await(f, int(qMax<qint64>(1, deadline.remainingTime()))));
    return out;
}

const char *kScript =
    "import json, os, sys\n"
    "records = json.load(open(\"payload.json\"))\n"
    "print(\"processing\", len(records), \"records\", file=sys.stderr)\n"
    "out = {\"sum\": sum(records), \"shard\": os.environ.get(\"MRP_SHARD\", \"\")}\n"
    "json.dump(out, open(\"output.json\", \"w\"), sort_keys=True)\n"
    "print(\"done\")\n"
    "sys.exit(int(os.environ.get(\"EXIT_CODE\", \"0\")))\n";

} // namespace

class TestDaytonaE2E : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_owner;

    DaytonaConfig config(const EmulatorProcess &emu, int connections = 64) const
    {
        DaytonaConfig c;
        c.apiUrl = emu.apiUrl();
        c.apiKey = u"dtn_emulator_key"_s;
        c.connectionsPerHost = connections;
        c.retry.baseDelayMs = 50;
        c.retry.maxDelayMs = 400;
        c.retry.maxRetries = 5;
        c.transferTimeoutMs = 10000;
        c.execSlackMs = 3000;
        return c;
    }
    static DaytonaBackend::Options options()
    {
        DaytonaBackend::Options o;
        o.pollInitialMs = 20;
        o.pollMaxMs = 200;
        return o;
    }
    SandboxSpec spec(const QString &shard) const
    {
        SandboxSpec s;
        s.runId = u"run-e2e"_s;
        s.shardId = shard;
        s.ownerId = m_owner;
        return s;
    }
    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(data);
        return path;
    }
    // One shard end to end; returns the output file's content or an error text.
    QByteArray runShard(DaytonaBackend &backend, int i)
    {
        const auto created = await(backend.create(spec(u"shard-%1"_s.arg(i))));
        if (!created.ok())
            return "create: " + created.error.message.toUtf8() + ' ' + created.error.details.toUtf8();
        const QString id = created.value.id;
        const QString payload = writeFile(u"payload-%1.json"_s.arg(i), QByteArray("[") + QByteArray::number(i) + ",1,2]");
        const QString script = writeFile(u"op-%1.py"_s.arg(i), kScript);
        auto up = await(backend.upload(id, {{script, u"op.py"_s}, {payload, u"payload.json"_s}}));
        if (!up.ok())
            return "upload: " + up.details.toUtf8();
        ExecRequest req;
        req.argv = {u"python3"_s, u"op.py"_s};
        req.env = {{u"MRP_SHARD"_s, QString::number(i)}};
        req.timeoutSec = 20;
        const auto ex = await(backend.exec(id, req));
        if (!ex.ok() || ex.value.exitCode != 0)
            return "exec: " + ex.error.details.toUtf8() + ex.value.stderrData;
        const QString local = m_tmp.filePath(u"out-%1/output.json"_s.arg(i));
        auto down = await(backend.download(id, {{u"output.json"_s, local, {}}}));
        if (!down.ok())
            return "download: " + down.details.toUtf8();
        auto gone = await(backend.destroy(id));
        if (!gone.ok())
            return "destroy: " + gone.details.toUtf8();
        QFile f(local);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("no output file");
    }
    int leftovers(DaytonaBackend &backend)
    {
        const auto l = await(backend.list({{u"mrp.owner"_s, m_owner}}));
        return l.ok() ? int(l.value.size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_owner = u"e2e-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        if (!QFile::exists(EmulatorProcess::binary()))
            QFAIL("bin/daytona-emulator is not built");
    }

    void lifecycle()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--start-latency-ms"_s, u"150"_s, u"--delete-latency-ms"_s, u"100"_s}, &why), qPrintable(why));
        DaytonaBackend backend(config(emu), options());
        QCOMPARE(runShard(backend, 7), QByteArray("{\"shard\": \"7\", \"sum\": 10}"));

        // Classification: operator exit 3, and the command timeout (408).
        const auto created = await(backend.create(spec(u"shard-x"_s)));
        QVERIFY2(created.ok(), qPrintable(created.error.details));
        const QString id = created.value.id;
        const QString script = writeFile(u"op-x.py"_s, kScript);
        const QString payload = writeFile(u"payload-x.json"_s, "[1]");
        QVERIFY(await(backend.upload(id, {{script, u"op.py"_s}, {payload, u"payload.json"_s}})).ok());
        ExecRequest req;
        req.argv = {u"python3"_s, u"op.py"_s};
        req.env = {{u"EXIT_CODE"_s, u"3"_s}};
        auto ex = await(backend.exec(id, req));
        QVERIFY(ex.ok());
        QCOMPARE(ex.value.exitCode, 3);
        QCOMPARE(ex.value.errorClass, ErrorClass::OperatorError);
        QCOMPARE(ex.value.stdoutData, QByteArray("done\n"));
        QCOMPARE(ex.value.stderrData, QByteArray("processing 1 records\n"));

        req.argv = {u"sleep"_s, u"30"_s};
        req.timeoutSec = 1;
        ex = await(backend.exec(id, req));
        QVERIFY(ex.ok());
        QCOMPARE(ex.value.errorClass, ErrorClass::Timeout);

        // A command that prints far more than the cap on stderr (where the runner sends what an
        // operator prints): it comes back bounded by the cap, marked truncated, the exit kept.
        req.argv = {u"sh"_s, u"-c"_s, u"echo out; head -c 20971520 /dev/zero >&2; exit 5"_s};
        req.timeoutSec = 60;
        req.outputCapBytes = 1 << 20;
        ex = await(backend.exec(id, req));
        QVERIFY2(ex.ok(), qPrintable(ex.error.message + u' ' + ex.error.details));
        QCOMPARE(ex.value.exitCode, 5);
        QCOMPARE(ex.value.stdoutData, QByteArray("out\n"));
        QCOMPARE(ex.value.stderrData.size(), 1 << 20);
        QVERIFY(ex.value.stderrTruncated);
        // One that prints 40 MiB on stdout makes a reply larger than the client reads: a
        // sentence that says so, not "a reply we do not understand".
        req.argv = {u"sh"_s, u"-c"_s, u"head -c 41943040 /dev/zero"_s};
        ex = await(backend.exec(id, req));
        QVERIFY(!ex.ok());
        QVERIFY2(ex.error.message.contains(u"larger than 16 MiB"_s), qPrintable(ex.error.message));

        // reset wipes the work directory: the next shard sees only its own files, and the
        // previous shard's directory is gone before its command runs (twice in a row too).
        QVERIFY(await(backend.reset(id)).ok());
        auto down = await(backend.download(id, {{u"op.py"_s, m_tmp.filePath(u"gone.py"_s), {}}}));
        QCOMPARE(down.httpStatus, 404);
        QVERIFY(await(backend.upload(id, {{payload, u"payload.json"_s}})).ok());
        QVERIFY(await(backend.reset(id)).ok());
        QVERIFY(await(backend.upload(id, {{payload, u"fresh.json"_s}})).ok());
        req = ExecRequest();
        req.argv = {u"sh"_s, u"-c"_s, u"ls -A; ls -d ../../mrp-work ../../mrp-work-1 ../../mrp-work-2 2>/dev/null"_s};
        ex = await(backend.exec(id, req));
        QVERIFY(ex.ok());
        QCOMPARE(ex.value.stdoutData, QByteArray("fresh.json\n../../mrp-work-2\n"));
        QCOMPARE(ex.value.exitCode, 2);   // ls: the two earlier directories do not exist

        QVERIFY(await(backend.destroy(id)).ok());
        QCOMPARE(leftovers(backend), 0);
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
    }

    void liveOutputThroughSessions()
    {
        EmulatorProcess emu;
        QVERIFY(emu.start());
        DaytonaBackend::Options o = options();
        o.liveOutput = true;
        // Polls far apart: output that shows up sooner came over the log WebSocket.
        o.logPollMs = 2500;
        DaytonaBackend backend(config(emu), o);
        const auto created = await(backend.create(spec(u"live"_s)));
        QVERIFY(created.ok());
        QSignalSpy output(&backend, &SandboxBackend::outputReceived);
        ExecRequest req;
        req.argv = {u"sh"_s, u"-c"_s, u"echo one; sleep 0.6; echo two; echo oops >&2; sleep 0.6; exit 4"_s};
        req.env = {{u"X"_s, u"it's \"quoted\""_s}};
        req.timeoutSec = 10;
        QElapsedTimer clock;
        clock.start();
        QFuture<Outcome<ExecResult>> f = backend.exec(created.value.id, req);
        QTRY_VERIFY_WITH_TIMEOUT(!output.isEmpty(), 5000);
        qInfo() << "first output after" << clock.elapsed() << "ms";
        if (f.isFinished())
            qWarning() << "finished early:" << f.result().error.message << f.result().error.details << f.result().value.exitCode
                       << f.result().value.stdoutData << f.result().value.stderrData;
        QVERIFY(!f.isFinished());   // output arrived while the command still ran
        QVERIFY2(clock.elapsed() < 2000, "the first output waited for a log poll: not streamed");
        QVERIFY(emu.stats().value(u"logStreams"_s).toInt() >= 1);
        const auto r = await(f);
        QVERIFY2(r.ok(), qPrintable(r.error.details));
        QCOMPARE(r.value.exitCode, 4);
        QCOMPARE(r.value.errorClass, ErrorClass::BadOutput);
        QCOMPARE(r.value.stdoutData, QByteArray("one\ntwo\n"));
        QCOMPARE(r.value.stderrData, QByteArray("oops\n"));
        QByteArray streamed;
        for (const auto &args : std::as_const(output))
            if (args.at(1).toInt() == 1)
                streamed += args.at(2).toByteArray();
        QCOMPARE(streamed, QByteArray("one\ntwo\n"));

        // A command that prints far more than the cap on both streams (more than the 16 MiB
        // the client reads of a reply): each comes back bounded by the cap, marked truncated,
        // the exit code kept.
        req.argv = {u"sh"_s, u"-c"_s, u"yes printed | head -c 20971520; yes oops | head -c 20971520 >&2; exit 5"_s};
        req.env.clear();
        req.timeoutSec = 60;
        req.outputCapBytes = 1 << 20;
        const auto big = await(backend.exec(created.value.id, req), 60000);
        QVERIFY2(big.ok(), qPrintable(big.error.message + u' ' + big.error.details));
        QCOMPARE(big.value.exitCode, 5);
        QCOMPARE(big.value.stdoutData.size(), 1 << 20);
        QVERIFY(big.value.stdoutTruncated);
        QCOMPARE(big.value.stderrData.size(), 1 << 20);
        QVERIFY(big.value.stderrTruncated);
        QVERIFY(await(backend.destroy(created.value.id)).ok());
    }

    void listPagesAndLegacyArray()
    {
        for (const bool legacy : {false, true}) {
            EmulatorProcess emu;
            QVERIFY(emu.start(legacy ? QStringList{u"--legacy-list"_s, u"--runtime"_s, u"process"_s} : QStringList{u"--runtime"_s, u"process"_s}));
            DaytonaBackend backend(config(emu), options());
            QList<QFuture<Outcome<SandboxInfo>>> creates;
            for (int i = 0; i < 5; ++i)
                creates.append(backend.create(spec(u"p%1"_s.arg(i))));
            QStringList ids;
            for (const auto &o : awaitAll(creates)) {
                QVERIFY(o.ok());
                ids.append(o.value.id);
            }
            // Pages of 2 straight from the client.
            if (!legacy) {
                QString cursor;
                int pages = 0, seen = 0;
                do {
                    auto *job = backend.client()->listSandboxes({{u"mrp.owner"_s, m_owner}}, cursor, 2);
                    QSignalSpy spy(job, &ApiJob::finished);
                    job->start();
                    QVERIFY(spy.wait(5000));
                    daytona::SandboxPage page;
                    QVERIFY(daytona::parseSandboxPage(job->body(), &page, nullptr));
                    seen += int(page.items.size());
                    cursor = page.nextCursor;
                    ++pages;
                    delete job;
                } while (!cursor.isEmpty() && pages < 10);
                QCOMPARE(seen, 5);
                QCOMPARE(pages, 3);
            }
            const auto listed = await(backend.list({{u"mrp.owner"_s, m_owner}, {u"mrp.run"_s, u"run-e2e"_s}}));
            QVERIFY(listed.ok());
            QCOMPARE(listed.value.size(), 5);
            QList<QFuture<SandboxError>> destroys;
            for (const QString &id : std::as_const(ids))
                destroys.append(backend.destroy(id));
            for (const SandboxError &e : awaitAll(destroys))
                QVERIFY2(e.ok(), qPrintable(e.details));
            QCOMPARE(leftovers(backend), 0);
        }
    }

    void faultsAreSurvived()
    {
        EmulatorProcess emu;
        QVERIFY(emu.start({u"--fail-5xx-rate"_s, u"0.1"_s, u"--burst-429"_s, u"3"_s, u"--burst-every"_s, u"40"_s,
                           u"--drop-rate"_s, u"0.02"_s, u"--seed"_s, u"7"_s, u"--start-latency-ms"_s, u"50"_s}));
        DaytonaBackend backend(config(emu), options());
        const int shards = 10;
        QList<QByteArray> results(shards);
        // Run the shards interleaved: each runShard() waits inside, so start them from timers.
        int done = 0;
        for (int i = 0; i < shards; ++i) {
            QTimer::singleShot(0, this, [&, i] {
                results[i] = runShard(backend, i);
                ++done;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, shards, 50000);
        for (int i = 0; i < shards; ++i) {
            const QByteArray expected = QByteArray("{\"shard\": \"") + QByteArray::number(i) + "\", \"sum\": "
                + QByteArray::number(i + 3) + "}";
            QCOMPARE(results[i], expected);
        }
        const QJsonObject stats = emu.stats();
        qInfo() << "faults injected:" << QJsonDocument(stats).toJson(QJsonDocument::Compact) << "client retries:" << backend.retryCount();
        QVERIFY(stats.value(u"injected5xx"_s).toInt() > 0);
        QVERIFY(stats.value(u"injected429"_s).toInt() > 0);
        QVERIFY(stats.value(u"drops"_s).toInt() > 0);
        QVERIFY(backend.retryCount() >= stats.value(u"injected5xx"_s).toInt());
        QCOMPARE(leftovers(backend), 0);
    }

    void sixtyFourReallyInFlight()
    {
        EmulatorProcess emu;
        QVERIFY(emu.start({u"--create-latency-ms"_s, u"1500"_s, u"--runtime"_s, u"process"_s}));   // long enough for all 64 to overlap on a busy machine
        for (const int connections : {64, 6}) {
            DaytonaBackend backend(config(emu, connections), options());
            emu.stats(/*reset*/ true);
            QList<QFuture<Outcome<SandboxInfo>>> creates;
            for (int i = 0; i < 64; ++i)
                creates.append(backend.create(spec(u"c%1"_s.arg(i))));
            QList<QFuture<SandboxError>> destroys;
            for (const auto &o : awaitAll(creates)) {
                QVERIFY2(o.ok(), qPrintable(o.error.details));
                destroys.append(backend.destroy(o.value.id));
            }
            const int maxInFlight = emu.stats().value(u"maxInFlight"_s).toInt();
            qInfo() << "connections per host" << connections << "-> max concurrent requests at the server" << maxInFlight;
            if (connections == 64)
                QVERIFY2(maxInFlight >= 64, qPrintable(QString::number(maxInFlight)));
            else
                QVERIFY2(maxInFlight <= 7, qPrintable(QString::number(maxInFlight)));   // Qt's cap, +1 for the stats call
            for (const SandboxError &e : awaitAll(destroys))
                QVERIFY(e.ok());
            QCOMPARE(leftovers(backend), 0);
        }
    }

    void quotaAndStartFailures()
    {
        EmulatorProcess emu;
        QVERIFY(emu.start({u"--quota"_s, u"2"_s, u"--create-fail-rate"_s, u"1"_s}));
        DaytonaBackend backend(config(emu), options());
        const auto failed = await(backend.create(spec(u"f"_s)));
        QCOMPARE(failed.error.cls, ErrorClass::Infrastructure);
        QVERIFY2(failed.error.message.contains(u"Injected create failure"_s), qPrintable(failed.error.message));
        QTRY_COMPARE_WITH_TIMEOUT(leftovers(backend), 0, 5000);   // the failed sandbox was deleted

        EmulatorProcess quota;
        QVERIFY(quota.start({u"--quota"_s, u"1"_s}));
        DaytonaBackend b2(config(quota), options());
        const auto first = await(b2.create(spec(u"q1"_s)));
        QVERIFY(first.ok());
        const auto second = await(b2.create(spec(u"q2"_s)));
        QCOMPARE(second.error.cls, ErrorClass::Quota);
        QCOMPARE(second.error.httpStatus, 400);
        QVERIFY(await(b2.destroy(first.value.id)).ok());
    }

    void refusesWithoutKey()
    {
        EmulatorProcess emu;
        QVERIFY(emu.start());
        DaytonaConfig c = config(emu);
        c.apiKey.clear();
        DaytonaBackend backend(c, options());
        const auto o = await(backend.create(spec(u"nokey"_s)));
        QCOMPARE(o.error.cls, ErrorClass::PolicyRefused);
        // And the server itself insists on a bearer.
        DaytonaClient raw(config(emu));
        raw.accessManager()->setApiKey(QString());
        auto *job = raw.getSandbox(u"x"_s);
        QSignalSpy spy(job, &ApiJob::finished);
        job->start();
        QVERIFY(spy.wait(5000));
        QCOMPARE(job->error().httpStatus, 401);
        QCOMPARE(job->error().kind, ApiError::Kind::Auth);
    }

    // Background work runs below the thread that calls (the workbench's GUI thread): the
    // thread Qt receives replies on once a reply came back, and a task that enters the
    // background priority (backgroundpriority.h).
    void backgroundThreadsBelowTheCaller()
    {
#ifndef Q_OS_LINUX
        QSKIP("per-thread niceness is Linux's");
#else
        const auto niceness = [](pid_t tid) {
            errno = 0;
            const int n = ::getpriority(PRIO_PROCESS, id_t(tid));
            return errno == 0 ? n : -100;
        };
        const int mine = niceness(::gettid());
        QVERIFY(mine < BackgroundNiceness);
        const auto networkThreads = [&] {
            QList<int> found;
            const QStringList tasks = QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &tid : tasks) {
                QFile comm(u"/proc/self/task/%1/comm"_s.arg(tid));
                if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("QNetworkAccess"))
                    found << niceness(pid_t(tid.toInt()));
            }
            return found;
        };

        EmulatorProcess emu;
        QVERIFY(emu.start());
        DaytonaClient client(config(emu));
        auto *job = client.getSandbox(u"none"_s);
        QSignalSpy spy(job, &ApiJob::finished);
        job->start();
        QVERIFY(spy.wait(5000));
        QCOMPARE(job->error().httpStatus, 404);
        const QList<int> network = networkThreads();
        QVERIFY(!network.isEmpty());
        for (int n : network)
            QCOMPARE(n, BackgroundNiceness);
        QCOMPARE(niceness(::gettid()), mine);

        int inTask = -100;
        std::thread task([&] {
            enterBackgroundPriority();
            enterBackgroundPriority();   // once is enough; twice changes nothing
            inTask = niceness(::gettid());
        });
        task.join();
        QCOMPARE(inTask, BackgroundNiceness);
        QCOMPARE(niceness(::gettid()), mine);
#endif
    }
};

QTEST_GUILESS_MAIN(TestDaytonaE2E)
#include "tst_daytona_e2e.moc"
