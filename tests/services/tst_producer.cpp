// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/csvexporter.h"
#include "data/digest.h"
#include "run/producer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
mrp::ProduceSpec spec(const QString &format, const QString &path)
{
    mrp::ProduceSpec s;
    s.format = format;
    s.path = path;
    return s;
}
} // namespace

using namespace mrp;

class TestProducer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvIsRfc4180()
    {
        const QJsonValue v = QJsonDocument::fromJson(
                                 "[{\"id\":\"a,b\",\"note\":\"say \\\"hi\\\"\",\"n\":1.5},{\"id\":\"line\\nbreak\",\"n\":2,\"ok\":true}]")
                                 .array();
        QByteArray csv;
        QString error;
        QVERIFY(Producer::toCsv(v, {QStringLiteral("id"), QStringLiteral("n"), QStringLiteral("note"), QStringLiteral("ok")}, &csv, &error));
        QCOMPARE(csv, QByteArray("id,n,note,ok\r\n\"a,b\",1.5,\"say \"\"hi\"\"\",\r\n\"line\nbreak\",2,,true\r\n"));
    }

    void shapes()
    {
        const QJsonValue counts = QJsonDocument::fromJson("{\"pass\":3,\"fail\":1}").object();
        QByteArray out;
        QString error;
        QVERIFY(Producer::toCsv(counts, {QStringLiteral("key"), QStringLiteral("value")}, &out, &error));
        QCOMPARE(out, QByteArray("key,value\r\nfail,1\r\npass,3\r\n"));
        QCOMPARE(Producer::toJson(counts), QByteArray("{\"fail\":1,\"pass\":3}\n"));
        out.clear();
        QVERIFY(!Producer::toJsonl(counts, &out, &error));   // jsonl needs a list
        QVERIFY(Producer::toJsonl(QJsonArray{1, QJsonObject{{QStringLiteral("b"), 2}, {QStringLiteral("a"), 1}}}, &out, &error));
        QCOMPARE(out, QByteArray("1\n{\"a\":1,\"b\":2}\n"));
        QVERIFY(!Producer::toCsv(QJsonValue(3), {QStringLiteral("value")}, &out, &error));
        QVERIFY(!Producer::toCsv(QJsonObject{{QStringLiteral("x"), QJsonObject()}}, {}, &out, &error));
        QJsonValue sel;
        const QJsonValue nested = QJsonDocument::fromJson("{\"summary\":{\"by\":{\"a\":1}}}").object();
        QVERIFY(Producer::select(nested, QStringLiteral("summary.by"), &sel, &error));
        QCOMPARE(sel.toObject().value(QStringLiteral("a")).toInt(), 1);
        QVERIFY(!Producer::select(nested, QStringLiteral("summary.nope"), &sel, &error));
        QVERIFY(error.contains(QStringLiteral("summary.nope")));
    }

    void writesInsideOutputFolder()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("output"));
        QList<ProduceSpec> specs{spec(QStringLiteral("json"), QStringLiteral("summary.json")),
                                 spec(QStringLiteral("csv"), QStringLiteral("sub/report.csv"))};
        const QJsonValue v = QJsonDocument::fromJson("[{\"id\":1}]").array();
        const ProduceResult r = Producer::produce(specs, v, out);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.size(), 2);
        QFile f(QDir(out).filePath(QStringLiteral("sub/report.csv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(r.files[1].sha256, sha256Hex(bytes));
        // Rendering without writing gives the same digests (replay).
        const ProduceResult again = Producer::produce(specs, v, out, false);
        QCOMPARE(again.files[0].sha256, r.files[0].sha256);
        QCOMPARE(again.files[1].sha256, r.files[1].sha256);
    }

    void refusesEscapes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("absolute") << "/tmp/evil.json";
        QTest::newRow("parent") << "../evil.json";
        QTest::newRow("nested parent") << "a/../../evil.json";
        QTest::newRow("home") << "~/evil.json";
        QTest::newRow("symlink dir") << "link/evil.json";
        QTest::newRow("symlink file") << "file-link.json";
    }

    void refusesEscapes()
    {
        QFETCH(QString, path);
        QTemporaryDir dir;
        QTemporaryDir outside;
        const QString out = dir.filePath(QStringLiteral("output"));
        QVERIFY(QDir().mkpath(out));
        QVERIFY(QFile::link(outside.path(), QDir(out).filePath(QStringLiteral("link"))));
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("target.json")), QDir(out).filePath(QStringLiteral("file-link.json"))));
        const ProduceResult r = Producer::produce({spec(QStringLiteral("json"), path)}, QJsonValue(1), out);
        QVERIFY(!r.ok);
        QVERIFY(r.refused);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(QDir(outside.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/evil.json")) || path != u"/tmp/evil.json");
    }

    void exportRunCsv()
    {
        RunRecord rec;
        ShardRecord s;
        s.index = 0;
        s.shardId = QStringLiteral("shard-00000");
        s.state = ShardState::Failed;
        AttemptRecord a;
        a.errorClass = ErrorClass::OperatorError;
        a.exitCode = 3;
        a.message = QStringLiteral("boom, \"bad\"");
        a.phases.execMs = 12;
        s.attempts.append(a);
        rec.shards.append(s);
        const QByteArray csv = CsvExporter::exportRun(rec);
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY(lines[0].startsWith("index,shard_id,state,attempts"));
        QVERIFY(lines[1].startsWith("0,shard-00000,failed,1,,,,12,,3,operator_error,\"boom, \"\"bad\"\"\""));
        QVERIFY(csv.endsWith("\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestProducer)
#include "tst_producer.moc"
