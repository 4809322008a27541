// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Streaming dataset readers: JSONL, CSV (RFC 4180) and JSON arrays.
#include "data/canonicaljson.h"
#include "data/csvreader.h"
#include "data/datasetreader.h"
#include "data/digest.h"

#include <QBuffer>
#include <QJsonArray>
#include <QTest>

using namespace mrp;

namespace {

struct ReadAll {
    QStringList records;          // canonical JSON of each record, or "BAD@line: reason" / "ERROR@line: reason"
    QString digest;
};

ReadAll readAll(const QString &format, const QByteArray &data)
{
    QBuffer buf;
    buf.setData(data);
    buf.open(QIODevice::ReadOnly);
    const auto reader = createRecordReader(format, &buf, QStringLiteral("mem"));
    ReadAll out;
    DatasetRecord rec;
    for (int guard = 0; guard < 100000; ++guard) {
        const auto s = reader->next(&rec);
        if (s == RecordReader::Status::End)
            break;
        if (s == RecordReader::Status::Record)
            out.records.append(QString::fromUtf8(canonicalJson(rec.value)));
        else if (s == RecordReader::Status::BadRecord)
            out.records.append(QStringLiteral("BAD@%1").arg(rec.line));
        else {
            out.records.append(QStringLiteral("ERROR@%1").arg(rec.line));
            break;
        }
    }
    out.digest = reader->digest();
    return out;
}

} // namespace

class TestDatasetReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readers_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArrayList>("expected");

        // JSONL
        QTest::newRow("jsonl basic") << QByteArray("jsonl") << QByteArray("{\"a\":1}\n{\"b\":2}\n") << QByteArrayList{"{\"a\":1}", "{\"b\":2}"};
        QTest::newRow("jsonl no final newline, crlf, blank lines")
            << QByteArray("jsonl") << QByteArray("{\"a\":1}\r\n\r\n  \n[1,2]\r\n3") << QByteArrayList{"{\"a\":1}", "[1,2]", "3"};
        QTest::newRow("jsonl bom") << QByteArray("jsonl") << QByteArray("\xEF\xBB\xBF{\"a\":1}\n") << QByteArrayList{"{\"a\":1}"};
        QTest::newRow("jsonl bad line keeps going")
            << QByteArray("jsonl") << QByteArray("{\"a\":1}\n{\"a\":\n\n{\"c\":3}\n{oops}\n") << QByteArrayList{"{\"a\":1}", "BAD@2", "{\"c\":3}", "BAD@5"};
        QTest::newRow("jsonl two values on a line") << QByteArray("jsonl") << QByteArray("1 2\n") << QByteArrayList{"BAD@1"};
        QTest::newRow("jsonl empty") << QByteArray("jsonl") << QByteArray("") << QByteArrayList{};

        // CSV
        QTest::newRow("csv basic with numbers")
            << QByteArray("csv") << QByteArray("id,n,x\na,1,2.5\nb,-3,1e3\n")
            << QByteArrayList{"{\"id\":\"a\",\"n\":1,\"x\":2.5}", "{\"id\":\"b\",\"n\":-3,\"x\":1000}"};
        QTest::newRow("csv not numbers")
            << QByteArray("csv") << QByteArray("a,b,c,d,e\n007,1.,\"5\",,true\n")
            << QByteArrayList{"{\"a\":\"007\",\"b\":\"1.\",\"c\":\"5\",\"d\":\"\",\"e\":\"true\"}"};
        QTest::newRow("csv quotes, commas, newlines")
            << QByteArray("csv") << QByteArray("a,b\n\"x, y\",\"say \"\"hi\"\"\nnext line\"\n")
            << QByteArrayList{"{\"a\":\"x, y\",\"b\":\"say \\\"hi\\\"\\nnext line\"}"};
        QTest::newRow("csv bom and crlf")
            << QByteArray("csv") << QByteArray("\xEF\xBB\xBFid,v\r\n1,a\r\n\r\n2,b") << QByteArrayList{"{\"id\":1,\"v\":\"a\"}", "{\"id\":2,\"v\":\"b\"}"};
        QTest::newRow("csv lone cr line ends") << QByteArray("csv") << QByteArray("a\r1\r2\r") << QByteArrayList{"{\"a\":1}", "{\"a\":2}"};
        QTest::newRow("csv wrong field count")
            << QByteArray("csv") << QByteArray("a,b\n1,2\n3\n4,5,6\n7,8\n") << QByteArrayList{"{\"a\":1,\"b\":2}", "BAD@3", "BAD@4", "{\"a\":7,\"b\":8}"};
        QTest::newRow("csv record line is its first line")
            << QByteArray("csv") << QByteArray("a,b\n\"1\n2\n3\",x\ny\n") << QByteArrayList{"{\"a\":\"1\\n2\\n3\",\"b\":\"x\"}", "BAD@5"};
        QTest::newRow("csv stray quote") << QByteArray("csv") << QByteArray("a,b\nx\"y,1\n2,3\n") << QByteArrayList{"BAD@2", "{\"a\":2,\"b\":3}"};
        QTest::newRow("csv text after closing quote") << QByteArray("csv") << QByteArray("a\n\"x\"y\n") << QByteArrayList{"BAD@2"};
        // Bytes that are not UTF-8 (a Latin-1 file) make the record bad, as in JSON Lines: never
        // silently replaced by U+FFFD. A noncharacter is well-formed UTF-8 and kept.
        QTest::newRow("csv not UTF-8") << QByteArray("csv") << QByteArray("name,n\ncaf\xe9,1\nok,2\n\"sur\xed\xa0\x80\",3\nnon\xef\xbf\xbf,4\n")
                                       << QByteArrayList{"BAD@2", "{\"n\":2,\"name\":\"ok\"}", "BAD@4", "{\"n\":4,\"name\":\"non\xef\xbf\xbf\"}"};
        QTest::newRow("csv unclosed quote") << QByteArray("csv") << QByteArray("a\n1\n\"open\n") << QByteArrayList{"{\"a\":1}", "ERROR@3"};
        QTest::newRow("csv empty file") << QByteArray("csv") << QByteArray("") << QByteArrayList{"ERROR@1"};
        QTest::newRow("csv duplicate header") << QByteArray("csv") << QByteArray("a,a\n1,2\n") << QByteArrayList{"ERROR@1"};
        QTest::newRow("csv header only") << QByteArray("csv") << QByteArray("a,b\n") << QByteArrayList{};
        QTest::newRow("csv empty trailing fields") << QByteArray("csv") << QByteArray("a,b\n1,\n") << QByteArrayList{"{\"a\":1,\"b\":\"\"}"};

        // JSON array
        QTest::newRow("json array") << QByteArray("json") << QByteArray("[{\"a\":1}, 2, \"s\", [3], null]")
                                    << QByteArrayList{"{\"a\":1}", "2", "\"s\"", "[3]", "null"};
        QTest::newRow("json brackets in strings")
            << QByteArray("json") << QByteArray("[\n {\"t\": \"] , [ } \\\" {\"},\n {\"u\": \"\\\\\"}\n]\n")
            << QByteArrayList{"{\"t\":\"] , [ } \\\" {\"}", "{\"u\":\"\\\\\"}"};
        QTest::newRow("json empty array") << QByteArray("json") << QByteArray(" [ ] ") << QByteArrayList{};
        QTest::newRow("json bom") << QByteArray("json") << QByteArray("\xEF\xBB\xBF[1]") << QByteArrayList{"1"};
        QTest::newRow("json bad element recovers")
            << QByteArray("json") << QByteArray("[\n{\"a\":1},\n{\"a\":},\n{\"c\":[1}],\n3\n]") << QByteArrayList{"{\"a\":1}", "BAD@3", "BAD@4", "3"};
        QTest::newRow("json trailing comma") << QByteArray("json") << QByteArray("[1,2,]") << QByteArrayList{"1", "2", "ERROR@1"};
        QTest::newRow("json not an array") << QByteArray("json") << QByteArray("{\"a\":1}") << QByteArrayList{"ERROR@1"};
        QTest::newRow("json unclosed") << QByteArray("json") << QByteArray("[1,\n2") << QByteArrayList{"1", "ERROR@2"};
        QTest::newRow("json garbage after") << QByteArray("json") << QByteArray("[1]\nx") << QByteArrayList{"1", "ERROR@2"};
        QTest::newRow("json unbalanced brace") << QByteArray("json") << QByteArray("[1}\n") << QByteArrayList{"ERROR@1"};
        // Lines counted inside long strings (scanned 16 bytes at a time): the records after a string
        // with a raw newline in it keep their true lines.
        QTest::newRow("json newlines inside long strings")
            << QByteArray("json")
            << QByteArray("[\n{\"t\": \"a string longer than sixteen bytes\nand a second line of it\"},\n"
                          "{\"u\": \"another long string, \\\"escaped\\\" quotes inside it\"},\n{\"v\": }\n]")
            << QByteArrayList{"{\"t\":\"a string longer than sixteen bytes\\nand a second line of it\"}",
                              "{\"u\":\"another long string, \\\"escaped\\\" quotes inside it\"}", "BAD@5"};
        QTest::newRow("json empty file") << QByteArray("json") << QByteArray("  ") << QByteArrayList{"ERROR@1"};
    }

    void readers()
    {
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, data);
        QFETCH(QByteArrayList, expected);
        const ReadAll r = readAll(QString::fromLatin1(format), data);
        QStringList want;
        for (const QByteArray &e : std::as_const(expected))
            want.append(QString::fromUtf8(e));
        QCOMPARE(r.records, want);
    }

    // Records spanning the 1 MiB read blocks; the digest covers every byte.
    void acrossBlocks_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl") << QStringLiteral("jsonl");
        QTest::newRow("csv") << QStringLiteral("csv");
        QTest::newRow("json") << QStringLiteral("json");
    }

    void acrossBlocks()
    {
        QFETCH(QString, format);
        QByteArray data;
        const int n = 3000;
        const QByteArray filler(997, 'x');   // ~1 KiB records: block edges fall inside records
        if (format == u"csv")
            data += "id,text\n";
        if (format == u"json")
            data += "[";
        for (int i = 0; i < n; ++i) {
            const QByteArray id = QByteArray::number(i);
            if (format == u"jsonl")
                data += "{\"id\":" + id + ",\"text\":\"" + filler + "\"}\n";
            else if (format == u"csv")
                data += id + ",\"" + filler + "\n\"\"q\"\"\"\n";
            else
                data += (i ? ",\n" : "") + QByteArray("{\"id\":") + id + ",\"text\":\"" + filler + "\"}";
        }
        if (format == u"json")
            data += "]";
        QVERIFY(data.size() > 2 * RecordReader::BlockSize);
        const ReadAll r = readAll(format, data);
        QCOMPARE(r.records.size(), n);
        for (int i = 0; i < n; i += 499)
            QVERIFY2(r.records.at(i).startsWith(QStringLiteral("{\"id\":%1,").arg(i)), qPrintable(r.records.at(i).left(40)));
        QCOMPARE(r.digest, sha256Hex(data));
    }

    void csvFieldValues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("quoted");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("int") << QByteArray("42") << false << QByteArray("42");
        QTest::newRow("negative") << QByteArray("-0.5") << false << QByteArray("-0.5");
        QTest::newRow("exponent") << QByteArray("1E2") << false << QByteArray("100");
        QTest::newRow("quoted int") << QByteArray("42") << true << QByteArray("\"42\"");
        QTest::newRow("leading zero") << QByteArray("01") << false << QByteArray("\"01\"");
        QTest::newRow("plus sign") << QByteArray("+1") << false << QByteArray("\"+1\"");
        QTest::newRow("spaces") << QByteArray(" 1") << false << QByteArray("\" 1\"");
        QTest::newRow("nan text") << QByteArray("NaN") << false << QByteArray("\"NaN\"");
    }

    void csvFieldValues()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, quoted);
        QFETCH(QByteArray, json);
        QCOMPARE(canonicalJson(CsvReader::fieldValue(text, quoted)), json);
    }

    void hugeIntegerBecomesDouble()
    {
        const QJsonValue v = CsvReader::fieldValue("123456789012345678901234", false);
        QVERIFY(v.isDouble());
        QCOMPARE(canonicalJson(v).toDouble(), 123456789012345678901234.0);   // round-trips
        QVERIFY(canonicalJson(v).contains("e+23"));
    }

    void badRecordPosition()
    {
        QBuffer buf;
        buf.setData("{\"a\":1}\n{bad\n");
        buf.open(QIODevice::ReadOnly);
        const auto reader = createRecordReader(QStringLiteral("jsonl"), &buf, QStringLiteral("data.jsonl"));
        DatasetRecord rec;
        QCOMPARE(reader->next(&rec), RecordReader::Status::Record);
        QCOMPARE(reader->next(&rec), RecordReader::Status::BadRecord);
        QCOMPARE(rec.file, QStringLiteral("data.jsonl"));
        QCOMPARE(rec.line, 2);
        QCOMPARE(rec.byteOffset, 8);
        QVERIFY(rec.error.contains(QStringLiteral("invalid JSON")));
        QCOMPARE(reader->next(&rec), RecordReader::Status::End);
    }
};

QTEST_GUILESS_MAIN(TestDatasetReaders)
#include "tst_datasetreaders.moc"
