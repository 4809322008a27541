// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// A cloud run meets the service's limits (docs/daytona-api.md §7): `mrp run` as a user runs it,
// over real HTTP against the emulator with the server's throttlers and quotas switched on.
//  - pacing: the client spends the create budget without running into the limit again once
//    it has seen the rate-limit headers (at most the first window's excess is refused);
//  - quota is capacity: at a vCPU quota below the concurrency every shard still succeeds;
//  - a Retry-After beyond the run's bound ends the run at once, clearly, with no sandbox left.

#include "../emulator/emulatorprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp::test;
using namespace Qt::StringLiterals;

class TestDaytonaLimits : public QObject
{
    Q_OBJECT

private:
    struct Run {
        int exitCode = -1;
        QJsonObject summary;
        QByteArray err;
        QList<QJsonObject> log;   // log.jsonl
    };

    // A job of `shards` one-record shards on cloud_sandbox; `profile` is the user's override of
    // the daytona profile (YAML lines).
    Run runJob(EmulatorProcess &emu, int shards, const QByteArray &profile, const QStringList &extraArgs = {})
    {
        QTemporaryDir dir;
        [&] { QVERIFY(dir.isValid()); }();
        dir.setAutoRemove(true);
        const QString profiles = dir.filePath(u"config/mrp-workbench/profiles"_s);
        QDir().mkpath(profiles);
        write(profiles + u"/daytona.yaml"_s, profile);
        QByteArray records;
        for (int i = 0; i < shards; ++i)
            records += "{\"id\": " + QByteArray::number(i) + ", \"text\": \"alpha beta " + QByteArray::number(i % 5) + "\"}\n";
        write(dir.filePath(u"records.jsonl"_s), records);
        QFile::copy(QStringLiteral(MRP_SOURCE_DIR "/examples/ops/word_count.py"), dir.filePath(u"word_count.py"_s));
        write(dir.filePath(u"job.yaml"_s), "version: 1\nname: limits\n"
                                           "dataset:\n  path: records.jsonl\n  shard_size: 1\n"
                                           "map:\n  language: python\n  operator: word_count.py\n  entrypoint: map_shard\n"
                                           "reduce:\n  builtin: merge_counts\n"
                                           "produce:\n  - { format: json, path: counts.json }\n"
                                           "execution_backend: cloud_sandbox\nbackend_profile: daytona\n"
                                           "policy:\n  shard_timeout_s: 60\n  max_retries: 2\n  network: none\n");
        QProcess p;
        p.setProcessEnvironment(cliEnvironment(dir.path(), emu.apiUrl(), u"dtn_limits_test"_s));
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"),
                QStringList{u"run"_s, dir.filePath(u"job.yaml"_s), u"--json"_s} + extraArgs);
        if (!p.waitForFinished(120000))
            p.kill();
        Run r{p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object(), p.readAllStandardError(), {}};
        QFile log(QDir(QFileInfo(r.summary.value(u"run_json"_s).toString()).absolutePath()).filePath(u"log.jsonl"_s));
        if (log.open(QIODevice::ReadOnly))
            while (!log.atEnd())
                r.log.append(QJsonDocument::fromJson(log.readLine()).object());
        return r;
    }

    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    static int events(const Run &r, const QString &name)
    {
        int n = 0;
        for (const QJsonObject &e : r.log)
            n += e.value(u"event"_s).toString() == name ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    // 24 shards with a sandbox each, 8 at once, 6 creates per 2-second window: the first
    // window may see the excess refused (nothing is known before the first reply), after that
    // the client waits for the next window instead of being refused.
    void pacingStaysWithinTheCreateLimit()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--create-limit"_s, u"6"_s, u"--create-window-s"_s, u"2"_s, u"--create-latency-ms"_s, u"20"_s}, &why),
                 qPrintable(why));
        const Run r = runJob(emu, 24, "sandbox_reuse: false\nmax_concurrency: 8\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.summary.value(u"shards"_s).toObject().value(u"done"_s).toInt(), 24);
        const QJsonObject stats = emu.stats();
        const int refused = stats.value(u"throttled"_s).toObject().value(u"sandbox-create"_s).toInt();
        QVERIFY2(refused <= 8 - 6, qPrintable(u"creates refused: %1"_s.arg(refused)));
        const QJsonObject throttling = r.summary.value(u"throttling"_s).toObject();
        QCOMPARE(throttling.value(u"rate_limited"_s).toInt(), refused);   // every refusal is reported
        QVERIFY(throttling.value(u"paced"_s).toInt() > 0);                // and the waits that avoided the rest
        QCOMPARE(events(r, u"paced"_s), throttling.value(u"paced"_s).toInt());
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);
    }

    // A vCPU quota of 3 with 8 shards at once (1 vCPU each): creates beyond the quota are
    // refused with 400, the run lowers its concurrency and every shard succeeds.
    void quotaIsCapacityNotFailure()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--cpu-quota"_s, u"3"_s, u"--create-latency-ms"_s, u"20"_s, u"--delete-latency-ms"_s, u"100"_s}, &why),
                 qPrintable(why));
        const Run r = runJob(emu, 16, "sandbox_reuse: false\nmax_concurrency: 8\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.summary.value(u"shards"_s).toObject().value(u"done"_s).toInt(), 16);
        QCOMPARE(r.summary.value(u"shards"_s).toObject().value(u"failed"_s).toInt(), 0);
        const QJsonObject throttling = r.summary.value(u"throttling"_s).toObject();
        QVERIFY(throttling.value(u"quota_refused"_s).toInt() > 0);
        const QJsonArray changes = throttling.value(u"capacity_changes"_s).toArray();
        QVERIFY(!changes.isEmpty());
        int lowest = 8;
        for (const QJsonValue &c : changes)
            lowest = std::min(lowest, c.toObject().value(u"capacity"_s).toInt());
        QVERIFY2(lowest <= 3, qPrintable(QString::number(lowest)));   // down to what the quota holds
        QVERIFY(changes.first().toObject().value(u"reason"_s).toString().contains(u"CPU limit"_s));
        QCOMPARE(events(r, u"concurrency_changed"_s), int(changes.size()));
        QVERIFY(emu.stats().value(u"quotaRefusals"_s).toInt() > 0);
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
    }

    // The organisation is blocked for 100,000 s: the run does not hammer the API nor park for a
    // day; it stops, says what the server asked for, and leaves nothing behind.
    void longRetryAfterStopsTheRun()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--create-limit"_s, u"2"_s, u"--create-window-s"_s, u"100000"_s}, &why), qPrintable(why));
        QElapsedTimer clock;
        clock.start();
        const Run r = runJob(emu, 8, "sandbox_reuse: false\nmax_concurrency: 4\n", {u"--max-rate-wait"_s, u"60"_s});
        QVERIFY2(clock.elapsed() < 60'000, "the run waited instead of stopping");
        QCOMPARE(r.exitCode, 4);
        const QString message = r.summary.value(u"message"_s).toString();
        QVERIFY2(message.contains(u"100000 s"_s) || message.contains(u"asked to wait"_s), qPrintable(message));
        QVERIFY2(message.contains(u"--resume"_s), qPrintable(message));
        // Two creates fit the window; the rest were refused once each at most, not retried in a loop.
        QVERIFY(emu.stats().value(u"throttled"_s).toObject().value(u"sandbox-create"_s).toInt() <= 8);
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
    }

    // Replies that cannot be used — cut off halfway, or redirected (the client never follows a
    // redirect with the key) — end cleanly: every sandbox a create may have made is deleted by
    // name and confirmed gone, or listed in the summary for `mrp sweep`.
    void unusableRepliesLeaveNothingBehind_data()
    {
        QTest::addColumn<QStringList>("faults");
        QTest::newRow("truncated replies") << QStringList{u"--truncate-rate"_s, u"0.3"_s, u"--seed"_s, u"7"_s};
        QTest::newRow("redirected creates") << QStringList{u"--redirect-create"_s, u"307"_s, u"--redirect-rate"_s, u"0.5"_s};
    }
    void unusableRepliesLeaveNothingBehind()
    {
        QFETCH(QStringList, faults);
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start(faults, &why), qPrintable(why));
        const Run r = runJob(emu, 10, "sandbox_reuse: false\nmax_concurrency: 4\n");
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1 || r.exitCode == 4, r.err.constData());
        QVERIFY(!r.summary.isEmpty());
        const int live = emu.stats().value(u"liveSandboxes"_s).toInt();
        QCOMPARE(live, int(r.summary.value(u"leaked_sandboxes"_s).toArray().size()));
        QCOMPARE(live, 0);
        if (faults.contains(u"--redirect-create"_s))
            QVERIFY(emu.stats().value(u"redirects"_s).toInt() > 0);
        else
            QVERIFY(emu.stats().value(u"truncatedReplies"_s).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestDaytonaLimits)
#include "tst_daytona_limits.moc"
