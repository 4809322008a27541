// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// Packager: content-addressed packages from hand-made plans — same inputs, same digest and
// folder; any change of runner input changes it; the digest is the documented listing hash;
// a payload that changed since compile is refused; the package runs in a LocalBackend.

#include "local/localbackend.h"
#include "localtesthelpers.h"
#include "sandbox/packager.h"
#include "sandbox/runcontract.h"

#include <QCryptographicHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

namespace {

QString sha(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestPackagerShard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameInputsSameDigest();
    void changesChangeDigest();
    void digestIsTheListingHash();
    void refusesChangedPayload();
    void refusesMissingPieces();
    void packageRuns();
    void reducePackage();

private:
    ShardPlan addShard(const QByteArray &payload, int index);
    QTemporaryDir m_tmp;
    Plan m_plan;
};

void TestPackagerShard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    m_plan.map.code = "def map_shard(records):\n    return {'n': len(records), 'sum': sum(records)}\n";
    m_plan.map.codeDigest = sha(m_plan.map.code);
    m_plan.map.entrypoint = u"map_shard"_s;
    m_plan.reduce.op.code = "def reduce(outputs):\n    return sum(o['sum'] for o in outputs)\n";
    m_plan.reduce.op.entrypoint = u"reduce"_s;
}

ShardPlan TestPackagerShard::addShard(const QByteArray &payload, int index)
{
    ShardPlan s;
    s.index = index;
    s.id = u"shard-%1"_s.arg(index, 5, 10, QChar(u'0'));
    s.digest = sha(payload);
    s.payloadPath = m_tmp.filePath(u"payloads/"_s + s.digest + u".json"_s);
    QDir().mkpath(m_tmp.filePath(u"payloads"_s));
    writeFile(s.payloadPath, payload);
    s.payloadBytes = payload.size();
    return s;
}

void TestPackagerShard::sameInputsSameDigest()
{
    Packager a(m_tmp.filePath(u"pkgs-a"_s));
    Packager b(m_tmp.filePath(u"pkgs-b"_s));
    const ShardPlan s1 = addShard("[1,2,3]", 0);
    ShardPlan s2 = s1;
    s2.id = u"renamed"_s;
    s2.index = 7;
    ShardPackage p1, p1again, p2, pb;
    QString err;
    QVERIFY2(a.packageShard(m_plan, s1, &p1, &err), qPrintable(err));
    QVERIFY2(a.packageShard(m_plan, s1, &p1again, &err), qPrintable(err));
    QVERIFY(a.packageShard(m_plan, s2, &p2, &err));
    QVERIFY(b.packageShard(m_plan, s1, &pb, &err));
    QCOMPARE(p1.digest.size(), 64);
    QCOMPARE(p1again.digest, p1.digest);
    QCOMPARE(p2.digest, p1.digest);   // the shard's name is not content
    QCOMPARE(pb.digest, p1.digest);   // nor is the folder
    QCOMPARE(p1.dir, a.packagesDir() + u'/' + p1.digest);
    QCOMPARE(p1.shardId, s1.id);
    QCOMPARE(p2.shardId, u"renamed"_s);
    QStringList names;
    for (const PackageFile &f : p1.files) {
        names << f.name;
        QFile file(p1.dir + u'/' + f.name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(sha(bytes), f.sha256);
        QCOMPARE(qint64(bytes.size()), f.bytes);
    }
    QCOMPARE(names, (QStringList{u"manifest.json"_s, u"payload.json"_s, u"runner.py"_s, u"user_operator.py"_s}));
    QCOMPARE(p1.uploads().size(), 4);
    // Nothing half-written left next to the package.
    QCOMPARE(QDir(a.packagesDir()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{p1.digest});
}

void TestPackagerShard::changesChangeDigest()
{
    Packager packager(m_tmp.filePath(u"pkgs-change"_s));
    const ShardPlan s = addShard("[4,5]", 1);
    ShardPackage base, otherPayload, otherCode, otherEntry;
    QString err;
    QVERIFY(packager.packageShard(m_plan, s, &base, &err));
    QVERIFY(packager.packageShard(m_plan, addShard("[4,6]", 1), &otherPayload, &err));
    Plan p2 = m_plan;
    p2.map.code += "\n";
    QVERIFY(packager.packageShard(p2, s, &otherCode, &err));
    Plan p3 = m_plan;
    p3.map.entrypoint = u"other"_s;
    QVERIFY(packager.packageShard(p3, s, &otherEntry, &err));
    const QSet<QString> digests{base.digest, otherPayload.digest, otherCode.digest, otherEntry.digest};
    QCOMPARE(digests.size(), 4);
}

void TestPackagerShard::digestIsTheListingHash()
{
    Packager packager(m_tmp.filePath(u"pkgs-listing"_s));
    ShardPackage p;
    QString err;
    QVERIFY(packager.packageShard(m_plan, addShard("[9]", 2), &p, &err));
    // docs/run-contract.md: SHA-256 of the canonical JSON array [[name, sha256], ...] sorted by name.
    QByteArray listing = "[";
    for (qsizetype i = 0; i < p.files.size(); ++i)
        listing += QByteArray(i ? "," : "") + "[\"" + p.files.at(i).name.toUtf8() + "\",\"" + p.files.at(i).sha256.toUtf8() + "\"]";
    listing += "]";
    QCOMPARE(p.digest, sha(listing));
    QFile manifest(p.dir + u"/manifest.json"_s);
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QCOMPARE(manifest.readAll(),
             QByteArray(R"({"entrypoint":"map_shard","format":1,"mode":"map","operator":"user_operator.py","output":"output.json","payload":"payload.json"})"));
}

void TestPackagerShard::refusesChangedPayload()
{
    Packager packager(m_tmp.filePath(u"pkgs-changed"_s));
    ShardPlan s = addShard("[1]", 3);
    writeFile(s.payloadPath, "[2]");  // edited after compile
    ShardPackage p;
    QString err;
    QVERIFY(!packager.packageShard(m_plan, s, &p, &err));
    QVERIFY2(err.contains(u"changed since the job was compiled"_s), qPrintable(err));
    QCOMPARE(QDir(packager.packagesDir()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
}

void TestPackagerShard::refusesMissingPieces()
{
    Packager packager(m_tmp.filePath(u"pkgs-missing"_s));
    ShardPackage p;
    QString err;
    ShardPlan gone = addShard("[1]", 4);
    gone.payloadPath = m_tmp.filePath(u"nope.json"_s);
    QVERIFY(!packager.packageShard(m_plan, gone, &p, &err));
    QVERIFY(err.contains(u"shard-00004"_s));
    Plan empty = m_plan;
    empty.map.code.clear();
    QVERIFY(!packager.packageShard(empty, addShard("[1]", 4), &p, &err));
    QVERIFY(!Packager::runnerSource().isEmpty());
}

void TestPackagerShard::packageRuns()
{
    Packager packager(m_tmp.filePath(u"pkgs-run"_s));
    ShardPackage p;
    QString err;
    QVERIFY(packager.packageShard(m_plan, addShard("[10,20,12]", 5), &p, &err));
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes"_s);
    LocalBackend backend(o);
    const auto c = resultOf(backend.create({}), 20000);
    QVERIFY(c.ok());
    QVERIFY(resultOf(backend.upload(c.value.id, p.uploads())).ok());
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    const auto r = resultOf(backend.exec(c.value.id, req), 15000);
    QVERIFY2(r.ok() && r.value.exitCode == 0, r.value.stderrData.constData());
    const QString digest = runcontract::outputDigestFromStdout(r.value.stdoutData);
    const QString out = m_tmp.filePath(u"out.json"_s);
    // The announced digest is checked while downloading.
    QVERIFY(resultOf(backend.download(c.value.id, {{u"output.json"_s, out, digest}})).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(R"({"n":3,"sum":42})"));
    const SandboxError wrong = resultOf(backend.download(c.value.id, {{u"output.json"_s, out + u"2"_s, QString(64, u'0')}}));
    QCOMPARE(wrong.cls, ErrorClass::BadOutput);
    QVERIFY(!QFile::exists(out + u"2"_s));
    QVERIFY(resultOf(backend.destroy(c.value.id)).ok());
}

void TestPackagerShard::reducePackage()
{
    Packager packager(m_tmp.filePath(u"pkgs-reduce"_s));
    const QString inputs = m_tmp.filePath(u"inputs.json"_s);
    writeFile(inputs, R"([{"sum":1},{"sum":2}])");
    ShardPackage p;
    QString err;
    QVERIFY2(packager.packageReduce(m_plan, inputs, &p, &err), qPrintable(err));
    QStringList names;
    for (const PackageFile &f : p.files)
        names << f.name;
    QVERIFY(names.contains(u"inputs.json"_s));
    QVERIFY(!names.contains(u"payload.json"_s));
    QFile manifest(p.dir + u"/manifest.json"_s);
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QVERIFY(manifest.readAll().contains(R"("mode":"reduce")"));
}

QTEST_GUILESS_MAIN(TestPackagerShard)
#include "tst_packager_shard.moc"
