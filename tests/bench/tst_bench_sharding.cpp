// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Benchmark (label `bench`, on demand: ./scripts/dev bench bench_sharding): shards a generated
// JSONL file of MRP_BENCH_SHARD_MB megabytes (default 1024) and compares with `split -l` on the
// same file in the same run. Reports MB/s of both and the peak RSS (getrusage ru_maxrss of this
// process; `split` runs as a child and is not counted). Targets: at least 0.5x the throughput of
// `split -l`, peak RSS under 100 MB. The file lives in MRP_BENCH_DIR (default: the temp folder).
#include "data/canonicaljson.h"
#include "data/dataset.h"
#include "data/datasetreader.h"
#include "data/shardwriter.h"

#include <QBuffer>
#include <QCryptographicHash>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace mrp;

namespace {

double peakRssMb()
{
#ifdef Q_OS_UNIX
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;   // ru_maxrss is in KiB on Linux
#else
    return -1;   // not measured here
#endif
}

// Writes ~bytes of JSONL records (varied objects, ~250 bytes each) in 1 MiB pieces.
qint64 generate(const QString &path, qint64 bytes, qint64 *records)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    QByteArray block;
    block.reserve(1 << 20);
    qint64 written = 0;
    qint64 n = 0;
    static const char *words[] = {"alpha", "beta", "gamma", "delta", "sandbox", "shard", "reduce", "produce", "évaluation", "数据"};
    while (written < bytes) {
        block.clear();
        while (block.size() < (1 << 20) - 512) {
            block += "{\"id\":";
            block += QByteArray::number(n);
            block += ",\"category\":\"";
            block += words[n % 10];
            block += "\",\"text\":\"";
            for (int w = 0; w < 12; ++w) {
                block += words[(n * 7 + w * 3) % 10];
                block += ' ';
            }
            block += "with a \\\"quote\\\" and a tab\\t\",\"score\":";
            block += QByteArray::number(double(n % 1000) / 7.0, 'g', 12);
            block += ",\"tags\":[\"t";
            block += QByteArray::number(n % 13);
            block += "\",\"u\"],\"nested\":{\"z\":";
            block += QByteArray::number(n % 5);
            block += ",\"a\":true,\"m\":null}}\n";
            ++n;
        }
        if (f.write(block) != block.size())
            return -1;
        written += block.size();
    }
    *records = n;
    return written;
}

} // namespace

class BenchSharding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Where the time goes, on 64 MB in memory: hashing, reading + parsing, canonical writing.
    void stages()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("s.jsonl"));
        qint64 records = 0;
        const qint64 bytes = generate(input, 64 << 20, &records);
        QFile f(input);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        const double mb = double(bytes) / (1 << 20);
        QElapsedTimer t;
        t.start();
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(data);
        (void)h.result();
        qInfo("sha256:             %.0f MB/s", mb / (t.nsecsElapsed() / 1e9));
        t.restart();
        QBuffer buf;
        buf.setData(data);
        buf.open(QIODevice::ReadOnly);
        const auto reader = createRecordReader(QStringLiteral("jsonl"), &buf, QStringLiteral("s"));
        DatasetRecord rec;
        QList<QJsonValue> values;
        while (reader->next(&rec) == RecordReader::Status::Record) {
            if (values.size() < 200000)
                values.append(rec.value);
        }
        qInfo("read+parse jsonl:   %.0f MB/s (%lld records)", mb / (t.nsecsElapsed() / 1e9), records);
        t.restart();
        QByteArray out;
        qint64 outBytes = 0;
        for (const QJsonValue &v : std::as_const(values)) {
            out.clear();
            appendCanonicalJson(out, v);
            outBytes += out.size();
        }
        qInfo("canonical json:     %.0f MB/s", double(outBytes) / (1 << 20) / (t.nsecsElapsed() / 1e9));
        t.restart();
        ShardWriter w{dir.filePath(QStringLiteral("sh"))};
        for (const QJsonValue &v : std::as_const(values))
            w.add(v);
        ShardPlan s;
        w.close(&s);
        qInfo("canonical+hash+write: %.0f MB/s", double(s.payloadBytes) / (1 << 20) / (t.nsecsElapsed() / 1e9));
    }

    void shardVsSplit()
    {
        const qint64 mb = qEnvironmentVariableIsSet("MRP_BENCH_SHARD_MB") ? qEnvironmentVariableIntValue("MRP_BENCH_SHARD_MB") : 1024;
        const QString base = qEnvironmentVariableIsSet("MRP_BENCH_DIR") ? qEnvironmentVariable("MRP_BENCH_DIR") : QDir::tempPath();
        QTemporaryDir dir(base + QStringLiteral("/mrp-bench-sharding-XXXXXX"));
        QVERIFY(dir.isValid());
        const QString input = dir.filePath(QStringLiteral("data.jsonl"));
        qint64 records = 0;
        QElapsedTimer t;
        t.start();
        const qint64 bytes = generate(input, mb << 20, &records);
        QVERIFY(bytes > 0);
        const double sizeMb = double(bytes) / (1 << 20);
        const int shardSize = 10000;
        qInfo("generated %.0f MB (%lld records) in %.1f s; shard_size %d", sizeMb, records, t.elapsed() / 1000.0, shardSize);
        const double rssBefore = peakRssMb();

        // split -l on the same file, same line count per piece.
        QDir().mkpath(dir.filePath(QStringLiteral("split")));
        QProcess split;
        split.setWorkingDirectory(dir.filePath(QStringLiteral("split")));
        t.restart();
        split.start(QStringLiteral("split"), {QStringLiteral("-l"), QString::number(shardSize), input, QStringLiteral("part-")});
        QVERIFY(split.waitForFinished(-1));
        QCOMPARE(split.exitCode(), 0);
        const double splitS = t.elapsed() / 1000.0;
        QDir(dir.filePath(QStringLiteral("split"))).removeRecursively();

        ShardingOptions o;
        o.format = QStringLiteral("jsonl");
        o.shardSize = shardSize;
        o.shardDir = dir.filePath(QStringLiteral("shards"));
        o.baseDir = dir.path();
        t.restart();
        const ShardingResult r = shardDataset(input, o);
        const double shardS = t.elapsed() / 1000.0;
        QVERIFY(r.ok());
        QCOMPARE(r.records, records);
        QCOMPARE(r.shards.size(), int((records + shardSize - 1) / shardSize));

        const double splitMbs = sizeMb / splitS;
        const double shardMbs = sizeMb / shardS;
        const double rss = peakRssMb();
        qInfo("split -l:  %.2f s, %.0f MB/s", splitS, splitMbs);
        qInfo("mrp shard: %.2f s, %.0f MB/s (%.2fx split), %lld shards, input sha256 %s", shardS, shardMbs, shardMbs / splitMbs,
              qlonglong(r.shards.size()), qPrintable(r.inputs.first().sha256.left(16)));
        qInfo("peak RSS: %.1f MB (%.1f MB before sharding)", rss, rssBefore);

        QVERIFY2(rss < 100.0, qPrintable(QStringLiteral("peak RSS %1 MB >= 100 MB").arg(rss)));
        if (shardMbs < 0.5 * splitMbs)
            qWarning("below target: %.2fx the throughput of split -l (target 0.5x)", shardMbs / splitMbs);
    }
};

QTEST_GUILESS_MAIN(BenchSharding)
#include "tst_bench_sharding.moc"
