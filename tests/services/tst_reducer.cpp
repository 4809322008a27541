// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/canonicaljson.h"
#include "data/digest.h"
#include "record/runrecord.h"
#include "run/reducer.h"
#include "store/runstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mrp;

namespace {

QJsonValue parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

QList<QJsonValue> parseAll(const QList<QByteArray> &list)
{
    QList<QJsonValue> out;
    for (const QByteArray &s : list)
        out.append(parse(s.constData()));
    return out;
}

} // namespace

class TestReducer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtins_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QVariantMap>("params");
        QTest::addColumn<QList<QByteArray>>("outputs");
        QTest::addColumn<QByteArray>("expected");
        const QVariantMap none;
        const QVariantMap field{{QStringLiteral("field"), QStringLiteral("n")}};
        QTest::newRow("concat arrays") << QByteArray("concat") << none << QList<QByteArray>{"[1,2]", "[3]", "4"} << QByteArray("[1,2,3,4]");
        QTest::newRow("concat keeps order") << QByteArray("concat") << none << QList<QByteArray>{"[\"b\"]", "[\"a\"]"} << QByteArray("[\"b\",\"a\"]");
        QTest::newRow("sum") << QByteArray("sum") << none << QList<QByteArray>{"1", "2.5", "[3,4]"} << QByteArray("10.5");
        QTest::newRow("sum field") << QByteArray("sum") << field << QList<QByteArray>{"[{\"n\":2},{\"n\":3}]", "{\"n\":5}"} << QByteArray("10");
        QTest::newRow("count") << QByteArray("count") << none << QList<QByteArray>{"[1,2,3]", "[]", "[4]"} << QByteArray("4");
        QTest::newRow("mean") << QByteArray("mean") << none << QList<QByteArray>{"[1,2]", "[3,6]"} << QByteArray("3");
        QTest::newRow("mean empty") << QByteArray("mean") << none << QList<QByteArray>{"[]"} << QByteArray("null");
        QTest::newRow("min") << QByteArray("min") << none << QList<QByteArray>{"[5,2]", "[9]"} << QByteArray("2");
        QTest::newRow("max") << QByteArray("max") << none << QList<QByteArray>{"[5,2]", "[9]"} << QByteArray("9");
        QTest::newRow("merge_counts flat") << QByteArray("merge_counts") << none
                                      << QList<QByteArray>{"{\"pass\":2,\"fail\":1}", "{\"pass\":3,\"error\":1}"}
                                      << QByteArray("{\"error\":1,\"fail\":1,\"pass\":5}");
        QTest::newRow("merge_counts nested") << QByteArray("merge_counts") << none
                                             << QList<QByteArray>{"{\"counts\":{\"a\":1},\"records\":2,\"tags\":[1],\"v\":\"x\"}",
                                                                  "{\"counts\":{\"a\":2,\"b\":1},\"records\":3,\"tags\":[2],\"v\":\"x\"}"}
                                             << QByteArray("{\"counts\":{\"a\":3,\"b\":1},\"records\":5,\"tags\":[1,2],\"v\":\"x\"}");
        QTest::newRow("merge_counts field") << QByteArray("merge_counts") << QVariantMap{{QStringLiteral("field"), QStringLiteral("c")}}
                                            << QList<QByteArray>{"{\"c\":{\"a\":1}}", "{\"c\":{\"a\":4}}", "{}"}
                                            << QByteArray("{\"a\":5}");
        QTest::newRow("sum dotted field") << QByteArray("sum") << QVariantMap{{QStringLiteral("field"), QStringLiteral("s.ms")}}
                                          << QList<QByteArray>{"[{\"s\":{\"ms\":2}},{\"s\":null}]", "{\"s\":{\"ms\":3}}"}
                                          << QByteArray("5");
        QTest::newRow("histogram bins") << QByteArray("histogram")
                                        << QVariantMap{{QStringLiteral("bins"), QVariantList{0, 10, 20}}, {QStringLiteral("field"), QStringLiteral("x")}}
                                        << QList<QByteArray>{"[{\"x\":-1},{\"x\":0},{\"x\":5},{\"x\":10}]", "[{\"x\":20},{\"x\":25}]"}
                                        << QByteArray("{\"above\":1,\"below\":1,\"bins\":[0,10,20],\"counts\":[2,2],\"total\":6}");
    }

    void builtins()
    {
        QFETCH(QByteArray, name);
        QFETCH(QVariantMap, params);
        QFETCH(QList<QByteArray>, outputs);
        QFETCH(QByteArray, expected);
        QJsonValue out;
        QString error;
        QVERIFY2(builtinReduce(QString::fromLatin1(name), params, parseAll(outputs), &out, &error), qPrintable(error));
        QCOMPARE(canonicalJson(out), expected);
    }

    void errorsNameTheProblem()
    {
        QJsonValue out;
        QString error;
        QVERIFY(!builtinReduce(QStringLiteral("sum"), {}, parseAll({QByteArray("[1]"), QByteArray("\"x\"")}), &out, &error,
                               {QStringLiteral("s0"), QStringLiteral("s1")}));
        QVERIFY(error.contains(QStringLiteral("s1")));
        QVERIFY(error.contains(QStringLiteral("numbers")));
        QVERIFY(!builtinReduce(QStringLiteral("merge_counts"), {}, parseAll({QByteArray("{\"a\":1}"), QByteArray("{\"a\":\"x\"}")}),
                               &out, &error, {QStringLiteral("s0"), QStringLiteral("s1")}));
        QVERIFY2(error.contains(QStringLiteral("s1")), qPrintable(error));
        QVERIFY(!builtinReduce(QStringLiteral("nope"), {}, {}, &out, &error));
        QVERIFY(error.contains(QStringLiteral("merge_counts")));
    }

    // The estimator against exact rational arithmetic (Python's fractions and math.comb, an
    // independent implementation of 1 - C(n-c,k)/C(n,k)), including large n and n - c < k.
    void passAtKMatchesExactArithmetic()
    {
        QList<std::array<qint64, 3>> cases;
        for (qint64 n : {1, 2, 5, 10, 20, 100, 200, 1000, 5000, 100000}) {
            for (qint64 k : {1, 2, 5, 10, 100}) {
                if (k > n)
                    continue;
                for (qint64 c : {qint64(0), qint64(1), qint64(2), n / 3, n / 2, n - k, n - k + 1, n - 1, n}) {
                    if (c >= 0 && c <= n)
                        cases.append({n, c, k});
                }
            }
        }
        QJsonArray triples;
        for (const auto &t : std::as_const(cases))
            triples.append(QJsonArray{t[0], t[1], t[2]});
        const QByteArray script =
            "import json, sys\n"
            "from fractions import Fraction\n"
            "from math import comb\n"
            "out = []\n"
            "for n, c, k in json.load(sys.stdin):\n"
            "    out.append(float(1 - Fraction(comb(n - c, k), comb(n, k))))\n"
            "print(json.dumps(out))\n";
        QProcess py;
        py.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(script)});
        QVERIFY2(py.waitForStarted(), "python3 is needed for the exact reference");
        py.write(QJsonDocument(triples).toJson(QJsonDocument::Compact));
        py.closeWriteChannel();
        QVERIFY(py.waitForFinished(120000));
        QCOMPARE(py.exitCode(), 0);
        const QJsonArray exact = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
        QCOMPARE(exact.size(), cases.size());
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const auto [n, c, k] = cases[i];
            const double got = estimatePassAtK(n, c, k);
            const double want = exact[i].toDouble();
            QVERIFY2(std::abs(got - want) <= 1e-12 * std::max(1.0, std::abs(want)),
                     qPrintable(QStringLiteral("n=%1 c=%2 k=%3: %4 vs exact %5").arg(n).arg(c).arg(k).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
            if (n - c < k)
                QCOMPARE(got, 1.0);
            if (c == 0)
                QCOMPARE(got, 0.0);
        }
    }

    void passAtKGroupsAndOverall()
    {
        const QVariantMap params{{QStringLiteral("group_by"), QStringLiteral("task_id")},
                                 {QStringLiteral("k"), QVariantList{1, 2, 3}}};
        // Shard 0: a/3 samples (1 passed), b/1 sample; shard 1: b/2 more (both passed), c/3 (none).
        const QList<QJsonValue> outputs = parseAll(
            {QByteArray(R"([{"task_id":"a","passed":true},{"task_id":"a","passed":false},{"task_id":"a","passed":false},)"
                        R"({"task_id":"b","passed":false}])"),
             QByteArray(R"([{"task_id":"b","passed":true},{"task_id":"b","passed":true},)"
                        R"({"task_id":"c","passed":false},{"task_id":"c","passed":false},{"task_id":"c","passed":false}])")});
        QJsonValue out;
        QString error;
        QVERIFY2(builtinReduce(QStringLiteral("pass_at_k"), params, outputs, &out, &error), qPrintable(error));
        const QJsonArray groups = out[QStringLiteral("groups")].toArray();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[0][QStringLiteral("task_id")].toString(), QStringLiteral("a"));
        QCOMPARE(groups[0][QStringLiteral("n")].toInt(), 3);
        QCOMPARE(groups[0][QStringLiteral("correct")].toInt(), 1);
        QCOMPARE(groups[0][QStringLiteral("pass@1")].toDouble(), 1.0 / 3.0);
        QVERIFY(std::abs(groups[0][QStringLiteral("pass@2")].toDouble() - 2.0 / 3.0) < 1e-15);
        QCOMPARE(groups[0][QStringLiteral("pass@3")].toDouble(), 1.0);   // n - c < k
        QCOMPARE(groups[1][QStringLiteral("pass@3")].toDouble(), 1.0);
        QCOMPARE(groups[2][QStringLiteral("pass@3")].toDouble(), 0.0);
        const QJsonObject overall = out[QStringLiteral("overall")].toObject();
        QCOMPARE(overall[QStringLiteral("groups")].toInt(), 3);
        QCOMPARE(overall[QStringLiteral("samples")].toInt(), 9);
        QCOMPARE(overall[QStringLiteral("correct")].toInt(), 3);
        QVERIFY(std::abs(overall[QStringLiteral("pass@1")].toDouble() - (1.0 / 3 + 2.0 / 3 + 0) / 3) < 1e-15);
        QCOMPARE(out[QStringLiteral("results")].toArray().size(), 9);

        // n < k: not defined for that group, so the overall value is null too.
        QJsonValue small;
        QVERIFY(builtinReduce(QStringLiteral("pass_at_k"),
                              {{QStringLiteral("group_by"), QStringLiteral("task_id")}, {QStringLiteral("k"), QVariantList{1, 5}}},
                              outputs, &small, &error));
        QVERIFY(small[QStringLiteral("groups")][0][QStringLiteral("pass@5")].isNull());
        QVERIFY(small[QStringLiteral("overall")][QStringLiteral("pass@5")].isNull());
        QVERIFY(!small[QStringLiteral("overall")][QStringLiteral("pass@1")].isNull());

        // Items without the group or a true/false verdict name their shard.
        QVERIFY(!builtinReduce(QStringLiteral("pass_at_k"), params, parseAll({QByteArray("[]"), QByteArray(R"([{"passed":true}])")}),
                               &out, &error, {QStringLiteral("s0"), QStringLiteral("s1")}));
        QVERIFY2(error.contains(QStringLiteral("s1")) && error.contains(QStringLiteral("task_id")), qPrintable(error));
        QVERIFY(!builtinReduce(QStringLiteral("pass_at_k"), params, parseAll({QByteArray(R"([{"task_id":"a","passed":1}])")}),
                               &out, &error, {QStringLiteral("s0")}));
        QVERIFY2(error.contains(QStringLiteral("passed")), qPrintable(error));
    }

    // The overall pass@k as the CLI, the run summary and History's compare show it.
    void passAtKSummaryAndChange()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RunStore store(dir.path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const QByteArray reduced = R"({"groups":[],"overall":{"correct":64,"groups":30,"pass@1":0.6189,"pass@10":null,"pass@2":0.94,"samples":105},"results":[]})";
        RunRecord rec;
        rec.reduceKind = QStringLiteral("pass_at_k");
        rec.reduceOutputDigest = store.putObject(reduced, &error);
        QVERIFY2(!rec.reduceOutputDigest.isEmpty(), qPrintable(error));
        const QJsonObject overall = passAtKOverall(rec, store);
        QCOMPARE(describePassAtK(overall),
                 QStringLiteral("pass@1 0.6189, pass@2 0.9400, pass@10 n/a over 30 groups (64 of 105 samples passed)"));
        QJsonObject before = overall;
        before.insert(QStringLiteral("pass@1"), 0.7);
        QCOMPARE(comparePassAtK(before, overall),
                 (QStringList{QStringLiteral("pass@1: 0.7000 → 0.6189 (-0.0811)"), QStringLiteral("pass@2: 0.9400 → 0.9400 (+0.0000)"),
                              QStringLiteral("pass@10: n/a → n/a")}));
        rec.reduceKind = QStringLiteral("concat");
        QVERIFY(passAtKOverall(rec, store).isEmpty());
        QVERIFY(comparePassAtK({}, {}).isEmpty());
    }

    void mergesInShardOrderAndChecksDigests()
    {
        QHash<QString, QByteArray> objects;
        QList<ReduceInput> inputs;
        for (int i : {2, 0, 1}) {   // given out of order: the reducer sorts by index
            const QByteArray b = QByteArray("[") + QByteArray::number(i) + "]";
            const QString d = sha256Hex(b);
            objects.insert(d, b);
            inputs.append(ReduceInput{i, QStringLiteral("shard-%1").arg(i), d});
        }
        auto load = [&](const QString &sha, QString *err) -> std::optional<QByteArray> {
            if (!objects.contains(sha)) {
                *err = QStringLiteral("missing");
                return std::nullopt;
            }
            return objects.value(sha);
        };
        ReduceSpec spec;
        spec.builtin = QStringLiteral("concat");
        ReduceResult r = runBuiltinReduce(spec, inputs, load);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.output, QByteArray("[0,1,2]"));
        QCOMPARE(r.outputDigest, sha256Hex("[0,1,2]"));
        QList<ReduceInput> sorted = inputs;
        std::sort(sorted.begin(), sorted.end(), [](auto &a, auto &b) { return a.index < b.index; });
        QCOMPARE(r.inputOrderDigest, reduceInputOrderDigest(sorted));
        QVERIFY(reduceInputOrderDigest(inputs) != r.inputOrderDigest);   // order matters

        // A corrupt object is caught by its digest.
        objects[inputs[0].outputDigest] = "[99]";
        r = runBuiltinReduce(spec, inputs, load);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("shard-2")));
    }

    // A reducer of one field keeps only that field of each output while loading: the result,
    // and the error naming a bad item, are those of the reducer over the whole outputs.
    void fieldReducersLoadOnlyTheirField_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariantMap>("extra");
        QTest::addColumn<QList<QByteArray>>("outputs");
        const QList<QByteArray> numbers = {
            R"({"m":{"v":1},"pad":"xxxxxxxxxxxxxxxx"})",
            R"([{"m":{"v":2},"other":[1,2,3]},{"m":null},5,{"m":{"v":null}},{"m":{"w":7}}])",
            R"({"other":1})",
            R"([])",
            R"("just a string")",
            R"([{"m":{"v":3.5},"x":[1,2]},[{"m":{"v":100}}]])",
        };
        for (const char *name : {"count", "sum", "mean", "min", "max"})
            QTest::newRow(name) << QString::fromLatin1(name) << QStringLiteral("m.v") << QVariantMap() << numbers;
        QTest::newRow("histogram") << QStringLiteral("histogram") << QStringLiteral("m.v")
                                   << QVariantMap{{QStringLiteral("bins"), QVariantList{0, 2, 4}}} << numbers;
        QTest::newRow("sum, a bad item") << QStringLiteral("sum") << QStringLiteral("m.v") << QVariantMap()
                                         << QList<QByteArray>{R"({"m":{"v":1}})", R"([{"m":{"v":"two"}}])"};
        QTest::newRow("merge_counts") << QStringLiteral("merge_counts") << QStringLiteral("counts") << QVariantMap()
                                      << QList<QByteArray>{R"({"counts":{"a":1,"b":{"c":2}},"pad":"yyyy"})",
                                                           R"([{"counts":{"a":5}}])", R"({"counts":{"a":2,"d":1}})",
                                                           R"({"none":1})"};
        QTest::newRow("merge_counts, a bad value") << QStringLiteral("merge_counts") << QStringLiteral("counts") << QVariantMap()
                                                   << QList<QByteArray>{R"({"counts":{"a":1}})", R"({"counts":{"a":"x"}})"};
    }

    void fieldReducersLoadOnlyTheirField()
    {
        QFETCH(QString, name);
        QFETCH(QString, field);
        QFETCH(QVariantMap, extra);
        QFETCH(QList<QByteArray>, outputs);
        ReduceSpec spec;
        spec.builtin = name;
        spec.params = extra;
        spec.params.insert(QStringLiteral("field"), field);
        QVERIFY(reducerProjectsField(spec));

        QHash<QString, QByteArray> objects;
        QList<ReduceInput> inputs;
        QStringList ids;
        for (int i = 0; i < outputs.size(); ++i) {
            objects.insert(sha256Hex(outputs[i]), outputs[i]);
            inputs.append(ReduceInput{i, QStringLiteral("shard-%1").arg(i), sha256Hex(outputs[i])});
            ids.append(inputs.constLast().shardId);
        }
        const auto load = [&](const QString &sha, QString *) -> std::optional<QByteArray> { return objects.value(sha); };
        const ReduceResult projected = runBuiltinReduce(spec, inputs, load);

        QJsonValue whole;
        QString error;
        const bool ok = builtinReduce(name, spec.params, parseAll(outputs), &whole, &error, ids);
        QCOMPARE(projected.ok, ok);
        if (ok)
            QCOMPARE(projected.output, canonicalJson(whole));
        else
            QCOMPARE(projected.error, error);
    }

    // The Python reducer's inputs.json: the stored bytes as the runners wrote them (1.0 stays
    // 1.0, keys keep their order), in shard order, each checked against its digest.
    void reduceInputsFileHoldsTheStoredBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RunStore store(dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QList<ReduceInput> inputs;
        const QList<QByteArray> outputs{R"({"b":1.0,"a":[1]})", "2", R"("x")"};
        for (int i : {2, 0, 1}) {
            const QString d = store.putObject(outputs[i], &error);
            QVERIFY2(!d.isEmpty(), qPrintable(error));
            inputs.append(ReduceInput{i, QStringLiteral("shard-%1").arg(i), d});
        }
        const QString path = dir.filePath(QStringLiteral("reduce/inputs.json"));
        QVERIFY2(writeReduceInputsFile(inputs, store, path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(R"([{"b":1.0,"a":[1]},2,"x"])"));
        f.close();

        // An altered object names its shard and leaves no file behind.
        QFile obj(store.objectPath(inputs[1].outputDigest));   // shard-0's
        QVERIFY(obj.open(QIODevice::WriteOnly));
        obj.write("3");
        obj.close();
        QVERIFY(!writeReduceInputsFile(inputs, store, path, &error));
        QVERIFY2(error.contains(QStringLiteral("shard-0")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        QFile::remove(store.objectPath(inputs[1].outputDigest));
        QVERIFY(!writeReduceInputsFile(inputs, store, path, &error));
        QVERIFY2(error.contains(QStringLiteral("shard-0")) && error.contains(QStringLiteral("missing")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestReducer)
#include "tst_reducer.moc"
