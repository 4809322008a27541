// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Canonical JSON and SHA-256 helpers: the bytes every digest is taken over.
#include "data/canonicaljson.h"
#include "data/datasetreader.h"
#include "data/digest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace mrp;

class TestCanonicalJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonical_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("sorted keys") << QByteArray("{\"b\":1,\"a\":2}") << QByteArray("{\"a\":2,\"b\":1}");
        QTest::newRow("nested sorted") << QByteArray("{\"z\":{\"y\":1,\"x\":[{\"d\":1,\"c\":2}]},\"a\":null}")
                                       << QByteArray("{\"a\":null,\"z\":{\"x\":[{\"c\":2,\"d\":1}],\"y\":1}}");
        QTest::newRow("whitespace removed") << QByteArray("[ 1 ,\n 2 ,\t{ \"a\" : true } ]") << QByteArray("[1,2,{\"a\":true}]");
        QTest::newRow("integral double") << QByteArray("[1.0, -0.0, 2e3]") << QByteArray("[1,0,2000]");
        QTest::newRow("fractions") << QByteArray("[0.1, 1.5, -2.25, 1e-7]") << QByteArray("[0.1,1.5,-2.25,1e-07]");
        QTest::newRow("big") << QByteArray("[1e300, 9007199254740993]") << QByteArray("[1e+300,9007199254740993]");
        QTest::newRow("int64") << QByteArray("[-9223372036854775807]") << QByteArray("[-9223372036854775807]");
        QTest::newRow("escapes") << QByteArray("[\"a\\\"b\\\\c\\/d\\n\\t\\u0001\"]") << QByteArray("[\"a\\\"b\\\\c/d\\n\\t\\u0001\"]");
        QTest::newRow("unicode kept") << QByteArray("[\"\\u00e9\\u4e2d😀\"]") << QByteArray("[\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"]");
        QTest::newRow("utf16 key order") << QByteArray("{\"é\":1,\"z\":2,\"Z\":3,\"😀\":4,\"\":5}")
                                         << QByteArray("{\"\":5,\"Z\":3,\"z\":2,\"\xc3\xa9\":1,\"\xf0\x9f\x98\x80\":4}");
        QTest::newRow("empty containers") << QByteArray("{\"a\":[],\"b\":{}}") << QByteArray("{\"a\":[],\"b\":{}}");
    }

    void canonical()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QJsonValue v;
        QString error;
        QVERIFY2(parseJsonValue(input, &v, &error), qPrintable(error));
        QCOMPARE(canonicalJson(v), expected);
        // Idempotent: canonical text reads back to the same canonical text.
        QJsonValue again;
        QVERIFY(parseJsonValue(expected, &again, &error));
        QCOMPARE(canonicalJson(again), expected);
    }

    void nonFinite()
    {
        QCOMPARE(canonicalJson(QJsonArray{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}),
                 QByteArray("[null,null]"));
    }

    // QJsonObject keeps keys sorted, so Compact output agrees with ours for plain objects; we still
    // write our own (numbers and escapes are ours to keep stable). This checks the claim made in
    // canonicaljson.h and docs/job-format.md.
    void compactAgreesOnKeyOrder()
    {
        const QJsonObject o{{QStringLiteral("b"), 1}, {QStringLiteral("a"), QJsonObject{{QStringLiteral("d"), 1}, {QStringLiteral("c"), 2}}}};
        QCOMPARE(QJsonDocument(o).toJson(QJsonDocument::Compact), canonicalJson(o));
    }

    void scalarsParse()
    {
        QJsonValue v;
        QString e;
        QVERIFY(parseJsonValue("  42 ", &v, &e));
        QCOMPARE(v.toInteger(), 42);
        QVERIFY(parseJsonValue("\"x\"", &v, &e));
        QCOMPARE(v.toString(), QStringLiteral("x"));
        QVERIFY(parseJsonValue("null", &v, &e));
        QVERIFY(v.isNull());
        QVERIFY(!parseJsonValue("1, 2", &v, &e));
        QVERIFY(!parseJsonValue("1] [2", &v, &e));
        QVERIFY(!parseJsonValue("{\"a\":1,}", &v, &e));
        QVERIFY(!e.isEmpty());
        QVERIFY(!parseJsonValue("", &v, &e));
    }

    void digests()
    {
        QCOMPARE(sha256Hex(QByteArray()), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray big(3 * 1024 * 1024 + 17, 'x');   // spans several read blocks
        f.write(big);
        f.close();
        qint64 bytes = 0;
        QString error;
        QCOMPARE(sha256FileHex(path, &error, &bytes), sha256Hex(big));
        QCOMPARE(bytes, big.size());
        QVERIFY(sha256FileHex(dir.filePath(QStringLiteral("missing")), &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("missing")));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
