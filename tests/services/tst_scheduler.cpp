// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "fakebackend.h"
#include "run/scheduler.h"

#include <QFileInfo>
#include <QMutex>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace Qt::StringLiterals;
using mrp::test::FakeBackend;
using mrp::test::FakeStep;

class TestScheduler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    SchedulerConfig config(int concurrency)
    {
        SchedulerConfig c;
        c.concurrency = concurrency;
        c.maxRetries = 2;
        c.backoffBaseMs = 5;
        c.backoffMaxMs = 20;
        c.jitterSeed = 42;
        c.timeouts.exec = 30;
        c.downloadDir = m_dir.path();
        c.prices = PriceSpec{0, 0, 0};
        c.tickMs = 20;
        return c;
    }

    void addShards(Scheduler &s, int n)
    {
        for (int i = 0; i < n; ++i) {
            const QString id = QStringLiteral("shard-%1").arg(i, 5, 10, QLatin1Char('0'));
            const QString marker = m_dir.filePath(id + QStringLiteral(".txt"));
            QFile f(marker);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(id.toUtf8());
            f.close();
            SchedulerTask t;
            t.index = i;
            t.shardId = id;
            t.shardDigest = QString(64, QLatin1Char('a'));
            t.files = {UploadFile{marker, QStringLiteral("shard.txt")}};
            s.addTask(t);
        }
    }

    static bool runToEnd(Scheduler &s, int timeoutMs = 10000)
    {
        QSignalSpy fin(&s, &Scheduler::finished);
        s.start();
        return fin.wait(timeoutMs) && fin.size() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void allSucceedWithinConcurrency()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 15}; };
        Scheduler s(&b, config(3));
        addShards(s, 20);
        int outputs = 0;
        s.setCommitHook([&](const ShardRecord &rec, const AttemptRecord &, const QString &path, const ExecResult &) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return Outcome<QString>{{}, mrp::test::failure(ErrorClass::Infrastructure, QStringLiteral("missing"))};
            ++outputs;
            return Outcome<QString>{rec.outputDigest, {}};
        });
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 20);
        QCOMPARE(outputs, 20);
        QVERIFY(b.maxRunningExecs <= 3);
        QVERIFY(b.maxRunningExecs >= 2);
        QVERIFY(s.maxObservedInFlight() <= 3);
        QCOMPARE(b.created, 20);
        QCOMPARE(b.destroyed, b.created);
        QVERIFY(b.alive.isEmpty());
        const ShardRecord r = s.shard(7);
        QCOMPARE(r.attempts.size(), 1);
        QVERIFY(r.attempts[0].ok());
        QVERIFY(r.attempts[0].phases.createMs >= 0);
        QVERIFY(r.attempts[0].phases.execMs >= 10);
        QVERIFY(!r.attempts[0].sandboxId.isEmpty());
        QCOMPARE(r.attempts[0].stdoutDigest.size(), 64);
        QCOMPARE(r.outputDigest.size(), 64);
    }

    // Each state change is announced with the phase that state is in: a view drawing the shard
    // as it is announced shows "exec" while the operator runs and "download" while the output
    // comes, not the phase before.
    void stateChangesCarryTheirPhase()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 15}; };
        Scheduler s(&b, config(2));
        addShards(s, 4);
        QList<std::pair<ShardState, ShardPhase>> seen;
        connect(&s, &Scheduler::shardChanged, this, [&](int index) {
            const ShardRecord r = s.shard(index);
            if (!r.attempts.isEmpty() && (r.state == ShardState::Running || r.state == ShardState::Collecting))
                seen.append({r.state, r.attempts.constLast().openPhase});
        });
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 4);
        QCOMPARE(seen.size(), 8);
        for (const auto &[state, phase] : std::as_const(seen))
            QCOMPARE(phase, state == ShardState::Running ? ShardPhase::Exec : ShardPhase::Download);
    }

    void retryThenSuccess()
    {
        FakeBackend b;
        b.script = [](const QString &id, int attempt) {
            if (id == u"shard-00001" && attempt < 3)
                return FakeStep{FakeStep::Exec, ErrorClass::ServerError, 0, -1, 5};
            return FakeStep{};
        };
        Scheduler s(&b, config(2));
        addShards(s, 3);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 3);
        const ShardRecord r = s.shard(1);
        QCOMPARE(r.attempts.size(), 3);
        QCOMPARE(r.attempts[0].errorClass, ErrorClass::ServerError);
        QCOMPARE(r.attempts[1].errorClass, ErrorClass::ServerError);
        QCOMPARE(r.attempts[2].errorClass, ErrorClass::None);
        QCOMPARE(r.attempts[2].number, 3);
        QVERIFY(b.alive.isEmpty());
    }

    void permanentFailureNotRetried()
    {
        FakeBackend b;
        b.script = [](const QString &id, int) {
            if (id == u"shard-00000")
                return FakeStep{FakeStep::ExitCode, ErrorClass::None, 3, -1, 5};
            return FakeStep{};
        };
        Scheduler s(&b, config(2));
        addShards(s, 2);
        QVERIFY(runToEnd(s));
        const ShardRecord r = s.shard(0);
        QCOMPARE(r.state, ShardState::Failed);
        QCOMPARE(r.attempts.size(), 1);
        QCOMPARE(r.attempts[0].errorClass, ErrorClass::OperatorError);
        QCOMPARE(r.attempts[0].exitCode, 3);
        QVERIFY(r.attempts[0].message.contains(QStringLiteral("boom")));
        QCOMPARE(s.shard(1).state, ShardState::Done);
        QVERIFY(b.alive.isEmpty());
    }

    void timeoutPermanentAfterLastAttempt()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::ExitCode, ErrorClass::Timeout, 137, -1, 5}; };
        SchedulerConfig c = config(1);
        c.maxRetries = 1;
        Scheduler s(&b, c);
        addShards(s, 1);
        QVERIFY(runToEnd(s));
        const ShardRecord r = s.shard(0);
        QCOMPARE(r.state, ShardState::Failed);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.attempts[1].errorClass, ErrorClass::Timeout);
    }

    void execWatchdogFires()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::Hang, ErrorClass::None, 0, -1, 0}; };
        SchedulerConfig c = config(1);
        c.maxRetries = 0;
        c.timeouts.exec = 0;
        c.execGraceMs = 100;
        Scheduler s(&b, c);
        addShards(s, 1);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.shard(0).state, ShardState::Failed);
        QCOMPARE(s.shard(0).attempts[0].errorClass, ErrorClass::Timeout);
        QVERIFY(b.cancels >= 1);
        QVERIFY(b.alive.isEmpty());
    }

    void budgetStopsDispatch()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 40}; };
        SchedulerConfig c = config(1);
        c.prices = PriceSpec{3600.0, 0, 0};   // 1 USD per sandbox-second
        c.maxCostUsd = 0.2;
        c.initialEstimateSec = 0.01;
        Scheduler s(&b, c);
        addShards(s, 30);
        QSignalSpy warn(&s, &Scheduler::budgetWarning);
        QVERIFY(runToEnd(s));
        QVERIFY(s.budgetStopped());
        QVERIFY(!warn.isEmpty());
        const int done = s.countInState(ShardState::Done);
        QVERIFY2(done >= 1 && done < 30, qPrintable(QString::number(done)));
        QCOMPARE(done + s.countInState(ShardState::Cancelled), 30);
        QVERIFY(s.costSoFarUsd() <= c.maxCostUsd + 0.1);
        QVERIFY(b.alive.isEmpty());
    }

    void cancelMidFlight()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::Hang, ErrorClass::None, 0, -1, 0}; };
        Scheduler s(&b, config(4));
        addShards(s, 10);
        QSignalSpy fin(&s, &Scheduler::finished);
        s.start();
        QTRY_COMPARE_WITH_TIMEOUT(b.runningExecs, 4, 5000);
        s.cancel();
        QCOMPARE(fin.size(), 0);   // never synchronously
        QVERIFY(fin.wait(5000));
        QTest::qWait(50);
        QCOMPARE(fin.size(), 1);
        QCOMPARE(s.countInState(ShardState::Cancelled), 10);
        QCOMPARE(b.runningExecs, 0);
        QVERIFY(b.alive.isEmpty());
        QCOMPARE(b.destroyed, b.created);
        QCOMPARE(s.inFlightAttempts(), 0);
        QVERIFY(s.liveSandboxes().isEmpty());
    }

    void stragglerGetsBackup()
    {
        FakeBackend b;
        b.script = [](const QString &id, int attempt) {
            if (id == u"shard-00005" && attempt == 1)
                return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 5000};
            return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 20};
        };
        SchedulerConfig c = config(3);
        c.stragglerBackup = true;
        c.stragglerFactor = 3;
        c.stragglerMinMs = 150;
        Scheduler s(&b, c);
        addShards(s, 6);
        QElapsedTimer t;
        t.start();
        QVERIFY(runToEnd(s));
        QVERIFY2(t.elapsed() < 4000, "the backup attempt should have finished long before the straggler");
        const ShardRecord r = s.shard(5);
        QCOMPARE(r.state, ShardState::Done);
        QCOMPARE(r.attempts.size(), 2);
        QVERIFY(r.attempts[1].backup);
        QCOMPARE(r.attempts[1].errorClass, ErrorClass::None);
        QCOMPARE(r.attempts[0].errorClass, ErrorClass::Cancelled);   // the loser
        QVERIFY(b.alive.isEmpty());
        QCOMPARE(b.runningExecs, 0);
    }

    void noStragglerBackupByDefault()
    {
        FakeBackend b;
        b.script = [](const QString &id, int) {
            return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, id == u"shard-00003" ? 400 : 10};
        };
        SchedulerConfig c = config(3);
        c.stragglerMinMs = 50;
        Scheduler s(&b, c);
        addShards(s, 4);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.shard(3).attempts.size(), 1);
    }

    void retryAfterHonoured()
    {
        FakeBackend b;
        b.script = [](const QString &, int attempt) {
            if (attempt == 1)
                return FakeStep{FakeStep::Exec, ErrorClass::RateLimited, 0, 400, 1};
            return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 1};
        };
        Scheduler s(&b, config(1));
        addShards(s, 1);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.shard(0).state, ShardState::Done);
        const QList<qint64> starts = b.execStartMs.value(QStringLiteral("shard-00000"));
        QCOMPARE(starts.size(), 2);
        QVERIFY2(starts[1] - starts[0] >= 400, qPrintable(QString::number(starts[1] - starts[0])));
    }

    void createFailureRetried()
    {
        FakeBackend b;
        b.script = [](const QString &, int attempt) {
            return attempt == 1 ? FakeStep{FakeStep::Create, ErrorClass::Infrastructure, 0, -1, 1} : FakeStep{};
        };
        Scheduler s(&b, config(2));
        addShards(s, 2);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 2);
        QCOMPARE(s.shard(0).attempts.size(), 2);
        QCOMPARE(s.shard(0).attempts[0].errorClass, ErrorClass::Infrastructure);
    }

    void sandboxReusePerSlot()
    {
        FakeBackend b;
        SchedulerConfig c = config(2);
        c.sandboxReuse = true;
        Scheduler s(&b, c);
        addShards(s, 10);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 10);
        QVERIFY2(b.created <= 2, qPrintable(QString::number(b.created)));
        QCOMPARE(b.resets, 10 - b.created);
        QCOMPARE(b.destroyed, b.created);
        QVERIFY(b.alive.isEmpty());
    }

    void durableBeforeReported()
    {
        FakeBackend b;
        Scheduler s(&b, config(2));
        addShards(s, 4);
        QMutex lock;   // the hook runs on the commit thread
        QSet<int> committed;
        bool reportedBeforeCommit = false;
        connect(&s, &Scheduler::shardChanged, this, [&](int index) {
            QMutexLocker l(&lock);
            if (s.shard(index).state == ShardState::Done && !committed.contains(index))
                reportedBeforeCommit = true;
        });
        int failOnce = 1;
        s.setCommitHook([&](const ShardRecord &rec, const AttemptRecord &, const QString &, const ExecResult &) {
            QMutexLocker l(&lock);
            if (rec.state == ShardState::Done)
                reportedBeforeCommit = true;
            if (rec.index == 2 && failOnce-- > 0)
                return Outcome<QString>{{}, mrp::test::failure(ErrorClass::Infrastructure, QStringLiteral("disk full"))};
            committed.insert(rec.index);
            return Outcome<QString>{rec.outputDigest, {}};
        });
        QVERIFY(runToEnd(s));
        QVERIFY(!reportedBeforeCommit);
        QCOMPARE(committed.size(), 4);
        QCOMPARE(s.shard(2).attempts.size(), 2);   // a failed commit is a failed (retryable) attempt
        QCOMPARE(s.countInState(ShardState::Done), 4);
    }

    // The commit (hash, store) runs off the scheduler's thread, one at a time, and the shards are
    // reported Done in the order their commits finished; the scheduler's thread (the GUI thread
    // in the workbench) keeps running its event loop while a slow commit is under way.
    void commitsRunOffTheSchedulerThreadInOrder()
    {
        FakeBackend b;
        Scheduler s(&b, config(4));
        addShards(s, 12);
        QMutex lock;
        QList<int> commitOrder;
        QSet<QThread *> hookThreads;
        std::atomic<int> inside{0};
        std::atomic<int> maxInside{0};
        std::atomic<bool> slowCommitRunning{false};
        s.setCommitHook([&](const ShardRecord &rec, const AttemptRecord &, const QString &path, const ExecResult &) {
            const int now = ++inside;
            maxInside = std::max(maxInside.load(), now);
            {
                QMutexLocker l(&lock);
                hookThreads.insert(QThread::currentThread());
                commitOrder.append(rec.index);
            }
            if (rec.index == 5) {
                slowCommitRunning = true;
                QThread::msleep(300);
                slowCommitRunning = false;
            }
            const bool exists = QFileInfo::exists(path);
            --inside;
            return exists ? Outcome<QString>{rec.outputDigest, {}}
                          : Outcome<QString>{{}, mrp::test::failure(ErrorClass::Infrastructure, QStringLiteral("missing"))};
        });
        QList<int> doneOrder;
        connect(&s, &Scheduler::shardChanged, this, [&](int index) {
            if (s.shard(index).state == ShardState::Done)
                doneOrder.append(index);
        });
        int ticksDuringSlowCommit = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (slowCommitRunning)
                ++ticksDuringSlowCommit;
        });
        ticker.start();
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 12);
        QCOMPARE(maxInside.load(), 1);
        QVERIFY(!hookThreads.contains(QThread::currentThread()));
        QCOMPARE(hookThreads.size(), 1);   // one commit thread
        QCOMPARE(doneOrder, commitOrder);
        QVERIFY2(ticksDuringSlowCommit >= 3, qPrintable(QString::number(ticksDuringSlowCommit)));
    }

    // Once its output is downloaded a shard's sandbox and slot serve the next shard: the commit
    // (the store's work) does not hold them. With a sandbox per shard the next create starts, with
    // reuse the same sandbox takes the next shard, while a slow commit is still running.
    void slotServesTheNextShardWhileACommitRuns_data()
    {
        QTest::addColumn<bool>("reuse");
        QTest::newRow("sandbox per shard") << false;
        QTest::newRow("sandbox reuse") << true;
    }
    void slotServesTheNextShardWhileACommitRuns()
    {
        QFETCH(bool, reuse);
        FakeBackend b;
        SchedulerConfig c = config(1);
        c.sandboxReuse = reuse;
        c.countSandboxesUntilDestroyed = true;
        Scheduler s(&b, c);
        addShards(s, 3);
        std::atomic<bool> slowCommitRunning{false};
        int failCommitOnce = 1;
        s.setCommitHook([&](const ShardRecord &rec, const AttemptRecord &, const QString &, const ExecResult &) {
            if (rec.index == 0) {
                slowCommitRunning = true;
                QThread::msleep(400);
                slowCommitRunning = false;
            }
            if (rec.index == 1 && failCommitOnce-- > 0)   // a failed commit is still a failed attempt
                return Outcome<QString>{{}, mrp::test::failure(ErrorClass::Infrastructure, QStringLiteral("disk full"))};
            return Outcome<QString>{rec.outputDigest, {}};
        });
        bool nextRanDuringCommit = false;
        connect(&s, &Scheduler::shardChanged, this, [&](int index) {
            if (index == 1 && s.shard(1).state == ShardState::Running && slowCommitRunning)
                nextRanDuringCommit = true;
        });
        QVERIFY(runToEnd(s));
        QVERIFY(nextRanDuringCommit);
        QCOMPARE(s.countInState(ShardState::Done), 3);
        QCOMPARE(s.shard(1).attempts.size(), 2);
        QCOMPARE(b.cancels, 0);   // the failed commit did not touch the sandbox serving the next shard
        QVERIFY(s.maxObservedInFlight() <= 1);
        QCOMPARE(b.created, reuse ? 1 : 4);
        QCOMPARE(b.destroyed, b.created);
        QVERIFY(b.alive.isEmpty());
    }

    // A deleted sandbox holds the slot's room in the quota only until the service stops counting
    // it (released()), not until it is confirmed gone: the next create does not wait for that.
    void nextCreateWaitsOnlyUntilReleased_data()
    {
        QTest::addColumn<bool>("released");
        QTest::newRow("released at once") << true;
        QTest::newRow("counted until gone") << false;
    }
    void nextCreateWaitsOnlyUntilReleased()
    {
        QFETCH(bool, released);
        FakeBackend b;
        b.destroyMs = 300;
        b.releaseAtOnce = released;
        SchedulerConfig c = config(1);
        c.countSandboxesUntilDestroyed = true;
        Scheduler s(&b, c);
        addShards(s, 2);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.countInState(ShardState::Done), 2);
        const QStringList expected = released ? QStringList{u"create sb-1"_s, u"create sb-2"_s, u"gone sb-1"_s, u"gone sb-2"_s}
                                              : QStringList{u"create sb-1"_s, u"gone sb-1"_s, u"create sb-2"_s, u"gone sb-2"_s};
        QCOMPARE(b.events, expected);
    }

    // Sandbox reuse below the slot count (a quota of 2 for 4 slots): a free slot that keeps a
    // sandbox takes the next shard, not a free slot that would create one — the idle kept
    // sandboxes hold the quota, so that create would be refused again and again. The first
    // create answers last, so the kept sandboxes sit in the higher slots.
    void reuseTakesKeptSandboxesBeforeCreating()
    {
        FakeBackend b;
        b.quota = 2;
        b.createDelayMs = [](int call) { return call == 0 ? 60 : 2; };
        SchedulerConfig c = config(4);
        c.sandboxReuse = true;
        Scheduler s(&b, c);
        addShards(s, 12);
        QVERIFY(runToEnd(s, 5000));
        QCOMPARE(s.countInState(ShardState::Done), 12);
        QCOMPARE(b.created, 2);
        QVERIFY2(b.quotaRefusals <= 2, qPrintable(QString::number(b.quotaRefusals)));   // the first burst only
    }

    void queueTimeoutFailsWaitingShards()
    {
        FakeBackend b;
        b.script = [](const QString &, int) { return FakeStep{FakeStep::None, ErrorClass::None, 0, -1, 1500}; };
        SchedulerConfig c = config(1);
        c.timeouts.queue = 1;
        Scheduler s(&b, c);
        addShards(s, 3);
        QVERIFY(runToEnd(s));
        QCOMPARE(s.shard(0).state, ShardState::Done);
        QCOMPARE(s.shard(1).state, ShardState::Failed);
        QCOMPARE(s.shard(2).state, ShardState::Failed);
        QVERIFY(s.shard(1).attempts.isEmpty());   // it never left the queue
        QCOMPARE(b.execs, 1);
    }

    void resumedShardsNotDispatched()
    {
        FakeBackend b;
        Scheduler s(&b, config(2));
        ShardRecord done;
        done.index = 0;
        done.shardId = QStringLiteral("shard-00000");
        done.outputDigest = QString(64, QLatin1Char('b'));
        s.addCompleted(done);
        SchedulerTask t;
        t.index = 1;
        t.shardId = QStringLiteral("shard-00001");
        t.firstAttemptNumber = 3;
        s.addTask(t);
        QVERIFY(runToEnd(s));
        QCOMPARE(b.execs, 1);
        QVERIFY(s.shard(0).reused);
        QCOMPARE(s.shard(1).attempts.constFirst().number, 3);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
