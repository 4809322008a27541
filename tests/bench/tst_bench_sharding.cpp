// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Benchmark (label `bench`, on demand: ./scripts/dev bench bench_sharding). The sharder runs
// alone in its own process (mrp-bench-shard, next to this binary) on a file another child
// process generated beforehand, and is compared in the same run with `split -l` (same lines
// per piece) and `sha256sum` of the same file, read from the page cache by all three. Reports
// MB/s of each and the sharder's peak RSS (its own getrusage ru_maxrss). Sizes in megabytes:
// MRP_BENCH_SHARD_MB (default "256,1024"); formats: MRP_BENCH_SHARD_FORMATS (default "jsonl";
// "jsonl,json,csv" for all). Files live in MRP_BENCH_DIR (default: the temp folder).
// Targets: >= 300 MB/s, >= 0.2x split -l, faster than sha256sum (warned about when missed, as
// the machine may be busy), peak RSS under 100 MB (verified).
#include "data/canonicaljson.h"
#include "data/datasetreader.h"
#include "data/digest.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;

namespace {

QString driver()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/mrp-bench-shard");
}

// Runs a child to its end; its wall time in seconds, -1 on failure. *out gets its stdout.
double timeChild(const QString &program, const QStringList &args, QByteArray *out = nullptr, const QString &cwd = {})
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return -1;
    const double s = t.nsecsElapsed() / 1e9;
    if (out)
        *out = p.readAllStandardOutput();
    return s;
}

// "key=value key=value" -> value of key
QByteArray field(const QByteArray &line, const QByteArray &key)
{
    for (const QByteArray &kv : line.trimmed().split(' ')) {
        if (kv.startsWith(QByteArray(key + '=')))
            return kv.mid(key.size() + 1);
    }
    return {};
}

QList<qint64> sizesMb()
{
    QList<qint64> out;
    const QString env = qEnvironmentVariable("MRP_BENCH_SHARD_MB", QStringLiteral("256,1024"));
    for (const QString &s : env.split(u',', Qt::SkipEmptyParts))
        out << s.trimmed().toLongLong();
    return out;
}

} // namespace

class BenchSharding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(driver()), qPrintable(driver()));
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("split")).isEmpty());
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("sha256sum")).isEmpty());
    }

    // Where the time goes, in this process on 32 MB in memory: SHA-256 (OpenSSL and Qt's own),
    // canonical JSON from the text, and the QJsonValue way (parse + write).
    void stages()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("s.jsonl"));
        QVERIFY(timeChild(driver(), {QStringLiteral("generate"), input, QStringLiteral("32")}) > 0);
        QFile f(input);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        const double mb = double(data.size()) / (1 << 20);
        QElapsedTimer t;
        t.start();
        Sha256 h;
        h.addData(data);
        (void)h.result();
        // The first pass also pays for the first touch of every page of data in this process
        // (on a paravirtualised machine a third of the speed); the second is the hash alone.
        qInfo("sha256 (OpenSSL), first pass: %.0f MB/s", mb / (t.nsecsElapsed() / 1e9));
        t.restart();
        h.reset();
        h.addData(data);
        (void)h.result();
        qInfo("sha256 (OpenSSL):          %.0f MB/s", mb / (t.nsecsElapsed() / 1e9));
        t.restart();
        (void)QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        qInfo("sha256 (QCryptographicHash): %.0f MB/s", mb / (t.nsecsElapsed() / 1e9));
        const QList<QByteArrayView> lines = [&] {
            QList<QByteArrayView> l;
            qsizetype start = 0;
            for (qsizetype i = data.indexOf('\n'); i >= 0; start = i + 1, i = data.indexOf('\n', start))
                l << QByteArrayView(data.constData() + start, i - start);
            return l;
        }();
        QByteArray out;
        qint64 fast = 0;
        t.restart();
        for (const QByteArrayView line : lines) {
            out.clear();
            fast += appendCanonicalJsonText(out, line) ? 1 : 0;
        }
        qInfo("canonical from text:       %.0f MB/s (%lld of %lld records)", mb / (t.nsecsElapsed() / 1e9), fast,
              qlonglong(lines.size()));
        QCOMPARE(fast, lines.size());
        t.restart();
        QJsonValue v;
        QString error;
        for (const QByteArrayView line : lines) {
            out.clear();
            QVERIFY(parseJsonValue(line, &v, &error));
            appendCanonicalJson(out, v);
        }
        qInfo("parse + canonical (QJsonValue): %.0f MB/s", mb / (t.nsecsElapsed() / 1e9));
    }

    void shardVsSplit_data()
    {
        QTest::addColumn<qint64>("mb");
        QTest::addColumn<QString>("format");
        const QStringList formats =
            qEnvironmentVariable("MRP_BENCH_SHARD_FORMATS", QStringLiteral("jsonl")).split(u',', Qt::SkipEmptyParts);
        for (const QString &format : formats) {
            for (const qint64 mb : sizesMb())
                QTest::addRow("%s %lld MB", qPrintable(format), mb) << mb << format;
        }
    }

    void shardVsSplit()
    {
        QFETCH(qint64, mb);
        QFETCH(QString, format);
        const QString base = qEnvironmentVariableIsSet("MRP_BENCH_DIR") ? qEnvironmentVariable("MRP_BENCH_DIR") : QDir::tempPath();
        QTemporaryDir dir(base + QStringLiteral("/mrp-bench-sharding-XXXXXX"));
        QVERIFY(dir.isValid());
        const QString input = dir.filePath(QStringLiteral("data.") + format);
        QByteArray out;
        const double genS = timeChild(driver(), {QStringLiteral("generate"), input, QString::number(mb), format}, &out);
        QVERIFY(genS > 0);
        const qint64 records = field(out, "records").toLongLong();
        const double sizeMb = double(QFileInfo(input).size()) / (1 << 20);
        const int shardSize = 10000;
        qInfo("generated %.0f MB of %s (%lld records) in %.1f s; shard_size %d", sizeMb, qPrintable(format), records, genS,
              shardSize);

        // The same file through split -l (same lines per piece) and sha256sum.
        const QString splitDir = dir.filePath(QStringLiteral("split"));
        QDir().mkpath(splitDir);
        const double splitS = timeChild(QStringLiteral("split"), {QStringLiteral("-l"), QString::number(shardSize), input,
                                                                  QStringLiteral("part-")}, nullptr, splitDir);
        QVERIFY(splitS > 0);
        QDir(splitDir).removeRecursively();
        QByteArray sumOut;
        const double sumS = timeChild(QStringLiteral("sha256sum"), {input}, &sumOut);
        QVERIFY(sumS > 0);

        const QString shardDir = dir.filePath(QStringLiteral("shards"));
        const double shardS = timeChild(driver(), {QStringLiteral("shard"), input, shardDir, QString::number(shardSize), format}, &out);
        QVERIFY2(shardS > 0, out.constData());
        QCOMPARE(field(out, "records").toLongLong(), records);
        QCOMPARE(field(out, "shards").toLongLong(), (records + shardSize - 1) / shardSize);
        QCOMPARE(field(out, "input_sha256"), sumOut.left(64));
        const double rssMb = field(out, "peak_rss_kib").toDouble() / 1024.0;
        QDir(shardDir).removeRecursively();

        const double splitMbs = sizeMb / splitS;
        const double sumMbs = sizeMb / sumS;
        const double shardMbs = sizeMb / shardS;
        qInfo("| %s %5.0f MB | mrp shard %6.0f MB/s (%.2f s, inside %.2f s) | split -l %6.0f MB/s | sha256sum %6.0f MB/s "
              "| mrp/split %.2fx | mrp/sha256sum %.2fx | mrp peak RSS %.1f MB |",
              qPrintable(format), sizeMb, shardMbs, shardS, field(out, "seconds").toDouble(), splitMbs, sumMbs,
              shardMbs / splitMbs, shardMbs / sumMbs, rssMb);

        QVERIFY2(rssMb > 0 && rssMb < 100.0, qPrintable(QStringLiteral("peak RSS %1 MB, target < 100 MB").arg(rssMb)));
        if (shardMbs < 300)
            qWarning("below target: %.0f MB/s (target 300 MB/s)", shardMbs);
        if (shardMbs < 0.2 * splitMbs)
            qWarning("below target: %.2fx the throughput of split -l (target 0.2x)", shardMbs / splitMbs);
        if (shardMbs < sumMbs)
            qWarning("below target: slower than sha256sum (%.2fx)", shardMbs / sumMbs);
    }
};

QTEST_GUILESS_MAIN(BenchSharding)
#include "tst_bench_sharding.moc"
