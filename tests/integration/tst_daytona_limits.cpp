// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// A cloud run meets the service's limits (docs/daytona-api.md §7): `mrp run` as a user runs it,
// over real HTTP against the emulator with the server's throttlers and quotas switched on.
//  - pacing: the client spends the create budget without running into the limit again once
//    it has seen the rate-limit headers (at most the first window's excess is refused);
//  - quota is capacity: at a vCPU quota below the concurrency every shard still succeeds;
//  - a Retry-After beyond the run's bound ends the run at once, clearly, with no sandbox left;
//  - nothing leaks on any reply: a create whose reply is cut or redirected is found by its
//    labels and removed, confirmed; what cannot be confirmed gone is listed for `mrp sweep`.

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
        QByteArray err;           // stderr, then stdout
        QList<QJsonObject> log;   // log.jsonl
        QString runJson;
    };

    // A job of `shards` one-record shards on cloud_sandbox; `profile` is the user's override of
    // the daytona profile (YAML lines).
    Run runJob(EmulatorProcess &emu, int shards, const QByteArray &profile, const QStringList &extraArgs = {})
    {
        QTemporaryDir dir;
        [&] { QVERIFY(dir.isValid()); }();
        return runJobIn(QDir(dir.path()), emu, shards, profile, QStringList{u"--json"_s} + extraArgs);
    }

    // The same in a home folder the caller keeps (its installation id, data folder and job);
    // without --json in args, the summary's text is in `err` (and `out`).
    Run runJobIn(const QDir &dir, EmulatorProcess &emu, int shards, const QByteArray &profile, const QStringList &args)
    {
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
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), QStringList{u"run"_s, dir.filePath(u"job.yaml"_s)} + args);
        if (!p.waitForFinished(120000))
            p.kill();
        const QByteArray out = p.readAllStandardOutput();
        Run r{p.exitCode(), QJsonDocument::fromJson(out).object(), p.readAllStandardError() + out, {}, {}};
        QString runJson = r.summary.value(u"run_json"_s).toString();
        if (runJson.isEmpty()) {   // the text summary names it
            const qsizetype at = r.err.indexOf("run record: ");
            runJson = at < 0 ? QString() : QString::fromUtf8(r.err.mid(at + 12, r.err.indexOf('\n', at) - at - 12)).trimmed();
        }
        r.runJson = runJson;
        QFile log(QDir(QFileInfo(runJson).absolutePath()).filePath(u"log.jsonl"_s));
        if (log.open(QIODevice::ReadOnly))
            while (!log.atEnd())
                r.log.append(QJsonDocument::fromJson(log.readLine()).object());
        return r;
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    }

    static QStringList strings(const QJsonArray &a)
    {
        QStringList out;
        for (const QJsonValue &v : a)
            out << v.toString();
        out.sort();
        return out;
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

    // Every reply to a create is unusable, so the client never learns a sandbox's id: its JSON
    // stops halfway (the sandbox was made) or it is redirected (nothing was made). Each attempt finds what its create
    // made by the labels it set (and by name), deletes it and confirms it gone before it ends:
    // the shards fail, but nothing is left, nothing is listed as unconfirmed, and the sweep
    // after the map phase finds nothing of the run.
    void unknownCreatesAreFoundByLabelAndRemoved_data()
    {
        QTest::addColumn<QStringList>("faults");
        QTest::addColumn<bool>("made");
        QTest::newRow("create replies unreadable") << QStringList{u"--cut-create-rate"_s, u"1"_s} << true;
        QTest::newRow("creates redirected (307)") << QStringList{u"--redirect-create"_s, u"307"_s} << false;
    }
    void unknownCreatesAreFoundByLabelAndRemoved()
    {
        QFETCH(QStringList, faults);
        QFETCH(bool, made);
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start(faults, &why), qPrintable(why));
        const Run r = runJob(emu, 3, "sandbox_reuse: false\nmax_concurrency: 3\n");
        // The shards failed (1, or 4 when every failure was the service's): not for a leak.
        QVERIFY2(r.exitCode == 1 || r.exitCode == 4, r.err.constData());
        QCOMPARE(r.summary.value(u"exit_code"_s).toInt(), r.exitCode);
        QCOMPARE(r.summary.value(u"shards"_s).toObject().value(u"failed"_s).toInt(), 3);
        const QJsonObject stats = emu.stats();
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);
        if (made)
            QVERIFY2(stats.value(u"created"_s).toInt() >= 3, qPrintable(QString::number(stats.value(u"created"_s).toInt())));
        else
            QCOMPARE(stats.value(u"created"_s).toInt(), 0);
        QCOMPARE(stats.value(u"deleted"_s).toInt(), stats.value(u"created"_s).toInt());
        QVERIFY(r.summary.value(u"leaked_sandboxes"_s).toArray().isEmpty());
        QVERIFY(!r.summary.contains(u"cleanup"_s));
        QVERIFY(readJson(r.runJson).value(u"leaked_sandboxes"_s).toArray().isEmpty());
        QCOMPARE(events(r, u"sandbox_leaked"_s), 0);
        for (const QJsonObject &e : r.log) {
            if (e.value(u"event"_s).toString() == u"sandbox_swept"_s)
                QVERIFY2(e.value(u"run"_s).toString() != r.summary.value(u"run_id"_s).toString(),
                         "the sweep found a sandbox the attempt should have removed itself");
        }
    }

    // Deletion is never confirmed (every DELETE is redirected, and a redirect is not followed):
    // the run says so everywhere a user looks — `--json` (`leaked_sandboxes`, `cleanup`), the run
    // record, the log, the text summary with the `mrp sweep` line — and exits non-zero. Once
    // the service behaves again, that `mrp sweep` removes them all.
    void unconfirmedDeletionsAreListedForSweep()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--redirect-delete"_s, u"307"_s}, &why), qPrintable(why));
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray profile = "sandbox_reuse: false\nmax_concurrency: 3\n";
        const Run json = runJobIn(QDir(home.path()), emu, 3, profile, {u"--json"_s});
        QVERIFY2(json.exitCode == 4, json.err.constData());
        QCOMPARE(json.summary.value(u"exit_code"_s).toInt(), 4);
        QCOMPARE(json.summary.value(u"shards"_s).toObject().value(u"done"_s).toInt(), 3);   // the work itself succeeded
        const QStringList leaked = strings(json.summary.value(u"leaked_sandboxes"_s).toArray());
        QCOMPARE(leaked.size(), 3);
        QCOMPARE(json.summary.value(u"cleanup"_s).toString(), u"mrp sweep"_s);
        QCOMPARE(strings(readJson(json.runJson).value(u"leaked_sandboxes"_s).toArray()), leaked);
        QCOMPARE(events(json, u"sandbox_leaked"_s), 3);
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 3);

        const Run text = runJobIn(QDir(home.path()), emu, 3, profile, {});
        QCOMPARE(text.exitCode, 4);
        QVERIFY2(text.err.contains("not confirmed gone: "), text.err.constData());
        QVERIFY2(text.err.contains("remove them with: mrp sweep"), text.err.constData());
        const QStringList leakedToo = strings(readJson(text.runJson).value(u"leaked_sandboxes"_s).toArray());
        QCOMPARE(leakedToo.size(), 3);
        for (const QString &id : leakedToo)
            QVERIFY2(text.err.contains(id.toUtf8()), qPrintable(id));
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 6);

        emu.faultsOff();
        QProcess sweep;
        sweep.setProcessEnvironment(cliEnvironment(home.path(), emu.apiUrl(), u"dtn_limits_test"_s));
        sweep.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), {u"sweep"_s});
        QVERIFY(sweep.waitForFinished(60000));
        QVERIFY2(sweep.exitCode() == 0, sweep.readAllStandardError().constData());
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDaytonaLimits)
#include "tst_daytona_limits.moc"
