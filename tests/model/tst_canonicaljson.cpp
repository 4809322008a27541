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
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
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

    // The text fast path: wherever it answers, it answers exactly what the QJsonValue path
    // does, and it leaves out as it was when it declines.
    void textPath_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("fast");   // must the fast path take it?
        auto row = [](const char *name, const QByteArray &in, bool fast) { QTest::newRow(name) << in << fast; };
        row("sorted keys", "{\"b\":1,\"a\":2}", true);
        row("nested", "{\"z\":{\"y\":1,\"x\":[{\"d\":1,\"c\":2}]},\"a\":null}", true);
        row("whitespace", " [ 1 ,\n 2 ,\t{ \"a\" : true } ]\r ", true);
        row("integral doubles", "[1.0, -0.0, 2e3, 1E+2, 0.5e1, 1e15]", true);
        row("fractions", "[0.1, 1.5, -2.25, 1e-7, 142.857142857, 3.14159e-3, 123456.789e-2]", true);
        row("integers", "[0, -0, 7, -15, 999999999999999, -999999999999999]", true);
        row("escapes", "[\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\\u0001\\u001F\\u0041\\u0022\\u005c\"]", true);
        row("unicode escapes", "[\"\\u00e9\\u4E2D\\ud83d\\ude00\\uFEFF\"]", true);
        row("raw unicode", "[\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xef\xbb\xbf\x7f\"]", true);
        row("unicode keys", "{\"\xc3\xa9\":1,\"z\":2,\"Z\":3,\"\":5,\"\xe4\xb8\xad\":6}", true);
        row("prefix keys", "{\"ab\":1,\"a\":2,\"abc\":3}", true);
        row("empty containers", "{\"a\":[],\"b\":{}, \"c\" : [ ] , \"d\" : { } }", true);
        row("scalars: string", " \"x\" ", true);
        row("scalars: number", "42", true);
        row("scalars: literal", "false", true);
        row("deep", QByteArray(60, '[') + QByteArray(60, ']'), true);
        row("bench record", "{\"id\":12,\"category\":\"\xc3\xa9valuation\",\"text\":\"a \\\"quote\\\" and a tab\\t\","
                            "\"score\":142.857142857,\"tags\":[\"t1\",\"u\"],\"nested\":{\"z\":2,\"a\":true,\"m\":null}}", true);
        // Declined: Qt decides (and words the error).
        row("duplicate keys", "{\"a\":1,\"b\":2,\"a\":3}", false);
        row("duplicate sorted keys", "{\"a\":1,\"a\":3}", false);
        row("key with escape", "{\"a\\n\":1}", false);
        row("key beyond BMP", "{\"\xf0\x9f\x98\x80\":4,\"\xef\xbd\x81\":1}", false);
        row("lone high surrogate", "[\"\\ud83d\"]", false);
        row("lone low surrogate", "[\"\\ude00x\"]", false);
        row("noncharacter escape", "[\"\\ufffe\"]", false);
        row("noncharacter raw", "[\"\xef\xb7\x90\"]", false);
        row("big integer", "[9007199254740993]", false);
        row("16 digits", "[1000000000000000]", false);
        row("huge double", "[1e300]", false);
        row("overflow", "[1e400]", false);
        row("subnormal", "[4.9e-324]", false);
        row("trailing dot", "[1.]", false);
        row("leading zero", "[01]", false);
        row("plus sign", "[+1]", false);
        row("raw control", "[\"a\tb\"]", false);
        row("overlong utf8", "[\"\xc0\xaf\"]", false);
        row("surrogate utf8", "[\"\xed\xa0\x80\"]", false);
        row("truncated utf8", "[\"\xe4\xb8\"]", false);
        row("too deep", QByteArray(65, '[') + QByteArray(65, ']'), false);
        row("trailing comma", "{\"a\":1,}", false);
        row("two values", "1 2", false);
        row("garbage", "{\"a\":1}x", false);
        row("unclosed", "{\"a\":[1,2}", false);
        row("empty", "", false);
        row("bad literal", "[tru]", false);
        row("bad escape", "[\"\\x\"]", false);
        row("bom", "\xef\xbb\xbf{}", false);
    }

    void textPath()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, fast);
        QByteArray out("prefix");
        const bool took = appendCanonicalJsonText(out, input);
        QCOMPARE(took, fast);
        if (!took) {
            QCOMPARE(out, QByteArray("prefix"));
            return;
        }
        QJsonValue v;
        QString error;
        QVERIFY2(parseJsonValue(input, &v, &error), qPrintable(error));
        QCOMPARE(out, QByteArray("prefix") + canonicalJson(v));
    }

    // Many generated texts, and mutations of them: every answer of the fast path agrees with
    // the QJsonValue path, and it declines nothing Qt accepts in the plain subset it covers.
    void textPathRandom()
    {
        QRandomGenerator rng(20261206);
        const QByteArrayList strings = {"", "a", "Z", "ab", "\xc3\xa9t\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80",
                                        "\\\"q\\\"", "\\\\", "\\/", "\\n\\t\\r\\b\\f", "\\u0000", "\\u00e9", "\\u4e2d",
                                        "\\ud83d\\ude00", "x\\u001fy", "\x7f", "long text with spaces and 12345"};
        const QByteArrayList keys = {"", "a", "b", "Z", "ab", "id", "name", "\xc3\xa9", "\xe4\xb8\xad", "a b", "_"};
        const QByteArrayList numbers = {"0", "-0", "1", "-1", "42", "123456789012345", "-123456789012345", "0.5", "-0.25",
                                        "1e3", "1E-3", "2.5e+10", "1.0", "100.000", "3.141592653589793", "0.1", "1e-5",
                                        "9007199254740991.5", "123456.789", "7e15", "1.7976931348623157e308", "5e-300"};
        const QByteArrayList spaces = {"", "", "", " ", "\t", "\n", "\r\n", "  "};
        std::function<void(QByteArray &, int)> gen = [&](QByteArray &t, int depth) {
            const auto sp = [&] { t += spaces.at(rng.bounded(spaces.size())); };
            const int kind = depth > 3 ? int(rng.bounded(5)) : int(rng.bounded(7));
            sp();
            switch (kind) {
            case 0: t += '"' + strings.at(rng.bounded(strings.size())) + '"'; break;
            case 1: case 2: t += numbers.at(rng.bounded(numbers.size())); break;
            case 3: t += rng.bounded(2) ? "true" : "null"; break;
            case 4: t += "false"; break;
            case 5: {
                t += '[';
                const int n = int(rng.bounded(4));
                for (int i = 0; i < n; ++i) {
                    if (i)
                        t += ',';
                    gen(t, depth + 1);
                }
                sp();
                t += ']';
                break;
            }
            default: {
                t += '{';
                const int n = int(rng.bounded(5));
                for (int i = 0; i < n; ++i) {
                    if (i)
                        t += ',';
                    sp();
                    t += '"' + keys.at(rng.bounded(keys.size())) + '"';
                    sp();
                    t += ':';
                    gen(t, depth + 1);
                }
                sp();
                t += '}';
            }
            }
            sp();
        };
        int taken = 0, agreedRejects = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray text;
            gen(text, 0);
            if (i % 2) {   // mutate: drop, duplicate or replace a byte
                const int at = int(rng.bounded(qMax<qsizetype>(1, text.size())));
                const char junk[] = {'"', '\\', ',', ':', '}', ']', '{', '[', 'e', '-', '.', '0', char(0xc3), char(0x80), ' '};
                switch (rng.bounded(3)) {
                case 0: text.remove(at, 1); break;
                case 1: text.insert(at, text.mid(at, 1)); break;
                default: if (!text.isEmpty()) text[at] = junk[rng.bounded(int(sizeof junk))];
                }
            }
            QJsonValue v;
            QString error;
            const bool qtOk = parseJsonValue(text, &v, &error);
            QByteArray out;
            if (appendCanonicalJsonText(out, text)) {
                ++taken;
                QVERIFY2(qtOk, text.constData());
                QCOMPARE(out, canonicalJson(v));
            } else {
                QVERIFY(out.isEmpty());
                if (!qtOk)
                    ++agreedRejects;
            }
        }
        qInfo("fast path took %d of 20000 texts; %d declined ones Qt rejects too", taken, agreedRejects);
        QVERIFY(taken > 5000);
    }

    // A decimal copied as it is must be exactly what converting it gives; the rule's edges
    // (0.001, 15 digits, a trailing 0) are where the canonical form starts to differ.
    void decimalsCopiedAsTheyAre_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("copied");
        const auto row = [](const char *t, bool c) { QTest::newRow(t) << QByteArray(t) << c; };
        row("0.5", true);
        row("-0.25", true);
        row("0.001", true);
        row("-0.00999", true);
        row("0.0001", false);          // 1e-04
        row("0.00012", false);         // 0.00012, but below 0.001 the rule declines
        row("123456789012345.5", false);   // 16 digits
        row("12345678901234.5", true);
        row("0.123456789012345", true);
        row("0.1234567890123456", false);
        row("1.50", false);            // 1.5
        row("2.0", false);             // 2
        row("-0.0", false);            // 0
        row("0.30000000000000004", false);
        row("1", false);
        row("1e3", false);
    }

    void decimalsCopiedAsTheyAre()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, copied);
        QCOMPARE(decimalIsCanonical(text), copied);
        if (copied)
            QCOMPARE(canonicalJson(QJsonValue(text.toDouble())), text);
    }

    void decimalsCopiedAsTheyAreRandom()
    {
        QRandomGenerator rng(20261206);
        int copied = 0;
        for (int i = 0; i < 200000; ++i) {
            QByteArray t;
            if (rng.bounded(2))
                t += '-';
            const int intDigits = int(rng.bounded(19)) - 4;   // <= 0: 0.000ddd
            const int digits = 1 + int(rng.bounded(17));
            QByteArray sig;
            for (int k = 0; k < digits; ++k)
                sig += char('0' + (k == 0 ? 1 + rng.bounded(9) : rng.bounded(10)));
            if (intDigits <= 0)
                t += "0." + QByteArray(-intDigits, '0') + sig;
            else if (intDigits < digits)
                t += sig.left(intDigits) + '.' + sig.mid(intDigits);
            else
                t += sig + ".5";
            const QByteArray converted = canonicalJson(QJsonValue(t.toDouble()));
            if (decimalIsCanonical(t)) {
                ++copied;
                QCOMPARE(converted, t);
                QByteArray viaText;
                QVERIFY(appendCanonicalJsonText(viaText, t));
                QCOMPARE(viaText, t);
            }
        }
        QVERIFY2(copied > 50000, qPrintable(QString::number(copied)));
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
        Sha256 h;
        h.addData("a");
        const QByteArray partial = h.result();
        h.addData("bc");
        QCOMPARE(h.result(), h.result());   // asking does not end the running state
        QCOMPARE(h.hexResult(), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(partial.toHex(), QByteArray("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"));
        h.reset();
        QCOMPARE(h.hexResult(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
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
