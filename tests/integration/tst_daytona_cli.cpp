// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp doctor`, `mrp sweep` and `mrp key` as a user runs them: the real binary against the
// emulator (DAYTONA_API_URL), with a private HOME so the install id and settings are fresh.

#include "daytona/daytonabackend.h"
#include "run/sweeper.h"
#include "../emulator/emulatorprocess.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace mrp::test;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
T await(QFuture<T> f)
{
    if (!f.isFinished()) {
        QFutureWatcher<T> w;
        QSignalSpy spy(&w, &QFutureWatcherBase::finished);
        w.setFuture(f);
        if (!f.isFinished())
            spy.wait(20000);
    }
    return f.result();
}

} // namespace

class TestDaytonaCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    EmulatorProcess m_emu;

    struct Run {
        int exitCode = -1;
        QByteArray out, err;
    };
    Run mrp(const QStringList &args, const QByteArray &stdinData = {}, bool withKey = true, const QUrl &apiUrl = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        env.insert(u"DAYTONA_API_URL"_s, (apiUrl.isEmpty() ? m_emu.apiUrl() : apiUrl).toString());
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);   // no keychain here: the key comes from the environment
        if (withKey)
            env.insert(u"DAYTONA_API_KEY"_s, u"dtn_cli_test_key"_s);
        else
            env.remove(u"DAYTONA_API_KEY"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), args);
        p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(40000))
            p.kill();
        return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QString why;
        QVERIFY2(m_emu.start({u"--create-latency-ms"_s, u"50"_s, u"--start-latency-ms"_s, u"100"_s,
                              u"--delete-latency-ms"_s, u"50"_s}, &why), qPrintable(why));
    }

    void doctorRunsEveryStep()
    {
        const Run r = mrp({u"doctor"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o.value(u"ok"_s).toBool());
        const QJsonArray steps = o.value(u"steps"_s).toArray();
        QCOMPARE(steps.size(), 6);
        for (const QJsonValue &s : steps) {
            QVERIFY2(s.toObject().value(u"ok"_s).toBool(), qPrintable(s.toObject().value(u"detail"_s).toString()));
            QVERIFY(s.toObject().contains(u"ms"_s));
        }
        QVERIFY(!r.out.contains("dtn_cli_test_key"));
        QCOMPARE(m_emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
        // Human output times each step.
        const Run h = mrp({u"doctor"_s});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("run hello-world") && h.out.contains(" ms "));
    }

    // The API URL without its /api (the server's root): doctor and a run say what to check.
    void apiUrlWithoutApiSaysWhatToCheck()
    {
        QUrl root = m_emu.apiUrl();
        root.setPath(QString());
        const QByteArray said = "the server has no Daytona API at " + root.toString().toUtf8()
            + " (404); the API URL usually ends in /api";
        const int created = m_emu.stats().value(u"created"_s).toInt();
        const Run d = mrp({u"doctor"_s}, {}, true, root);
        QCOMPARE(d.exitCode, 4);
        QVERIFY2(d.err.contains("FAIL reach API") && d.err.contains(said), d.err.constData());
        const Run r = mrp({u"run"_s, QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml")}, {}, true, root);
        QVERIFY2(r.exitCode != 0 && r.exitCode != 3, r.err.constData());
        QVERIFY2(r.err.contains(QByteArray("Could not create a sandbox: " + said)), r.err.constData());
        QVERIFY(!r.err.contains("dtn_cli_test_key") && !r.out.contains("dtn_cli_test_key"));
        QCOMPARE(m_emu.stats().value(u"created"_s).toInt(), created);   // nothing reached the API
    }

    // No server at the API URL (connection refused): the run stops at its first call, in
    // seconds, exit 4, saying what to check, and lists no sandbox as left behind (none was
    // created). The run stays resumable.
    void unreachableApiStopsAtOnce()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();   // nothing listens there now
        const QUrl nowhere(u"http://127.0.0.1:%1/api"_s.arg(port));
        QElapsedTimer clock;
        clock.start();
        const Run r = mrp({u"run"_s, QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml")}, {}, true, nowhere);
        const qint64 ms = clock.elapsed();
        QVERIFY2(r.exitCode == 4, QByteArray(r.out + r.err).constData());
        const QByteArray all = r.out + r.err;
        QVERIFY2(all.contains("could not be reached") && all.contains("No sandbox was created"), all.constData());
        QVERIFY2(!all.contains("not confirmed gone") && !all.contains("mrp sweep"), all.constData());
        QVERIFY2(all.contains("mrp run --resume"), all.constData());
        QVERIFY2(ms < 15000, qPrintable(QString::number(ms)));
    }

    void sweepDeletesOnlyOurLeftovers()
    {
        Run r = mrp({u"sweep"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QString owner = QJsonDocument::fromJson(r.out).object().value(u"owner"_s).toString();
        QVERIFY(!owner.isEmpty());
        QCOMPARE(mrp({u"sweep"_s, u"--json"_s}).out.contains(owner.toUtf8()), true);   // stable install id

        DaytonaConfig cfg;
        cfg.apiUrl = m_emu.apiUrl();
        cfg.apiKey = u"dtn_cli_test_key"_s;   // the CLI's organisation: a list shows only the key's own
        DaytonaBackend backend(cfg, DaytonaBackend::Options{});
        QStringList ours;
        for (int i = 0; i < 3; ++i) {
            SandboxSpec s;
            s.runId = u"crashed-run"_s;
            s.shardId = u"shard-%1"_s.arg(i);
            s.ownerId = owner;
            const auto o = await(backend.create(s));
            QVERIFY(o.ok());
            ours.append(o.value.id);
        }
        SandboxSpec other;
        other.ownerId = u"someone-else"_s;
        const auto foreign = await(backend.create(other));
        QVERIFY(foreign.ok());
        // A run that a live process (this test) is running keeps its sandbox.
        SandboxSpec running;
        running.runId = u"live-run"_s;
        running.shardId = u"shard-0"_s;
        running.ownerId = owner;
        const auto live = await(backend.create(running));
        QVERIFY(live.ok());
        const QString dataDir = m_home.filePath(u"data"_s);
        RunLock lock;
        QVERIFY(lock.acquire(dataDir, u"live-run"_s));

        r = mrp({u"sweep"_s, u"--json"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray swept = QJsonDocument::fromJson(r.out).object().value(u"sandboxes"_s).toArray();
        QCOMPARE(swept.size(), 4);
        for (const QJsonValue &v : swept) {
            const QJsonObject s = v.toObject();
            if (s.value(u"id"_s).toString() == live.value.id) {
                QCOMPARE(s.value(u"action"_s).toString(), u"kept (live run)"_s);
                continue;
            }
            QVERIFY(ours.contains(s.value(u"id"_s).toString()));
            QCOMPARE(s.value(u"action"_s).toString(), u"deleted"_s);
            QCOMPARE(s.value(u"run"_s).toString(), u"crashed-run"_s);
        }
        QCOMPARE(m_emu.stats().value(u"liveSandboxes"_s).toInt(), 2);   // the foreign one and the live run's stay
        // Once that run's process has gone, its sandbox is a leftover too.
        lock.release();
        r = mrp({u"sweep"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(QByteArray("deleted  " + live.value.id.toUtf8())), r.out.constData());
        QCOMPARE(m_emu.stats().value(u"liveSandboxes"_s).toInt(), 1);   // the foreign one stays
        QVERIFY(await(backend.destroy(foreign.value.id)).ok());
    }

    void keyCommands()
    {
        // Never from argv.
        Run r = mrp({u"key"_s, u"set"_s, u"dtn_on_the_command_line"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("never pass the key"));
        // With DAYTONA_API_KEY: status says so, without the key.
        r = mrp({u"key"_s, u"status"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"set"_s).toBool(), true);
        QCOMPARE(o.value(u"source"_s).toString(), u"environment"_s);
        QVERIFY(!r.out.contains("dtn_cli_test_key"));
        // No key anywhere: refused (3), and sweep/doctor refuse too.
        QCOMPARE(mrp({u"key"_s, u"status"_s}, {}, false).exitCode, 3);
        QCOMPARE(mrp({u"sweep"_s}, {}, false).exitCode, 3);
        QCOMPARE(mrp({u"doctor"_s}, {}, false).exitCode, 3);
        QCOMPARE(mrp({u"key"_s, u"bogus"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestDaytonaCli)
#include "tst_daytona_cli.moc"
