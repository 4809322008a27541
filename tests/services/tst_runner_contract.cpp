// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// The run contract (docs/run-contract.md) end to end: the runner stub compiled into the binary,
// packaged by hand, run through the real LocalBackend (bubblewrap where available): exit codes,
// canonical output bytes and the digest line.

#include "local/localbackend.h"
#include "localtesthelpers.h"
#include "sandbox/runcontract.h"

#include <QCryptographicHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

class TestRunnerContract : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exitCodes_data();
    void exitCodes();
    void digestLineParsing_data();
    void digestLineParsing();
    void returnedOutput();

private:
    QTemporaryDir m_tmp;
    LocalBackend *m_backend = nullptr;
    QString m_sandbox;
    int m_case = 0;
};

void TestRunnerContract::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes"_s);
    o.memoryBytes = 512ll << 20;
    m_backend = new LocalBackend(o, this);
    SandboxSpec spec;
    spec.runId = u"run-contract"_s;
    const auto created = resultOf(m_backend->create(spec), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message + u' ' + created.error.details));
    m_sandbox = created.value.id;
    qInfo().noquote() << "isolation:" << m_backend->isolationDescription();
}

void TestRunnerContract::cleanupTestCase()
{
    if (!m_sandbox.isEmpty())
        QVERIFY(resultOf(m_backend->destroy(m_sandbox)).ok());
}

void TestRunnerContract::exitCodes_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("entrypoint");
    QTest::addColumn<bool>("reduce");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<QByteArray>("output");     // expected output.json bytes (exit 0 only)
    QTest::addColumn<QByteArray>("stderrHas");
    QTest::addColumn<QString>("errorLine");   // the runner's error line, last on stdout (failures)

    QTest::newRow("ok, canonical output")
        << QByteArray("def map_shard(records):\n    print('log line goes to stderr')\n"
                      "    return {'z': len(records), 'a': [r * 1.5 for r in records], 'ü': 'é', 'n': None}\n")
        << QByteArray("[1,2,3]") << QByteArray("map_shard") << false << 0 << ErrorClass::None
        << QByteArray("{\"a\":[1.5,3.0,4.5],\"n\":null,\"z\":3,\"ü\":\"é\"}") << QByteArray("log line goes to stderr") << QString();
    QTest::newRow("operator raises -> 3")
        << QByteArray("def map_shard(records):\n    raise ValueError('bad record ' + str(records[0]))\n")
        << QByteArray("[7]") << QByteArray("map_shard") << false << 3 << ErrorClass::OperatorError
        << QByteArray() << QByteArray("ValueError: bad record 7") << u"ValueError: bad record 7"_s;
    QTest::newRow("import error -> 3")
        << QByteArray("import no_such_module_here\ndef map_shard(records):\n    return 1\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 3 << ErrorClass::OperatorError
        << QByteArray() << QByteArray("ModuleNotFoundError") << u"ModuleNotFoundError: No module named 'no_such_module_here'"_s;
    QTest::newRow("NaN -> 4")
        << QByteArray("def map_shard(records):\n    return {'x': float('nan')}\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 4 << ErrorClass::BadOutput
        << QByteArray() << QByteArray("not canonical JSON") << u"the operator's result is not canonical JSON"_s;
    QTest::newRow("Infinity -> 4")
        << QByteArray("def map_shard(records):\n    return [float('inf')]\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 4 << ErrorClass::BadOutput
        << QByteArray() << QByteArray("not canonical JSON") << u"the operator's result is not canonical JSON"_s;
    QTest::newRow("a set -> 4")
        << QByteArray("def map_shard(records):\n    return {1, 2}\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 4 << ErrorClass::BadOutput
        << QByteArray() << QByteArray("TypeError") << u"TypeError"_s;
    QTest::newRow("missing entrypoint -> 5")
        << QByteArray("def something_else(records):\n    return 1\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 5 << ErrorClass::NonZeroExit
        << QByteArray() << QByteArray("defines no entrypoint 'map_shard'") << u"defines no entrypoint 'map_shard'"_s;
    QTest::newRow("payload not an array -> 5")
        << QByteArray("def map_shard(records):\n    return 1\n")
        << QByteArray("{\"a\":1}") << QByteArray("map_shard") << false << 5 << ErrorClass::NonZeroExit
        << QByteArray() << QByteArray("must hold a JSON array") << u"must hold a JSON array"_s;
    QTest::newRow("reduce mode")
        << QByteArray("def reduce(outputs):\n    return {'total': sum(o['n'] for o in outputs)}\n")
        << QByteArray("[{\"n\":2},{\"n\":40}]") << QByteArray("reduce") << true << 0 << ErrorClass::None
        << QByteArray("{\"total\":42}") << QByteArray() << QString();
    QTest::newRow("MemoryError -> 6")
        << QByteArray("def map_shard(records):\n    return 'x' * (64 << 30)\n")
        << QByteArray("[]") << QByteArray("map_shard") << false << 6 << ErrorClass::OutOfMemory
        << QByteArray() << QByteArray("out of memory") << u"MemoryError: the operator exceeded the sandbox memory limit"_s;
}

void TestRunnerContract::exitCodes()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, entrypoint);
    QFETCH(bool, reduce);
    QFETCH(int, exitCode);
    QFETCH(ErrorClass, errorClass);
    QFETCH(QByteArray, output);
    QFETCH(QByteArray, stderrHas);
    QFETCH(QString, errorLine);

    QVERIFY(resultOf(m_backend->reset(m_sandbox)).ok());
    const QString pkg = m_tmp.filePath(u"pkg-%1"_s.arg(++m_case));
    QVERIFY(resultOf(m_backend->upload(m_sandbox, makePackage(pkg, code, payload, entrypoint, reduce))).ok());

    ExecRequest req;
    req.argv = runcontract::runnerArgv(reduce);
    req.timeoutSec = 20;
    const auto r = resultOf(m_backend->exec(m_sandbox, req), 30000);
    QVERIFY2(r.ok(), qPrintable(r.error.message + u' ' + r.error.details));
    QVERIFY2(r.value.exitCode == exitCode,
             qPrintable(u"exit %1, stderr: %2"_s.arg(r.value.exitCode).arg(QString::fromUtf8(r.value.stderrData))));
    QCOMPARE(r.value.errorClass, errorClass);
    if (!stderrHas.isEmpty())
        QVERIFY2(r.value.stderrData.contains(stderrHas), r.value.stderrData.constData());
    const QString said = runcontract::errorFromStdout(r.value.stdoutData);
    if (errorLine.isEmpty())
        QVERIFY2(said.isEmpty(), qPrintable(said));
    else
        QVERIFY2(said.contains(errorLine), qPrintable(u"error line: "_s + said));

    const QString outPath = m_tmp.filePath(u"out-%1.json"_s.arg(m_case));
    const SandboxError dl = resultOf(m_backend->download(m_sandbox, {{u"output.json"_s, outPath, {}}}));
    if (exitCode != 0) {
        QVERIFY(!dl.ok());  // no output.json on failure: nothing half-written to pick up
        QVERIFY(!QFile::exists(outPath));
        QVERIFY(runcontract::outputDigestFromStdout(r.value.stdoutData).isEmpty());
        return;
    }
    QVERIFY2(dl.ok(), qPrintable(dl.message));
    QFile f(outPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QCOMPARE(bytes, output);
    const QString announced = runcontract::outputDigestFromStdout(r.value.stdoutData);
    QCOMPARE(announced, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    // stdout carries only the protocol: the operator's print() went to stderr.
    QVERIFY(!r.value.stdoutData.contains("log line"));
}

// docs/run-contract.md, "Returned output": asked for its output file (by name, up to a size),
// the runner prints the marker and the exact bytes after the digest line; otherwise nothing.
void TestRunnerContract::returnedOutput()
{
    const QByteArray expected = "{\"n\":3,\"t\":\"\xc3\xa9\\n\"}";
    const auto runWith = [&](const QString &file, qint64 maxBytes) {
        if (!resultOf(m_backend->reset(m_sandbox)).ok())
            return QByteArray("reset failed");
        const QString pkg = m_tmp.filePath(u"pkg-%1"_s.arg(++m_case));
        if (!resultOf(m_backend->upload(m_sandbox, makePackage(pkg, "def map_shard(records):\n    print('to stderr')\n"
                                                                     "    return {'n': len(records), 't': '\\u00e9\\n'}\n",
                                                               "[1,2,3]", "map_shard", false))).ok())
            return QByteArray("upload failed");
        ExecRequest req;
        req.argv = runcontract::runnerArgv(false);
        req.timeoutSec = 20;
        req.env.insert(runcontract::ReturnMarkerVariable, u"MRP-FILE-0123"_s);
        req.env.insert(runcontract::ReturnFileVariable, file);
        req.env.insert(runcontract::ReturnMaxBytesVariable, QString::number(maxBytes));
        const auto r = resultOf(m_backend->exec(m_sandbox, req), 30000);
        return r.ok() && r.value.exitCode == 0 ? r.value.stdoutData : QByteArray("exec failed");
    };
    const QByteArray digestLine = "MRP-OUTPUT-SHA256 " + QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex();

    const QByteArray out = runWith(u"output.json"_s, expected.size());
    QVERIFY2(out.endsWith(QByteArray(digestLine + "\n\nMRP-FILE-0123\n" + expected)), out.constData());
    QVERIFY(!out.contains("to stderr"));
    for (const auto &[file, maxBytes] : {std::pair{u"output.json"_s, qint64(expected.size() - 1)}, std::pair{u"other.json"_s, qint64(1000)}}) {
        const QByteArray plain = runWith(file, maxBytes);
        QVERIFY2(plain.endsWith(QByteArray(digestLine + "\n")), plain.constData());
        QVERIFY(!plain.contains("MRP-FILE-0123"));
    }
}

void TestRunnerContract::digestLineParsing_data()
{
    QTest::addColumn<QByteArray>("stdoutData");
    QTest::addColumn<bool>("valid");
    const QByteArray hex(64, 'a');
    QTest::newRow("plain") << QByteArray("\nMRP-OUTPUT-SHA256 " + hex + "\n") << true;
    QTest::newRow("crlf") << QByteArray("x\r\nMRP-OUTPUT-SHA256 " + hex + "\r\n") << true;
    QTest::newRow("not last") << QByteArray("MRP-OUTPUT-SHA256 " + hex + "\nmore\n") << false;
    QTest::newRow("short") << QByteArray("MRP-OUTPUT-SHA256 abc\n") << false;
    QTest::newRow("upper") << QByteArray("MRP-OUTPUT-SHA256 " + hex.toUpper() + "\n") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestRunnerContract::digestLineParsing()
{
    QFETCH(QByteArray, stdoutData);
    QFETCH(bool, valid);
    QCOMPARE(!runcontract::outputDigestFromStdout(stdoutData).isEmpty(), valid);
}

QTEST_GUILESS_MAIN(TestRunnerContract)
#include "tst_runner_contract.moc"
