// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// OperatorScanner: the AST policy scan on allowed and blocked operators, in a local sandbox
// and as a plain process, and the way it reports a scan that could not run.

#include "local/localbackend.h"
#include "localtesthelpers.h"
#include "operatorscanner.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

class TestScannerOperator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scan_data();
    void scan();
    void allowlist();
    void garbageOutputIsNotAResult();

private:
    OperatorPolicy m_policy;
    QTemporaryDir m_tmp;
    LocalBackend *m_backend = nullptr;
};

void TestScannerOperator::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    m_policy.enabled = true;
    m_policy.blockedImports = {u"subprocess"_s, u"socket"_s, u"ctypes"_s};
    m_policy.blockedCalls = {u"os.system"_s, u"os.popen"_s, u"eval"_s, u"exec"_s, u"__import__"_s, u"compile"_s};
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes"_s);
    m_backend = new LocalBackend(o, this);
}

void TestScannerOperator::scan_data()
{
    QTest::addColumn<bool>("inSandbox");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QStringList>("expected");   // "kind:name:line"

    for (bool sandbox : {true, false}) {
        const char *where = sandbox ? "sandbox" : "process";
        QTest::addRow("%s: clean operator", where)
            << sandbox << QByteArray("import json, math\ndef map_shard(records):\n    return [math.sqrt(r) for r in records]\n")
            << QStringList();
        QTest::addRow("%s: subprocess and socket", where)
            << sandbox << QByteArray("import json\nimport subprocess\nfrom socket import create_connection\n")
            << QStringList{u"blocked_import:subprocess:2"_s, u"blocked_import:socket:3"_s,
                           u"blocked_import:socket.create_connection:3"_s};
        QTest::addRow("%s: os.system every way", where)
            << sandbox
            << QByteArray("import os\nimport os as o\nfrom os import system as run\n"
                          "def map_shard(r):\n    o.system('x')\n    run('y')\n    getattr(os, 'system')('z')\n")
            << QStringList{u"blocked_call:os.system:3"_s, u"blocked_call:os.system:5"_s, u"blocked_call:os.system:6"_s,
                           u"blocked_call:os.system:7"_s};
        QTest::addRow("%s: eval, __import__, computed getattr", where)
            << sandbox
            << QByteArray("def map_shard(r):\n    eval('1')\n    m = __import__('socket')\n    getattr(m, r[0])\n")
            << QStringList{u"blocked_call:eval:2"_s, u"blocked_call:__import__:3"_s, u"dynamic_getattr:getattr:4"_s};
        QTest::addRow("%s: syntax error", where)
            << sandbox << QByteArray("def map_shard(r:\n    return r\n") << QStringList{u"syntax_error::1"_s};
    }
}

void TestScannerOperator::scan()
{
    QFETCH(bool, inSandbox);
    QFETCH(QByteArray, code);
    QFETCH(QStringList, expected);
    OperatorScanner scanner(inSandbox ? m_backend : nullptr);
    const OperatorScanResult r = resultOf(scanner.scan(code, m_policy), 20000);
    QVERIFY2(r.ran(), qPrintable(r.error));
    QCOMPARE(r.isolated, inSandbox && m_backend->isIsolated());
    QStringList got;
    for (const OperatorScanFinding &f : r.findings) {
        got << u"%1:%2:%3"_s.arg(f.kind, f.name).arg(f.line);
        QVERIFY(f.column >= 1 || f.kind == u"syntax_error"_s);
        QVERIFY(!f.message.isEmpty());
    }
    QCOMPARE(got, expected);
    QCOMPARE(r.ok, expected.isEmpty());
    if (inSandbox)  // the scan's sandbox is destroyed afterwards
        QTRY_COMPARE_WITH_TIMEOUT(resultOf(m_backend->list({{u"mrp.purpose"_s, u"operator-scan"_s}})).value.size(), 0, 5000);
}

void TestScannerOperator::allowlist()
{
    OperatorPolicy p;
    p.allowedImports = {u"json"_s, u"math"_s, u"collections"_s};
    OperatorScanner scanner;
    const auto r = resultOf(scanner.scan("import json\nimport collections.abc\nimport numpy as np\nfrom os import path\n", p), 20000);
    QVERIFY(r.ran());
    QStringList got;
    for (const auto &f : r.findings)
        got << f.kind + u':' + f.name;
    QCOMPARE(got, (QStringList{u"import_not_allowed:numpy"_s, u"import_not_allowed:os"_s}));
}

void TestScannerOperator::garbageOutputIsNotAResult()
{
    QList<OperatorScanFinding> findings;
    QVERIFY(!OperatorScanner::parseOutput("Traceback (most recent call last):", &findings));
    QVERIFY(!OperatorScanner::parseOutput("{\"ok\": true}", &findings));
    QVERIFY(OperatorScanner::parseOutput("{\"ok\": true, \"findings\": []}\n", &findings));
    QVERIFY(findings.isEmpty());
}

QTEST_GUILESS_MAIN(TestScannerOperator)
#include "tst_scanner_operator.moc"
