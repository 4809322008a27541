// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Hostile and malformed input through the real `mrp` binary: every case must end, promptly,
// with the documented exit code and a message that names the path and says what to do — never
// a crash, a hang or a read of something the job has no business reading. Each call runs under
// a 20 s limit; a hang fails the case instead of blocking the suite.
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

#include <csignal>

#include <sys/stat.h>

class TestHostileCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Result {
        int exitCode = -1;   // -1: crashed or killed after the time limit
        QByteArray out;
        QByteArray err;
        QByteArray text() const { return out + err; }   // a run's summary goes to stdout, diagnostics to stderr
    };

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path(name)).absolutePath());
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    static QByteArray jobText(const QByteArray &dataset, const QByteArray &op, const QByteArray &extra = {})
    {
        return "version: 1\nname: hostile\ndataset:\n  path: " + dataset + "\n" + extra
            + "map:\n  operator: " + op + "\n  entrypoint: map_shard\nreduce:\n  builtin: merge_counts\n"
              "produce:\n  - { format: json, path: summary.json }\nexecution_backend: local\n";
    }

    Result mrp(const QStringList &args, int timeoutMs = 20000) { return mrpIn(path(QStringLiteral("data")), args, timeoutMs); }

    Result mrpIn(const QString &dataDir, const QStringList &args, int timeoutMs = 20000, const QString &stdoutFile = {})
    {
        QProcess p;
        if (!stdoutFile.isEmpty())
            p.setStandardOutputFile(stdoutFile);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        const bool usesStore = args.value(0) != u"validate" && args.value(0) != u"compile";
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), usesStore ? args + QStringList{QStringLiteral("--data-dir"), dataDir} : args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return Result{-1, p.readAllStandardOutput(), "timed out: " + p.readAllStandardError()};
        }
        return Result{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("job/data.jsonl"), "{\"text\": \"a b\"}\n{\"text\": \"c\"}\n");
        write(QStringLiteral("job/op.py"), "def map_shard(records):\n    return {'counts': {'n': len(records)}, 'records': len(records)}\n");
        write(QStringLiteral("job/ok.yaml"), jobText("data.jsonl", "op.py"));
        QCOMPARE(::mkfifo(QFile::encodeName(path(QStringLiteral("job/fifo.jsonl"))).constData(), 0600), 0);
        QCOMPARE(::mkfifo(QFile::encodeName(path(QStringLiteral("job/fifo.py"))).constData(), 0600), 0);
        QCOMPARE(::mkfifo(QFile::encodeName(path(QStringLiteral("job/fifo.yaml"))).constData(), 0600), 0);
        const Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/ok.yaml"))});
        QVERIFY2(r.exitCode == 0, r.text().constData());
    }

    // Devices, pipes and FIFOs are refused before they are opened: no hang, no bad_alloc.
    void notRegularFiles_data()
    {
        QTest::addColumn<QByteArray>("job");
        QTest::addColumn<QStringList>("extraArgs");
        QTest::addColumn<QByteArray>("named");
        const QStringList allowDev{QStringLiteral("--allow-path"), QStringLiteral("/dev")};
        QTest::newRow("dataset fifo") << jobText("fifo.jsonl", "op.py") << QStringList() << QByteArray("fifo.jsonl");
        QTest::newRow("dataset /dev/zero") << jobText("/dev/zero", "op.py", "  format: jsonl\n") << allowDev << QByteArray("/dev/zero");
        QTest::newRow("dataset /dev/stdin") << jobText("/dev/stdin", "op.py", "  format: jsonl\n") << allowDev << QByteArray("/dev/stdin");
        QTest::newRow("operator fifo") << jobText("data.jsonl", "fifo.py") << QStringList() << QByteArray("fifo.py");
        QTest::newRow("operator /dev/zero") << jobText("data.jsonl", "/dev/zero") << allowDev << QByteArray("/dev/zero");
        QTest::newRow("operator /dev/urandom") << jobText("data.jsonl", "/dev/urandom") << allowDev << QByteArray("/dev/urandom");
    }
    void notRegularFiles()
    {
        QFETCH(QByteArray, job);
        QFETCH(QStringList, extraArgs);
        QFETCH(QByteArray, named);
        write(QStringLiteral("job/device.yaml"), job);
        for (const QString &cmd : {QStringLiteral("validate"), QStringLiteral("run")}) {
            const Result r = mrp(QStringList{cmd, path(QStringLiteral("job/device.yaml"))} + extraArgs);
            QVERIFY2(r.exitCode == 2, qPrintable(cmd + u' ' + QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
            QVERIFY2(r.text().contains(named) && r.text().contains("not a regular file"), r.text().constData());
        }
    }

    void jobFileNotRegular_data()
    {
        QTest::addColumn<QString>("job");
        QTest::newRow("fifo") << path(QStringLiteral("job/fifo.yaml"));
        QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero");
        QTest::newRow("/dev/stdin") << QStringLiteral("/dev/stdin");
    }
    void jobFileNotRegular()
    {
        QFETCH(QString, job);
        for (const QString &cmd : {QStringLiteral("validate"), QStringLiteral("compile"), QStringLiteral("run")}) {
            QStringList args{cmd, job};
            if (cmd == u"compile")
                args << QStringLiteral("--out") << path(QStringLiteral("plan"));
            const Result r = mrp(args);
            QVERIFY2(r.exitCode == 2, qPrintable(cmd + u' ' + QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
            QVERIFY2(r.text().contains("not a regular file"), r.text().constData());
        }
    }

    // A job reads only its own folder and folders allowed with --allow-path.
    void reachIsTheJobFolder_data()
    {
        QTest::addColumn<QByteArray>("job");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("absolute dataset") << jobText(path(QStringLiteral("outside/data.jsonl")).toUtf8(), "op.py") << QByteArray("outside/data.jsonl");
        QTest::newRow("dotdot dataset") << jobText("../outside/data.jsonl", "op.py") << QByteArray("outside/data.jsonl");
        QTest::newRow("dotdot operator") << jobText("data.jsonl", "../outside/op.py") << QByteArray("outside/op.py");
        QTest::newRow("etc passwd") << jobText("/etc/passwd", "op.py") << QByteArray("/etc/passwd");
        QTest::newRow("symlinked dataset") << jobText("link.jsonl", "op.py") << QByteArray("link.jsonl");
        QTest::newRow("symlink in dataset folder") << jobText("folder", "op.py") << QByteArray("folder/leak.txt");
    }
    void reachIsTheJobFolder()
    {
        QFETCH(QByteArray, job);
        QFETCH(QByteArray, named);
        write(QStringLiteral("outside/data.jsonl"), "{\"text\": \"secret\"}\n");
        write(QStringLiteral("outside/op.py"), "def map_shard(records):\n    return {'counts': {}, 'records': 0}\n");
        write(QStringLiteral("job/folder/a.txt"), "hello");
        QFile::link(path(QStringLiteral("outside/data.jsonl")), path(QStringLiteral("job/link.jsonl")));
        QFile::link(path(QStringLiteral("outside/data.jsonl")), path(QStringLiteral("job/folder/leak.txt")));
        write(QStringLiteral("job/reach.yaml"), job);
        for (const QString &cmd : {QStringLiteral("validate"), QStringLiteral("run")}) {
            const Result r = mrp({cmd, path(QStringLiteral("job/reach.yaml"))});
            QVERIFY2(r.exitCode == 3, qPrintable(cmd + u' ' + QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
            QVERIFY2(r.text().contains(named) && r.text().contains("outside"), r.text().constData());
        }
        // No shard of a refused run ever held the outside file.
        QDir shards(path(QStringLiteral("data")));
        QDirIterator it(shards.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("secret"), qPrintable(f.fileName()));
        }
    }

    void allowPathOpensAFolder()
    {
        write(QStringLiteral("outside/data.jsonl"), "{\"text\": \"allowed\"}\n");
        write(QStringLiteral("job/allowed.yaml"), jobText("../outside/data.jsonl", "op.py"));
        Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/allowed.yaml")), QStringLiteral("--allow-path"), path(QStringLiteral("outside"))});
        QVERIFY2(r.exitCode == 0, r.text().constData());
        r = mrp({QStringLiteral("compile"), path(QStringLiteral("job/allowed.yaml")), QStringLiteral("--allow-path"), path(QStringLiteral("outside")),
                 QStringLiteral("--out"), path(QStringLiteral("allowed-plan"))});
        QVERIFY2(r.exitCode == 0, r.text().constData());
        QFile policy(path(QStringLiteral("allowed-plan/policy.json")));
        QVERIFY(policy.open(QIODevice::ReadOnly));
        QVERIFY(policy.readAll().contains("\"allowed_paths\":[\"../outside\"]"));
        r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/allowed.yaml")), QStringLiteral("--allow-path"), path(QStringLiteral("missing"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.text().contains("--allow-path") && r.text().contains("not a folder"), r.text().constData());
    }

    // --profile names a profile, never a path.
    void profileOptionIsAName()
    {
        QFile::copy(QStringLiteral(MRP_SOURCE_DIR "/resources/profiles/local.yaml"), path(QStringLiteral("evil.yaml")));
        QString escape = path(QStringLiteral("evil"));
        for (int i = 0; i < 24; ++i)
            escape.prepend(QStringLiteral("../"));
        escape.replace(QStringLiteral("//"), QStringLiteral("/"));
        for (const QString &cmd : {QStringLiteral("validate"), QStringLiteral("run")}) {
            const Result r = mrp({cmd, path(QStringLiteral("job/ok.yaml")), QStringLiteral("--profile"), escape});
            QVERIFY2(r.exitCode == 2, qPrintable(cmd + u' ' + QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
            QVERIFY2(r.text().contains("not a profile name"), r.text().constData());
        }
    }

    // Validation refuses what a run would refuse.
    void validationRefuses_data()
    {
        QTest::addColumn<QByteArray>("job");
        QTest::addColumn<QByteArray>("opCode");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray op = "def map_shard(records):\n    return {'counts': {}, 'records': 0}\n";
        const QByteArray data = "{\"text\": \"a\"}\n";
        QTest::newRow("job not utf-8") << QByteArray(jobText("v.jsonl", "v.py") + "# caf\xe9\n") << op << data
                                       << QByteArray("v.yaml:13:6: error: the file is not valid UTF-8");
        QTest::newRow("job nul") << QByteArray(jobText("v.jsonl", "v.py") + QByteArray("# a\0b\n", 6)) << op << data
                                 << QByteArray("v.yaml:13:4: error: the file holds a NUL byte");
        QTest::newRow("job two documents") << QByteArray(jobText("v.jsonl", "v.py") + "---\nname: other\n") << op << data
                                           << QByteArray("v.yaml:14:1: error: the file holds 2 YAML documents");
        QTest::newRow("operator syntax") << jobText("v.jsonl", "v.py") << QByteArray("def map_shard(records):\n    return {'a': \n") << data
                                         << QByteArray("v.py:2:");
        QTest::newRow("operator nul") << jobText("v.jsonl", "v.py") << QByteArray(op + QByteArray("#\0\n", 3)) << data
                                      << QByteArray("v.py:3:2: error: map.operator: the operator holds a NUL byte");
        QTest::newRow("operator latin-1") << jobText("v.jsonl", "v.py") << QByteArray("# caf\xe9\n" + op) << data
                                          << QByteArray("v.py:1:6: error: map.operator: the operator is not UTF-8 text");
        QTest::newRow("operator empty") << jobText("v.jsonl", "v.py") << QByteArray("\n") << data
                                        << QByteArray("the operator file");
        QTest::newRow("lone surrogate") << jobText("v.jsonl", "v.py") << op << QByteArray(data + "{\"text\": \"\\ud800x\"}\n")
                                        << QByteArray("v.jsonl:2:");
    }
    void validationRefuses()
    {
        QFETCH(QByteArray, job);
        QFETCH(QByteArray, opCode);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expected);
        write(QStringLiteral("job/v.yaml"), job);
        write(QStringLiteral("job/v.py"), opCode);
        write(QStringLiteral("job/v.jsonl"), data);
        const Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/v.yaml"))});
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
        QVERIFY2(r.text().contains(expected), r.text().constData());
    }

    // Messages for data that is not there say what to do.
    void emptyDataSaysWhatToDo()
    {
        write(QStringLiteral("job/empty.jsonl"), "\n\n");
        write(QStringLiteral("job/hidden/.only"), "x");
        write(QStringLiteral("job/e.yaml"), jobText("empty.jsonl", "op.py"));
        Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/e.yaml"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.text().contains("no records") && r.text().contains("Add records"), r.text().constData());
        write(QStringLiteral("job/e.yaml"), jobText("hidden", "op.py"));
        r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/e.yaml"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.text().contains("names starting with '.'") && r.text().contains("Put the dataset's files directly"), r.text().constData());
    }

    void loneSurrogateNamed()
    {
        write(QStringLiteral("job/s.jsonl"), "{\"text\": \"\\ud83d\\ude00 ok\"}\n{\"text\": \"\\udc00\"}\n");
        write(QStringLiteral("job/s.yaml"), jobText("s.jsonl", "op.py"));
        const Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/s.yaml"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.text().contains("s.jsonl:2:") && r.text().contains("lone surrogate") && !r.text().contains("s.jsonl:1:"), r.text().constData());
    }

    // Produce steps the result does not fit are the job's fault (2), not the infrastructure's (4).
    void produceJobFaults_data()
    {
        QTest::addColumn<QByteArray>("produce");
        QTest::newRow("select missing") << QByteArray("  - { format: json, path: x.json, select: nothing_here }\n");
        QTest::newRow("jsonl of a non-list") << QByteArray("  - { format: jsonl, path: x.jsonl, select: counts }\n");
        QTest::newRow("csv of a scalar") << QByteArray("  - { format: csv, path: x.csv, select: records, columns: [key, value] }\n");
    }
    void produceJobFaults()
    {
        QFETCH(QByteArray, produce);
        QByteArray job = jobText("data.jsonl", "op.py");
        job.replace("produce:\n  - { format: json, path: summary.json }\n", QByteArray("produce:\n" + produce));
        write(QStringLiteral("job/p.yaml"), job);
        const Result r = mrp({QStringLiteral("run"), path(QStringLiteral("job/p.yaml")), QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
        QVERIFY2(r.text().contains("Produce step"), r.text().constData());
    }

    void producePathsOfTheOutputFolder_data()
    {
        QTest::addColumn<QByteArray>("produce");
        QTest::newRow("dot") << QByteArray(".");
        QTest::newRow("tilde") << QByteArray("~/x.json");
    }
    void producePathsOfTheOutputFolder()
    {
        QFETCH(QByteArray, produce);
        QByteArray job = jobText("data.jsonl", "op.py");
        job.replace("path: summary.json", QByteArray("path: " + produce));
        write(QStringLiteral("job/dot.yaml"), job);
        const Result r = mrp({QStringLiteral("validate"), path(QStringLiteral("job/dot.yaml"))});
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
        QVERIFY2(r.text().contains("not a path inside the run's output folder"), r.text().constData());
    }

    // A finished run: export to a full disk fails; replay sees an edited output; a resume does
    // not write through an output folder replaced by a link.
    void finishedRun()
    {
        Result r = mrp({QStringLiteral("run"), path(QStringLiteral("job/ok.yaml")), QStringLiteral("--json"), QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 0, r.text().constData());
        const QJsonObject sum = QJsonDocument::fromJson(r.out).object();
        const QString run = sum.value(QStringLiteral("run_id")).toString();
        const QString outDir = sum.value(QStringLiteral("output_dir")).toString();
        QVERIFY(QFileInfo::exists(outDir + QStringLiteral("/summary.json")));

        r = mrp({QStringLiteral("export"), run, QStringLiteral("--csv"), QStringLiteral("/dev/full")});
        QVERIFY2(r.exitCode == 4, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
        QVERIFY2(r.text().contains("/dev/full"), r.text().constData());
        QVERIFY(!QFileInfo(QStringLiteral("/dev/full")).isFile());
        r = mrpIn(path(QStringLiteral("data")), {QStringLiteral("export"), run, QStringLiteral("--csv"), QStringLiteral("-")}, 20000,
                  QStringLiteral("/dev/full"));
        QVERIFY2(r.exitCode == 4, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));

        r = mrp({QStringLiteral("replay"), run});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        {
            QFile f(outDir + QStringLiteral("/summary.json"));
            QVERIFY(f.open(QIODevice::Append));
            f.write(" ");
        }
        r = mrp({QStringLiteral("replay"), run});
        QVERIFY2(r.exitCode == 1, r.out.constData());
        QVERIFY2(r.out.contains("DIFFERENT output:summary.json"), r.out.constData());

        // A run stopped at produce, its output folder then replaced by a link: the resume
        // refuses to produce through it.
        QByteArray bad = jobText("data.jsonl", "op.py");
        bad.replace("path: summary.json }", "path: summary.json, select: missing }");
        write(QStringLiteral("job/bad-produce.yaml"), bad);
        r = mrp({QStringLiteral("run"), path(QStringLiteral("job/bad-produce.yaml")), QStringLiteral("--json"), QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 2, r.text().constData());
        const QJsonObject stopped = QJsonDocument::fromJson(r.out).object();
        const QString stoppedOut = stopped.value(QStringLiteral("output_dir")).toString();
        QVERIFY(!stoppedOut.isEmpty());
        const QString elsewhere = path(QStringLiteral("elsewhere"));
        QDir().mkpath(elsewhere);
        QDir(stoppedOut).removeRecursively();
        QVERIFY(QFile::link(elsewhere, stoppedOut));
        r = mrp({QStringLiteral("run"), path(QStringLiteral("job/ok.yaml")), QStringLiteral("--resume"), stopped.value(QStringLiteral("run_id")).toString(),
                 QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 3, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.text())));
        QVERIFY2(r.text().contains("symbolic link"), r.out.constData());
        QVERIFY(QDir(elsewhere).isEmpty());
    }

    void sighupCancelsLikeSigterm()
    {
        write(QStringLiteral("job/slow.py"), "import time\ndef map_shard(records):\n    time.sleep(20)\n    return {'counts': {}, 'records': 0}\n");
        write(QStringLiteral("job/slow.yaml"), jobText("data.jsonl", "slow.py", "  shard_size: 1\n"));
        QProcess p;
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), {QStringLiteral("run"), path(QStringLiteral("job/slow.yaml")), QStringLiteral("--json"),
                                                             QStringLiteral("--allow-unisolated"), QStringLiteral("--data-dir"), path(QStringLiteral("data"))});
        QVERIFY(p.waitForStarted());
        QTest::qWait(2500);
        QCOMPARE(::kill(pid_t(p.processId()), SIGHUP), 0);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QJsonObject sum = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(sum.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        const Result r = mrp({QStringLiteral("show"), sum.value(QStringLiteral("run_id")).toString(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    }

    // A 200 MiB map output is refused by its size before the host reads it: mrp's peak RSS
    // stays far below the output's size.
    void hugeOutputIsRefusedUnread()
    {
        write(QStringLiteral("job/huge.py"), "def map_shard(records):\n    return {'blob': ['x' * 1024] * (200 * 1024)}\n");
        write(QStringLiteral("job/huge.yaml"), jobText("data.jsonl", "huge.py", "  shard_size: 10\n"));
        QProcess p;
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"), {QStringLiteral("run"), path(QStringLiteral("job/huge.yaml")), QStringLiteral("--allow-unisolated"),
                                                             QStringLiteral("--data-dir"), path(QStringLiteral("data"))});
        QVERIFY(p.waitForStarted());
        const QString status = QStringLiteral("/proc/%1/status").arg(p.processId());
        qint64 peakKiB = 0;
        QElapsedTimer clock;
        clock.start();
        while (!p.waitForFinished(50) && clock.elapsed() < 120000) {
            QFile f(status);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &line : f.readAll().split('\n'))
                if (line.startsWith("VmHWM:"))
                    peakKiB = std::max(peakKiB, line.mid(6).trimmed().split(' ').value(0).toLongLong());
        }
        QVERIFY2(p.state() == QProcess::NotRunning, "mrp did not finish within two minutes");
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 1, err.constData());
        QVERIFY2(err.contains("at most 64 MiB"), err.constData());
        QVERIFY2(peakKiB > 0 && peakKiB < 300 * 1024, qPrintable(QString::number(peakKiB) + QStringLiteral(" KiB peak")));
    }

    // An operator that prints megabytes and then raises: the summary names its exception, not a
    // line of the noise (stderr keeps only its first MiB). One that ends its own process with a
    // clean exit code is the operator's failure, not the infrastructure's.
    void operatorFailuresNamed_data()
    {
        QTest::addColumn<QByteArray>("op");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("loud, then raises")
            << QByteArray("import sys\ndef map_shard(records):\n    for i in range(200000):\n        print('noise line', i)\n"
                          "    raise RuntimeError('THE REAL ERROR')\n")
            << QByteArray("The operator raised an exception (exit 3): RuntimeError: THE REAL ERROR");
        QTest::newRow("os._exit(0)")
            << QByteArray("import os\ndef map_shard(records):\n    os._exit(0)\n")
            << QByteArray("without reporting an output: the operator ended the process itself");
    }

    void operatorFailuresNamed()
    {
        QFETCH(QByteArray, op);
        QFETCH(QByteArray, said);
        write(QStringLiteral("job/failing.py"), op);
        write(QStringLiteral("job/failing.yaml"), jobText("data.jsonl", "failing.py", "  shard_size: 10\n") + "policy:\n  max_retries: 0\n");
        const Result r = mrp({QStringLiteral("run"), path(QStringLiteral("job/failing.yaml")), QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 1, r.text().right(3000).constData());   // shards failed, not infrastructure (4)
        QVERIFY2(r.text().contains(said), r.text().right(3000).constData());
        QVERIFY2(!r.text().contains("noise line 1"), r.text().right(3000).constData());
    }

    void hugeReducerOutputIsRefused()
    {
        write(QStringLiteral("job/bigreduce.py"), "def reduce(outputs):\n    return ['x' * 1024] * (70 * 1024)\n");
        QByteArray job = jobText("data.jsonl", "op.py");
        job.replace("reduce:\n  builtin: merge_counts\n", "reduce:\n  operator: bigreduce.py\n  entrypoint: reduce\n");
        write(QStringLiteral("job/bigreduce.yaml"), job);
        const Result r = mrp({QStringLiteral("run"), path(QStringLiteral("job/bigreduce.yaml")), QStringLiteral("--allow-unisolated")}, 60000);
        QVERIFY2(r.exitCode == 1, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.text())));
        QVERIFY2(r.text().contains("a reducer may return at most 64 MiB"), r.text().constData());
    }

    void damagedRunStore()
    {
        const QString data = path(QStringLiteral("damaged"));
        QDir().mkpath(data);
        {
            QFile f(data + QStringLiteral("/runs.sqlite"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        for (const QStringList &args : {QStringList{QStringLiteral("runs")},
                                        QStringList{QStringLiteral("run"), path(QStringLiteral("job/ok.yaml")), QStringLiteral("--allow-unisolated")}}) {
            const Result r = mrpIn(data, args);
            QVERIFY2(r.exitCode == 4, qPrintable(QString::number(r.exitCode) + u' ' + QString::fromUtf8(r.err)));
            QVERIFY2(r.text().contains("runs.sqlite") && r.text().contains("Move it aside"), r.text().constData());
            QVERIFY2(!r.text().contains("CREATE") && !r.text().contains("SELECT") && !r.text().contains("PRAGMA"), r.text().constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostile_cli.moc"
