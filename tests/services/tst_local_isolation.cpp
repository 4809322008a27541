// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// The local backend's portable parts, checked on Linux: a sandbox that needs isolation (its spec
// cuts the network off) is refused where bubblewrap is missing or broken — the macOS and Windows
// situation — unless unisolated runs were allowed explicitly; the environment an unisolated
// command gets on each OS (Windows needs SystemRoot, PATHEXT, TEMP/TMP, COMSPEC; macOS finds
// Homebrew's python3).

#include "local/localbackend.h"
#include "local/localcommand.h"
#include "local/sandboxcgroup.h"
#include "localtesthelpers.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace mrptest;
using namespace Qt::StringLiterals;

namespace {

// Sets an environment variable for the scope of one test and restores it afterwards.
class EnvGuard
{
public:
    EnvGuard(const char *name, const QByteArray &value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~EnvGuard()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

SandboxSpec openNetworkSpec()
{
    SandboxSpec s;
    s.networkBlockAll = false;
    return s;
}

} // namespace

class TestLocalIsolation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void needsIsolation();
    void refusalRule();
    void refusesWhenBubblewrapIsBroken();
    void refusesWhenBubblewrapIsMissing();
    void explicitOptInRuns_data();
    void explicitOptInRuns();
    void openNetworkSpecRuns();
    void requiredBubblewrapStaysInfrastructure();
    void unisolatedEnvironmentPerOs();
    void isolatedEnvironmentUnchanged();
    void limitsSaidAsTheyHold();

private:
    LocalBackend::Options brokenBwrap(const QString &name) const;
    QTemporaryDir m_tmp;
    QByteArray m_savedAllow;
    bool m_hadAllow = false;
    QByteArray m_savedMode;
    bool m_hadMode = false;
};

void TestLocalIsolation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
}

void TestLocalIsolation::init()
{
    // The tests decide about the opt-in themselves, whatever the calling environment says.
    m_hadAllow = qEnvironmentVariableIsSet("MRP_ALLOW_UNISOLATED");
    m_savedAllow = qgetenv("MRP_ALLOW_UNISOLATED");
    m_hadMode = qEnvironmentVariableIsSet("MRP_LOCAL_ISOLATION");
    m_savedMode = qgetenv("MRP_LOCAL_ISOLATION");
    qunsetenv("MRP_ALLOW_UNISOLATED");
    qunsetenv("MRP_LOCAL_ISOLATION");
}

void TestLocalIsolation::cleanup()
{
    if (m_hadAllow)
        qputenv("MRP_ALLOW_UNISOLATED", m_savedAllow);
    if (m_hadMode)
        qputenv("MRP_LOCAL_ISOLATION", m_savedMode);
}

// Auto mode with a bubblewrap that cannot start: what a machine without working bubblewrap sees
// (the probe fails), without touching the real one.
LocalBackend::Options TestLocalIsolation::brokenBwrap(const QString &name) const
{
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(name);
    o.bwrapPath = m_tmp.filePath(u"no-such-bwrap"_s);
    return o;
}

void TestLocalIsolation::needsIsolation()
{
    SandboxSpec spec; // the default: no network
    QVERIFY(sandboxNeedsIsolation(spec));
    spec.networkBlockAll = false;
    QVERIFY(!sandboxNeedsIsolation(spec));
    spec.egressAllowlist = {u"pypi.org"_s};
    QVERIFY(sandboxNeedsIsolation(spec)); // an allowlist is a restriction too
}

void TestLocalIsolation::refusalRule()
{
    const SandboxSpec closed;
    const QString why = u"no sandbox on Windows"_s;
    QVERIFY(unisolatedRefusal(closed, true, false, why).isEmpty());   // isolated
    QVERIFY(unisolatedRefusal(closed, false, true, why).isEmpty());   // allowed explicitly
    QVERIFY(unisolatedRefusal(openNetworkSpec(), false, false, why).isEmpty());
    const QString refused = unisolatedRefusal(closed, false, false, why);
    QVERIFY(!refused.isEmpty());
    QVERIFY2(refused.contains(why), qPrintable(refused));
    QVERIFY2(refused.contains(u"--allow-unisolated"_s), qPrintable(refused));
    QVERIFY2(refused.contains(u"MRP_ALLOW_UNISOLATED=1"_s), qPrintable(refused));
}

void TestLocalIsolation::refusesWhenBubblewrapIsBroken()
{
    LocalBackend b(brokenBwrap(u"broken"_s));
    const SandboxError check = resultOf(b.checkIsolation({}), 20000);
    QCOMPARE(check.cls, ErrorClass::PolicyRefused);
    QVERIFY2(check.message.contains(u"Refusing to run unisolated"_s), qPrintable(check.message));
    QVERIFY(!b.isIsolated());
    QVERIFY(b.isolationDescription().startsWith(u"unisolated"_s));

    const auto created = resultOf(b.create({}), 20000);
    QVERIFY(!created.ok());
    QCOMPARE(created.error.cls, ErrorClass::PolicyRefused);
    QCOMPARE(created.error.message, check.message);
    QVERIFY(created.value.id.isEmpty());
    // Nothing was made on disk for the refused sandbox.
    const auto listed = resultOf(b.list({}), 20000);
    QVERIFY(listed.ok());
    QVERIFY(listed.value.isEmpty());
}

void TestLocalIsolation::refusesWhenBubblewrapIsMissing()
{
    // bwrap is looked up on PATH: a PATH without it is a machine without bubblewrap.
    EnvGuard path("PATH", QFile::encodeName(m_tmp.path()));
    LocalBackend::Options o;
    o.baseDir = m_tmp.filePath(u"missing"_s);
    LocalBackend b(o);
    QVERIFY(!b.isIsolated());
    const auto created = resultOf(b.create({}), 20000);
    QCOMPARE(created.error.cls, ErrorClass::PolicyRefused);
#if defined(Q_OS_LINUX)
    QVERIFY2(created.error.message.contains(u"bubblewrap not found"_s), qPrintable(created.error.message));
#endif
}

void TestLocalIsolation::explicitOptInRuns_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("Options::allowUnisolated") << u"option"_s;
    QTest::newRow("MRP_ALLOW_UNISOLATED=1") << u"env"_s;
    QTest::newRow("Isolation::None") << u"none"_s;
    QTest::newRow("MRP_LOCAL_ISOLATION=none") << u"env-none"_s;
}

void TestLocalIsolation::explicitOptInRuns()
{
    QFETCH(QString, how);
    LocalBackend::Options o = brokenBwrap(u"optin-"_s + how);
    std::unique_ptr<EnvGuard> env;
    if (how == u"option")
        o.allowUnisolated = true;
    else if (how == u"env")
        env = std::make_unique<EnvGuard>("MRP_ALLOW_UNISOLATED", "1");
    else if (how == u"none")
        o.isolation = LocalBackend::Isolation::None;
    else
        env = std::make_unique<EnvGuard>("MRP_LOCAL_ISOLATION", "none");
    LocalBackend b(o);
    QVERIFY(resultOf(b.checkIsolation({}), 20000).ok());
    const auto created = resultOf(b.create({}), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QVERIFY(!b.isIsolated()); // and it says so
    QVERIFY(b.isolationDescription().startsWith(u"unisolated"_s));
    ExecRequest req;
    req.argv = {u"sh"_s, u"-c"_s, u"echo ran"_s};
    const auto r = resultOf(b.exec(created.value.id, req), 15000);
    QVERIFY2(r.ok() && r.value.exitCode == 0, r.value.stderrData.constData());
    QCOMPARE(r.value.stdoutData, QByteArray("ran\n"));
    QVERIFY(resultOf(b.destroy(created.value.id)).ok());
}

void TestLocalIsolation::openNetworkSpecRuns()
{
    // Nothing to fence in: a spec with an open network does not need isolation.
    LocalBackend b(brokenBwrap(u"open"_s));
    const auto created = resultOf(b.create(openNetworkSpec()), 20000);
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QVERIFY(resultOf(b.destroy(created.value.id)).ok());
}

void TestLocalIsolation::requiredBubblewrapStaysInfrastructure()
{
    // Isolation::Bubblewrap keeps its own, older answer: bubblewrap is broken -> Infrastructure.
    LocalBackend::Options o = brokenBwrap(u"required"_s);
    o.isolation = LocalBackend::Isolation::Bubblewrap;
    o.allowUnisolated = true; // does not weaken a required isolation
    LocalBackend b(o);
    const auto created = resultOf(b.create(openNetworkSpec()), 20000);
    QCOMPARE(created.error.cls, ErrorClass::Infrastructure);
    QVERIFY2(created.error.message.contains(u"Bubblewrap does not work"_s), qPrintable(created.error.message));
}

void TestLocalIsolation::unisolatedEnvironmentPerOs()
{
    LocalCommandSpec spec;
    spec.sandboxId = u"local-1"_s;
    spec.workDir = u"/w/local-1/work"_s;
    spec.env = {{u"MRP_SHARD"_s, u"3"_s}};
    QProcessEnvironment host;
    host.insert(u"SystemRoot"_s, u"C:\\Windows"_s);
    host.insert(u"windir"_s, u"C:\\Windows"_s);
    host.insert(u"COMSPEC"_s, u"C:\\Windows\\system32\\cmd.exe"_s);
    host.insert(u"PATHEXT"_s, u".COM;.EXE;.BAT"_s);
    host.insert(u"PATH"_s, u"C:\\Python312;C:\\Windows\\system32"_s);
    host.insert(u"USERNAME"_s, u"someone"_s);
    host.insert(u"DAYTONA_API_KEY"_s, u"secret"_s);

    const QProcessEnvironment win = localBaseEnvironment(spec, LocalHostOs::Windows, host);
    QCOMPARE(win.value(u"SystemRoot"_s), u"C:\\Windows"_s);
    QCOMPARE(win.value(u"COMSPEC"_s), u"C:\\Windows\\system32\\cmd.exe"_s);
    QCOMPARE(win.value(u"PATHEXT"_s), u".COM;.EXE;.BAT"_s);
    QCOMPARE(win.value(u"PATH"_s), u"C:\\Python312;C:\\Windows\\system32"_s);
    QVERIFY(!win.value(u"TEMP"_s).isEmpty());
    QCOMPARE(win.value(u"TMP"_s), win.value(u"TEMP"_s));
    QCOMPARE(win.value(u"HOME"_s), spec.workDir);
    QCOMPARE(win.value(u"MRP_SANDBOX_ID"_s), u"local-1"_s);
    QCOMPARE(win.value(u"MRP_SHARD"_s), u"3"_s);
    QVERIFY(!win.contains(u"USERNAME"_s));        // only what programs need to start
    QVERIFY(!win.contains(u"DAYTONA_API_KEY"_s)); // never the key
    // Without the host variables, the defaults Windows always has.
    const QProcessEnvironment bare = localBaseEnvironment(spec, LocalHostOs::Windows, {});
    QCOMPARE(bare.value(u"SystemRoot"_s), u"C:\\Windows"_s);
    QVERIFY(bare.value(u"PATHEXT"_s).contains(u".EXE"_s));

    const QProcessEnvironment mac = localBaseEnvironment(spec, LocalHostOs::MacOS, host);
    const QStringList macPath = mac.value(u"PATH"_s).split(u':');
    QVERIFY(macPath.contains(u"/opt/homebrew/bin"_s));
    QVERIFY(macPath.contains(u"/usr/local/bin"_s));
    QVERIFY(macPath.contains(u"/usr/bin"_s));
    QVERIFY(!mac.contains(u"SystemRoot"_s));
    QVERIFY(!mac.contains(u"DAYTONA_API_KEY"_s));
    QCOMPARE(mac.value(u"HOME"_s), spec.workDir);

    const QProcessEnvironment lin = localBaseEnvironment(spec, LocalHostOs::Linux, host);
    QCOMPARE(lin.value(u"PATH"_s), u"/usr/local/bin:/usr/bin:/bin"_s);
    QVERIFY(!lin.contains(u"SystemRoot"_s));
    QVERIFY(!lin.contains(u"DAYTONA_API_KEY"_s));
}

void TestLocalIsolation::isolatedEnvironmentUnchanged()
{
    LocalCommandSpec spec;
    spec.sandboxId = u"local-2"_s;
    spec.workDir = u"/w/local-2/work"_s;
    spec.isolated = true;
    const QProcessEnvironment env = localBaseEnvironment(spec, LocalHostOs::Linux, QProcessEnvironment::systemEnvironment());
    QStringList keys = env.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"HOME"_s, u"LANG"_s, u"MRP_SANDBOX_ID"_s, u"PATH"_s, u"PYTHONDONTWRITEBYTECODE"_s, u"TMPDIR"_s}));
    QCOMPARE(env.value(u"HOME"_s), u"/work"_s);
    QCOMPARE(env.value(u"TMPDIR"_s), u"/tmp"_s);
    QCOMPARE(env.value(u"PATH"_s), u"/usr/local/bin:/usr/bin:/bin"_s);
}

void TestLocalIsolation::limitsSaidAsTheyHold()
{
    // The description (run record, `mrp run`'s backend line, the workbench) says what bounds
    // memory and processes: the sandbox as a whole where a cgroup can be made, else each
    // process, with the reason.
    const std::shared_ptr<CgroupHost> host = CgroupHost::instance();
    LocalBackend::Options isolated;
    isolated.baseDir = m_tmp.filePath(u"described"_s);
    LocalBackend a(isolated);
    LocalBackend b(brokenBwrap(u"described-broken"_s));
    QVERIFY(!resultOf(b.checkIsolation({}), 20000).ok()); // after the probe: unisolated
    LocalBackend::Options off;
    off.baseDir = m_tmp.filePath(u"described-off"_s);
    off.isolation = LocalBackend::Isolation::None;
    LocalBackend c(off);
    SandboxSpec twoGib;
    twoGib.memoryGib = 2;
#if defined(Q_OS_LINUX)
    for (const LocalBackend *backend : {&a, &b, &c}) {
        const QString d = backend->isolationDescription();
        const QString forSpec = backend->isolationDescription(twoGib);
        if (host->usable()) {
            const QString whole = u"processes for the sandbox as a whole (%1); CPU time limited per process"_s.arg(host->versionName());
            QVERIFY2(d.contains(u"memory (memory_gib) and 64 "_s + whole), qPrintable(d));
            QVERIFY2(forSpec.contains(u"memory 2 GiB and 64 "_s + whole), qPrintable(forSpec));
            QVERIFY2(!d.contains(u"per process, not for the sandbox"_s), qPrintable(d));
        } else {
            const QString perProcess = u"memory and CPU time limited per process, not for the sandbox as a whole (%1)"_s
                                           .arg(host->unavailableReason());
            QVERIFY2(d.contains(perProcess), qPrintable(d));
            QVERIFY2(forSpec.contains(perProcess), qPrintable(forSpec));
        }
    }
    // Turned off in the options: per process, and that is the reason given.
    LocalBackend::Options noCgroup = isolated;
    noCgroup.baseDir = m_tmp.filePath(u"described-nocgroup"_s);
    noCgroup.sandboxCgroups = false;
    LocalBackend n(noCgroup);
    QVERIFY2(n.isolationDescription(twoGib).endsWith(
                 u"memory and CPU time limited per process, not for the sandbox as a whole "
                 "(sandbox cgroups turned off in the backend options)"_s),
             qPrintable(n.isolationDescription(twoGib)));
#else
    QVERIFY(!host->usable());
#endif
    // The refusal names why there is no isolation, not the limits note.
    const SandboxError refused = resultOf(b.checkIsolation({}), 20000);
    QVERIFY2(!refused.message.contains(u"per process"_s), qPrintable(refused.message));
    QVERIFY2(!refused.message.contains(u"as a whole"_s), qPrintable(refused.message));
}

QTEST_GUILESS_MAIN(TestLocalIsolation)
#include "tst_local_isolation.moc"
