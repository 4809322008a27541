// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// examples/code_eval.yaml (map.program + pass_at_k) through `mrp run` on the local backend
// and on cloud_sandbox against the emulator: both finish, every hostile sample is contained to
// its own record with the status that says what happened, and the pass@k CSV is identical.

#include "../emulator/emulatorprocess.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp::test;
using namespace Qt::StringLiterals;

class TestCodeEval : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QJsonObject run(const QStringList &extra, const QString &dataDir, const QUrl &api, QByteArray *errOut)
    {
        return runJobJson(QStringLiteral(MRP_SOURCE_DIR "/examples/code_eval.yaml"), extra, dataDir, m_tmp.filePath(u"home"_s), api,
                          u"dtn_codeeval_key"_s, 240000, errOut);
    }

    static QByteArray read(const QString &dir, const QString &name) { return readOrMissing(dir, name); }

    // What each kind of sample must come to: status, and a part of its error line.
    static void checkResults(const QByteArray &jsonl, const QString &backend)
    {
        const QHash<QString, QPair<QStringList, QString>> expected{
            {u"correct"_s, {{u"passed"_s}, {}}},
            {u"wrong"_s, {{u"failed"_s}, u"Error"_s}},          // AssertionError, or what the wrong code raised
            {u"endless_loop"_s, {{u"timed_out"_s}, u"longer than 3 s"_s}},
            {u"slow"_s, {{u"timed_out"_s}, u"longer than 3 s"_s}},
            {u"os_exit"_s, {{u"failed"_s}, u"exited with code 0 before it finished"_s}},
            {u"exit_zero"_s, {{u"failed"_s}, u"SystemExit: 0"_s}},
            // Forks fail at the process limit (BlockingIOError) or keep the program busy to its timeout.
            {u"fork_bomb"_s, {{u"failed"_s, u"timed_out"_s}, {}}},
            {u"memory_bomb"_s, {{u"out_of_memory"_s}, u"MemoryError"_s}},
            {u"memory_growth"_s, {{u"out_of_memory"_s}, u"MemoryError"_s}},
            {u"output_flood"_s, {{u"passed"_s}, {}}},           // 20 MB of output, capped, and correct
            {u"kill_parent"_s, {{u"crashed"_s}, u"parent process was killed by SIGKILL"_s}},
            {u"read_others"_s, {{u"passed"_s}, {}}},            // sees no other folder
            {u"read_planted"_s, {{u"passed"_s}, {}}},           // does not see what read_others left
            {u"daemon"_s, {{u"passed"_s}, {}}},
            {u"fake_marker"_s, {{u"failed"_s}, u"exited with code 0"_s}},
            {u"segfault"_s, {{u"crashed"_s}, u"SIGSEGV"_s}},
        };
        QSet<QString> seen;
        int lines = 0;
        for (const QByteArray &line : jsonl.split('\n')) {
            if (line.isEmpty())
                continue;
            ++lines;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString kind = o.value(u"kind"_s).toString();
            const QString what = backend + u' ' + o.value(u"task_id"_s).toString() + u' ' + kind + u": "_s
                + QString::fromUtf8(line);
            QVERIFY2(expected.contains(kind), qPrintable(what));
            const auto &[statuses, errorPart] = expected.value(kind);
            const QString status = o.value(u"status"_s).toString();
            QVERIFY2(statuses.contains(status), qPrintable(what));
            QCOMPARE(o.value(u"passed"_s).toBool(), status == u"passed");
            QVERIFY2(o.value(u"error"_s).toString().contains(errorPart), qPrintable(what));
            QVERIFY2(o.value(u"duration_ms"_s).isDouble(), qPrintable(what));
            if (kind == u"output_flood")
                QVERIFY2(o.value(u"output_bytes"_s).toDouble() >= 20 << 20, qPrintable(what));
            seen.insert(kind);
        }
        QCOMPARE(lines, 105);
        QCOMPARE(seen.size(), expected.size());
    }

private Q_SLOTS:
    void localAndCloud()
    {
        QVERIFY(m_tmp.isValid());
        QByteArray err;
        const QJsonObject local = run({u"--backend"_s, u"local"_s}, m_tmp.filePath(u"local"_s), {}, &err);
        QVERIFY2(local.value(u"__exit"_s).toInt() == 0, err.constData());
        const QString localOut = local.value(u"output_dir"_s).toString();
        checkResults(read(localOut, u"results.jsonl"_s), u"local"_s);
        if (QTest::currentTestFailed())
            return;

        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({}, &why), qPrintable(why));
        const QJsonObject cloud = run({u"--backend"_s, u"cloud_sandbox"_s}, m_tmp.filePath(u"cloud"_s), emu.apiUrl(), &err);
        QVERIFY2(cloud.value(u"__exit"_s).toInt() == 0, err.constData());
        const QString cloudOut = cloud.value(u"output_dir"_s).toString();
        checkResults(read(cloudOut, u"results.jsonl"_s), u"cloud_sandbox"_s);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject stats = emu.stats();
        QVERIFY2(stats.value(u"created"_s).toInt() > 0, QJsonDocument(stats).toJson().constData());   // it really ran on the emulator
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);

        // The pass@k report: one row per problem, the same on both backends.
        const QByteArray csv = read(localOut, u"pass_at_k.csv"_s);
        QVERIFY2(csv.startsWith("task_id,n,correct,pass@1,pass@2,pass@3\r\n"), csv.left(200).constData());
        QCOMPARE(csv.count("\r\n"), 31);
        QVERIFY2(csv.contains("mrp/0,4,2,0.5,"), csv.constData());
        QCOMPARE(read(cloudOut, u"pass_at_k.csv"_s), csv);
        QCOMPARE(read(cloudOut, u"summary.json"_s), read(localOut, u"summary.json"_s));
        // `mrp run --json` carries the overall pass@k, the same as summary.json.
        const QJsonObject overall = QJsonDocument::fromJson(read(localOut, u"summary.json"_s)).object();
        QCOMPARE(local.value(u"pass_at_k"_s).toObject(), overall);
        QVERIFY(overall.value(u"pass@1"_s).toDouble() > 0.5 && overall.value(u"pass@1"_s).toDouble() < 0.7);
    }
};

QTEST_GUILESS_MAIN(TestCodeEval)
#include "tst_code_eval.moc"
