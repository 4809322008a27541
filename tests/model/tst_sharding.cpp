// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Sharding: payload bytes and digests, shard sizes, folder order independence, bad records.
#include "data/dataset.h"
#include "data/datasetreader.h"
#include "data/digest.h"
#include "data/shardwriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace mrp;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList digests(const ShardingResult &r)
{
    QStringList out;
    for (const ShardPlan &s : r.shards)
        out.append(s.digest);
    return out;
}

} // namespace

class TestSharding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void payloadIsCanonicalAndAddressed()
    {
        QTemporaryDir dir;
        ShardWriter w(dir.filePath(QStringLiteral("shards")));
        QVERIFY(w.add(QJsonObject{{QStringLiteral("b"), 2}, {QStringLiteral("a"), QStringLiteral("x")}}));
        QVERIFY(w.add(QJsonValue(1.5)));
        ShardPlan s;
        QVERIFY(w.close(&s));
        const QByteArray expected = "[{\"a\":\"x\",\"b\":2},1.5]";
        QCOMPARE(s.index, 0);
        QCOMPARE(s.id, QStringLiteral("shard-00000"));
        QCOMPARE(s.recordCount, 2);
        QCOMPARE(s.payloadBytes, expected.size());
        QCOMPARE(s.digest, sha256Hex(expected));
        QCOMPARE(s.payloadPath, dir.filePath(QStringLiteral("shards/")) + s.digest + QStringLiteral(".json"));
        QCOMPARE(readFile(s.payloadPath), expected);

        // The same content again: same digest, the file is kept, no temporary left behind.
        QVERIFY(w.add(QJsonObject{{QStringLiteral("a"), QStringLiteral("x")}, {QStringLiteral("b"), 2}}));
        QVERIFY(w.add(QJsonValue(1.5)));
        ShardPlan s2;
        QVERIFY(w.close(&s2));
        QCOMPARE(s2.index, 1);
        QCOMPARE(s2.id, QStringLiteral("shard-00001"));
        QCOMPARE(s2.digest, s.digest);
        QCOMPARE(QDir(dir.filePath(QStringLiteral("shards"))).entryList(QDir::Files | QDir::Hidden).size(), 1);

        // An empty shard is "[]".
        ShardPlan empty;
        QVERIFY(w.close(&empty));
        QCOMPARE(empty.digest, sha256Hex("[]"));
        QCOMPARE(empty.recordCount, 0);
    }

    void digestOnlyWithoutFolder()
    {
        ShardWriter w{QString()};
        QVERIFY(w.add(QJsonValue(1)));
        ShardPlan s;
        QVERIFY(w.close(&s));
        QCOMPARE(s.digest, sha256Hex("[1]"));
        QVERIFY(s.payloadPath.isEmpty());
    }

    void shardSizes_data()
    {
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("shardSize");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("exact") << 6 << 3 << QList<int>{3, 3};
        QTest::newRow("remainder") << 7 << 3 << QList<int>{3, 3, 1};
        QTest::newRow("one shard") << 2 << 100 << QList<int>{2};
        QTest::newRow("size one") << 3 << 1 << QList<int>{1, 1, 1};
    }

    void shardSizes()
    {
        QFETCH(int, records);
        QFETCH(int, shardSize);
        QFETCH(QList<int>, counts);
        QTemporaryDir dir;
        QByteArray data;
        for (int i = 0; i < records; ++i)
            data += "{\"i\":" + QByteArray::number(i) + "}\n";
        writeFile(dir.filePath(QStringLiteral("d.jsonl")), data);
        ShardingOptions o;
        o.shardSize = shardSize;
        o.shardDir = dir.filePath(QStringLiteral("s"));
        o.baseDir = dir.path();
        const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("d.jsonl")), o);
        QVERIFY(r.ok());
        QCOMPARE(r.format, QStringLiteral("jsonl"));
        QList<int> got;
        for (const ShardPlan &s : r.shards)
            got.append(int(s.recordCount));
        QCOMPARE(got, counts);
        QCOMPARE(r.records, records);
        QCOMPARE(r.inputs.size(), 1);
        QCOMPARE(r.inputs.first().path, QStringLiteral("d.jsonl"));
        QCOMPARE(r.inputs.first().sha256, sha256Hex(data));
        // Shard 0 holds records 0..shardSize-1 in dataset order.
        QByteArray first = "[";
        for (int i = 0; i < counts.first(); ++i)
            first += (i ? "," : "") + QByteArray("{\"i\":") + QByteArray::number(i) + "}";
        first += "]";
        QCOMPARE(r.shards.first().digest, sha256Hex(first));
    }

    // The same content in another format gives the same shards: digests depend on records only.
    void digestsIndependentOfSourceFormat()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("a.jsonl")), "{\"id\":1,\"t\":\"x\"}\n{\"t\":\"y\",\"id\":2}\n");
        writeFile(dir.filePath(QStringLiteral("a.csv")), "t,id\nx,1\ny,2\n");
        writeFile(dir.filePath(QStringLiteral("a.json")), "[ {\"id\": 1, \"t\": \"x\"},\n  {\"id\": 2.0, \"t\": \"y\"} ]");
        ShardingOptions o;
        o.shardSize = 1;
        const QStringList a = digests(shardDataset(dir.filePath(QStringLiteral("a.jsonl")), o));
        QCOMPARE(a.size(), 2);
        QCOMPARE(digests(shardDataset(dir.filePath(QStringLiteral("a.csv")), o)), a);
        QCOMPARE(digests(shardDataset(dir.filePath(QStringLiteral("a.json")), o)), a);
        QCOMPARE(a.first(), sha256Hex("[{\"id\":1,\"t\":\"x\"}]"));
    }

    // Folders: files are taken by name, byte-wise, whatever order they were created in.
    void folderOrderIndependence_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("folder") << QStringLiteral("folder");
        QTest::newRow("shards") << QStringLiteral("shards");
    }

    void folderOrderIndependence()
    {
        QFETCH(QString, format);
        QStringList names;
        for (int i = 0; i < 12; ++i)
            names.append(QStringLiteral("f-%1.%2").arg(i, 2, 10, QLatin1Char('0')).arg(format == u"shards" ? QStringLiteral("json") : QStringLiteral("txt")));
        names.append(format == u"shards" ? QStringLiteral("B.json") : QStringLiteral("B.txt"));   // 'B' < 'f' byte-wise
        QList<QStringList> results;
        QList<QList<ManifestEntry>> manifests;
        for (int round = 0; round < 3; ++round) {
            QTemporaryDir dir;
            QStringList order = names;
            if (round == 1)
                std::reverse(order.begin(), order.end());
            else if (round == 2)
                std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
            for (const QString &n : std::as_const(order)) {
                const QByteArray content = format == u"shards" ? QByteArray("[{\"n\":\"" + n.toUtf8() + "\"},{\"k\":1}]")
                                                                : QByteArray("text of " + n.toUtf8());
                writeFile(dir.filePath(QStringLiteral("data/") + n), content);
            }
            ShardingOptions o;
            o.format = QStringLiteral("auto");
            o.shardSize = 5;
            o.baseDir = dir.path();
            o.shardDir = dir.filePath(QStringLiteral("out"));
            const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("data")), o);
            QVERIFY(r.ok());
            QCOMPARE(r.format, format);
            results.append(digests(r));
            manifests.append(r.inputs);
            QCOMPARE(r.inputs.first().path, format == u"shards" ? QStringLiteral("data/B.json") : QStringLiteral("data/B.txt"));
        }
        QCOMPARE(results.at(1), results.at(0));
        QCOMPARE(results.at(2), results.at(0));
        QCOMPARE(results.at(0).size(), format == u"shards" ? 13 : 3);
        for (int i = 0; i < manifests.at(0).size(); ++i) {
            QCOMPARE(manifests.at(1).at(i).path, manifests.at(0).at(i).path);
            QCOMPARE(manifests.at(2).at(i).sha256, manifests.at(0).at(i).sha256);
        }
    }

    void folderRecords()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("d/b.txt")), "hello");
        writeFile(dir.filePath(QStringLiteral("d/a.json")), "{\"x\": 1}");
        writeFile(dir.filePath(QStringLiteral("d/.hidden")), "ignored");
        ShardingOptions o;
        const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("d")), o);
        QVERIFY(r.ok());
        QCOMPARE(r.format, QStringLiteral("folder"));
        QCOMPARE(r.shards.size(), 1);
        QCOMPARE(r.shards.first().digest, sha256Hex("[{\"x\":1},{\"name\":\"b.txt\",\"text\":\"hello\"}]"));
        QCOMPARE(r.inputs.size(), 2);
    }

    void badRecordsFail()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("d.jsonl")), "{\"a\":1}\n{bad\n{\"a\":3}\nnope\n");
        ShardingOptions o;
        o.baseDir = dir.path();
        const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("d.jsonl")), o);
        QVERIFY(!r.ok());
        QCOMPARE(r.badRecords, 2);
        QVERIFY(r.shards.isEmpty());
        QStringList lines;
        for (const Diagnostic &d : r.diagnostics)
            lines.append(d.toString());
        QVERIFY2(lines.at(0).contains(QStringLiteral("d.jsonl:2: error: dataset: bad record")), qPrintable(lines.join(u'\n')));
        QVERIFY(lines.at(1).contains(QStringLiteral("d.jsonl:4: error:")));
        QVERIFY(lines.last().contains(QStringLiteral("2 of 4 records are malformed")));
        QVERIFY(lines.last().contains(QStringLiteral("on_bad_record: skip")));
    }

    void badRecordsSkip()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("d.jsonl")), "{\"a\":1}\n{bad\n{\"a\":3}\n");
        ShardingOptions o;
        o.skipBadRecords = true;
        o.baseDir = dir.path();
        const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("d.jsonl")), o);
        QVERIFY(r.ok());
        QCOMPARE(r.records, 2);
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped.first().file, QStringLiteral("d.jsonl"));
        QCOMPARE(r.skipped.first().line, 2);
        QCOMPARE(r.skipped.first().byteOffset, 8);
        QCOMPARE(r.shards.first().digest, sha256Hex("[{\"a\":1},{\"a\":3}]"));
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().severity, Diagnostic::Severity::Warning);
    }

    // Many batches in flight on the thread pool: the shards, their order, the skipped records
    // and the input digest are those of reading one record at a time on one thread, for JSON
    // Lines and JSON arrays with records the text path declines mixed in, and for CSV with
    // quoted fields holding line ends, CRLF and lone CR, a BOM, blank lines, empty fields,
    // numbers that are text, Unicode keys whose UTF-16 and UTF-8 orders differ, bytes that are
    // not UTF-8, and bad records of each kind.
    void parallelMatchesOneByOne_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl") << QStringLiteral("jsonl");
        QTest::newRow("json array") << QStringLiteral("json");
        QTest::newRow("csv") << QStringLiteral("csv");
    }

    void parallelMatchesOneByOne()
    {
        QFETCH(QString, format);
        const bool jsonl = format == u"jsonl";
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.") + format);
        QByteArray data = jsonl ? QByteArray() : QByteArray("[\n");
        const QByteArrayList odd = {"{\"k\":1,\"k\":2}", "[\"\\ud800\"]", "9007199254740993", "1e300", "{\"\\u0041\":[1.5,{}]}",
                                    "\"\\uffff\"", "{\"\xf0\x9f\x98\x80\":1,\"\xef\xbd\x81\":2}"};
        QRandomGenerator rng(7);
        int bad = 0;
        if (format == u"csv") {
            data = "\xEF\xBB\xBFid,text,score,empty,pad,\"quoted \"\"name\"\"\",\xef\xbd\x81,\xf0\x9f\x98\x80\r\n";
            const QByteArrayList numbers = {"007", "-0", "1e3", "1.5", "123456789012345678901234", "1.", ".5", "-", "\"5\"",
                                            "0.1", "-12", "1E+2", "9007199254740993", "1e999", "12", "0.0001", "0.001",
                                            "1.50", "-0.0", "12345678901234.5", "123456789012345.5", "-0.00999"};
            const QByteArrayList texts = {"plain", "\"with, comma\"", "\"multi\nline\"", "\"crlf\r\ninside\"",
                                          "\"say \"\"hi\"\"\"", "tab\there", "back\\slash", "\"\"", "ctrl\x01x",
                                          "\xc3\xa9t\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87", "\"\xf0\x9f\x98\x80 emoji\"",
                                          "bad\xff" "byte", "  spaced  ", "\"lone\rcr\"", "\"\r\n\"",
                                          "\xef\xbb\xbf" "bom inside", "non\xef\xbf\xbf" "char", "sur\xed\xa0\x80" "rogate",
                                          "over\xc0\xaf" "long", "cut\xe4\xb8"};
            const QByteArrayList ends = {"\n", "\r\n", "\r", "\r\n\r\n", "\n\n"};
            for (int i = 0; data.size() < (12 << 20); ++i) {
                const QByteArray id = QByteArray::number(i);
                if (i % 997 == 5) {
                    data += id + ",too few";
                    ++bad;
                } else if (i % 991 == 7) {
                    data += id + ",x\"y,1,,p,q,r,s";   // a stray quote
                    ++bad;
                } else if (i % 983 == 11) {
                    data += id + ",\"closed\"after,1,,p,q,r,s";   // text after the closing quote
                    ++bad;
                } else {
                    // Text that is not UTF-8 makes its record bad (never silently replaced).
                    const auto notUtf8 = [](const QByteArray &t) {
                        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
                        (void)QString(utf8.decode(t));
                        return utf8.hasError();
                    };
                    if (notUtf8(texts.at(i % texts.size())) || notUtf8(texts.at(i / 3 % texts.size())))
                        ++bad;
                    data += id + ',' + texts.at(i % texts.size()) + ',' + numbers.at(i % numbers.size()) + ','
                            + (i % 3 == 0 ? "" : "\"\"") + ",p" + QByteArray(int(rng.bounded(300)), 'x') + ','
                            + numbers.at(i / 7 % numbers.size()) + ',' + texts.at(i / 3 % texts.size()) + ','
                            + (i % 5 == 0 ? QByteArray() : QByteArray::number(rng.bounded(100000) / 64.0, 'g', 10));
                }
                data += ends.at(i % ends.size());
            }
            data += "last,no,line,end,p,q,r,s";
        }
        for (int i = 0; format != u"csv" && data.size() < (12 << 20); ++i) {
            QByteArray rec;
            if (i % 997 == 5) {
                rec = "{\"a\":01}";   // a bad record (balanced, so an array scanner gets past it)
                ++bad;
            } else if (i % 101 == 3) {
                rec = odd.at(i / 101 % odd.size());
                if (rec.contains("\\ud800"))
                    ++bad;   // a lone surrogate is refused, never silently replaced
            } else {
                rec = "{\"z\":" + QByteArray::number(rng.bounded(1000000)) + ",\"text\":\"r" + QByteArray::number(i)
                      + " \xc3\xa9\\n\\u00e9\",\"score\":" + QByteArray::number(rng.bounded(100000) / 64.0, 'g', 10)
                      + ",\"a\":[true,null,{\"y\":1,\"b\":\"" + QByteArray(int(rng.bounded(400)), 'x') + "\"}]}";
            }
            if (!jsonl && i > 0)
                data += ",\n";
            data += rec;
            if (jsonl)
                data += i % 13 == 0 ? "\r\n\n" : "\n";
        }
        if (format == u"json")
            data += "\n]\n";
        writeFile(path, data);
        ShardingOptions o;
        o.shardSize = 777;
        o.skipBadRecords = true;
        o.baseDir = dir.path();
        o.shardDir = dir.filePath(QStringLiteral("shards"));
        const ShardingResult r = shardDataset(path, o);
        QVERIFY(r.ok());

        // The reference: the plain reader, one record at a time, through ShardWriter::add().
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto reader = createRecordReader(format, &f, path);
        ShardWriter w{QString()};
        QStringList expected;
        QList<qint64> skippedLines;
        qint64 records = 0;
        DatasetRecord rec;
        for (RecordReader::Status st; (st = reader->next(&rec)) != RecordReader::Status::End;) {
            QVERIFY(st != RecordReader::Status::Error);
            if (st == RecordReader::Status::BadRecord) {
                skippedLines << rec.line;
                continue;
            }
            ++records;
            QVERIFY(w.add(rec.value));
            if (w.openRecordCount() == o.shardSize) {
                ShardPlan s;
                QVERIFY(w.close(&s));
                expected << s.digest;
            }
        }
        if (w.openRecordCount() > 0) {
            ShardPlan s;
            QVERIFY(w.close(&s));
            expected << s.digest;
        }
        QVERIFY(expected.size() > 20);
        QCOMPARE(r.records, records);
        QCOMPARE(digests(r), expected);
        QList<qint64> gotSkipped;
        for (const SkippedRecord &s : r.skipped)
            gotSkipped << s.line;
        QCOMPARE(gotSkipped, skippedLines);
        QCOMPARE(skippedLines.size(), bad);
        QCOMPARE(r.inputs.first().sha256, sha256Hex(data));
        QCOMPARE(r.inputs.first().bytes, data.size());
        for (const ShardPlan &s : r.shards)
            QCOMPARE(sha256Hex(readFile(s.payloadPath)), s.digest);
    }

    // Cancel while reading: the sharding returns within 0.5 s, reports nothing, and leaves no
    // payload or temporary file of its own in the shard folder (a file that was there stays).
    // Without a cancel the progress reaches the file's size.
    void cancelStopsPromptlyAndLeavesNothing_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl") << QStringLiteral("jsonl");
        QTest::newRow("csv") << QStringLiteral("csv");
    }

    void cancelStopsPromptlyAndLeavesNothing()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.") + format);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray block;
            if (format == u"csv")
                f.write("id,text,score\n");
            for (int i = 0; f.size() < (48 << 20); ++i) {
                block.clear();
                for (int j = 0; j < 1000; ++j) {
                    const QByteArray n = QByteArray::number(i * 1000 + j);
                    if (format == u"csv")
                        block += n + ",\"record " + n + QByteArray(80, 'x') + "\"," + QByteArray::number(j % 97) + "\n";
                    else
                        block += "{\"id\":" + n + ",\"text\":\"record " + n + QByteArray(80, 'x') + "\"}\n";
                }
                QCOMPARE(f.write(block), block.size());
            }
        }
        const QString shardDir = dir.filePath(QStringLiteral("shards"));
        writeFile(shardDir + QStringLiteral("/kept.json"), "[]");

        ShardingOptions o;
        o.shardSize = 100;
        o.baseDir = dir.path();
        o.shardDir = shardDir;
        o.progress = std::make_shared<ShardingProgress>();
        ShardingResult r;
        std::unique_ptr<QThread> worker(QThread::create([&] { r = shardDataset(path, o); }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(o.progress->bytesRead() > (8 << 20) || worker->isFinished(), 60000);
        QVERIFY2(!worker->isFinished(), "the sharding ended before it could be cancelled");
        QCOMPARE(o.progress->bytesTotal(), QFileInfo(path).size());
        QVERIFY(QDir(shardDir).entryList(QDir::Files).size() > 10);   // payloads were being written
        QElapsedTimer clock;
        clock.start();
        o.progress->cancel();
        QVERIFY(worker->wait(5000));
        const qint64 stopMs = clock.elapsed();
        qInfo("%s: stopped %lld ms after the cancel, at %lld of %lld bytes", qPrintable(format), stopMs,
              o.progress->bytesRead(), o.progress->bytesTotal());
        QVERIFY2(stopMs <= 500, qPrintable(QString::number(stopMs)));
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok());
        QVERIFY(r.shards.isEmpty());
        QCOMPARE(QDir(shardDir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("kept.json")});

        // Not cancelled: read to the end.
        ShardingOptions whole;
        whole.shardSize = 1000;
        whole.baseDir = dir.path();
        whole.progress = std::make_shared<ShardingProgress>();
        const ShardingResult all = shardDataset(path, whole);
        QVERIFY(all.ok());
        QVERIFY(!all.cancelled);
        QCOMPARE(whole.progress->bytesRead(), QFileInfo(path).size());
        QCOMPARE(whole.progress->bytesTotal(), QFileInfo(path).size());
    }

#ifdef Q_OS_UNIX
    // A payload that cannot be written (here: past the process's file size limit) ends the
    // sharding with the writer's error, reported from the thread that writes, without a hang and
    // long before the end of the file.
    void writeFailureEndsTheSharding()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; f.size() < (24 << 20); ++i)
                f.write("{\"id\":" + QByteArray::number(i) + ",\"text\":\"" + QByteArray(100, 'x') + "\"}\n");
        }
        ShardingOptions o;
        o.shardSize = 50000;   // about 6 MiB per payload
        o.baseDir = dir.path();
        o.shardDir = dir.filePath(QStringLiteral("shards"));
        o.progress = std::make_shared<ShardingProgress>();

        struct rlimit before {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &before), 0);
        const struct rlimit small = {rlim_t(2 << 20), before.rlim_max};
        const auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);   // the write fails with EFBIG instead
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QElapsedTimer clock;
        clock.start();
        const ShardingResult r = shardDataset(path, o);
        const qint64 ms = clock.elapsed();
        ::setrlimit(RLIMIT_FSIZE, &before);
        ::signal(SIGXFSZ, oldHandler);

        QVERIFY(!r.ok());
        QVERIFY(!r.cancelled);
        QStringList lines;
        for (const Diagnostic &d : r.diagnostics)
            lines.append(d.toString());
        QVERIFY2(lines.join(u'\n').contains(QStringLiteral("cannot write a shard payload")), qPrintable(lines.join(u'\n')));
        QVERIFY2(o.progress->bytesRead() < QFileInfo(path).size() / 2,
                 qPrintable(QStringLiteral("read %1 bytes").arg(o.progress->bytesRead())));
        QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));
    }
#endif

    void missingAndEmpty()
    {
        QTemporaryDir dir;
        ShardingOptions o;
        QVERIFY(!shardDataset(dir.filePath(QStringLiteral("none.jsonl")), o).ok());
        writeFile(dir.filePath(QStringLiteral("e.jsonl")), "\n\n");
        const ShardingResult r = shardDataset(dir.filePath(QStringLiteral("e.jsonl")), o);
        QVERIFY(!r.ok());
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("no records")));
        writeFile(dir.filePath(QStringLiteral("x.bin")), "1");
        QVERIFY(!shardDataset(dir.filePath(QStringLiteral("x.bin")), o).ok());
        o.format = QStringLiteral("jsonl");
        QVERIFY(shardDataset(dir.filePath(QStringLiteral("x.bin")), o).ok());
    }
};

QTEST_GUILESS_MAIN(TestSharding)
#include "tst_sharding.moc"
