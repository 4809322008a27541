// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// Benchmark (label "bench", run by `./scripts/dev bench bench_code_eval`): the built-in map mode
// `map.program` (`mrp run` on the local backend: bubblewrap sandboxes, one forked program per
// record) against the reference approach to running generated code (code_eval_reference.py: a
// thread pool, per sample a multiprocessing Manager and Process with a 3 s timeout, no sandbox)
// at the same parallelism, on the same samples: the correct completions of
// examples/inputs/code_problems.jsonl repeated (all pass), and correct plus wrong ones (mixed).
// The verdicts must be identical; the target is at least twice the reference's throughput on
// the passing samples. Knobs: MRP_BENCH_REPEAT (default 6), MRP_BENCH_CONCURRENCY (default 2).

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

// Runs a program to its end (the event loop keeps running); returns the wall time in seconds.
double timed(QProcess &p, const QString &program, const QStringList &args)
{
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted() || !QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 1800000))
        return -1;
    return t.elapsed() / 1000.0;
}

using Verdicts = QHash<QString, bool>;   // "task_id#sample" -> passed

void addVerdicts(const QByteArray &jsonl, Verdicts *out)
{
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        out->insert(o.value(u"task_id"_s).toString() + u'#' + QString::number(o.value(u"sample"_s).toInt()),
                    o.value(u"passed"_s).toBool());
    }
}

} // namespace

class TestBenchCodeEval : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<QStringList>("kinds");
        QTest::newRow("passing") << QStringList{u"correct"_s};
        QTest::newRow("mixed") << QStringList{u"correct"_s, u"wrong"_s};
    }

    void compare()
    {
        QFETCH(QStringList, kinds);
        const int repeat = envInt("MRP_BENCH_REPEAT", 6);
        const int concurrency = envInt("MRP_BENCH_CONCURRENCY", 2);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());

        // The samples: the chosen kinds, repeated with distinct sample numbers.
        QFile in(QStringLiteral(MRP_SOURCE_DIR "/examples/inputs/code_problems.jsonl"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QList<QJsonObject> base;
        for (const QByteArray &line : in.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (kinds.contains(o.value(u"kind"_s).toString()))
                base.append(o);
        }
        QVERIFY(!base.isEmpty());
        QByteArray data;
        int samples = 0;
        for (int r = 0; r < repeat; ++r) {
            for (QJsonObject o : std::as_const(base)) {
                o.insert(u"sample"_s, r * 100 + o.value(u"sample"_s).toInt());
                data += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
                ++samples;
            }
        }
        const QString dataset = tmp.filePath(u"samples.jsonl"_s);
        QFile df(dataset);
        QVERIFY(df.open(QIODevice::WriteOnly) && df.write(data) == data.size());
        df.close();

        // Built-in mode: a shard per concurrency slot and round, records forked from a warm runner.
        const int shardSize = std::max(1, (samples + concurrency * 4 - 1) / (concurrency * 4));
        const QByteArray job = "version: 1\nname: bench-code-eval\ndataset: { path: " + dataset.toUtf8()
            + ", shard_size: " + QByteArray::number(shardSize) + " }\n"
              "map:\n  program:\n    template: \"{prompt}{completion}\\n{test}\\ncheck({entry_point})\"\n"
              "    timeout_s: 3\n    keep: [task_id, sample]\n"
              "reduce: { builtin: concat }\nproduce:\n  - { format: jsonl, path: results.jsonl }\n"
              "policy: { shard_timeout_s: 600, max_retries: 0 }\n";
        const QString jobPath = tmp.filePath(u"job.yaml"_s);
        QFile jf(jobPath);
        QVERIFY(jf.open(QIODevice::WriteOnly) && jf.write(job) == job.size());
        jf.close();

        QProcess mrp;
        const double builtinS = timed(mrp, QStringLiteral(MRP_BINARY_DIR "/bin/mrp"),
                                      {u"run"_s, jobPath, u"--backend"_s, u"local"_s, u"--json"_s, u"--concurrency"_s,
                                       QString::number(concurrency), u"--data-dir"_s, tmp.filePath(u"data"_s)});
        QVERIFY2(builtinS > 0 && mrp.exitCode() == 0, mrp.readAllStandardError().right(2000).constData());
        const QJsonObject summary = QJsonDocument::fromJson(mrp.readAllStandardOutput()).object();
        QFile results(QDir(summary.value(u"output_dir"_s).toString()).filePath(u"results.jsonl"_s));
        QVERIFY2(results.open(QIODevice::ReadOnly), qPrintable(results.fileName()));
        Verdicts builtin;
        addVerdicts(results.readAll(), &builtin);

        // The reference approach, same samples, same parallelism.
        QProcess ref;
        const double referenceS = timed(ref, u"python3"_s,
                                        {QStringLiteral(MRP_SOURCE_DIR "/tests/bench/code_eval_reference.py"), dataset,
                                         QString::number(concurrency), u"3"_s});
        QVERIFY2(referenceS > 0 && ref.exitCode() == 0, ref.readAllStandardError().right(2000).constData());
        Verdicts reference;
        addVerdicts(ref.readAllStandardOutput(), &reference);

        QCOMPARE(builtin.size(), samples);
        QCOMPARE(reference.size(), samples);
        int passing = 0, differ = 0;
        for (auto it = reference.cbegin(); it != reference.cend(); ++it) {
            passing += it.value() ? 1 : 0;
            if (builtin.value(it.key(), !it.value()) != it.value()) {
                ++differ;
                qWarning("verdicts differ for %s: reference %d", qPrintable(it.key()), int(it.value()));
            }
        }
        const double ratio = referenceS / builtinS;
        qInfo("%-8s %d samples (%d pass), %d parallel: built-in %.2f s (%.1f samples/s), reference %.2f s (%.1f samples/s): %.2fx",
              QTest::currentDataTag(), samples, passing, concurrency, builtinS, samples / builtinS, referenceS,
              samples / referenceS, ratio);
        QCOMPARE(differ, 0);
        if (kinds == QStringList{u"correct"_s})
            QVERIFY2(ratio >= 2.0, qPrintable(u"the built-in mode is %1x the reference's throughput on passing samples, the target is 2x"_s
                                                  .arg(ratio, 0, 'f', 2)));
    }
};

QTEST_GUILESS_MAIN(TestBenchCodeEval)
#include "tst_bench_code_eval.moc"
