// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The job file format: every key, every error path, positions and hints.
#include "job/jobloader.h"
#include "job/yamlfields.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mrp;

namespace {

const QByteArray kValid = "version: 1\n"
    "name: demo\n"
    "dataset:\n"
    "  path: data.jsonl\n"
    "  shard_size: 5\n"
    "map:\n"
    "  operator: op.py\n"
    "reduce:\n"
    "  builtin: sum\n"
    "  field: n\n"
    "produce:\n"
    "  - { format: json, path: out.json }\n"
    "";

// "line:col key" of each error, in order, for compact expectations.
QStringList errorKeys(const JobLoadResult &r)
{
    QStringList out;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.isError())
            out.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(d.column).arg(d.key));
    }
    return out;
}

} // namespace

class TestJobLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validJob()
    {
        const JobLoadResult r = loadJobText(kValid, QStringLiteral("/jobs/demo.yaml"));
        QVERIFY2(r.ok(), qPrintable(errorKeys(r).join(u'\n')));
        QCOMPARE(r.job.name, QStringLiteral("demo"));
        QCOMPARE(r.job.dataset.shardSize, 5);
        QCOMPARE(r.job.dataset.resolvedPath, QStringLiteral("/jobs/data.jsonl"));
        QCOMPARE(r.job.map.resolvedPath, QStringLiteral("/jobs/op.py"));
        QCOMPARE(r.job.map.entrypoint, QStringLiteral("map_shard"));
        QCOMPARE(r.job.reduce.builtin, QStringLiteral("sum"));
        QCOMPARE(r.job.reduce.params.value(QStringLiteral("field")).toString(), QStringLiteral("n"));
        QCOMPARE(r.job.executionBackend, QStringLiteral("local"));
        QVERIFY(!r.job.policy.maxRetries.has_value());
        QCOMPARE(r.job.produce.size(), 1);
        QCOMPARE(r.job.pos(QStringLiteral("dataset.shard_size")).line, 5);
        QCOMPARE(r.job.pos(QStringLiteral("dataset.shard_size")).column, 3);
    }

    void defaults()
    {
        const JobLoadResult r = loadJobText("name: d\ndataset: {path: x.csv}\nmap: {code: \"def map_shard(r):\\n  return 1\\n\"}\n",
                                            QStringLiteral("/j/d.yaml"));
        QVERIFY2(r.ok(), qPrintable(errorKeys(r).join(u'\n')));
        QCOMPARE(r.job.dataset.shardSize, 100);
        QCOMPARE(r.job.dataset.format, QStringLiteral("auto"));
        QCOMPARE(r.job.dataset.onBadRecord, QStringLiteral("fail"));
        QCOMPARE(r.job.reduce.builtin, QStringLiteral("concat"));
        QCOMPARE(r.job.produce.size(), 1);
        QCOMPARE(r.job.produce.first().path, QStringLiteral("result.json"));
        QCOMPARE(r.job.policy.network, QStringLiteral("none"));
        QVERIFY(r.job.map.code.startsWith("def map_shard"));
    }

    void seedVocabulary()
    {
        QByteArray y = kValid;
        y += "execution_backend: cloud_sandbox\nbackend_profile: daytona\npolicy:\n  max_concurrency_map: 7\n"
             "  shard_timeout_s: 33\n  max_retries: 0\n  network: allowlist\n  egress_allowlist: [pypi.org, 10.0.0.0/8]\n"
             "  budget: { max_cost_usd: 0.5, max_sandbox_seconds: 100 }\n";
        const JobLoadResult r = loadJobText(y, QStringLiteral("/j/x.yaml"));
        QVERIFY2(r.ok(), qPrintable(errorKeys(r).join(u'\n')));
        QCOMPARE(r.job.executionBackend, QStringLiteral("cloud_sandbox"));
        QCOMPARE(r.job.backendProfile, QStringLiteral("daytona"));
        QCOMPARE(*r.job.policy.maxConcurrencyMap, 7);
        QCOMPARE(*r.job.policy.shardTimeoutS, 33);
        QCOMPARE(*r.job.policy.maxRetries, 0);
        QCOMPARE(r.job.policy.egressAllowlist, (QStringList{QStringLiteral("pypi.org"), QStringLiteral("10.0.0.0/8")}));
        QCOMPARE(*r.job.policy.maxCostUsd, 0.5);
        QCOMPARE(*r.job.policy.maxSandboxSeconds, 100);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("expected");       // "line:col key" of every error, in order
        QTest::addColumn<QString>("messagePart");        // in the first error's toString()

        const QByteArray head = "name: e\ndataset:\n  path: d.jsonl\nmap:\n  operator: op.py\n";   // lines 1-5
        QTest::newRow("unknown key with suggestion")
            << QByteArray(head + "reduse:\n  builtin: concat\n") << QStringList{QStringLiteral("6:1 reduse")}
            << QStringLiteral("Did you mean 'reduce'?");
        QTest::newRow("unknown nested key")
            << QByteArray("name: e\ndataset:\n  path: d.jsonl\n  shard_sise: 3\nmap: {operator: op.py}\n")
            << QStringList{QStringLiteral("4:3 dataset.shard_sise")} << QStringLiteral("Did you mean 'shard_size'?");
        QTest::newRow("unknown key without suggestion")
            << QByteArray(head + "colour: blue\n") << QStringList{QStringLiteral("6:1 colour")} << QStringLiteral("Known keys here");
        QTest::newRow("policy key at top level")
            << QByteArray(head + "max_retries: 2\n") << QStringList{QStringLiteral("6:1 max_retries")}
            << QStringLiteral("belongs under 'policy:'");
        QTest::newRow("wrong type int")
            << QByteArray(head + "policy:\n  max_retries: two\n") << QStringList{QStringLiteral("7:16 policy.max_retries")}
            << QStringLiteral("expected a whole number, got the text \"two\"");
        QTest::newRow("quoted number is text")
            << QByteArray(head + "policy:\n  shard_timeout_s: \"30\"\n") << QStringList{QStringLiteral("7:20 policy.shard_timeout_s")}
            << QStringLiteral("expected a whole number");
        QTest::newRow("out of range")
            << QByteArray(head + "policy:\n  max_concurrency_map: 0\n") << QStringList{QStringLiteral("7:24 policy.max_concurrency_map")}
            << QStringLiteral("out of range");
        QTest::newRow("wrong type mapping")
            << QByteArray("name: e\ndataset: data.jsonl\nmap: {operator: op.py}\n") << QStringList{QStringLiteral("2:10 dataset")}
            << QStringLiteral("expected a mapping");
        QTest::newRow("missing required top-level")
            << QByteArray("name: e\ndataset: {path: d.jsonl}\n") << QStringList{QStringLiteral("1:1 map")}
            << QStringLiteral("'map' is missing");
        QTest::newRow("missing required nested")
            << QByteArray("name: e\ndataset:\n  shard_size: 4\nmap: {operator: op.py}\n")
            << QStringList{QStringLiteral("3:3 dataset.path")} << QStringLiteral("'path' is missing");
        QTest::newRow("missing name")
            << QByteArray("dataset: {path: d.jsonl}\nmap: {operator: op.py}\n") << QStringList{QStringLiteral("1:1 name")}
            << QStringLiteral("'name' is missing");
        QTest::newRow("bad enum")
            << QByteArray(head + "execution_backend: cloud\n") << QStringList{QStringLiteral("6:20 execution_backend")}
            << QStringLiteral("expected one of local | cloud_sandbox");
        QTest::newRow("bad enum with suggestion")
            << QByteArray(head + "reduce: {builtin: merge_count}\n") << QStringList{QStringLiteral("6:19 reduce.builtin")}
            << QStringLiteral("Did you mean 'merge_counts'?");
        QTest::newRow("yaml syntax error")
            << QByteArray("name: e\ndataset: [1, 2\nmap: {}\n") << QStringList{QStringLiteral("3:4 ")}
            << QStringLiteral("YAML syntax error");
        QTest::newRow("yaml bad indentation")
            << QByteArray("name: e\n  dataset: x\n bad\n") << QStringList{QStringLiteral("2:10 ")} << QStringLiteral("YAML syntax error");
        QTest::newRow("empty file") << QByteArray("") << QStringList{QStringLiteral("1:1 ")} << QStringLiteral("empty");
        QTest::newRow("root is a list") << QByteArray("- a\n- b\n") << QStringList{QStringLiteral("1:1 ")}
                                        << QStringLiteral("expected a mapping");
        QTest::newRow("duplicate key") << QByteArray(head + "name: f\n") << QStringList{QStringLiteral("6:1 name")}
                                       << QStringLiteral("given twice");
        QTest::newRow("empty value") << QByteArray(head + "backend_profile:\n") << QStringList{QStringLiteral("6:1 backend_profile")}
                                     << QStringLiteral("a value is missing");
        QTest::newRow("operator and code")
            << QByteArray("name: e\ndataset: {path: d.jsonl}\nmap:\n  operator: a.py\n  code: x\n")
            << QStringList{QStringLiteral("5:9 map.code")} << QStringLiteral("both 'operator' and 'code'");
        QTest::newRow("no operator") << QByteArray("name: e\ndataset: {path: d.jsonl}\nmap:\n  entrypoint: f\n")
                                     << QStringList{QStringLiteral("4:3 map.operator")} << QStringLiteral("no operator");
        QTest::newRow("bad entrypoint") << QByteArray(head + "  entrypoint: 1abc\n")
                                        << QStringList{QStringLiteral("6:15 map.entrypoint")} << QStringLiteral("not a Python function name");
        QTest::newRow("histogram without bins")
            << QByteArray(head + "reduce:\n  builtin: histogram\n  field: x\n") << QStringList{QStringLiteral("7:3 reduce.bins")}
            << QStringLiteral("'bins' is missing");
        QTest::newRow("bins not ascending")
            << QByteArray(head + "reduce: {builtin: histogram, field: x, bins: [3, 1]}\n")
            << QStringList{QStringLiteral("6:46 reduce.bins")} << QStringLiteral("ascending");
        QTest::newRow("field on count") << QByteArray(head + "reduce: {builtin: count, field: x}\n")
                                        << QStringList{QStringLiteral("6:33 reduce.field")} << QStringLiteral("takes no field");
        QTest::newRow("produce escapes")
            << QByteArray(head + "produce:\n  - {format: json, path: ../x.json}\n") << QStringList{QStringLiteral("7:26 produce[0].path")}
            << QStringLiteral("not a path inside");
        QTest::newRow("produce absolute")
            << QByteArray(head + "produce:\n  - {format: json, path: /tmp/x.json}\n") << QStringList{QStringLiteral("7:26 produce[0].path")}
            << QStringLiteral("not a path inside");
        QTest::newRow("produce twice")
            << QByteArray(head + "produce:\n  - {format: json, path: a.json}\n  - {format: jsonl, path: ./a.json}\n")
            << QStringList{QStringLiteral("8:27 produce[1].path")} << QStringLiteral("produced twice");
        QTest::newRow("csv without columns") << QByteArray(head + "produce:\n  - {format: csv, path: a.csv}\n")
                                             << QStringList{QStringLiteral("7:5 produce[0].columns")} << QStringLiteral("needs 'columns'");
        QTest::newRow("columns on json")
            << QByteArray(head + "produce:\n  - {format: json, path: a.json, columns: [a]}\n")
            << QStringList{QStringLiteral("7:43 produce[0].columns")} << QStringLiteral("csv outputs only");
        QTest::newRow("produce not a list") << QByteArray(head + "produce: {format: json}\n")
                                            << QStringList{QStringLiteral("6:10 produce")} << QStringLiteral("expected a list");
        QTest::newRow("bad allowlist entry")
            << QByteArray(head + "policy:\n  network: allowlist\n  egress_allowlist: [pypi.org, 'no such host']\n")
            << QStringList{QStringLiteral("8:32 policy.egress_allowlist[1]")} << QStringLiteral("neither a domain name");
        QTest::newRow("bad profile name") << QByteArray(head + "backend_profile: ../etc\n")
                                          << QStringList{QStringLiteral("6:18 backend_profile")} << QStringLiteral("not a profile name");
        QTest::newRow("version 2") << QByteArray("version: 2\n" + head) << QStringList{QStringLiteral("1:10 version")}
                                   << QStringLiteral("out of range");
        QTest::newRow("map produce")
            << QByteArray(head + "  produce: x\n") << QStringList{QStringLiteral("6:3 map.produce")}
            << QStringLiteral("A map step cannot produce files");
        const QByteArray prog = "name: e\ndataset:\n  path: d.jsonl\nmap:\n  program:\n";   // lines 1-5
        QTest::newRow("program and operator")
            << QByteArray(prog + "    template: '{code}'\n  operator: op.py\n") << QStringList{QStringLiteral("7:13 map.operator")}
            << QStringLiteral("both 'program' and 'operator' are given");
        QTest::newRow("program without template")
            << QByteArray(prog + "    timeout_s: 3\n") << QStringList{QStringLiteral("6:5 map.program.template")}
            << QStringLiteral("'template' is missing");
        QTest::newRow("program lone brace")
            << QByteArray(prog + "    template: 'x = {1: 2}'\n") << QStringList{QStringLiteral("6:15 map.program.template")}
            << QStringLiteral("a lone '{' at character 5 of the template");
        QTest::newRow("program bad limits")
            << QByteArray(prog + "    template: '{code}'\n    timeout_s: 0\n    memory_mib: 16\n    max_procs: 3\n")
            << QStringList{QStringLiteral("7:16 map.program.timeout_s"), QStringLiteral("8:17 map.program.memory_mib"),
                           QStringLiteral("9:5 map.program.max_procs")}
            << QStringLiteral("out of range");
        QTest::newRow("program keep reserved")
            << QByteArray(prog + "    template: '{code}'\n    keep: [task_id, status]\n")
            << QStringList{QStringLiteral("7:21 map.program.keep[1]")} << QStringLiteral("'status' is a result field of its own");
        QTest::newRow("pass_at_k without group_by")
            << QByteArray(head + "reduce:\n  builtin: pass_at_k\n") << QStringList{QStringLiteral("7:3 reduce.group_by")}
            << QStringLiteral("'group_by' is missing");
        QTest::newRow("pass_at_k bad k")
            << QByteArray(head + "reduce:\n  builtin: pass_at_k\n  group_by: task_id\n  k: [1, 10, 5]\n")
            << QStringList{QStringLiteral("9:14 reduce.k")} << QStringLiteral("strictly ascending");
        QTest::newRow("group_by on another builtin")
            << QByteArray(head + "reduce:\n  builtin: count\n  group_by: task_id\n")
            << QStringList{QStringLiteral("8:13 reduce.group_by")} << QStringLiteral("applies to the pass_at_k reducer only");
        QTest::newRow("multiple errors, in file order")
            << QByteArray("name: e\ndatset:\n  path: d.jsonl\nmap:\n  operator: op.py\n  resources: {cpu: many, memory: 2}\n"
                          "policy: {max_retries: -1, network: open}\n")
            << QStringList{QStringLiteral("1:1 dataset"), QStringLiteral("2:1 datset"), QStringLiteral("6:20 map.resources.cpu"),
                           QStringLiteral("6:26 map.resources.memory"), QStringLiteral("7:23 policy.max_retries"),
                           QStringLiteral("7:36 policy.network")}
            << QStringLiteral("'dataset' is missing");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, expected);
        QFETCH(QString, messagePart);
        const JobLoadResult r = loadJobText(yaml, QStringLiteral("/jobs/e.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(errorKeys(r), expected);
        const Diagnostic first = r.diagnostics.first();
        const QString text = first.toString();
        QVERIFY2(text.contains(messagePart), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("/jobs/e.yaml:%1:%2: error: ").arg(first.line).arg(first.column)), qPrintable(text));
    }

    void warningIsNotAnError()
    {
        QByteArray y = kValid;
        y += "policy:\n  egress_allowlist: [pypi.org]\n";
        const JobLoadResult r = loadJobText(y, QStringLiteral("/j/w.yaml"));
        QVERIFY(r.ok());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QVERIFY(r.diagnostics.first().toString().contains(QStringLiteral(": warning: policy.egress_allowlist: ")));
    }

    void programAndPassAtK()
    {
        const JobLoadResult r = loadJobText(
            "name: e\ndataset: {path: d.jsonl}\nmap:\n  program:\n    template: \"{prompt}{completion}\\n{test}\\ncheck({entry_point}) {{}}\"\n"
            "    timeout_s: 1.5\n    keep: [task_id]\nreduce: {builtin: pass_at_k, group_by: task_id, k: [1, 10]}\n",
            QStringLiteral("/j/p.yaml"));
        QVERIFY2(r.ok(), r.diagnostics.isEmpty() ? "" : qPrintable(r.diagnostics.first().toString()));
        QVERIFY(r.job.program.enabled);
        QCOMPARE(r.job.program.fields,
                 (QStringList{QStringLiteral("prompt"), QStringLiteral("completion"), QStringLiteral("test"), QStringLiteral("entry_point")}));
        QCOMPARE(r.job.program.timeoutS, 1.5);
        QCOMPARE(r.job.program.memoryMib, 512);
        QCOMPARE(r.job.program.keep, QStringList{QStringLiteral("task_id")});
        QCOMPARE(r.job.reduce.builtin, QStringLiteral("pass_at_k"));
        QCOMPARE(r.job.reduce.params.value(QStringLiteral("k")).toList(), (QVariantList{qint64(1), qint64(10)}));
    }

    void tooDeep()
    {
        const QByteArray y = "name: x\ndataset: " + QByteArray(5000, '[') + "\n";
        const JobLoadResult r = loadJobText(y, QStringLiteral("deep.yaml"));
        QVERIFY(!r.ok());
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("nested too deeply")));
    }

    void fromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("j.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kValid);
        f.close();
        const JobLoadResult r = loadJobFile(path);
        QVERIFY(r.ok());
        QCOMPARE(r.job.path, path);
        QCOMPARE(r.job.dataset.resolvedPath, dir.filePath(QStringLiteral("data.jsonl")));

        const JobLoadResult missing = loadJobFile(dir.filePath(QStringLiteral("none.yaml")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.diagnostics.first().message.contains(QStringLiteral("cannot read")));
    }

    void editDistance()
    {
        QCOMPARE(mrp::editDistance(QStringLiteral("shard_sise"), QStringLiteral("shard_size")), 1);
        QCOMPARE(mrp::editDistance(QString(), QStringLiteral("abc")), 3);
        QCOMPARE(closestMatch(QStringLiteral("reduse"), {QStringLiteral("map"), QStringLiteral("reduce")}), QStringLiteral("reduce"));
        QCOMPARE(closestMatch(QStringLiteral("zzzzzz"), {QStringLiteral("map"), QStringLiteral("reduce")}), QString());
    }

    void egressEntries_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<bool>("valid");
        QTest::newRow("domain") << QStringLiteral("pypi.org") << true;
        QTest::newRow("wildcard") << QStringLiteral("*.example.com") << true;
        QTest::newRow("ipv4") << QStringLiteral("10.1.2.3") << true;
        QTest::newRow("cidr") << QStringLiteral("10.0.0.0/8") << true;
        QTest::newRow("ipv6 cidr") << QStringLiteral("fd00::/8") << true;
        QTest::newRow("bad cidr") << QStringLiteral("10.0.0.0/33") << false;
        QTest::newRow("space") << QStringLiteral("a b.com") << false;
        QTest::newRow("url") << QStringLiteral("https://pypi.org") << false;
        QTest::newRow("bare word") << QStringLiteral("localhost") << false;
    }

    void egressEntries()
    {
        QFETCH(QString, entry);
        QFETCH(bool, valid);
        QCOMPARE(isValidEgressEntry(entry), valid);
    }
};

QTEST_GUILESS_MAIN(TestJobLoader)
#include "tst_jobloader.moc"
