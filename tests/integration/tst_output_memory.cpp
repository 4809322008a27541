// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// A shard's output streams through `mrp` — download, digest, store, the Python reducer's inputs —
// in bounded blocks: the real binary's peak RSS (VmHWM) with a large output stays within 16 MiB
// of the same job with a tiny one, on the local backend (60 MiB) and against the emulator over
// HTTP (40 MiB). An output over the cap is stopped while it arrives, unread.
#include "../emulator/emulatorprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp::test;
using namespace Qt::StringLiterals;

class TestOutputMemory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Measured {
        int exitCode = -1;   // -1: crashed or killed after the time limit
        QByteArray out;
        QByteArray err;
        qint64 peakKiB = 0;  // VmHWM of the mrp process
    };

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path(name)).absolutePath());
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
    }

    // A job whose single shard returns `mib` MiB (1 KiB strings, about 0.2 % more in JSON); a
    // Python reducer counts the strings, so the output really passes through every step.
    void writeJob(const QString &name, int mib, bool cloud)
    {
        const QByteArray n = QByteArray::number(mib);
        write(name + u"/data.jsonl"_s, "{\"text\": \"a\"}\n");
        write(name + u"/op.py"_s, "def map_shard(records):\n    return {'blob': ['x' * 1023] * (" + n + " * 1024)}\n");
        write(name + u"/reduce.py"_s, "def reduce(outputs):\n    return {'strings': sum(len(o['blob']) for o in outputs)}\n");
        QByteArray job = "version: 1\nname: output-memory\ndataset:\n  path: data.jsonl\n"
                         "map:\n  operator: op.py\n  entrypoint: map_shard\n"
                         "reduce:\n  operator: reduce.py\n  entrypoint: reduce\n"
                         "produce:\n  - { format: json, path: summary.json }\n"
                         "policy:\n  max_concurrency_map: 1\n  shard_timeout_s: 120\n  max_retries: 0\n";
        job += cloud ? "execution_backend: cloud_sandbox\nbackend_profile: daytona\n" : "execution_backend: local\n";
        write(name + u"/job.yaml"_s, job);
    }

    // `mrp run JOB --json` with VmHWM read from /proc every 20 ms until it exits (VmHWM only
    // grows, so the last reading is the peak up to then).
    Measured runMeasured(const QString &name, const QProcessEnvironment &env, const QStringList &extra = {})
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"),
                QStringList{u"run"_s, path(name + u"/job.yaml"_s), u"--json"_s, u"--data-dir"_s, path(name + u"-data"_s)} + extra);
        Measured m;
        if (!p.waitForStarted())
            return m;
        const QString status = u"/proc/%1/status"_s.arg(p.processId());
        QElapsedTimer clock;
        clock.start();
        while (!p.waitForFinished(20) && clock.elapsed() < 180000) {
            QFile f(status);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &line : f.readAll().split('\n'))
                if (line.startsWith("VmHWM:"))
                    m.peakKiB = std::max(m.peakKiB, line.mid(6).trimmed().split(' ').value(0).toLongLong());
        }
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
            m.err = "timed out: ";
        }
        m.exitCode = p.exitStatus() == QProcess::NormalExit && m.err.isEmpty() ? p.exitCode() : -1;
        m.out = p.readAllStandardOutput();
        m.err += p.readAllStandardError();
        return m;
    }

    QProcessEnvironment localEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, path(u"home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, path(u"home/config"_s));
        return env;
    }

    // The summary names the reduced count: every string of the output reached the reducer.
    void checkReduced(const Measured &m, int mib)
    {
        QVERIFY2(m.exitCode == 0, qPrintable(QString::number(m.exitCode) + u' ' + QString::fromUtf8(m.err)));
        const QString outDir = QJsonDocument::fromJson(m.out).object().value(u"output_dir"_s).toString();
        QFile f(QDir(outDir).filePath(u"summary.json"_s));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(outDir));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"strings"_s).toInteger(), qint64(mib) * 1024);
    }

    void comparePeaks(const Measured &small, const Measured &large, int mib)
    {
        qInfo("peak RSS of mrp: %lld KiB with a tiny output, %lld KiB with %d MiB", small.peakKiB, large.peakKiB, mib);
        QVERIFY(small.peakKiB > 0 && large.peakKiB > 0);
        QVERIFY2(large.peakKiB - small.peakKiB < 16 * 1024,
                 qPrintable(u"%1 KiB more with a %2 MiB output (allowed: 16 MiB)"_s.arg(large.peakKiB - small.peakKiB).arg(mib)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void localOutputStreams()
    {
        writeJob(u"local-small"_s, 0, false);
        writeJob(u"local-large"_s, 60, false);
        const Measured small = runMeasured(u"local-small"_s, localEnvironment(), {u"--allow-unisolated"_s});
        checkReduced(small, 0);
        const Measured large = runMeasured(u"local-large"_s, localEnvironment(), {u"--allow-unisolated"_s});
        checkReduced(large, 60);
        comparePeaks(small, large, 60);
    }

    void cloudOutputStreams()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({}, &why), qPrintable(why));
        const QProcessEnvironment env = cliEnvironment(path(u"cloud-home"_s), emu.apiUrl(), u"dtn_output_memory_key"_s);
        writeJob(u"cloud-small"_s, 0, true);
        writeJob(u"cloud-large"_s, 40, true);
        const Measured small = runMeasured(u"cloud-small"_s, env);
        checkReduced(small, 0);
        const int downloads = emu.stats().value(u"downloads"_s).toInt();
        const Measured large = runMeasured(u"cloud-large"_s, env);
        checkReduced(large, 40);
        QVERIFY(emu.stats().value(u"downloads"_s).toInt() > downloads);   // too large to come back with the command
        comparePeaks(small, large, 40);

        // Over the cap: the download stops at 64 MiB, the shard fails naming the cap, nothing
        // is stored and memory stays as flat.
        writeJob(u"cloud-huge"_s, 100, true);
        const Measured huge = runMeasured(u"cloud-huge"_s, env);
        QVERIFY2(huge.exitCode == 1, qPrintable(QString::number(huge.exitCode) + u' ' + QString::fromUtf8(huge.err)));
        const QByteArray said = huge.out + huge.err;
        QVERIFY2(said.contains("a shard may return at most 64 MiB"), said.constData());
        QDirIterator objects(path(u"cloud-huge-data/objects"_s), QDir::Files, QDirIterator::Subdirectories);
        QVERIFY2(!objects.hasNext(), "an object was stored for the refused output");
        comparePeaks(small, huge, 100);
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutputMemory)
#include "tst_output_memory.moc"
