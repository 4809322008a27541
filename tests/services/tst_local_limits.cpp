// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// The local sandbox's limits: no network, no writes outside the work folder, memory limit ->
// OutOfMemory, timeout -> Timeout with nothing left running, a fork bomb is contained, huge
// output is capped and counted, the work folder as a whole holds at most its disk budget; and
// where a cgroup can be made, memory and processes bounded for the sandbox as a whole (six
// children of 700 MiB in a 1 GiB sandbox, a fork bomb without the per-uid cap), the cgroup gone
// with the sandbox. Each case is bounded to a few seconds.

#include "local/localbackend.h"
#include "local/sandboxcgroup.h"
#include "localtesthelpers.h"
#include "sandbox/runcontract.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

namespace {

// The work folder's budget in these tests (a job's disk_gib, scaled down to stay fast).
constexpr qint64 kDiskBudget = 32ll << 20;

qint64 folderBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += it.nextFileInfo().size();
    return total;
}

// Proportional set size of a process (shared pages divided among their users), else its RSS.
qint64 memoryOf(int pid)
{
    for (const auto &[file, key] : {std::pair{u"smaps_rollup"_s, QByteArray("Pss:")}, std::pair{u"status"_s, QByteArray("VmRSS:")}}) {
        QFile f(u"/proc/%1/%2"_s.arg(pid).arg(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = f.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith(key))
                return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    return 0;
}

// The cgroup folders of sandboxId's budget that exist now (every hierarchy).
QStringList groupFolders(const CgroupHost &host, const QString &sandboxId)
{
    QStringList found;
    for (const QString &folder : host.folders()) {
        const QStringList groups = QDir(folder).entryList({sandboxId + u".*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &g : groups)
            found.append(folder + u'/' + g);
    }
    return found;
}

} // namespace

class TestLocalLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void socketFails();
    void writeOutsideFails();
    void memoryLimitIsOutOfMemory();
    void timeoutKillsEverything();
    void forkBombContained();
    void hugeStdoutCapped();
    void diskLimitHoldsForTheWorkFolder();
    void diskLimitCaughtAtTheEnd();
    void memoryBudgetForTheSandboxAsAWhole();
    void processBudgetForTheSandboxAsAWhole();

private:
    Outcome<ExecResult> runOperator(const QByteArray &code, int timeoutSec, const QMap<QString, QString> &env = {},
                                    int waitMs = 15000);
    QTemporaryDir m_tmp;
    LocalBackend *m_backend = nullptr;
    QString m_sandbox;
    QByteArray m_marker;
    int m_n = 0;
};

void TestLocalLimits::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    QVERIFY(letSandboxUidsThrough(m_tmp.path()));
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes"_s);
    o.memoryBytes = 256ll << 20;
    o.maxProcesses = 32;
    o.diskBytes = kDiskBudget;
    m_backend = new LocalBackend(o, this);
}

void TestLocalLimits::init()
{
    const auto created = resultOf(m_backend->create({}), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message + u' ' + created.error.details));
    m_sandbox = created.value.id;
    m_marker = "mrp-test-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

void TestLocalLimits::cleanup()
{
    if (!m_sandbox.isEmpty())
        QVERIFY(resultOf(m_backend->destroy(m_sandbox)).ok());
    m_sandbox.clear();
    // Whatever happened in the test, nothing it started may survive.
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).isEmpty(), 3000);
}

Outcome<ExecResult> TestLocalLimits::runOperator(const QByteArray &code, int timeoutSec,
                                                  const QMap<QString, QString> &env, int waitMs)
{
    const QString pkg = m_tmp.filePath(u"pkg-%1"_s.arg(++m_n));
    if (!resultOf(m_backend->upload(m_sandbox, makePackage(pkg, code))).ok())
        return {{}, {ErrorClass::Infrastructure, u"upload failed"_s, {}, 0, -1}};
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    req.timeoutSec = timeoutSec;
    req.env = env;
    req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
    return resultOf(m_backend->exec(m_sandbox, req), waitMs);
}

void TestLocalLimits::socketFails()
{
    if (!m_backend->isIsolated())
        QSKIP("bubblewrap is not available: the network is not isolated");
    // A server on the host's loopback: reachable from any unisolated process on this machine.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QByteArray code =
        "import os, socket\n"
        "def map_shard(records):\n"
        "    s = socket.create_connection(('127.0.0.1', int(os.environ['PORT'])), timeout=2)\n"
        "    s.sendall(b'escaped')\n"
        "    return 'connected'\n";
    const auto r = runOperator(code, 10, {{u"PORT"_s, QString::number(server.serverPort())}});
    QVERIFY(r.ok());
    QCOMPARE(r.value.exitCode, runcontract::ExitOperatorRaised);
    QCOMPARE(r.value.errorClass, ErrorClass::OperatorError);
    QVERIFY2(r.value.stderrData.contains("ConnectionRefusedError") || r.value.stderrData.contains("OSError"),
             r.value.stderrData.constData());
    QVERIFY(!server.hasPendingConnections());
}

void TestLocalLimits::writeOutsideFails()
{
    if (!m_backend->isIsolated())
        QSKIP("bubblewrap is not available: the file system is not isolated");
    const QString outside = m_tmp.filePath(u"outside-%1.txt"_s.arg(m_n));
    const QByteArray code =
        "import os\n"
        "def map_shard(records):\n"
        "    results = {}\n"
        "    for path in (os.environ['OUTSIDE'], '/usr/mrp-escape.txt', '/etc/mrp-escape.txt'):\n"
        "        try:\n"
        "            with open(path, 'w') as f:\n"
        "                f.write('escaped')\n"
        "            results[path] = 'written'\n"
        "        except OSError as e:\n"
        "            results[path] = type(e).__name__\n"
        "    with open('inside.txt', 'w') as f:\n"
        "        f.write('fine')\n"
        "    if any(v == 'written' for v in results.values()):\n"
        "        raise RuntimeError('wrote outside: %r' % results)\n"
        "    return results\n";
    const auto r = runOperator(code, 10, {{u"OUTSIDE"_s, outside}});
    QVERIFY(r.ok());
    QVERIFY2(r.value.exitCode == 0, r.value.stderrData.constData());
    QVERIFY(!QFile::exists(outside));
    QVERIFY(!QFile::exists(u"/usr/mrp-escape.txt"_s));
    QVERIFY(QFile::exists(m_backend->workDir(m_sandbox) + u"/inside.txt"_s));
}

void TestLocalLimits::memoryLimitIsOutOfMemory()
{
    // 2 GiB in 16 MiB steps: fine on this machine without a limit, far beyond the 256 MiB one.
    const QByteArray code =
        "def map_shard(records):\n"
        "    blocks = []\n"
        "    for _ in range(128):\n"
        "        blocks.append(bytearray(16 << 20))\n"
        "    return len(blocks)\n";
    QElapsedTimer t;
    t.start();
    const auto r = runOperator(code, 20);
    QVERIFY(r.ok());
    QVERIFY2(r.value.errorClass == ErrorClass::OutOfMemory,
             qPrintable(u"exit %1 class %2 stderr %3"_s.arg(r.value.exitCode).arg(errorClassName(r.value.errorClass),
                                                                              QString::fromUtf8(r.value.stderrData))));
    QCOMPARE(r.value.exitCode, runcontract::ExitOutOfMemory);
    QVERIFY(t.elapsed() < 10000);
}

void TestLocalLimits::timeoutKillsEverything()
{
    // The operator leaves a grandchild behind in a new session of its own, then sleeps.
    const QByteArray code =
        "import os, time\n"
        "def map_shard(records):\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(300)\n"
        "        os._exit(0)\n"
        "    time.sleep(300)\n";
    QElapsedTimer t;
    t.start();
    auto future = [&] {
        const QString pkg = m_tmp.filePath(u"pkg-%1"_s.arg(++m_n));
        (void)resultOf(m_backend->upload(m_sandbox, makePackage(pkg, code)));
        ExecRequest req;
        req.argv = runcontract::runnerArgv();
        req.timeoutSec = 3;
        req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
        return m_backend->exec(m_sandbox, req);
    }();
    // While it runs, the sleepers exist (the check below is able to fail).
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).size() >= 2 || future.isFinished(), 10000);
    QVERIFY(!future.isFinished());
    QVERIFY(waitFor(future, 8000));
    const auto r = future.result();
    QVERIFY(r.ok());
    QCOMPARE(r.value.errorClass, ErrorClass::Timeout);
    QVERIFY2(t.elapsed() < 9000, qPrintable(QString::number(t.elapsed())));
    // Isolated, the pid namespace died with the sandbox; unisolated, the backend hunted the
    // setsid() grandchild down by its MRP_SANDBOX_ID. Either way nothing survives.
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).isEmpty(), 1000);
}

void TestLocalLimits::forkBombContained()
{
    if (!m_backend->isIsolated())
        QSKIP("unisolated: the process cap holds only where a per-sandbox uid can be used; only the timeout is certain");
    const QByteArray code =
        "import os, time\n"
        "def map_shard(records):\n"
        "    while True:\n"
        "        try:\n"
        "            os.fork()\n"
        "        except OSError:\n"
        "            time.sleep(0.01)\n";
    QElapsedTimer t;
    t.start();
    const QString pkg = m_tmp.filePath(u"pkg-%1"_s.arg(++m_n));
    QVERIFY(resultOf(m_backend->upload(m_sandbox, makePackage(pkg, code))).ok());
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    req.timeoutSec = 2;
    req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
    auto future = m_backend->exec(m_sandbox, req);
    int peak = 0;
    while (!future.isFinished() && t.elapsed() < 8000) {
        peak = qMax(peak, int(processesWithMarker(m_marker).size()));
        QTest::qWait(100);
    }
    QVERIFY(future.isFinished());
    const auto r = future.result();
    QVERIFY(r.ok());
    QCOMPARE(r.value.errorClass, ErrorClass::Timeout);
    qInfo() << "fork bomb: peak" << peak << "processes, ended after" << t.elapsed() << "ms";
    QVERIFY2(t.elapsed() < 6000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(peak > 1);  // it did fork (the check is able to fail)...
    QVERIFY2(peak <= 32 + 4, qPrintable(QString::number(peak)));  // ...but never past the process cap
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).isEmpty(), 3000);
}

void TestLocalLimits::hugeStdoutCapped()
{
    // Not through the runner (it keeps stdout for its digest line): any command's output is capped.
    QByteArray live;
    QObject scope; // disconnects when the test ends: later sandboxes' output must not reach `live`
    connect(m_backend, &SandboxBackend::outputReceived, &scope,
            [&](const QString &id, int stream, const QByteArray &chunk) {
                if (id == m_sandbox && stream == 1)
                    live += chunk;
            });
    ExecRequest req;
    req.argv = {u"python3"_s, u"-I"_s, u"-c"_s,
                u"import sys\nfor _ in range(200): sys.stdout.write('x' * 49999 + '\\n')\nsys.stderr.write('e' * 1000)"_s};
    req.outputCapBytes = 64 * 1024;
    req.timeoutSec = 10;
    req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
    const auto r = resultOf(m_backend->exec(m_sandbox, req), 15000);
    QVERIFY(r.ok());
    QCOMPARE(r.value.exitCode, 0);
    QCOMPARE(r.value.stdoutBytes, qint64(200 * 50000));
    QCOMPARE(r.value.stdoutData.size(), 64 * 1024);
    QVERIFY(r.value.stdoutTruncated);
    QCOMPARE(r.value.stderrBytes, qint64(1000));
    QCOMPARE(r.value.stderrData, QByteArray(1000, 'e'));
    QVERIFY(!r.value.stderrTruncated);
    QCOMPARE(live, r.value.stdoutData);
}

void TestLocalLimits::diskLimitHoldsForTheWorkFolder()
{
    // Many files, each well under the per-file limit: the rlimit alone would let all 512 MiB
    // through. The whole folder's budget stops the command while it writes.
    const QByteArray code =
        "import time\n"
        "def map_shard(records):\n"
        "    block = b'x' * (1 << 20)\n"
        "    for i in range(64):\n"
        "        with open('fill-%d.bin' % i, 'wb') as f:\n"
        "            for _ in range(8):\n"
        "                f.write(block)\n"
        "        time.sleep(0.02)\n"
        "    return 'wrote 512 MiB'\n";
    const auto r = runOperator(code, 20);
    QVERIFY(r.ok());
    QVERIFY2(r.value.errorClass == ErrorClass::PolicyRefused,
             qPrintable(u"class %1 stderr %2"_s.arg(errorClassName(r.value.errorClass), QString::fromUtf8(r.value.stderrData))));
    QVERIFY2(r.value.stderrData.contains("Disk limit exceeded"), r.value.stderrData.constData());
    QCOMPARE(r.value.exitCode, -1); // stopped, not ended
    // Stopped within a measurement interval or two of passing the budget, far from 512 MiB.
    const qint64 held = folderBytes(m_backend->workDir(m_sandbox));
    QVERIFY2(held > kDiskBudget && held < kDiskBudget + (96ll << 20), qPrintable(QString::number(held)));
}

void TestLocalLimits::diskLimitCaughtAtTheEnd()
{
    // Eight files written faster than one measurement interval: the check after the command
    // ended still fails the attempt.
    const QByteArray code =
        "def map_shard(records):\n"
        "    for i in range(8):\n"
        "        with open('out-%d.bin' % i, 'wb') as f:\n"
        "            f.write(b'y' * (6 << 20))\n"
        "    return 'wrote 48 MiB'\n";
    const auto r = runOperator(code, 20);
    QVERIFY(r.ok());
    QVERIFY2(r.value.errorClass == ErrorClass::PolicyRefused,
             qPrintable(u"class %1 stderr %2"_s.arg(errorClassName(r.value.errorClass), QString::fromUtf8(r.value.stderrData))));
    QVERIFY2(r.value.stderrData.contains("Disk limit exceeded"), r.value.stderrData.constData());

    // Under the budget the same kind of operator is fine.
    QVERIFY(resultOf(m_backend->reset(m_sandbox)).ok());
    const QByteArray small =
        "def map_shard(records):\n"
        "    for i in range(3):\n"
        "        with open('out-%d.bin' % i, 'wb') as f:\n"
        "            f.write(b'y' * (6 << 20))\n"
        "    return 'wrote 18 MiB'\n";
    const auto ok = runOperator(small, 20);
    QVERIFY(ok.ok());
    QVERIFY2(ok.value.errorClass == ErrorClass::None && ok.value.exitCode == 0, ok.value.stderrData.constData());
}

void TestLocalLimits::memoryBudgetForTheSandboxAsAWhole()
{
    const std::shared_ptr<CgroupHost> host = CgroupHost::instance();
    if (!host->usable())
        QSKIP(qPrintable(u"no cgroup can be made for a sandbox budget here: "_s + host->unavailableReason()));
    // memory_gib 1 from the spec (the fixture's backend caps every process at 256 MiB instead).
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes-memory"_s);
    LocalBackend backend(o);
    SandboxSpec spec;
    spec.memoryGib = 1;
    const auto created = resultOf(backend.create(spec), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message + u' ' + created.error.details));
    const QString id = created.value.id;
    // Six children holding 700 MiB each: each well within 1 GiB, 4.2 GiB for the sandbox.
    const QByteArray code =
        "import os, time\n"
        "def map_shard(records):\n"
        "    children = []\n"
        "    for _ in range(6):\n"
        "        pid = os.fork()\n"
        "        if pid == 0:\n"
        "            block = b'x' * (700 << 20)\n"
        "            time.sleep(60)\n"
        "            os._exit(0)\n"
        "        children.append(pid)\n"
        "        time.sleep(0.3)\n"
        "    for pid in children:\n"
        "        os.waitpid(pid, 0)\n"
        "    return 'held 4.2 GiB'\n";
    QVERIFY(resultOf(backend.upload(id, makePackage(m_tmp.filePath(u"pkg-memory"_s), code))).ok());
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    // Generous: touching a gigabyte of fresh memory takes about 10 s on some virtual machines.
    req.timeoutSec = 90;
    req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
    QElapsedTimer t;
    t.start();
    auto future = backend.exec(id, req);
    qint64 peak = 0;
    bool sawGroup = false;
    while (!future.isFinished() && t.elapsed() < 100000) {
        qint64 sum = 0;
        const QList<int> pids = processesWithMarker(m_marker);
        for (int pid : pids)
            sum += memoryOf(pid);
        peak = qMax(peak, sum);
        sawGroup = sawGroup || !groupFolders(*host, id).isEmpty();
        QTest::qWait(20);
    }
    QVERIFY(future.isFinished());
    const auto r = future.result();
    QVERIFY(r.ok());
    qInfo() << "six children of 700 MiB in a 1 GiB sandbox: peak" << (peak >> 20) << "MiB, ended after" << t.elapsed() << "ms";
    QVERIFY2(r.value.errorClass == ErrorClass::OutOfMemory,
             qPrintable(u"class %1 stderr %2"_s.arg(errorClassName(r.value.errorClass), QString::fromUtf8(r.value.stderrData))));
    QVERIFY2(r.value.stderrData.contains("Out of memory: the sandbox as a whole used more than 1 GiB"),
             r.value.stderrData.constData());
    QVERIFY2(t.elapsed() < 60000, qPrintable(QString::number(t.elapsed()))); // stopped at the OOM kill, not the timeout
    QVERIFY(sawGroup);
    QVERIFY2(peak > (600ll << 20), qPrintable(QString::number(peak >> 20)));  // it did hold memory...
    QVERIFY2(peak < (1ll << 30) + (64ll << 20), qPrintable(QString::number(peak >> 20))); // ...never past the budget
    // Nothing of the command is left once it ended; the sandbox's cgroup stays for its next
    // command (a reused sandbox makes it once) and goes when the sandbox is destroyed.
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).isEmpty(), 3000);
    QVERIFY(!groupFolders(*host, id).isEmpty());
    QVERIFY(resultOf(backend.destroy(id)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(groupFolders(*host, id).isEmpty(), 6000);
}

void TestLocalLimits::processBudgetForTheSandboxAsAWhole()
{
    const std::shared_ptr<CgroupHost> host = CgroupHost::instance();
    if (!host->usable())
        QSKIP(qPrintable(u"no cgroup can be made for a sandbox budget here: "_s + host->unavailableReason()));
    // As root without the per-sandbox uid, RLIMIT_NPROC does not hold: the cgroup alone bounds the tree.
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"sandboxes-pids"_s);
    o.maxProcesses = 32;
    o.dropPrivilegesAsRoot = false;
    LocalBackend backend(o);
    const auto created = resultOf(backend.create({}), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message + u' ' + created.error.details));
    const QString id = created.value.id;
    // A fork bomb with an end: up to 200 sleeping children, counting those that started.
    const QByteArray code =
        "import os, time\n"
        "def map_shard(records):\n"
        "    started = 0\n"
        "    for _ in range(200):\n"
        "        try:\n"
        "            pid = os.fork()\n"
        "        except OSError:\n"
        "            break\n"
        "        if pid == 0:\n"
        "            time.sleep(60)\n"
        "            os._exit(0)\n"
        "        started += 1\n"
        "    return started\n";
    QVERIFY(resultOf(backend.upload(id, makePackage(m_tmp.filePath(u"pkg-pids"_s), code))).ok());
    ExecRequest req;
    req.argv = runcontract::runnerArgv();
    req.timeoutSec = 20;
    req.env.insert(u"MRP_TEST_MARKER"_s, QString::fromLatin1(m_marker));
    QElapsedTimer t;
    t.start();
    auto future = backend.exec(id, req);
    int peak = 0;
    while (!future.isFinished() && t.elapsed() < 25000) {
        peak = qMax(peak, int(processesWithMarker(m_marker).size()));
        QTest::qWait(20);
    }
    QVERIFY(future.isFinished());
    const auto r = future.result();
    QVERIFY(r.ok());
    QVERIFY2(r.value.errorClass == ErrorClass::None && r.value.exitCode == 0, r.value.stderrData.constData());
    const QString out = m_tmp.filePath(u"pids-output.json"_s);
    QVERIFY(resultOf(backend.download(id, {{u"output.json"_s, out, {}}})).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const int started = f.readAll().trimmed().toInt();
    qInfo() << "fork bomb in a sandbox of 32 processes: started" << started << "children, peak" << peak << "processes";
    QVERIFY2(started >= 8, qPrintable(QString::number(started)));  // it did fork...
    QVERIFY2(started < 32, qPrintable(QString::number(started)));  // ...but not past the sandbox's cap
    QVERIFY2(peak <= 32 + 4, qPrintable(QString::number(peak)));
    QTRY_VERIFY_WITH_TIMEOUT(processesWithMarker(m_marker).isEmpty(), 3000);
    QVERIFY(!groupFolders(*host, id).isEmpty());
    QVERIFY(resultOf(backend.destroy(id)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(groupFolders(*host, id).isEmpty(), 6000);
}

QTEST_GUILESS_MAIN(TestLocalLimits)
#include "tst_local_limits.moc"
