// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Orchestration benchmark (DESIGN.md §12): DaytonaBackend against the emulator injecting
// create 90 ms, 30 ms per toolbox call, delete 20 ms; each shard's work is 200 ms. N shards
// (MRP_BENCH_SHARDS, default 2000) at concurrency 64, one sandbox per shard and with sandbox
// reuse. Reports makespan vs the ideal from the injected latencies (target <= 1.10x), client
// CPU per shard and peak RSS. Label `bench`: never part of the plain test run.

#include "daytona/daytonabackend.h"
#include "../emulator/emulatorprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace mrp;
using namespace mrp::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCreateMs = 90, kCallMs = 30, kDeleteMs = 20, kWorkMs = 200, kConcurrency = 64;

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peakRssKib()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// A bounded driver: `slots` independent chains, each running shards until none are left.
class Driver : public QObject
{
public:
    Driver(DaytonaBackend *b, const QString &input, const QString &outDir, int shards, bool reuse)
        : m_b(b), m_input(input), m_outDir(outDir), m_left(shards), m_reuse(reuse) {}

    void start()
    {
        for (int s = 0; s < kConcurrency; ++s)
            nextSlot(QString());
    }
    bool done() const { return m_active == 0 && m_started; }
    int failures() const { return m_failures; }
    int completed() const { return m_completed; }

private:
    void nextSlot(const QString &reusable)
    {
        m_started = true;
        if (m_left == 0) {
            if (!reusable.isEmpty()) {
                ++m_active;
                m_b->destroy(reusable).then(this, [this](const SandboxError &e) { if (!e.ok()) ++m_failures; --m_active; });
            }
            return;
        }
        const int shard = --m_left;
        ++m_active;
        if (!reusable.isEmpty()) {
            runShard(reusable, shard);
            return;
        }
        SandboxSpec spec;
        spec.runId = u"bench"_s;
        spec.ownerId = u"bench"_s;
        m_b->create(spec).then(this, [this, shard](const Outcome<SandboxInfo> &o) {
            if (!o.ok()) {
                ++m_failures;
                --m_active;
                nextSlot(QString());
                return;
            }
            runShard(o.value.id, shard);
        });
    }

    void runShard(const QString &id, int shard)
    {
        m_b->upload(id, {{m_input, u"payload.json"_s}}).then(this, [this, id, shard](const SandboxError &e) {
            if (!e.ok())
                return fail(id);
            ExecRequest req;
            req.argv = {u"sh"_s, u"-c"_s, u"sleep 0.2; cp payload.json output.json"_s};
            req.timeoutSec = 30;
            m_b->exec(id, req).then(this, [this, id, shard](const Outcome<ExecResult> &r) {
                if (!r.ok() || r.value.exitCode != 0)
                    return fail(id);
                m_b->download(id, {{u"output.json"_s, m_outDir + u"/out-%1.json"_s.arg(shard), {}}})
                    .then(this, [this, id](const SandboxError &d) {
                        if (!d.ok())
                            return fail(id);
                        ++m_completed;
                        if (m_reuse) {
                            m_b->reset(id).then(this, [this, id](const SandboxError &) {
                                --m_active;
                                nextSlot(id);
                            });
                        } else {
                            m_b->destroy(id).then(this, [this](const SandboxError &x) {
                                if (!x.ok())
                                    ++m_failures;
                                --m_active;
                                nextSlot(QString());
                            });
                        }
                    });
            });
        });
    }
    void fail(const QString &id)
    {
        ++m_failures;
        m_b->destroy(id);
        --m_active;
        nextSlot(QString());
    }

    DaytonaBackend *m_b;
    QString m_input, m_outDir;
    int m_left;
    bool m_reuse;
    int m_active = 0, m_failures = 0, m_completed = 0;
    bool m_started = false;
};

} // namespace

class BenchDaytona : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void makespan_data()
    {
        QTest::addColumn<bool>("reuse");
        QTest::newRow("sandbox per shard") << false;
        QTest::newRow("sandbox reuse") << true;
    }

    void makespan()
    {
        QFETCH(bool, reuse);
        const int shards = qEnvironmentVariableIntValue("MRP_BENCH_SHARDS") > 0 ? qEnvironmentVariableIntValue("MRP_BENCH_SHARDS") : 2000;
        EmulatorProcess emu;
        QVERIFY(emu.start({u"--create-latency-ms"_s, QString::number(kCreateMs), u"--call-latency-ms"_s, QString::number(kCallMs),
                           u"--delete-latency-ms"_s, QString::number(kDeleteMs), u"--runtime"_s, u"process"_s}));
        QTemporaryDir tmp;
        QFile in(tmp.filePath(u"payload.json"_s));
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write("[1,2,3]");
        in.close();
        DaytonaConfig cfg;
        cfg.apiUrl = emu.apiUrl();
        cfg.apiKey = u"bench"_s;
        cfg.connectionsPerHost = kConcurrency * 2;
        DaytonaBackend::Options opts;
        opts.pollInitialMs = 10;
        opts.pollMaxMs = 50;
        DaytonaBackend backend(cfg, opts);
        Driver driver(&backend, in.fileName(), tmp.path(), shards, reuse);
        const double cpu0 = cpuSeconds();
        QElapsedTimer clock;
        clock.start();
        driver.start();
        QTRY_VERIFY_WITH_TIMEOUT(driver.done(), 3000000);
        const qint64 makespan = clock.elapsed();
        const double cpu = cpuSeconds() - cpu0;
        // Ideal: every slot runs its shards back to back at the injected latencies
        // (the create reply already waits kCreateMs; upload, exec, download = 3 calls).
        const int waves = (shards + kConcurrency - 1) / kConcurrency;
        const qint64 perShard = reuse ? (3 * kCallMs + kWorkMs + kCallMs /*reset*/)
                                      : (kCreateMs + 3 * kCallMs + kWorkMs + kDeleteMs);
        const qint64 ideal = waves * perShard + (reuse ? kCreateMs + kDeleteMs : 0);
        const QJsonObject stats = emu.stats();
        qInfo().noquote() << QStringLiteral("%1: %2 shards, concurrency %3: makespan %4 ms, ideal %5 ms, ratio %6; client CPU %7 ms/shard; peak RSS %8 MiB; failures %9; max in flight %10")
                                 .arg(reuse ? u"reuse"_s : u"per-shard"_s).arg(shards).arg(kConcurrency).arg(makespan).arg(ideal)
                                 .arg(double(makespan) / double(ideal), 0, 'f', 3).arg(cpu * 1000.0 / shards, 0, 'f', 2)
                                 .arg(peakRssKib() / 1024).arg(driver.failures()).arg(stats.value(u"maxInFlight"_s).toInt());
        QCOMPARE(driver.failures(), 0);
        QCOMPARE(driver.completed(), shards);
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(BenchDaytona)
#include "tst_bench_daytona.moc"
