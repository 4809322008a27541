// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// CgroupHost's decisions over a folder of plain files standing in for /sys/fs/cgroup: where a
// cgroup v1 or v2 budget is made, what is written, when none can be made and why (controllers
// not delegated, a cgroup shared with other processes), and that folders of processes that are
// gone are swept. Then the same sweep on this machine's real cgroups, where they can be made.

#include "local/sandboxcgroup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#if defined(Q_OS_LINUX)
#include <sys/stat.h>
#endif

using namespace mrp;
using namespace Qt::StringLiterals;

namespace {

bool put(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray get(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

qint64 ownPid()
{
    return QCoreApplication::applicationPid();
}

} // namespace

class TestSandboxCgroup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void v1MemoryAndPids();
    void v1WithoutPids();
    void v2MovesItselfIntoALeaf();
    void v2AlreadyDelegated();
    void v2SharedWithOtherProcesses();
    void v2ControllersNotDelegated();
    void staleFoldersSwept();
    void staleFoldersSweptOnThisMachine();

private:
    CgroupHost::Environment fake(const QString &name, const QByteArray &selfCgroup) const;
    QTemporaryDir m_tmp;
};

void TestSandboxCgroup::initTestCase()
{
#if !defined(Q_OS_LINUX)
    QSKIP("cgroups exist on Linux only");
#endif
    QVERIFY(m_tmp.isValid());
}

CgroupHost::Environment TestSandboxCgroup::fake(const QString &name, const QByteArray &selfCgroup) const
{
    CgroupHost::Environment env;
    env.fsRoot = m_tmp.filePath(name);
    env.selfCgroup = selfCgroup;
    env.pid = ownPid();
    env.plainFiles = true;
    QDir().mkpath(env.fsRoot);
    return env;
}

void TestSandboxCgroup::v1MemoryAndPids()
{
    // Hybrid v1 like this machine's: memory in a cgroup of its own, pids at the root.
    const CgroupHost::Environment env = fake(u"v1"_s, "9:name=systemd:/\n8:pids:/\n4:memory:/box/one\n0::/\n");
    QDir().mkpath(env.fsRoot + u"/memory/box/one"_s);
    QDir().mkpath(env.fsRoot + u"/pids"_s);
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY2(host->usable(), qPrintable(host->unavailableReason()));
    QCOMPARE(host->version(), CgroupHost::Version::V1);
    QCOMPARE(host->versionName(), u"cgroup v1"_s);
    QCOMPARE(host->folders().size(), 2);
    QVERIFY2(host->folders().at(0).startsWith(env.fsRoot + u"/memory/box/one/mrp-%1-"_s.arg(ownPid())),
             qPrintable(host->folders().at(0)));
    QVERIFY2(host->folders().at(1).startsWith(env.fsRoot + u"/pids/mrp-%1-"_s.arg(ownPid())), qPrintable(host->folders().at(1)));

    QString why;
    CgroupLimits limits;
    limits.memoryBytes = 1ll << 30;
    limits.maxProcesses = 66;
    std::shared_ptr<SandboxCgroup> group = host->createGroup(u"local-a.1"_s, limits, &why);
    QVERIFY2(group, qPrintable(why));
    const QString mem = host->folders().at(0) + u"/local-a.1"_s;
    const QString pids = host->folders().at(1) + u"/local-a.1"_s;
    QCOMPARE(group->folders(), (QStringList{mem, pids}));
    QCOMPARE(get(mem + u"/memory.limit_in_bytes"_s), QByteArray("1073741824"));
    QCOMPARE(get(mem + u"/memory.memsw.limit_in_bytes"_s), QByteArray("1073741824")); // no swap beyond it
    QCOMPARE(get(pids + u"/pids.max"_s), QByteArray("66"));
    QCOMPARE(group->procsFiles(), (QStringList{mem + u"/cgroup.procs"_s, pids + u"/cgroup.procs"_s}));
    // The OOM killer's count, as the kernel writes it.
    QCOMPARE(group->oomKills(), 0);
    QVERIFY(put(mem + u"/memory.oom_control"_s, "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n"));
    QCOMPARE(group->oomKills(), 2);
    group.reset();
    QVERIFY(!QFileInfo::exists(mem));
    QVERIFY(!QFileInfo::exists(pids));
}

void TestSandboxCgroup::v1WithoutPids()
{
    const CgroupHost::Environment env = fake(u"v1-nopids"_s, "4:memory:/\n0::/\n");
    QDir().mkpath(env.fsRoot + u"/memory"_s);
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY(!host->usable());
    QCOMPARE(host->unavailableReason(), u"cgroup v1 without the pids controller"_s);
    QString why;
    QVERIFY(!host->createGroup(u"local-b.1"_s, {}, &why));
    QCOMPARE(why, host->unavailableReason());
    QCOMPARE(QDir(env.fsRoot + u"/memory"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
}

void TestSandboxCgroup::v2MovesItselfIntoALeaf()
{
    // A delegated cgroup holding only this process (systemd-run --scope -p Delegate=yes).
    const CgroupHost::Environment env = fake(u"v2"_s, "0::/user.slice/mrp.scope\n");
    const QString own = env.fsRoot + u"/user.slice/mrp.scope"_s;
    QVERIFY(put(env.fsRoot + u"/cgroup.controllers"_s, "cpuset cpu io memory pids\n"));
    QVERIFY(put(own + u"/cgroup.controllers"_s, "memory pids\n"));
    QVERIFY(put(own + u"/cgroup.subtree_control"_s, "\n"));
    QVERIFY(put(own + u"/cgroup.procs"_s, QByteArray::number(ownPid()) + '\n'));
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY2(host->usable(), qPrintable(host->unavailableReason()));
    QCOMPARE(host->version(), CgroupHost::Version::V2);
    QCOMPARE(host->folders().size(), 1);
    const QString ours = host->folders().at(0);
    QVERIFY2(ours.startsWith(own + u"/mrp-%1-"_s.arg(ownPid())), qPrintable(ours));
    // We moved into a leaf of our own, then passed memory and pids down twice.
    QCOMPARE(get(ours + u"/host/cgroup.procs"_s), QByteArray::number(ownPid()));
    QCOMPARE(get(own + u"/cgroup.subtree_control"_s), QByteArray("+memory +pids"));
    QCOMPARE(get(ours + u"/cgroup.subtree_control"_s), QByteArray("+memory +pids"));

    QString why;
    CgroupLimits limits;
    limits.memoryBytes = 512ll << 20;
    limits.maxProcesses = 64;
    std::shared_ptr<SandboxCgroup> group = host->createGroup(u"local-c.1"_s, limits, &why);
    QVERIFY2(group, qPrintable(why));
    const QString g = ours + u"/local-c.1"_s;
    QCOMPARE(group->folders(), QStringList{g});
    QCOMPARE(get(g + u"/memory.max"_s), QByteArray("536870912"));
    QCOMPARE(get(g + u"/memory.swap.max"_s), QByteArray("0"));
    QCOMPARE(get(g + u"/pids.max"_s), QByteArray("64"));
    QCOMPARE(group->procsFiles(), QStringList{g + u"/cgroup.procs"_s});
    QVERIFY(put(g + u"/memory.events"_s, "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n"));
    QCOMPARE(group->oomKills(), 1);

    // Opened again by the same process (it now lives in <ours>/host): the same folder.
    CgroupHost::Environment again = env;
    again.selfCgroup = "0::/user.slice/mrp.scope/" + QFileInfo(ours).fileName().toUtf8() + "/host\n";
    const std::shared_ptr<CgroupHost> reopened = CgroupHost::open(again);
    QVERIFY2(reopened->usable(), qPrintable(reopened->unavailableReason()));
    QCOMPARE(reopened->folders(), host->folders());
}

void TestSandboxCgroup::v2AlreadyDelegated()
{
    // The controllers are already passed down: nothing moves.
    const CgroupHost::Environment env = fake(u"v2-ready"_s, "0::/\n");
    QVERIFY(put(env.fsRoot + u"/cgroup.controllers"_s, "memory pids\n"));
    QVERIFY(put(env.fsRoot + u"/cgroup.subtree_control"_s, "memory pids\n"));
    QVERIFY(put(env.fsRoot + u"/cgroup.procs"_s, "1\n" + QByteArray::number(ownPid()) + '\n'));
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY2(host->usable(), qPrintable(host->unavailableReason()));
    const QString ours = host->folders().at(0);
    QVERIFY(!QFileInfo::exists(ours + u"/host"_s));
    QCOMPARE(get(env.fsRoot + u"/cgroup.subtree_control"_s), QByteArray("memory pids\n")); // untouched
    QCOMPARE(get(ours + u"/cgroup.subtree_control"_s), QByteArray("+memory +pids"));
}

void TestSandboxCgroup::v2SharedWithOtherProcesses()
{
    // The shell that started us shares our cgroup: we cannot pass controllers on, and say so.
    const CgroupHost::Environment env = fake(u"v2-shared"_s, "0::/session.scope\n");
    const QString own = env.fsRoot + u"/session.scope"_s;
    QVERIFY(put(env.fsRoot + u"/cgroup.controllers"_s, "memory pids\n"));
    QVERIFY(put(own + u"/cgroup.controllers"_s, "memory pids\n"));
    QVERIFY(put(own + u"/cgroup.subtree_control"_s, "\n"));
    QVERIFY(put(own + u"/cgroup.procs"_s, "4242\n" + QByteArray::number(ownPid()) + '\n'));
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY(!host->usable());
    QVERIFY2(host->unavailableReason().contains(u"also holds other processes"_s), qPrintable(host->unavailableReason()));
    QVERIFY2(host->unavailableReason().contains(u"Delegate=yes"_s), qPrintable(host->unavailableReason()));
    // Nothing made, nothing moved.
    QCOMPARE(QDir(own).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(get(own + u"/cgroup.subtree_control"_s), QByteArray("\n"));
}

void TestSandboxCgroup::v2ControllersNotDelegated()
{
    const CgroupHost::Environment env = fake(u"v2-nocontrollers"_s, "0::/app.slice\n");
    QVERIFY(put(env.fsRoot + u"/cgroup.controllers"_s, "cpu memory pids\n"));
    QVERIFY(put(env.fsRoot + u"/app.slice/cgroup.controllers"_s, "cpu\n"));
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY(!host->usable());
    QVERIFY2(host->unavailableReason().startsWith(u"cgroup v2 without the memory and pids controllers"_s),
             qPrintable(host->unavailableReason()));
}

void TestSandboxCgroup::staleFoldersSwept()
{
    // A crashed mrp (a pid that cannot exist) left its folder with a sandbox group in it; a live
    // one (pid 1 with its real start time) keeps its folder.
    const CgroupHost::Environment env = fake(u"v1-stale"_s, "8:pids:/\n4:memory:/\n");
    QDir().mkpath(env.fsRoot + u"/pids"_s);
    const QString stale = env.fsRoot + u"/memory/mrp-999999999-17"_s;
    QVERIFY(put(stale + u"/local-d.3/memory.limit_in_bytes"_s, "1"));
    QFile init(u"/proc/1/stat"_s);
    QVERIFY(init.open(QIODevice::ReadOnly));
    const QByteArray stat = init.readAll();
    const QByteArray start = stat.mid(stat.lastIndexOf(')') + 2).split(' ').value(19);
    const QString live = env.fsRoot + u"/memory/mrp-1-"_s + QString::fromLatin1(start);
    QVERIFY(QDir().mkpath(live));
    const std::shared_ptr<CgroupHost> host = CgroupHost::open(env);
    QVERIFY(host->usable());
    QCOMPARE(host->swept(), QStringList{stale});
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(live));
}

void TestSandboxCgroup::staleFoldersSweptOnThisMachine()
{
    std::shared_ptr<CgroupHost> host = CgroupHost::instance();
    if (!host->usable())
        QSKIP(qPrintable(u"no cgroup can be made here: "_s + host->unavailableReason()));
    // A real leftover: our own cgroup gets a folder of a process that is gone, with a group in it.
    QStringList stale;
    for (const QString &folder : host->folders()) {
        const QString dir = QFileInfo(folder).path() + u"/mrp-999999999-17"_s;
        QVERIFY2(QDir().mkpath(dir + u"/local-e.1"_s), qPrintable(dir));
        stale.append(dir);
    }
    const QStringList ours = host->folders();
    host.reset(); // the last user: our folders go (v1), and the next start looks again
    host = CgroupHost::instance();
    QVERIFY(host->usable());
    for (const QString &dir : std::as_const(stale)) {
        QVERIFY2(!QFileInfo::exists(dir), qPrintable(dir));
        QVERIFY2(host->swept().contains(dir), qPrintable(host->swept().join(u", "_s)));
    }
    QCOMPARE(host->folders(), ours);
}

QTEST_GUILESS_MAIN(TestSandboxCgroup)
#include "tst_sandbox_cgroup.moc"
