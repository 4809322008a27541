// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// LocalBackend's lifecycle and bookkeeping: create/upload/exec/download/reset/destroy, labels
// and sweeping from another instance, cancel and destruction finishing every future exactly
// once, the unisolated mode, and refusing what a sandbox leaves behind (symlinks, path escapes).

#include "local/localbackend.h"
#include "localtesthelpers.h"
#include "sandbox/runcontract.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

namespace {
LocalBackend::Options opts(const QString &dir)
{
    LocalBackend::Options o;
    o.baseDir = dir;
    return o;
}
} // namespace

class TestLocalBackend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void isolationMatchesMachine();
    void lifecycle();
    void listAndSweepFromAnotherInstance();
    void cancelFinishesExec();
    void destructorFinishesEverything();
    void unknownSandbox();
    void refusesEscapes();
    void unisolatedMode();
    void concurrentExecs();

private:
    QString base(const QString &name) const { return m_tmp.filePath(name); }
    QTemporaryDir m_tmp;
};

void TestLocalBackend::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    QVERIFY(letSandboxUidsThrough(m_tmp.path()));
}

void TestLocalBackend::isolationMatchesMachine()
{
    LocalBackend b(opts(base(u"iso"_s)));
    const bool turnedOff = qEnvironmentVariable("MRP_LOCAL_ISOLATION") == u"none"_s;
    const bool haveBwrap = !QStandardPaths::findExecutable(u"bwrap"_s).isEmpty() && !turnedOff;
    const auto created = resultOf(b.create({}), 20000);
    qInfo().noquote() << b.isolationDescription();
#if defined(Q_OS_LINUX)
    QCOMPARE(b.isIsolated(), haveBwrap);
#else
    Q_UNUSED(haveBwrap);
    QVERIFY(!b.isIsolated()); // no sandbox off Linux
#endif
    if (!b.isIsolated()) {
        QVERIFY(b.isolationDescription().startsWith(u"unisolated"_s));
        // A sandbox without network cannot be promised unisolated: refused unless allowed.
        if (!turnedOff && qEnvironmentVariableIntValue("MRP_ALLOW_UNISOLATED") != 1) {
            QCOMPARE(created.error.cls, ErrorClass::PolicyRefused);
            return;
        }
    }
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QVERIFY(resultOf(b.destroy(created.value.id)).ok());
}

void TestLocalBackend::lifecycle()
{
    LocalBackend b(opts(base(u"life"_s)));
    SandboxSpec spec;
    spec.runId = u"run-1"_s;
    spec.shardId = u"shard-00001"_s;
    spec.ownerId = u"owner-a"_s;
    spec.labels.insert(u"purpose"_s, u"test"_s);
    const auto created = resultOf(b.create(spec), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    const QString id = created.value.id;
    QVERIFY(id.startsWith(u"local-"_s));
    QCOMPARE(created.value.labels.value(u"mrp.run"_s), u"run-1"_s);
    QCOMPARE(created.value.labels.value(u"mrp.shard"_s), u"shard-00001"_s);
    QCOMPARE(created.value.labels.value(u"mrp.owner"_s), u"owner-a"_s);
    QCOMPARE(created.value.labels.value(u"purpose"_s), u"test"_s);
    const QString work = b.workDir(id);
    QVERIFY(QFileInfo(work).isDir());

    const QString src = base(u"in/data.txt"_s);
    QDir().mkpath(QFileInfo(src).path());
    QVERIFY(writeFile(src, "hello sandbox\n"));
    QVERIFY(resultOf(b.upload(id, {{src, u"sub/dir/data.txt"_s}})).ok());

    ExecRequest req;
    req.argv = {u"python3"_s, u"-I"_s, u"-c"_s,
                u"import os\n"
                "data = open('sub/dir/data.txt').read()\n"
                "open('result.txt', 'w').write(data.upper() + os.environ['EXTRA'])\n"
                "print('cwd', os.getcwd())\n"
                "print('nice', os.nice(0))"_s};
    req.env.insert(u"EXTRA"_s, u"!"_s);
    const auto r = resultOf(b.exec(id, req), 15000);
    QVERIFY2(r.ok(), qPrintable(r.error.message + u' ' + r.error.details));
    QVERIFY2(r.value.exitCode == 0, r.value.stderrData.constData());
    QCOMPARE(r.value.errorClass, ErrorClass::None);
    if (b.isIsolated())
        QVERIFY(r.value.stdoutData.contains("cwd /work"));
    // Sandboxed commands run nicer than the workbench (Options::niceness, 10 by default).
#ifdef Q_OS_UNIX
    const QByteArray niceLine = r.value.stdoutData.mid(r.value.stdoutData.indexOf("nice ") + 5).trimmed();
    QVERIFY2(niceLine.toInt() >= 10, r.value.stdoutData.constData());
#endif
    QVERIFY(r.value.durationMs > 0);

#ifdef Q_OS_LINUX
    // The command starts with stdin on the null device and nothing else of ours open: not the
    // descriptor bubblewrap read its options from (3), not a closed 0 for its first open().
    ExecRequest fds;
    fds.argv = {u"sh"_s, u"-c"_s, u"readlink /proc/self/fd/0; [ -e /proc/$$/fd/3 ] && echo fd3 open || echo fd3 closed"_s};
    const auto fr = resultOf(b.exec(id, fds), 15000);
    QVERIFY2(fr.ok() && fr.value.exitCode == 0, qPrintable(fr.error.message + QString::fromUtf8(fr.value.stderrData)));
    QCOMPARE(fr.value.stdoutData, QByteArray("/dev/null\nfd3 closed\n"));

    if (b.isIsolated()) {
        // No capability, none to gain; as root, the command runs as the uid that owns the work
        // folder (the child drops to it before bubblewrap), never as root.
        ExecRequest creds;
        creds.argv = {u"sh"_s, u"-c"_s, u"grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs):' /proc/self/status"_s};
        const auto cr = resultOf(b.exec(id, creds), 15000);
        QVERIFY2(cr.ok() && cr.value.exitCode == 0, qPrintable(cr.error.message + QString::fromUtf8(cr.value.stderrData)));
        const QByteArray status = cr.value.stdoutData;
        QVERIFY2(status.contains("CapEff:\t0000000000000000\n"), status.constData());
        QVERIFY2(status.contains("CapBnd:\t0000000000000000\n"), status.constData());
        QVERIFY2(status.contains("NoNewPrivs:\t1\n"), status.constData());
        const QByteArray uid = status.mid(status.indexOf("Uid:\t") + 5).split('\t').value(0);
        if (::geteuid() == 0) {
            QVERIFY2(uid != "0", status.constData());
            QCOMPARE(uid.toUInt(), QFileInfo(work).ownerId());

            // Where that uid cannot reach the work folder (a parent folder 0700), it stays root
            // in its user namespace, still without capabilities, and the sandbox still works.
            const QString closed = base(u"closed"_s);
            QVERIFY(QDir().mkpath(closed));
            QVERIFY(QFile::setPermissions(closed, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
            LocalBackend rootOnly(opts(closed + u"/sandboxes"_s));
            const auto other = resultOf(rootOnly.create({}), 20000);
            QVERIFY2(other.ok(), qPrintable(other.error.message));
            const auto rr = resultOf(rootOnly.exec(other.value.id, creds), 15000);
            QVERIFY2(rr.ok() && rr.value.exitCode == 0, qPrintable(rr.error.message + QString::fromUtf8(rr.value.stderrData)));
            QVERIFY2(rr.value.stdoutData.startsWith("Uid:\t0\t"), rr.value.stdoutData.constData());
            QVERIFY2(rr.value.stdoutData.contains("CapEff:\t0000000000000000\n"), rr.value.stdoutData.constData());
            QVERIFY(resultOf(rootOnly.destroy(other.value.id)).ok());
        } else {
            QCOMPARE(uid.toUInt(), ::geteuid());
        }
    }
#endif

    const QString out = base(u"out/result.txt"_s);
    QVERIFY(resultOf(b.download(id, {{u"result.txt"_s, out, {}}})).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("HELLO SANDBOX\n!"));
    // A cap: exactly the file's size passes; one byte less refuses it, nothing is written.
    QVERIFY(resultOf(b.download(id, {{u"result.txt"_s, base(u"out/capped.txt"_s), {}, 15}})).ok());
    const SandboxError capped = resultOf(b.download(id, {{u"result.txt"_s, base(u"out/over.txt"_s), {}, 14}}));
    QCOMPARE(capped.cls, ErrorClass::BadOutput);
    QVERIFY(capped.tooLarge);
    QVERIFY2(capped.message.contains(u"result.txt"_s), qPrintable(capped.message));
    QVERIFY(!QFileInfo::exists(base(u"out/over.txt"_s)) && !QFileInfo::exists(base(u"out/over.txt.part"_s)));

    QVERIFY(resultOf(b.reset(id)).ok());
    QVERIFY(QFileInfo(work).isDir());
    QVERIFY(QDir(work).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

    QVERIFY(resultOf(b.destroy(id)).ok());
    QVERIFY(!QFileInfo::exists(QFileInfo(work).path()));
    QVERIFY(resultOf(b.destroy(id)).ok());  // already gone: still confirmed
}

void TestLocalBackend::listAndSweepFromAnotherInstance()
{
    const QString dir = base(u"sweep"_s);
    QStringList ids;
    {
        LocalBackend first(opts(dir));
        for (int i = 0; i < 3; ++i) {
            SandboxSpec spec;
            spec.runId = i < 2 ? u"run-a"_s : u"run-b"_s;
            spec.ownerId = u"me"_s;
            const auto c = resultOf(first.create(spec), 20000);
            QVERIFY(c.ok());
            ids << c.value.id;
        }
    }  // "crash": the instance is gone, the sandboxes are not
    LocalBackend second(opts(dir));
    const auto all = resultOf(second.list({{u"mrp.owner"_s, u"me"_s}}));
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), 3);
    const auto runA = resultOf(second.list({{u"mrp.run"_s, u"run-a"_s}}));
    QCOMPARE(runA.value.size(), 2);
    for (const SandboxInfo &info : runA.value) {
        QVERIFY(ids.contains(info.id));
        QVERIFY(!info.createdAt.isEmpty());
        QVERIFY(resultOf(second.destroy(info.id)).ok());
    }
    QCOMPARE(resultOf(second.list({{u"mrp.owner"_s, u"me"_s}})).value.size(), 1);
    QCOMPARE(resultOf(second.list({{u"mrp.owner"_s, u"someone-else"_s}})).value.size(), 0);
}

void TestLocalBackend::cancelFinishesExec()
{
    LocalBackend b(opts(base(u"cancel"_s)));
    const auto c = resultOf(b.create({}), 20000);
    QVERIFY(c.ok());
    ExecRequest req;
    req.argv = {u"sleep"_s, u"30"_s};
    req.timeoutSec = 60;
    auto f = b.exec(c.value.id, req);
    QTRY_COMPARE_WITH_TIMEOUT(b.runningCount(), 1, 5000);
    QTest::qWait(100);
    QElapsedTimer t;
    t.start();
    b.cancel(c.value.id);
    QVERIFY(waitFor(f, 5000));
    QVERIFY(t.elapsed() < 3000);
    QCOMPARE(f.resultCount(), 1);
    QCOMPARE(f.result().error.cls, ErrorClass::Cancelled);
    QCOMPARE(f.result().value.errorClass, ErrorClass::Cancelled);
    QCOMPARE(b.runningCount(), 0);
    QVERIFY(resultOf(b.destroy(c.value.id)).ok());
}

void TestLocalBackend::destructorFinishesEverything()
{
    auto *b = new LocalBackend(opts(base(u"dtor"_s)));
    const auto c = resultOf(b->create({}), 20000);
    QVERIFY(c.ok());
    ExecRequest req;
    req.argv = {u"sleep"_s, u"30"_s};
    auto running = b->exec(c.value.id, req);
    QTRY_COMPARE_WITH_TIMEOUT(b->runningCount(), 1, 5000);
    auto listing = b->list({});
    auto creating = b->create({});
    QElapsedTimer t;
    t.start();
    delete b;
    QVERIFY(t.elapsed() < 3000);
    for (auto *f : {&running}) {
        QVERIFY(waitFor(*f, 1000));
        QCOMPARE(f->resultCount(), 1);
        QCOMPARE(f->result().error.cls, ErrorClass::Cancelled);
    }
    QVERIFY(waitFor(listing, 1000));
    QVERIFY(waitFor(creating, 1000));
    QCOMPARE(creating.resultCount(), 1);
}

void TestLocalBackend::unknownSandbox()
{
    LocalBackend b(opts(base(u"unknown"_s)));
    const QString bogus = u"local-00000000-0000-4000-8000-000000000000"_s;
    QCOMPARE(resultOf(b.upload(bogus, {})).cls, ErrorClass::Infrastructure);
    QCOMPARE(resultOf(b.exec(bogus, {})).error.cls, ErrorClass::Infrastructure);
    QCOMPARE(resultOf(b.destroy(u"../../etc"_s)).cls, ErrorClass::Infrastructure);
    QVERIFY(b.workDir(u"../x"_s).isEmpty());
}

void TestLocalBackend::refusesEscapes()
{
    LocalBackend b(opts(base(u"escape"_s)));
    const auto c = resultOf(b.create({}), 20000);
    QVERIFY(c.ok());
    const QString id = c.value.id;
    const QString src = base(u"x.txt"_s);
    QVERIFY(writeFile(src, "x"));
    QCOMPARE(resultOf(b.upload(id, {{src, u"../x.txt"_s}})).cls, ErrorClass::Infrastructure);
    QCOMPARE(resultOf(b.upload(id, {{src, u"/etc/x.txt"_s}})).cls, ErrorClass::Infrastructure);

    // What the sandbox leaves behind must not make us read host files or write through links.
    const QString secret = base(u"secret.txt"_s);
    QVERIFY(writeFile(secret, "host secret"));
    ExecRequest req;
    req.argv = {u"python3"_s, u"-I"_s, u"-c"_s,
                u"import os, sys\n"
                "os.symlink(sys.argv[1], 'output.json')\n"
                "os.symlink(os.path.dirname(sys.argv[1]), 'linkdir')\n"
                "os.mkfifo('fifo')"_s,
                secret};
    const auto r = resultOf(b.exec(id, req), 15000);
    QVERIFY2(r.ok() && r.value.exitCode == 0, r.value.stderrData.constData());
    QVERIFY(!resultOf(b.download(id, {{u"output.json"_s, base(u"dl1"_s), {}}})).ok());
    QVERIFY(!resultOf(b.download(id, {{u"linkdir/secret.txt"_s, base(u"dl2"_s), {}}})).ok());
    QVERIFY(!resultOf(b.download(id, {{u"fifo"_s, base(u"dl3"_s), {}}}), 3000).ok());
    QVERIFY(!QFile::exists(base(u"dl1"_s)) && !QFile::exists(base(u"dl2"_s)));
    QVERIFY(!resultOf(b.upload(id, {{src, u"linkdir/planted.txt"_s}})).ok());
    QVERIFY(!QFile::exists(base(u"planted.txt"_s)));
    // Uploading over a planted symlink replaces the link, not its target.
    QVERIFY(resultOf(b.upload(id, {{src, u"output.json"_s}})).ok());
    QFile s(secret);
    QVERIFY(s.open(QIODevice::ReadOnly));
    QCOMPARE(s.readAll(), QByteArray("host secret"));
    QVERIFY(resultOf(b.destroy(id)).ok());
    QVERIFY(QFile::exists(secret));  // destroy did not follow the links either
}

void TestLocalBackend::unisolatedMode()
{
    LocalBackend::Options o;
    o.baseDir = base(u"unisolated"_s);
    o.isolation = LocalBackend::Isolation::None;
    LocalBackend b(o);
    QVERIFY(!b.isIsolated());
    QVERIFY(b.isolationDescription().startsWith(u"unisolated"_s));
    const auto c = resultOf(b.create({}), 20000);
    QVERIFY(c.ok());
    ExecRequest req;
    req.argv = {u"python3"_s, u"-I"_s, u"-c"_s, u"import os; open('f', 'w').write(os.getcwd())"_s};
    const auto r = resultOf(b.exec(c.value.id, req), 15000);
    QVERIFY2(r.ok() && r.value.exitCode == 0, r.value.stderrData.constData());
    req.argv = {u"sleep"_s, u"30"_s};
    req.timeoutSec = 1;
    QElapsedTimer t;
    t.start();
    const auto slow = resultOf(b.exec(c.value.id, req), 10000);
    QCOMPARE(slow.value.errorClass, ErrorClass::Timeout);
    QVERIFY(t.elapsed() < 4000);
    QVERIFY(resultOf(b.destroy(c.value.id)).ok());
}

void TestLocalBackend::concurrentExecs()
{
    LocalBackend b(opts(base(u"concurrent"_s)));
    QList<QString> ids;
    for (int i = 0; i < 4; ++i) {
        const auto c = resultOf(b.create({}), 20000);
        QVERIFY(c.ok());
        ids << c.value.id;
    }
    QList<QFuture<Outcome<ExecResult>>> futures;
    for (int i = 0; i < ids.size(); ++i) {
        ExecRequest req;
        req.argv = {u"python3"_s, u"-I"_s, u"-c"_s, u"print(%1 * 7)"_s.arg(i)};
        futures << b.exec(ids.at(i), req);
    }
    for (int i = 0; i < futures.size(); ++i) {
        const auto r = resultOf(futures.at(i), 15000);
        QVERIFY(r.ok());
        QCOMPARE(r.value.stdoutData.trimmed(), QByteArray::number(i * 7));
    }
    for (const QString &id : ids)
        QVERIFY(resultOf(b.destroy(id)).ok());
    QCOMPARE(resultOf(b.list({})).value.size(), 0);
}

QTEST_GUILESS_MAIN(TestLocalBackend)
#include "tst_local_backend.moc"
