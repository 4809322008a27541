// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// Benchmark (label "bench", run by `./scripts/dev bench bench_local`): 1,000 trivial shards
// through LocalBackend with per-shard isolation, against `xargs -P<n>` running the same runner
// in the same packages without isolation — the floor for one process per shard — in the same
// run, the three taking turns on quarters of the shards (the machine's speed drifts). Also
// bubblewrap's own cost per start (bwrap true vs plain true).
// Knobs: MRP_BENCH_SHARDS (default 1000), MRP_BENCH_CONCURRENCY (default "2,4").

#include "local/localbackend.h"
#include "sandbox/packager.h"
#include "sandbox/runcontract.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace mrp;
using namespace Qt::StringLiterals;

namespace {

struct Figures {
    double seconds = 0;
    int failed = 0;
    // Wall time per phase, summed over shards (ms): where a shard's time goes.
    enum Phase { Create, Upload, Exec, Download, Release, Phases };
    double phaseMs[Phases] = {};
    int phaseCount[Phases] = {};
    double perSecond(int n) const { return seconds > 0 ? n / seconds : 0; }
    void merge(const Figures &o)
    {
        seconds += o.seconds;
        failed += o.failed;
        for (int p = 0; p < Phases; ++p) {
            phaseMs[p] += o.phaseMs[p];
            phaseCount[p] += o.phaseCount[p];
        }
    }
    void add(Phase p, const QElapsedTimer &t)
    {
        phaseMs[p] += t.nsecsElapsed() / 1e6;
        ++phaseCount[p];
    }
    QString phases() const
    {
        static const char *names[] = {"create", "upload", "exec", "download", "destroy/reset"};
        QStringList out;
        for (int p = 0; p < Phases; ++p)
            out << u"%1 %2 ms"_s.arg(QLatin1StringView(names[p])).arg(phaseCount[p] ? phaseMs[p] / phaseCount[p] : 0.0, 0, 'f', 1);
        return out.join(u", "_s);
    }
};

// Runs a shell command line and returns its wall time (the event loop keeps running).
double timeShell(const QString &script)
{
    QProcess p;
    p.setProgram(u"/bin/sh"_s);
    p.setArguments({u"-c"_s, script});
    QElapsedTimer t;
    t.start();
    p.start();
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 600000))
        return -1;
    if (p.exitCode() != 0)
        qWarning() << "shell failed:" << p.readAllStandardError().left(500);
    return t.elapsed() / 1000.0;
}

} // namespace

class TestBenchLocal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void shards_data();
    void shards();
    void bubblewrapCost();

private:
    // Shards [from, to) only.
    Figures runBackend(int concurrency, bool reuse, int from, int to);
    double runXargs(int concurrency, int from, int to);

    QTemporaryDir m_tmp;
    QList<ShardPackage> m_packages;
    int m_shards = 1000;
};

void TestBenchLocal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    // As root, sandboxes run as uids of their own that must reach their work folders (the
    // default folder, /var/tmp/mrp-sandboxes-UID, is 0711; a QTemporaryDir is 0700).
    QVERIFY(QFile::setPermissions(m_tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                    | QFileDevice::ExeGroup | QFileDevice::ExeOther));
    m_shards = qEnvironmentVariableIntValue("MRP_BENCH_SHARDS") > 0 ? qEnvironmentVariableIntValue("MRP_BENCH_SHARDS") : 1000;
    Plan plan;
    plan.map.code = "def map_shard(records):\n    return {'n': len(records), 'sum': sum(records)}\n";
    plan.map.entrypoint = u"map_shard"_s;
    Packager packager(m_tmp.filePath(u"packages"_s));
    QDir().mkpath(m_tmp.filePath(u"payloads"_s));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < m_shards; ++i) {
        const QByteArray payload = '[' + QByteArray::number(i) + ',' + QByteArray::number(i + 1) + ']';
        ShardPlan s;
        s.index = i;
        s.id = u"shard-%1"_s.arg(i);
        s.digest = QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
        s.payloadPath = m_tmp.filePath(u"payloads/%1.json"_s.arg(s.digest));
        QFile f(s.payloadPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(payload);
        f.close();
        ShardPackage p;
        QString err;
        QVERIFY2(packager.packageShard(plan, s, &p, &err), qPrintable(err));
        m_packages << p;
    }
    qInfo("packaging: %d shards in %.2f s (%.0f/s)", m_shards, t.elapsed() / 1000.0, m_shards * 1000.0 / qMax<qint64>(1, t.elapsed()));
}

Figures TestBenchLocal::runBackend(int concurrency, bool reuse, int from, int to)
{
    const int count = to - from;
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes-%1-%2"_s.arg(concurrency).arg(reuse));
    LocalBackend backend(o);
    // Continuations run in this context, destroyed before the backend: the backend finishes what
    // is still pending in its destructor, and those continuations must not run into our locals.
    QObject ctx;
    Figures fig;
    int next = from, done = 0;
    const QString outDir = m_tmp.filePath(u"out-%1-%2"_s.arg(concurrency).arg(reuse));
    QDir().mkpath(outDir);
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    req.timeoutSec = 60;

    QList<QString> slots(concurrency);
    std::function<void(int)> startShard;
    // A real event loop, as the product runs in: QTest::qWaitFor sleeps 10 ms between rounds of
    // events, which would add up to 10 ms to every phase of every shard.
    QEventLoop loop;
    auto shardDone = [&](int slot, const QString &sandbox, bool ok) {
        fig.failed += ok ? 0 : 1;
        if (++done >= count)
            loop.quit();
        QElapsedTimer t;
        t.start();
        if (reuse) {
            backend.reset(sandbox).then(&ctx, [&, slot, t](const SandboxError &) {
                fig.add(Figures::Release, t);
                startShard(slot);
            });
        } else {
            backend.destroy(sandbox).then(&ctx, [&, slot, t](const SandboxError &) {
                fig.add(Figures::Release, t);
                startShard(slot);
            });
        }
    };
    auto runIn = [&](int slot, const QString &sandbox, int i) {
        QElapsedTimer t;
        t.start();
        backend.upload(sandbox, m_packages.at(i).uploads()).then(&ctx, [&, slot, sandbox, i, t](const SandboxError &up) mutable {
            fig.add(Figures::Upload, t);
            if (!up.ok())
                return shardDone(slot, sandbox, false);
            t.restart();
            backend.exec(sandbox, req).then(&ctx, [&, slot, sandbox, i, t](const Outcome<ExecResult> &r) mutable {
                fig.add(Figures::Exec, t);
                if (!r.ok() || r.value.exitCode != 0)
                    return shardDone(slot, sandbox, false);
                const QString digest = runcontract::outputDigestFromStdout(r.value.stdoutData);
                t.restart();
                backend.download(sandbox, {{u"output.json"_s, outDir + u"/%1.json"_s.arg(i), digest}})
                    .then(&ctx, [&, slot, sandbox, t](const SandboxError &dl) {
                        fig.add(Figures::Download, t);
                        shardDone(slot, sandbox, dl.ok());
                    });
            });
        });
    };
    startShard = [&](int slot) {
        if (next >= to)
            return;
        const int i = next++;
        if (reuse && !slots[slot].isEmpty())
            return runIn(slot, slots[slot], i);
        QElapsedTimer t;
        t.start();
        backend.create({}).then(&ctx, [&, slot, i, t](const Outcome<SandboxInfo> &c) {
            fig.add(Figures::Create, t);
            if (!c.ok()) {
                fig.failed++;
                if (++done >= count)
                    loop.quit();
                return startShard(slot);
            }
            slots[slot] = c.value.id;
            runIn(slot, c.value.id, i);
        });
    };
    QElapsedTimer t;
    t.start();
    for (int s = 0; s < concurrency; ++s)
        startShard(s);
    QTimer::singleShot(900000, &loop, &QEventLoop::quit);
    if (done < count)
        loop.exec();
    const bool finished = done >= count;
    fig.seconds = t.elapsed() / 1000.0;
    if (!finished)
        fig.failed += count - done;
    next = to;  // nothing more to start
    if (reuse) {
        for (const QString &id : std::as_const(slots))
            if (!id.isEmpty())
                (void)QTest::qWaitFor([f = backend.destroy(id)] { return f.isFinished(); }, 10000);
    }
    (void)QTest::qWaitFor([&] { return backend.runningCount() == 0; }, 10000);
    QTest::qWait(200);  // let the last destroy/reset continuations run
    return fig;
}

double TestBenchLocal::runXargs(int concurrency, int from, int to)
{
    // Same packages, copied into their own folders first (not timed), run in place.
    const QString root = m_tmp.filePath(u"xargs-%1"_s.arg(concurrency));
    QDir(root).removeRecursively();
    QDir().mkpath(root);
    QFile list(root + u"/dirs.txt"_s);
    if (!list.open(QIODevice::WriteOnly))
        return -1;
    for (int i = from; i < to; ++i) {
        const QString dir = root + u"/%1"_s.arg(i);
        QDir().mkpath(dir);
        for (const UploadFile &f : m_packages.at(i).uploads())
            QFile::copy(f.localPath, dir + u'/' + f.remotePath);
        list.write(dir.toUtf8() + '\n');
    }
    list.close();
    // env -C: change directory without a shell, so the floor is one process per shard.
    return timeShell(u"xargs -P%1 -I{} env -C {} python3 -I -B -u runner.py < '%2' > /dev/null"_s
                         .arg(concurrency)
                         .arg(list.fileName()));
}

void TestBenchLocal::shards_data()
{
    QTest::addColumn<int>("concurrency");
    const QStringList spec = qEnvironmentVariable("MRP_BENCH_CONCURRENCY", u"2,4"_s).split(u',');
    for (const QString &s : spec)
        if (s.toInt() > 0)
            QTest::addRow("concurrency %d", s.toInt()) << s.toInt();
}

void TestBenchLocal::shards()
{
    QFETCH(int, concurrency);
    const int n = concurrency;
    {
        LocalBackend::Options o;
        o.baseDir = m_tmp.filePath(u"probe"_s);
        LocalBackend probe(o);
        qInfo().noquote() << "local backend:" << probe.isolationDescription();
    }
    // The machine's speed drifts by a tenth within minutes: the three take turns on the same
    // quarters of the shards, so each meets the same drift, and their totals are compared.
    const int rounds = 4;
    double xargs = 0;
    Figures fresh, reuse;
    QStringList perRound;
    for (int r = 0; r < rounds; ++r) {
        const int from = m_shards * r / rounds, to = m_shards * (r + 1) / rounds;
        const double x = runXargs(n, from, to);
        const Figures f = runBackend(n, false, from, to);
        const Figures u = runBackend(n, true, from, to);
        xargs += x;
        fresh.merge(f);
        reuse.merge(u);
        perRound << u"%1/%2/%3"_s.arg((to - from) / x, 0, 'f', 1).arg(f.perSecond(to - from), 0, 'f', 1).arg(u.perSecond(to - from), 0, 'f', 1);
    }
    const double floor = m_shards / xargs;
    qInfo("%d shards, concurrency %d, in %d turns: xargs -P%d (unisolated, no lifecycle) %.1f shards/s (%.1f s) | "
          "LocalBackend, fresh sandbox per shard: %.1f shards/s (%.2fx, %d failed) | reused sandbox per slot: %.1f shards/s "
          "(%.2fx, %d failed); per turn xargs/fresh/reused shards/s: %s",
          m_shards, n, rounds, n, floor, xargs, fresh.perSecond(m_shards), fresh.perSecond(m_shards) / floor, fresh.failed,
          reuse.perSecond(m_shards), reuse.perSecond(m_shards) / floor, reuse.failed, qPrintable(perRound.join(u"  "_s)));
    qInfo("per shard, fresh: %s | reused: %s", qPrintable(fresh.phases()), qPrintable(reuse.phases()));
    QCOMPARE(fresh.failed, 0);
    QCOMPARE(reuse.failed, 0);
}

void TestBenchLocal::bubblewrapCost()
{
    const QString bwrap = QStandardPaths::findExecutable(u"bwrap"_s);
    if (bwrap.isEmpty())
        QSKIP("bubblewrap not installed");
    const int n = 300;
    const QString dir = m_tmp.filePath(u"bwrap-work"_s);
    QDir().mkpath(dir);
    const QString args = u"--unshare-all --cap-drop ALL --die-with-parent "
                         "--new-session --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 "
                         "--symlink usr/bin /bin --proc /proc --dev /dev --tmpfs /tmp --bind '%1' /work --chdir /work"_s.arg(dir);
    const double plain = timeShell(u"i=0; while [ $i -lt %1 ]; do /usr/bin/true; i=$((i+1)); done"_s.arg(n));
    const double wrapped = timeShell(u"i=0; while [ $i -lt %1 ]; do %2 %3 /usr/bin/true; i=$((i+1)); done"_s.arg(n).arg(bwrap, args));
    const double py = timeShell(u"i=0; while [ $i -lt 100 ]; do python3 -I -B -c pass; i=$((i+1)); done"_s);
    const double pyS = timeShell(u"i=0; while [ $i -lt 100 ]; do python3 -I -S -B -c pass; i=$((i+1)); done"_s);
    qInfo("bubblewrap cost: plain true %.2f ms, bwrap true %.2f ms -> %.2f ms per start; "
          "python3 -I start %.1f ms, python3 -I -S start %.1f ms",
          plain * 1000 / n, wrapped * 1000 / n, (wrapped - plain) * 1000 / n, py * 10, pyS * 10);
}

QTEST_GUILESS_MAIN(TestBenchLocal)
#include "tst_bench_local.moc"
