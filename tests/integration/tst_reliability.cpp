// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Reliability (docs/design.md §2.4, §11.3): `mrp run` on a generated 300-shard local job is killed with
// SIGKILL at random points and resumed each time; the final reduce and produce digests must equal
// an uninterrupted run's, no process of ours may outlive a kill (no bwrap / python left), and the
// store must hold every shard output exactly once.
#include "local/localbackend.h"
#include "store/runstore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;

namespace {

constexpr int Shards = 300;

QString mrpBinary()
{
    return QStringLiteral(MRP_BINARY_DIR "/bin/mrp");
}

// Processes (other than us) of the runs kept in dataDir: mrp, whose command line names the data
// folder, and bubblewrap, which runs in a sandbox work folder under LocalBackend::baseDirFor().
QStringList processesMentioning(const QString &dataDir)
{
    QStringList found;
    const QString self = QString::number(QCoreApplication::applicationPid());
    const QString sandboxes = LocalBackend::baseDirFor(dataDir) + QLatin1Char('/');
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        if (pid == self)
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QByteArray cmd = f.readAll();
        cmd.replace('\0', ' ');
        const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
        if (QString::fromUtf8(cmd).contains(dataDir) || cwd.startsWith(sandboxes))
            found.append(pid + QLatin1Char(' ') + QString::fromUtf8(cmd).left(120));
    }
    return found;
}

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_job;

    QJsonObject runToEnd(const QString &dataDir, const QStringList &extra, int timeoutMs)
    {
        QProcess p;
        p.setProgram(mrpBinary());
        p.setArguments(QStringList{QStringLiteral("run")} + extra + QStringList{QStringLiteral("--json"), QStringLiteral("--data-dir"), dataDir});
        p.start();
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            qWarning() << "mrp run did not finish in time";
            return {};
        }
        if (p.exitCode() != 0)
            qWarning().noquote() << "mrp run exit" << p.exitCode() << p.readAllStandardError().right(2000);
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    }

    QString onlyRunId(const QString &dataDir)
    {
        RunStore store(dataDir);
        QString error;
        if (!store.open(&error))
            return QString();
        const QList<RunSummary> runs = store.listRuns();
        return runs.size() == 1 ? runs.first().runId : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(mrpBinary()), "build the mrp target first");
        QFile data(m_dir.filePath(QStringLiteral("data.jsonl")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        for (int i = 0; i < Shards; ++i)
            data.write("{\"id\": " + QByteArray::number(i) + ", \"x\": " + QByteArray::number(i * 7 % 13) + "}\n");
        data.close();
        QFile op(m_dir.filePath(QStringLiteral("op.py")));
        QVERIFY(op.open(QIODevice::WriteOnly));
        op.write("def map_shard(records):\n    return {'n': len(records), 'sum': sum(r['x'] for r in records),\n"
                 "            'ids': [r['id'] for r in records]}\n");
        op.close();
        m_job = m_dir.filePath(QStringLiteral("job.yaml"));
        QFile job(m_job);
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write("version: 1\nname: reliability\ndataset:\n  path: data.jsonl\n  shard_size: 1\n"
                  "map:\n  language: python\n  operator: op.py\n  entrypoint: map_shard\n"
                  "reduce:\n  builtin: merge_counts\n"
                  "produce:\n  - { format: json, path: summary.json }\n  - { format: jsonl, path: ids.jsonl, select: ids }\n"
                  "execution_backend: local\npolicy:\n  max_concurrency_map: 4\n  shard_timeout_s: 30\n  max_retries: 2\n");
        job.close();
    }

    void killAndResumeGivesSameDigests()
    {
        QElapsedTimer total;
        total.start();
        // 1. The reference: one uninterrupted run.
        const QString refDir = m_dir.filePath(QStringLiteral("reference"));
        const QJsonObject ref = runToEnd(refDir, {m_job}, 80000);
        QCOMPARE(ref.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(ref.value(QStringLiteral("shards")).toObject().value(QStringLiteral("done")).toInt(), Shards);
        const qint64 refMs = total.elapsed();

        // 2. The same job killed at random points, resumed each time.
        const QString dir = m_dir.filePath(QStringLiteral("killed"));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "kill points seed" << seed << "reference run took" << refMs << "ms";
        QRandomGenerator rng(seed);
        int kills = 0;
        int sandboxesSeen = 0;
        for (int round = 0; round < 4; ++round) {
            const QString runId = onlyRunId(dir);
            QStringList args = runId.isEmpty() ? QStringList{m_job} : QStringList{QStringLiteral("--resume"), runId};
            QProcess p;
            p.setProgram(mrpBinary());
            p.setArguments(QStringList{QStringLiteral("run")} + args + QStringList{QStringLiteral("--json"), QStringLiteral("--data-dir"), dir});
            p.start();
            QVERIFY(p.waitForStarted());
            // Spread the kills over the run: early (compile, packaging) to deep into the map phase.
            const int delay = int(rng.bounded(qint64(250), std::max<qint64>(1000, refMs / 5)));
            if (p.waitForFinished(delay))
                break;   // finished before the kill point: nothing left to interrupt
            // The detector below must see what it looks for: mrp itself, and usually sandboxes.
            const QStringList alive = processesMentioning(dir);
            QVERIFY2(!alive.isEmpty(), "the running mrp should be visible in /proc");
            sandboxesSeen += int(alive.filter(QStringLiteral("bwrap")).size() + alive.filter(QStringLiteral("runner.py")).size());
            p.kill();    // SIGKILL: no cleanup code of ours runs
            QVERIFY(p.waitForFinished(5000));
            ++kills;
            // Nothing of that process may survive it (bubblewrap dies with its parent).
            QTRY_VERIFY2_WITH_TIMEOUT(processesMentioning(dir).isEmpty(), qPrintable(processesMentioning(dir).join(QLatin1Char('\n'))), 10000);
        }
        qInfo() << kills << "kill(s)," << sandboxesSeen << "sandbox process(es) alive at the kill points";
        QVERIFY(kills >= 1);
        const QString runId = onlyRunId(dir);
        QVERIFY2(!runId.isEmpty(), "exactly one run in the store after the kills");
        const QJsonObject fin = runToEnd(dir, {QStringLiteral("--resume"), runId}, 80000);
        QCOMPARE(fin.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(fin.value(QStringLiteral("run_id")).toString(), runId);

        // 3. Same digests as the uninterrupted run.
        QCOMPARE(fin.value(QStringLiteral("reduce_input_order_digest")).toString(),
                 ref.value(QStringLiteral("reduce_input_order_digest")).toString());
        QCOMPARE(fin.value(QStringLiteral("reduce_output_digest")).toString(), ref.value(QStringLiteral("reduce_output_digest")).toString());
        const QJsonArray fo = fin.value(QStringLiteral("outputs")).toArray(), ro = ref.value(QStringLiteral("outputs")).toArray();
        QCOMPARE(fo.size(), 2);
        QCOMPARE(fo.size(), ro.size());
        for (qsizetype i = 0; i < fo.size(); ++i)
            QCOMPARE(fo[i].toObject().value(QStringLiteral("sha256")).toString(), ro[i].toObject().value(QStringLiteral("sha256")).toString());

        // 4. The store: every shard done once, with the reference's output; no duplicate ok attempts.
        RunStore store(dir), refStore(refDir);
        QString error;
        QVERIFY(store.open(&error) && refStore.open(&error));
        const auto rec = store.loadRun(runId, &error);
        const auto refRec = refStore.loadRun(ref.value(QStringLiteral("run_id")).toString(), &error);
        QVERIFY2(rec && refRec, qPrintable(error));
        QCOMPARE(rec->shards.size(), Shards);
        QCOMPARE(store.countShards(runId, ShardState::Done), Shards);
        QVERIFY(rec->sessions >= 2);
        for (int i = 0; i < Shards; ++i) {
            const ShardRecord &s = rec->shards[i];
            int okAttempts = 0;
            for (const AttemptRecord &a : s.attempts)
                okAttempts += a.errorClass == ErrorClass::None ? 1 : 0;
            QVERIFY2(okAttempts == 1, qPrintable(QStringLiteral("%1 has %2 ok attempts").arg(s.shardId).arg(okAttempts)));
            QCOMPARE(s.outputDigest, refRec->shards[i].outputDigest);
            QVERIFY(store.readObject(s.outputDigest, &error).has_value());
        }
        // No sandbox directory is left running anything, and no process of ours is alive.
        QVERIFY(processesMentioning(dir).isEmpty());
        qInfo() << "total" << total.elapsed() << "ms";
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
