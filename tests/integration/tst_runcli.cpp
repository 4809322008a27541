// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The run commands end to end through the real `mrp` binary, the real local backend (bubblewrap
// where available), the real runner and SQLite: run (with a Python reducer), runs, show, export,
// replay, diff, exit codes for failed shards, and cancel on SIGINT/SIGTERM (exit 130, nothing
// left running, the run recorded as cancelled and resumable).
#include "store/runstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace mrp;

class TestRunCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    QString job(const QString &name, const QByteArray &mapCode, const QByteArray &timeout = "30")
    {
        write(name + QStringLiteral(".py"), mapCode);
        write(name + QStringLiteral(".yaml"),
              "version: 1\nname: " + name.toUtf8() + "\ndataset:\n  path: data.jsonl\n  shard_size: 2\n"
              "map:\n  language: python\n  operator: " + name.toUtf8() + ".py\n  entrypoint: map_shard\n"
              "reduce:\n  operator: reduce.py\n  entrypoint: reduce\n"
              "produce:\n  - { format: json, path: summary.json }\n  - { format: csv, path: totals.csv, select: by_parity, columns: [key, value] }\n"
              "execution_backend: local\npolicy:\n  max_concurrency_map: 3\n  shard_timeout_s: " + timeout + "\n  max_retries: 0\n");
        return m_dir.filePath(name + QStringLiteral(".yaml"));
    }

    struct Result {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Result mrp(const QStringList &args, int timeoutMs = 60000)
    {
        QProcess p;
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), args + QStringList{QStringLiteral("--data-dir"), dataDir()});
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        return Result{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QByteArray data;
        for (int i = 0; i < 10; ++i)
            data += "{\"id\": " + QByteArray::number(i) + "}\n";
        write(QStringLiteral("data.jsonl"), data);
        write(QStringLiteral("reduce.py"),
              "def reduce(outputs):\n"
              "    by = {'even': 0, 'odd': 0}\n"
              "    for o in outputs:\n"
              "        for k in by:\n"
              "            by[k] += o[k]\n"
              "    return {'shards': len(outputs), 'by_parity': by}\n");
    }

    void runShowExportReplayDiff()
    {
        const QString a = job(QStringLiteral("parity"),
                              "def map_shard(records):\n"
                              "    ids = [r['id'] for r in records]\n"
                              "    return {'even': sum(1 for i in ids if i % 2 == 0), 'odd': sum(1 for i in ids if i % 2)}\n");
        Result r = mrp({QStringLiteral("run"), a, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject sum = QJsonDocument::fromJson(r.out).object();
        const QString runA = sum.value(QStringLiteral("run_id")).toString();
        QCOMPARE(sum.value(QStringLiteral("shards")).toObject().value(QStringLiteral("done")).toInt(), 5);
        QFile summary(QDir(sum.value(QStringLiteral("output_dir")).toString()).filePath(QStringLiteral("summary.json")));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QCOMPARE(summary.readAll(), QByteArray("{\"by_parity\":{\"even\":5,\"odd\":5},\"shards\":5}\n"));
        QFile csv(QDir(sum.value(QStringLiteral("output_dir")).toString()).filePath(QStringLiteral("totals.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("key,value\r\neven,5\r\nodd,5\r\n"));

        r = mrp({QStringLiteral("replay"), runA});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY(r.out.contains("byte-identical"));

        r = mrp({QStringLiteral("show"), runA, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        RunRecord rec;
        QString error;
        QVERIFY2(RunRecord::fromJson(QJsonDocument::fromJson(r.out).object(), &rec, &error), qPrintable(error));
        QCOMPARE(rec.reduceKind, QStringLiteral("operator"));
        QCOMPARE(rec.shards.size(), 5);
        QVERIFY(!rec.toolVersions.value(QStringLiteral("python3")).isEmpty());

        const QString csvPath = m_dir.filePath(QStringLiteral("export.csv"));
        r = mrp({QStringLiteral("export"), runA, QStringLiteral("--csv"), csvPath});
        QCOMPARE(r.exitCode, 0);
        QFile exported(csvPath);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll().count("\r\n"), 6);

        // A second run with other code: diff names the code change and the differing outputs.
        const QString b = job(QStringLiteral("parity2"),
                              "def map_shard(records):\n"
                              "    ids = [r['id'] for r in records]\n"
                              "    return {'even': sum(1 for i in ids if i % 2 == 0), 'odd': sum(1 for i in ids if i % 2 == 1 and i > 2)}\n",
                              "45");
        r = mrp({QStringLiteral("run"), b, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QString runB = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("run_id")).toString();
        r = mrp({QStringLiteral("diff"), runA, runB, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject diff = QJsonDocument::fromJson(r.out).object();
        bool codeChanged = false;
        for (const QJsonValue &v : diff.value(QStringLiteral("changes")).toArray())
            codeChanged = codeChanged || v.toObject().value(QStringLiteral("area")).toString() == u"code";
        QVERIFY(codeChanged);
        QCOMPARE(diff.value(QStringLiteral("shards")).toObject().value(QStringLiteral("outputs_changed")).toInt(), 1);   // only shard 0 (ids 0, 1) changes
        QVERIFY(!diff.value(QStringLiteral("reduce_output_same")).toBool());
        // Read by a person: each changed parameter with both values.
        r = mrp({QStringLiteral("diff"), runA, runB});
        QVERIFY2(r.out.contains("params  policy.shard_timeout_s: 30 -> 45\n"), r.out.constData());

        r = mrp({QStringLiteral("runs"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 2);
        // The listing's header sits over its columns.
        r = mrp({QStringLiteral("runs")});
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY2(lines.size() >= 3, r.out.constData());
        QCOMPARE(lines.at(0).indexOf("STATUS"), lines.at(1).indexOf(" ok ") + 1);
        QCOMPARE(lines.at(0).indexOf("JOB"), lines.at(1).indexOf("parity"));
    }

    void failedShardsExitOne()
    {
        const QString j = job(QStringLiteral("boom"),
                              "def map_shard(records):\n"
                              "    if records[0]['id'] == 4:\n"
                              "        raise ValueError('boom')\n"
                              "    return {'even': 0, 'odd': 0}\n");
        const Result r = mrp({QStringLiteral("run"), j});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("operator"));
        QVERIFY(r.err.contains("--resume"));
        // The summary's backend line says plainly what bounds memory: the sandbox as a whole
        // (a cgroup), or each process with the reason none could be made.
        static const QRegularExpression limits(QStringLiteral(
            "memory \\d+(\\.\\d+)? GiB and \\d+ processes for the sandbox as a whole \\(cgroup v[12]\\); CPU time limited per process"
            "|memory and CPU time limited per process, not for the sandbox as a whole \\(.+\\)"));
        QVERIFY2(limits.match(QString::fromUtf8(r.err)).hasMatch(), r.err.constData());
    }

    // An invalid job with --json: the run never opened, so no run id, record or folder is named
    // (none exists).
    void invalidJobJsonNamesNoRun()
    {
        write(QStringLiteral("invalid.yaml"), "version: 1\nname: invalid\ndataset:\n  path: data.jsonl\n");
        const Result r = mrp({QStringLiteral("run"), m_dir.filePath(QStringLiteral("invalid.yaml")), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("invalid"));
        QVERIFY2(o.value(QStringLiteral("message")).toString().contains(QLatin1String("'map' is missing")), r.out.constData());
        for (const char *key : {"run_id", "run_json", "output_dir"})
            QVERIFY2(o.value(QLatin1String(key)).toString().isEmpty(), r.out.constData());
    }

    // A command's --help names it as the user types it, not the executable's path.
    void helpNamesTheCommand()
    {
        for (const QString &command : {QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("key")}) {
            QProcess p;
            p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), {command, QStringLiteral("--help")});
            QVERIFY(p.waitForFinished(20000));
            QCOMPARE(p.exitCode(), 0);
            const QByteArray first = p.readAllStandardOutput().split('\n').value(0);
            QVERIFY2(first.startsWith(QByteArray("Usage: mrp " + command.toUtf8() + " [options]")), first.constData());
        }
    }

    // With on_bad_record: skip, the run says what it leaves out (as `mrp validate` does), without
    // --verbose: the records it skipped, where the job names the rule.
    void skippedRecordsAreSaid()
    {
        write(QStringLiteral("skip-data.jsonl"), "{\"id\": 1}\n{not json\n{\"id\": 3}\n");
        write(QStringLiteral("skip.py"), "def map_shard(records):\n    return {'even': 0, 'odd': len(records)}\n");
        write(QStringLiteral("skip.yaml"),
              "version: 1\nname: skip\ndataset:\n  path: skip-data.jsonl\n  on_bad_record: skip\n"
              "map:\n  operator: skip.py\n  entrypoint: map_shard\nreduce:\n  operator: reduce.py\n  entrypoint: reduce\n"
              "produce:\n  - { format: json, path: summary.json }\nexecution_backend: local\n");
        const Result r = mrp({QStringLiteral("run"), m_dir.filePath(QStringLiteral("skip.yaml"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("skip.yaml:5:3: warning: dataset.on_bad_record: 1 malformed records skipped"), r.err.constData());
    }

    // A shard and the Python reducer read bubblewrap's command line (/proc/1/cmdline) and the
    // mount table: neither names the run store's folder nor the job's. Both lie in this test's
    // temporary folder, whose unique name is in each of their paths.
    void sandboxSeesNoHostPaths()
    {
        const QByteArray peek =
            "def peek():\n"
            "    with open('/proc/1/cmdline', 'rb') as f:\n"
            "        cmdline = f.read().decode('utf-8', 'replace')\n"
            "    with open('/proc/self/mountinfo', 'rb') as f:\n"
            "        mountinfo = f.read().decode('utf-8', 'replace')\n"
            "    return {'cmdline': cmdline, 'mountinfo': mountinfo}\n";
        write(QStringLiteral("peek_map.py"), peek + "def map_shard(records):\n    return peek()\n");
        write(QStringLiteral("peek_reduce.py"), peek + "def reduce(outputs):\n    return {'map': outputs[0], 'reduce': peek()}\n");
        write(QStringLiteral("peek.yaml"),
              "version: 1\nname: peek\ndataset:\n  path: data.jsonl\n  shard_size: 5\n"
              "map:\n  language: python\n  operator: peek_map.py\n  entrypoint: map_shard\n"
              "reduce:\n  operator: peek_reduce.py\n  entrypoint: reduce\n"
              "produce:\n  - { format: json, path: peek.json }\n"
              "execution_backend: local\npolicy:\n  max_concurrency_map: 2\n  shard_timeout_s: 30\n  max_retries: 0\n");
        const Result r = mrp({QStringLiteral("run"), m_dir.filePath(QStringLiteral("peek.yaml")), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject sum = QJsonDocument::fromJson(r.out).object();
        QFile produced(QDir(sum.value(QStringLiteral("output_dir")).toString()).filePath(QStringLiteral("peek.json")));
        QVERIFY(produced.open(QIODevice::ReadOnly));
        const QJsonObject seen = QJsonDocument::fromJson(produced.readAll()).object();
        const QString unique = QFileInfo(m_dir.path()).fileName();
        QVERIFY(dataDir().contains(unique));
        for (const QString &who : {QStringLiteral("map"), QStringLiteral("reduce")}) {
            const QString cmdline = seen.value(who).toObject().value(QStringLiteral("cmdline")).toString();
            const QString mountinfo = seen.value(who).toObject().value(QStringLiteral("mountinfo")).toString();
            if (!cmdline.contains(QStringLiteral("bwrap")))
                QSKIP("the local backend is not isolated here: there is no sandbox to look out of");
            // They did read something: bubblewrap's command line, the mount of the work folder.
            QVERIFY2(mountinfo.contains(QStringLiteral(" /work ")), qPrintable(who + QStringLiteral(": ") + mountinfo));
            QVERIFY2(!cmdline.contains(unique), qPrintable(who + QStringLiteral(": ") + cmdline));
            QVERIFY2(!mountinfo.contains(unique), qPrintable(who + QStringLiteral(": ") + mountinfo));
        }
    }

    // What an operator writes to file descriptor 1 (os.write, or a child process it starts) goes to stderr
    // like its print(): stdout carries only the runner's digest line, which 3 MiB written before
    // it would push past the output cap (1 MiB per stream kept), so the output's digest could not
    // be checked; and on Daytona that stream would come back whole in one reply.
    void operatorFileDescriptorOneIsStderr()
    {
        const QString j = job(QStringLiteral("rawfd"),
                              "import os\n"
                              "def map_shard(records):\n"
                              "    os.write(1, b'written on fd one\\n')\n"
                              "    os.write(1, b'.' * (3 << 20))\n"
                              "    return {'even': 0, 'odd': 0}\n");
        const Result r = mrp({QStringLiteral("run"), j, QStringLiteral("--follow"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, r.err.right(2000).constData());
        QVERIFY2(r.err.contains("written on fd one"), r.err.left(2000).constData());
    }

    // --follow prints that shard's output (here its stderr: the traceback and what the operator
    // printed) and no other shard's; a shard the run does not have is named as such.
    void followPrintsOneShard()
    {
        const QString j = job(QStringLiteral("talk"),
                              "def map_shard(records):\n"
                              "    print('shard starts at', records[0]['id'])\n"
                              "    if records[0]['id'] == 4:\n"
                              "        raise ValueError('boom at four')\n"
                              "    return {'even': 0, 'odd': 0}\n");
        Result r = mrp({QStringLiteral("run"), j, QStringLiteral("--follow"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Following shard 2 (shard-00002)"), r.err.constData());
        QVERIFY2(r.err.contains("shard starts at 4"), r.err.constData());
        QVERIFY(r.err.contains("ValueError: boom at four"));
        QVERIFY(!r.err.contains("shard starts at 0"));
        QVERIFY(!r.err.contains("shard starts at 2"));

        r = mrp({QStringLiteral("run"), j, QStringLiteral("--follow"), QStringLiteral("shard-00000")});
        QVERIFY2(r.err.contains("shard starts at 0"), r.err.constData());
        QVERIFY(!r.err.contains("shard starts at 4"));
        // The runner's digest line is protocol, not the shard's output (shard 0 succeeds: the runner printed one).
        QVERIFY2(!r.out.contains("MRP-OUTPUT-SHA256") && !r.err.contains("MRP-OUTPUT-SHA256"), r.out.constData());

        r = mrp({QStringLiteral("run"), j, QStringLiteral("--follow"), QStringLiteral("99")});
        QVERIFY2(r.err.contains("no such shard"), r.err.constData());
        QVERIFY(!r.err.contains("shard starts at"));
    }

    void sigtermCancelsCleanly()
    {
        const QString j = job(QStringLiteral("slow"),
                              "import time\n"
                              "def map_shard(records):\n"
                              "    time.sleep(20)\n"
                              "    return {'even': 0, 'odd': 0}\n");
        QProcess p;
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), {QStringLiteral("run"), j, QStringLiteral("--json"), QStringLiteral("--data-dir"), dataDir()});
        QVERIFY(p.waitForStarted());
        QTest::qWait(2500);   // compiled and the first shards running
        p.terminate();        // SIGTERM: handled like SIGINT
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 130);
        const QJsonObject sum = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(sum.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        RunStore store(dataDir());
        QString error;
        QVERIFY(store.open(&error));
        const auto rec = store.loadRun(sum.value(QStringLiteral("run_id")).toString(), &error);
        QVERIFY(rec);
        QCOMPARE(rec->status, QStringLiteral("cancelled"));
        // No sandbox process is left (allow the kernel a moment to reap what was killed).
        auto leftovers = [this] {
            QStringList found;
            const QStringList pids = QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
            for (const QString &pid : pids) {
                QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                QByteArray cmd = f.readAll();
                if (cmd.contains(dataDir().toUtf8()))
                    found.append(pid + QLatin1Char(' ') + QString::fromUtf8(cmd.replace('\0', ' ')).left(200));
            }
            return found;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(leftovers().isEmpty(), qPrintable(leftovers().join(QLatin1Char('\n'))), 5000);
    }
};

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_runcli.moc"
