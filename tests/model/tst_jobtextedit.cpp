// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/jobtextedit.h"

#include <QTest>

using namespace mrp;

class TestJobTextEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edits_data();
    void edits();
    void noOpWhenTheValueIsThere();
    void invalidYamlIsAnError();
    void scalars_data();
    void scalars();
};

void TestJobTextEdit::edits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("replace plain, keep comment")
        << "version: 1\ndataset:\n  path: a.jsonl   # the data\n  shard_size: 25\n" << "dataset.path" << "b/c.csv"
        << "version: 1\ndataset:\n  path: b/c.csv   # the data\n  shard_size: 25\n";
    QTest::newRow("replace quoted")
        << "dataset:\n  path: 'a b.jsonl'\n" << "dataset.path" << "x.jsonl" << "dataset:\n  path: x.jsonl\n";
    QTest::newRow("replace double quoted with escape")
        << "dataset:\n  path: \"a\\\"b\"\nname: n\n" << "dataset.path" << "x" << "dataset:\n  path: x\nname: n\n";
    QTest::newRow("replace number")
        << "dataset:\n  path: a\n  shard_size: 25\n" << "dataset.shard_size" << "100" << "dataset:\n  path: a\n  shard_size: 100\n";
    QTest::newRow("replace in flow mapping")
        << "dataset: { path: a.jsonl, shard_size: 5 }\n" << "dataset.shard_size" << "7" << "dataset: { path: a.jsonl, shard_size: 7 }\n";
    QTest::newRow("add to block mapping")
        << "dataset:\n    path: a\n" << "dataset.shard_size" << "9" << "dataset:\n    shard_size: 9\n    path: a\n";
    QTest::newRow("add to flow mapping")
        << "dataset: { path: a }\n" << "dataset.shard_size" << "9" << "dataset: { shard_size: 9, path: a }\n";
    QTest::newRow("add missing parent at the end")
        << "version: 1\nname: x" << "policy.max_concurrency_map" << "8" << "version: 1\nname: x\npolicy:\n  max_concurrency_map: 8\n";
    QTest::newRow("fill an empty key")
        << "dataset:\n  path:\nname: n\n" << "dataset.path" << "a.csv" << "dataset:\n  path: a.csv\nname: n\n";
    QTest::newRow("fill an empty parent")
        << "policy:\nname: n\n" << "policy.max_concurrency_map" << "3" << "policy:\n  max_concurrency_map: 3\nname: n\n";
    QTest::newRow("non-ASCII before the value")
        << "name: prüfung\ndataset:\n  path: ä.jsonl\n" << "dataset.path" << "b.jsonl" << "name: prüfung\ndataset:\n  path: b.jsonl\n";
    QTest::newRow("empty document") << "" << "dataset.path" << "a" << "dataset:\n  path: a\n";
}

void TestJobTextEdit::edits()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const JobTextEdit e = jobScalarEdit(text, key.split(QLatin1Char('.')), value);   // value: already YAML
    QVERIFY2(e.ok, qPrintable(e.error));
    QString result = text;
    result.replace(e.position, e.length, e.text);
    QCOMPARE(result, expected);
}

void TestJobTextEdit::noOpWhenTheValueIsThere()
{
    const JobTextEdit e = jobScalarEdit(QStringLiteral("dataset:\n  path: 'a.jsonl'\n"), {QStringLiteral("dataset"), QStringLiteral("path")},
                                        yamlScalar(QStringLiteral("a.jsonl")));
    QVERIFY(e.isNoOp());
}

void TestJobTextEdit::invalidYamlIsAnError()
{
    const JobTextEdit e = jobScalarEdit(QStringLiteral("dataset: [\n"), {QStringLiteral("dataset"), QStringLiteral("path")}, QStringLiteral("a"));
    QVERIFY(!e.ok);
    QVERIFY(e.error.contains(QLatin1String("line")));
    const JobTextEdit notMap = jobScalarEdit(QStringLiteral("dataset: 3\n"), {QStringLiteral("dataset"), QStringLiteral("path")}, QStringLiteral("a"));
    QVERIFY(!notMap.ok);
}

void TestJobTextEdit::scalars_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("yaml");
    QTest::newRow("path") << "../inputs/a.jsonl" << "../inputs/a.jsonl";
    QTest::newRow("space") << "/home/me/my data.csv" << "/home/me/my data.csv";
    QTest::newRow("colon") << "C:/data/a.csv" << "'C:/data/a.csv'";
    QTest::newRow("quote") << "it's.csv" << "'it''s.csv'";
    QTest::newRow("hash") << "a #b" << "'a #b'";
    QTest::newRow("bool") << "yes" << "'yes'";
    QTest::newRow("number") << "12" << "'12'";
    QTest::newRow("empty") << "" << "''";
}

void TestJobTextEdit::scalars()
{
    QFETCH(QString, value);
    QFETCH(QString, yaml);
    QCOMPARE(yamlScalar(value), yaml);
}

QTEST_GUILESS_MAIN(TestJobTextEdit)
#include "tst_jobtextedit.moc"
