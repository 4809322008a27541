// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The compiler: golden plans for the examples (byte for byte), determinism, cloud_sandbox rules,
// operator policy, profiles, plan files round trip.
#include "job/compiler.h"
#include "data/digest.h"
#include "job/operatorscan.h"
#include "job/profileloader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace mrp;

namespace {

const QString kSource = QStringLiteral(MRP_SOURCE_DIR);

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// Copies examples/ (jobs, inputs/, ops/) into dest, creating files in a shuffled (or reversed) order.
void copyExamples(const QString &dest, bool reverse)
{
    QStringList files;
    QDirIterator it(kSource + QStringLiteral("/examples"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next().mid(kSource.size() + QStringLiteral("/examples/").size()));
    if (reverse)
        std::sort(files.begin(), files.end(), std::greater<>());
    else
        std::shuffle(files.begin(), files.end(), *QRandomGenerator::global());
    for (const QString &f : std::as_const(files))
        writeFile(dest + u'/' + f, readFile(kSource + QStringLiteral("/examples/") + f));
}

QString errorsText(const QList<Diagnostic> &ds)
{
    QStringList out;
    for (const Diagnostic &d : ds)
        out.append(d.toString());
    return out.join(u'\n');
}

CompileOptions isolatedOptions(const QString &profileDir = QString())
{
    CompileOptions o;
    // Never pick up the developer's own profile overrides.
    o.profileSearchPaths = {profileDir.isEmpty() ? QStringLiteral("/nonexistent-mrp-profiles") : profileDir};
    return o;
}

const QByteArray kJobHead = "version: 1\nname: t\ndataset:\n  path: d.jsonl\n  shard_size: 2\nmap:\n  operator: op.py\n";
const QByteArray kData = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
const QByteArray kOp = "def map_shard(records):\n    return len(records)\n";

} // namespace

class TestCompiler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void golden_data()
    {
        QTest::addColumn<QString>("job");
        QTest::newRow("toy") << QStringLiteral("toy");
        QTest::newRow("cloud_toy") << QStringLiteral("cloud_toy");
        QTest::newRow("cloud_generated") << QStringLiteral("cloud_generated");
        QTest::newRow("solution_eval") << QStringLiteral("solution_eval");
    }

    // Regenerate with scripts/update-golden-plans.sh after an intended change.
    void golden()
    {
        QFETCH(QString, job);
        QTemporaryDir out;
        CompileOptions o = isolatedOptions();
        o.shardDir = out.filePath(QStringLiteral("shards"));
        const CompileResult r = compileJob(kSource + QStringLiteral("/examples/") + job + QStringLiteral(".yaml"), o);
        QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
        QString error;
        QVERIFY2(writePlanFiles(r.plan, out.path(), &error), qPrintable(error));
        for (const QString &file : {QStringLiteral("ir.json"), QStringLiteral("manifest.json"), QStringLiteral("policy.json"),
                                   QStringLiteral("plan.json")}) {
            const QByteArray golden = readFile(QStringLiteral(MRP_TEST_DATA_DIR "/golden/") + job + u'/' + file);
            QVERIFY2(!golden.isEmpty(), qPrintable(QStringLiteral("missing golden file for %1/%2; run scripts/update-golden-plans.sh").arg(job, file)));
            QCOMPARE(readFile(out.filePath(file)), golden);
        }
        // Every payload is where the plan says, and holds what its digest says.
        for (const ShardPlan &s : r.plan.shards)
            QCOMPARE(sha256Hex(readFile(s.payloadPath)), s.digest);
    }

    void deterministic()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        copyExamples(a.path(), false);
        copyExamples(b.path(), true);
        for (const QString &job : {QStringLiteral("toy"), QStringLiteral("solution_eval")}) {
            QByteArray first;
            for (const QTemporaryDir *d : {&a, &b}) {
                CompileOptions o = isolatedOptions();
                o.shardDir = d->filePath(QStringLiteral("out/shards"));
                const CompileResult r = compileJob(d->filePath(job + QStringLiteral(".yaml")), o);
                QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
                QString error;
                QVERIFY(writePlanFiles(r.plan, d->filePath(QStringLiteral("out")), &error));
                const QByteArray plan = readFile(d->filePath(QStringLiteral("out/plan.json")));
                QVERIFY(!plan.contains(a.path().toUtf8()));
                QVERIFY(!plan.contains(b.path().toUtf8()));
                if (first.isEmpty())
                    first = plan;
                else
                    QCOMPARE(plan, first);
            }
            // The same as compiling in the source tree.
            const CompileResult inTree = compileJob(kSource + QStringLiteral("/examples/") + job + QStringLiteral(".yaml"), isolatedOptions());
            QVERIFY(first.contains(inTree.plan.planDigest.toUtf8()));
        }
    }

    void planDigestChangesWithContent()
    {
        QTemporaryDir d;
        writeFile(d.filePath(QStringLiteral("j.yaml")), kJobHead);
        writeFile(d.filePath(QStringLiteral("d.jsonl")), kData);
        writeFile(d.filePath(QStringLiteral("op.py")), kOp);
        const CompileResult r1 = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions());
        QVERIFY2(r1.ok(), qPrintable(errorsText(r1.diagnostics)));
        QCOMPARE(r1.plan.shards.size(), 2);
        QCOMPARE(r1.plan.planDigest, r1.plan.computePlanDigest());
        writeFile(d.filePath(QStringLiteral("d.jsonl")), kData + "{\"a\":4}\n");
        const CompileResult r2 = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions());
        QVERIFY(r2.ok());
        QVERIFY(r2.plan.planDigest != r1.plan.planDigest);
        QCOMPARE(r2.plan.shards.first().digest, r1.plan.shards.first().digest);   // content-addressed
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("jobTail");
        QTest::addColumn<QByteArray>("op");
        QTest::addColumn<bool>("policy");          // refusal (exit 3) rather than validation (exit 2)
        QTest::addColumn<QString>("where");        // "file:line" suffix expected in the first error
        QTest::addColumn<QString>("messagePart");

        const QByteArray cloud = "execution_backend: cloud_sandbox\n";
        QTest::newRow("cloud map writes a file")
            << cloud << QByteArray("def map_shard(records):\n    with open('out.txt', 'w') as f:\n        f.write('x')\n    return 1\n")
            << true << QStringLiteral("op.py:2:10") << QStringLiteral("must be pure");
        QTest::newRow("cloud map uses shutil")
            << cloud << QByteArray("import shutil\ndef map_shard(records):\n    shutil.rmtree('x')\n") << true
            << QStringLiteral("op.py:3:5") << QStringLiteral("writes files");
        QTest::newRow("reading is fine on cloud") << cloud << QByteArray("def map_shard(records):\n    return open('/etc/hostname').read()\n")
                                                  << false << QString() << QString();
        QTest::newRow("blocked import on daytona")
            << cloud << QByteArray("import os, subprocess\ndef map_shard(records):\n    return 1\n") << true
            << QStringLiteral("op.py:1:12") << QStringLiteral("imports 'subprocess'");
        QTest::newRow("blocked from-import on daytona")
            << cloud << QByteArray("from multiprocessing.pool import Pool\ndef map_shard(records):\n    return 1\n") << true
            << QStringLiteral("op.py:1:6") << QStringLiteral("imports 'multiprocessing.pool'");
        QTest::newRow("blocked call on daytona")
            << cloud << QByteArray("def map_shard(records):\n    # eval( in a comment is fine\n    s = 'eval(1)'\n    return eval(s)\n")
            << true << QStringLiteral("op.py:4:12") << QStringLiteral("calls 'eval'");
        QTest::newRow("blocked call allowed locally")
            << QByteArray() << QByteArray("import subprocess\ndef map_shard(records):\n    return eval('1')\n") << false << QString() << QString();
        QTest::newRow("allowlist needs network")
            << QByteArray(cloud + "policy:\n  network: allowlist\n  egress_allowlist: [pypi.org]\n") << kOp << true
            << QStringLiteral("j.yaml:10:3") << QStringLiteral("allows none");
        QTest::newRow("empty allowlist")
            << QByteArray(cloud + "policy:\n  network: allowlist\n") << kOp << true << QStringLiteral("j.yaml:9:1")
            << QStringLiteral("allowlist is empty");
        QTest::newRow("resources above limit")
            << QByteArray("  resources: { cpu: 16 }\n") << kOp << true << QStringLiteral("j.yaml:8:16") << QStringLiteral("exceed the sandbox limit");
        QTest::newRow("missing entrypoint")
            << QByteArray() << QByteArray("def map_shards(records):\n    return 1\n") << false << QStringLiteral("j.yaml:7:3")
            << QStringLiteral("no top-level function 'map_shard'");
        QTest::newRow("profile does not fit backend")
            << QByteArray("backend_profile: daytona\n") << kOp << false << QStringLiteral("j.yaml:8:1")
            << QStringLiteral("configures the daytona backend");
        QTest::newRow("unknown profile")
            << QByteArray("backend_profile: daytna\n") << kOp << false << QStringLiteral("j.yaml:8:1")
            << QStringLiteral("Did you mean 'daytona'?");
    }

    void refusals()
    {
        QFETCH(QByteArray, jobTail);
        QFETCH(QByteArray, op);
        QFETCH(bool, policy);
        QFETCH(QString, where);
        QFETCH(QString, messagePart);
        QTemporaryDir d;
        writeFile(d.filePath(QStringLiteral("j.yaml")), kJobHead + jobTail);
        writeFile(d.filePath(QStringLiteral("d.jsonl")), kData);
        writeFile(d.filePath(QStringLiteral("op.py")), op);
        const CompileResult r = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions());
        const QString text = errorsText(r.diagnostics);
        if (where.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(text));
            return;
        }
        QVERIFY(!r.ok());
        QCOMPARE(r.refusedByPolicy(), policy);
        QString found;
        for (const Diagnostic &diag : r.diagnostics) {
            if (diag.toString().contains(messagePart))
                found = diag.toString();
        }
        QVERIFY2(!found.isEmpty(), qPrintable(text));
        QVERIFY2(found.contains(where + QStringLiteral(": error: ")), qPrintable(text));
    }

    void missingOperatorAndDataset()
    {
        QTemporaryDir d;
        writeFile(d.filePath(QStringLiteral("j.yaml")), kJobHead);
        const CompileResult r = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions());
        QVERIFY(!r.ok());
        QVERIFY(!r.refusedByPolicy());
        const QString text = errorsText(r.diagnostics);
        QVERIFY2(text.contains(QStringLiteral("j.yaml:7:3: error: map.operator: cannot read the operator")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("j.yaml:4:3: error: dataset.path: the dataset does not exist")), qPrintable(text));
    }

    void skippedRecordsInPlan()
    {
        QTemporaryDir d;
        writeFile(d.filePath(QStringLiteral("j.yaml")), kJobHead + "  on_bad_record: skip\n");
        QByteArray job = kJobHead;
        job.replace("  shard_size: 2\n", "  shard_size: 2\n  on_bad_record: skip\n");
        writeFile(d.filePath(QStringLiteral("j.yaml")), job);
        writeFile(d.filePath(QStringLiteral("d.jsonl")), "{\"a\":1}\n{oops\n");
        writeFile(d.filePath(QStringLiteral("op.py")), kOp);
        const CompileResult r = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions());
        QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
        QCOMPARE(r.plan.skipped.size(), 1);
        QCOMPARE(r.plan.policy.onBadRecord, QStringLiteral("skip"));
        const QJsonObject ir = r.plan.irJson();
        QCOMPARE(ir.value(QStringLiteral("skipped")).toArray().first().toObject().value(QStringLiteral("line")).toInt(), 2);
    }

    void overridesAndUserProfiles()
    {
        QTemporaryDir d;
        writeFile(d.filePath(QStringLiteral("j.yaml")), kJobHead + "execution_backend: cloud_sandbox\n");
        writeFile(d.filePath(QStringLiteral("d.jsonl")), kData);
        writeFile(d.filePath(QStringLiteral("op.py")), kOp);
        const QByteArray override = "max_concurrency: 3\nprices: { vcpu_per_hour: 0.1 }\negress: { allowlist: [pypi.org] }\n";
        writeFile(d.filePath(QStringLiteral("profiles/daytona.yaml")), override);
        const CompileResult r = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions(d.filePath(QStringLiteral("profiles"))));
        QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
        const ProfileSpec &p = r.plan.profile;
        QCOMPARE(p.name, QStringLiteral("daytona"));
        QCOMPARE(p.maxConcurrency, 3);
        QCOMPARE(r.plan.policy.maxConcurrencyMap, 3);
        QCOMPARE(p.prices.vcpuPerHour, 0.1);
        QCOMPARE(p.prices.memoryGibPerHour, 0.0162);       // untouched keys keep the built-in value
        QCOMPARE(p.prices.diskGibPerHour, 0.000108);
        QVERIFY(p.operatorPolicy.enabled);
        QVERIFY(p.operatorPolicy.blockedImports.contains(QStringLiteral("subprocess")));
        const QString suffix = QStringLiteral("+user.") + sha256Hex(override).left(12);
        QCOMPARE(p.version, QStringLiteral("1") + suffix);
        QCOMPARE(p.egressAllowlistVersion, QStringLiteral("egress-none-1") + suffix);
        QCOMPARE(p.securityProfileVersion, QStringLiteral("daytona-sandbox-1"));
        bool userEntry = false;
        for (const ManifestEntry &e : r.plan.manifest)
            userEntry = userEntry || (e.role == u"profile" && e.path == u"user:daytona.yaml" && e.sha256 == sha256Hex(override));
        QVERIFY(userEntry);

        CompileOptions o = isolatedOptions();
        o.backendOverride = QStringLiteral("local");
        o.concurrencyOverride = 9;
        const CompileResult local = compileJob(d.filePath(QStringLiteral("j.yaml")), o);
        QVERIFY2(local.ok(), qPrintable(errorsText(local.diagnostics)));
        QCOMPARE(local.plan.backend, QStringLiteral("local"));
        QCOMPARE(local.plan.profile.name, QStringLiteral("local"));
        QCOMPARE(local.plan.policy.maxConcurrencyMap, 9);

        // A broken user profile is reported in its own file.
        writeFile(d.filePath(QStringLiteral("profiles/daytona.yaml")), "max_concurency: 3\n");
        const CompileResult bad = compileJob(d.filePath(QStringLiteral("j.yaml")), isolatedOptions(d.filePath(QStringLiteral("profiles"))));
        QVERIFY(!bad.ok());
        QVERIFY2(errorsText(bad.diagnostics).contains(QStringLiteral("daytona.yaml:1:1: error: max_concurency: unknown key")),
                 qPrintable(errorsText(bad.diagnostics)));
    }

    void builtinProfiles()
    {
        QCOMPARE(builtinProfileNames(), (QStringList{QStringLiteral("daytona"), QStringLiteral("local")}));
        const ProfileLoadResult d = loadProfile(QStringLiteral("daytona"), {QStringLiteral("/nonexistent")});
        QVERIFY2(d.ok(), qPrintable(errorsText(d.diagnostics)));
        QCOMPARE(d.profile.backend, QStringLiteral("daytona"));
        QCOMPARE(d.profile.prices.vcpuPerHour, 0.0504);
        QVERIFY(d.profile.operatorPolicy.enabled);
        QVERIFY(d.profile.sandboxReuse);
        QVERIFY(!d.profile.security.network);
        const ProfileLoadResult l = loadProfile(QStringLiteral("local"), {QStringLiteral("/nonexistent")});
        QVERIFY(l.ok());
        QVERIFY(!l.profile.operatorPolicy.enabled);
        QCOMPARE(l.profile.backend, QStringLiteral("local"));
        QVERIFY(!l.profile.security.version.isEmpty());
        QVERIFY(!l.profile.egressAllowlistVersion.isEmpty());
        QVERIFY(userProfileFolder().endsWith(QStringLiteral("/profiles")));
    }

    void planRoundTrip()
    {
        QTemporaryDir out;
        CompileOptions o = isolatedOptions();
        o.shardDir = out.filePath(QStringLiteral("shards"));
        const CompileResult r = compileJob(kSource + QStringLiteral("/examples/solution_eval.yaml"), o);
        QVERIFY(r.ok());
        QString error;
        QVERIFY(writePlanFiles(r.plan, out.path(), &error));
        Plan back;
        QVERIFY2(readPlanFile(out.path(), out.filePath(QStringLiteral("shards")), &back, &error), qPrintable(error));
        QCOMPARE(back.planDigest, r.plan.planDigest);
        QCOMPARE(back.shards.size(), r.plan.shards.size());
        QCOMPARE(back.shards.last().payloadPath, r.plan.shards.last().payloadPath);
        QCOMPARE(back.map.code, r.plan.map.code);
        QCOMPARE(back.reduce.op.entrypoint, QStringLiteral("reduce"));
        QCOMPARE(back.produce.first().select, QStringLiteral("results"));
        QCOMPARE(back.profile.security.version, r.plan.profile.security.version);
        QCOMPARE(back.computePlanDigest(), r.plan.planDigest);

        // A tampered plan is refused.
        QJsonObject o2 = QJsonDocument::fromJson(readFile(out.filePath(QStringLiteral("plan.json")))).object();
        QJsonObject pol = o2.value(QStringLiteral("policy")).toObject();
        pol.insert(QStringLiteral("max_retries"), 19);
        o2.insert(QStringLiteral("policy"), pol);
        QVERIFY(!Plan::fromJson(o2, &back, &error));
        QVERIFY(error.contains(QStringLiteral("digest")));
    }

    // map.program: the product's program runner with the settings appended; the daytona
    // profile's operator policy (which blocks subprocess, ctypes, exec...) does not refuse it.
    void programMode()
    {
        QTemporaryDir d;
        const QByteArray job = "version: 1\nname: t\ndataset:\n  path: d.jsonl\n  shard_size: 30\nmap:\n  program:\n"
                               "    template: \"{code}\\ncheck()\"\n    timeout_s: 3\n    keep: [task_id]\n"
                               "reduce: { builtin: pass_at_k, group_by: task_id, k: [1] }\nexecution_backend: cloud_sandbox\n";
        writeFile(d.filePath(QStringLiteral("j.yaml")), job);
        writeFile(d.filePath(QStringLiteral("d.jsonl")), "{\"task_id\":\"a\",\"code\":\"import subprocess\"}\n");
        CompileOptions o = isolatedOptions();
        o.shardDir = d.filePath(QStringLiteral("shards"));
        const CompileResult r = compileJob(d.filePath(QStringLiteral("j.yaml")), o);
        QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
        QVERIFY(r.plan.profile.operatorPolicy.enabled);
        QCOMPARE(r.plan.map.builtin, QStringLiteral("program"));
        QCOMPARE(r.plan.map.entrypoint, QStringLiteral("map_shard"));
        QFile runner(QStringLiteral(":/mrp/runner/program.py"));
        QVERIFY(runner.open(QIODevice::ReadOnly));
        const QByteArray source = runner.readAll();
        QVERIFY(r.plan.map.code.startsWith(source));
        QCOMPARE(r.plan.map.code.mid(source.size()),
                 QByteArray("\nPROGRAM_JSON = \"{\\\"keep\\\":[\\\"task_id\\\"],\\\"max_processes\\\":32,\\\"memory_mib\\\":512,"
                            "\\\"output_cap_kib\\\":64,\\\"template\\\":\\\"{code}\\\\ncheck()\\\",\\\"timeout_s\\\":3}\"\n"));
        // 30 records x 3 s may exceed the 60 s shard timeout: a warning, not an error.
        QCOMPARE(r.diagnostics.size(), 1);
        QVERIFY2(r.diagnostics.first().toString().contains(QStringLiteral("warning: map.program.timeout_s")),
                 qPrintable(errorsText(r.diagnostics)));

        // The plan round-trips the builtin and its settings.
        QVERIFY(writePlanFiles(r.plan, d.filePath(QStringLiteral("plan")), nullptr));
        Plan back;
        QString error;
        QVERIFY2(readPlanFile(d.filePath(QStringLiteral("plan")), o.shardDir, &back, &error), qPrintable(error));
        QCOMPARE(back.map.builtin, QStringLiteral("program"));
        QCOMPARE(back.map.params.value(QStringLiteral("keep")).toStringList(), QStringList{QStringLiteral("task_id")});
        QCOMPARE(back.computePlanDigest(), r.plan.planDigest);

        // pass_at_k needs its group in the program's results; limits beyond the sandbox are refused.
        writeFile(d.filePath(QStringLiteral("j.yaml")),
                  QByteArray(job).replace("keep: [task_id]", "keep: [sample]\n    max_processes: 1000\n    memory_mib: 4096"));
        const CompileResult bad = compileJob(d.filePath(QStringLiteral("j.yaml")), o);
        const QString text = errorsText(bad.diagnostics);
        QVERIFY2(!bad.ok(), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("map.program.memory_mib: a program may use 4096 MiB")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("map.program.max_processes")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("reduce.group_by: pass_at_k groups by 'task_id'")), qPrintable(text));
    }

    void operatorScan()
    {
        OperatorPolicy p;
        p.enabled = true;
        p.blockedImports = {QStringLiteral("socket")};
        p.blockedCalls = {QStringLiteral("os.system"), QStringLiteral("exec")};
        const QByteArray code = "import json\nimport socket as s  # x\n\"\"\"import socket\"\"\"\ndef exec(x):\n    pass\n"
                                "os.system('ls')\nobj.exec(1)\nexec ('x')\n";
        const QList<OperatorFinding> f = scanOperatorPolicy(code, p);
        QCOMPARE(f.size(), 3);
        QCOMPARE(f.at(0).name, QStringLiteral("socket"));
        QCOMPARE(f.at(0).line, 2);
        QCOMPARE(f.at(1).name, QStringLiteral("os.system"));
        QCOMPARE(f.at(1).line, 6);
        QCOMPARE(f.at(2).name, QStringLiteral("exec"));
        QCOMPARE(f.at(2).line, 8);
        p.allowedImports = {QStringLiteral("math")};
        QCOMPARE(scanOperatorPolicy("import json\n", p).size(), 1);
        QVERIFY(definesFunction("x = 1\ndef map_shard(r):\n  pass\n", QStringLiteral("map_shard")));
        QVERIFY(!definesFunction("class A:\n    def map_shard(self, r):\n        pass\n", QStringLiteral("map_shard")));
        QVERIFY(!definesFunction("s = '''\ndef map_shard(r):\n'''\n", QStringLiteral("map_shard")));
        QCOMPARE(scanOperatorWrites("p.write_text('x')\nopen(f, mode='a')\nopen(f)\nopen(f, 'rb')\n").size(), 2);
    }

    // A job reads only its own folder, unless the user allowed another; the plan records it.
    void reachIsTheJobFolder()
    {
        QTemporaryDir d;
        QDir().mkpath(d.filePath(QStringLiteral("job")));
        writeFile(d.filePath(QStringLiteral("outside/d.jsonl")), kData);
        writeFile(d.filePath(QStringLiteral("job/op.py")), kOp);
        QByteArray job = kJobHead;
        job.replace("path: d.jsonl", "path: ../outside/d.jsonl");
        writeFile(d.filePath(QStringLiteral("job/j.yaml")), job);
        CompileResult r = compileJob(d.filePath(QStringLiteral("job/j.yaml")), isolatedOptions());
        QVERIFY(!r.ok());
        QVERIFY(r.refusedByPolicy());
        QVERIFY2(errorsText(r.diagnostics).contains(QStringLiteral("outside the job's folder")), qPrintable(errorsText(r.diagnostics)));

        CompileOptions o = isolatedOptions();
        o.allowedPaths = {d.filePath(QStringLiteral("outside"))};
        r = compileJob(d.filePath(QStringLiteral("job/j.yaml")), o);
        QVERIFY2(r.ok(), qPrintable(errorsText(r.diagnostics)));
        QCOMPARE(r.plan.policy.allowedPaths, QStringList{QStringLiteral("../outside")});
        Plan back;
        QString error;
        QVERIFY(Plan::fromJson(r.plan.toJson(), &back, &error));
        QCOMPARE(back.policy.allowedPaths, r.plan.policy.allowedPaths);

        // A link inside a dataset folder that leads out of it is refused, allowed or not.
        writeFile(d.filePath(QStringLiteral("job/folder/a.txt")), "hello");
        QVERIFY(QFile::link(d.filePath(QStringLiteral("outside/d.jsonl")), d.filePath(QStringLiteral("job/folder/b.txt"))));
        job = kJobHead;
        job.replace("path: d.jsonl", "path: folder");
        writeFile(d.filePath(QStringLiteral("job/f.yaml")), job);
        r = compileJob(d.filePath(QStringLiteral("job/f.yaml")), o);
        QVERIFY(r.refusedByPolicy());
        QVERIFY2(errorsText(r.diagnostics).contains(QStringLiteral("folder/b.txt")), qPrintable(errorsText(r.diagnostics)));
    }
};

QTEST_GUILESS_MAIN(TestCompiler)
#include "tst_compiler.moc"
