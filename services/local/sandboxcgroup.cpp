// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "local/sandboxcgroup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThreadPool>

#include <mutex>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcCgroup, "mrp.services.cgroup")

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

#if defined(Q_OS_LINUX)

QString errorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray readSmall(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

QList<QByteArray> words(const QByteArray &text)
{
    return text.simplified().split(' ');
}

// "<key> <n>" from a flat-keyed cgroup file (memory.events, memory.oom_control); -1 when absent.
qint64 keyedValue(const QByteArray &text, const QByteArray &key)
{
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> kv = line.simplified().split(' ');
        if (kv.size() == 2 && kv.at(0) == key)
            return kv.at(1).toLongLong();
    }
    return -1;
}

// Field 22 of /proc/<pid>/stat: the start time in clock ticks after boot; empty when gone.
QByteArray processStartTime(qint64 pid)
{
    const QByteArray stat = readSmall(u"/proc/%1/stat"_s.arg(pid));
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    return fields.size() > 19 ? fields.at(19) : QByteArray();
}

// SIGKILL to every process of one cgroup folder (cgroup.kill on v2 kernels that have it).
void killProcessesIn(const QString &folder, bool v2)
{
    if (v2) {
        const QByteArray killFile = QFile::encodeName(folder + u"/cgroup.kill"_s);
        const int fd = ::open(killFile.constData(), O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            const bool ok = ::write(fd, "1", 1) == 1;
            ::close(fd);
            if (ok)
                return;
        }
    }
    const QList<QByteArray> pids = readSmall(folder + u"/cgroup.procs"_s).split('\n');
    for (const QByteArray &p : pids) {
        const int pid = p.trimmed().toInt();
        if (pid > 0 && pid != int(::getpid())) // 0: a process of another pid namespace
            ::kill(pid, SIGKILL);
    }
}

// Kills what is left in folder and removes it. EBUSY means the kernel still holds exiting
// processes: tried again every 20 ms up to `tries` times. True when the folder is gone.
bool removeGroupFolder(const QString &folder, bool v2, int tries)
{
    const QByteArray path = QFile::encodeName(folder);
    for (int i = 0; i < tries; ++i) {
        killProcessesIn(folder, v2);
        if (::rmdir(path.constData()) == 0 || errno == ENOENT)
            return true;
        if (errno != EBUSY)
            break;
        ::usleep(20 * 1000);
    }
    qCWarning(lcCgroup).noquote() << "could not remove the cgroup" << folder << ":" << errorText(errno);
    return false;
}

bool makeFolder(const QString &path, QString *why)
{
    if (::mkdir(QFile::encodeName(path).constData(), 0755) == 0 || errno == EEXIST)
        return true;
    *why = u"%1 could not be made (%2)"_s.arg(path, errorText(errno));
    return false;
}
#endif

std::mutex s_instanceMutex;
std::weak_ptr<CgroupHost> s_instance;

// Removals wait for the kernel now and then: not on the pool the run's own work uses. Its
// destructor (at exit) waits for what is queued.
Q_GLOBAL_STATIC(QThreadPool, s_removals)

} // namespace

std::shared_ptr<CgroupHost> CgroupHost::instance()
{
    const std::lock_guard lock(s_instanceMutex);
    std::shared_ptr<CgroupHost> host = s_instance.lock();
    if (!host) {
        host = open(Environment{});
        s_instance = host;
    }
    return host;
}

std::shared_ptr<CgroupHost> CgroupHost::open(const Environment &env)
{
    return std::shared_ptr<CgroupHost>(new CgroupHost(env));
}

QString CgroupHost::versionName() const
{
    switch (m_version) {
    case Version::None: return {};
    case Version::V1: return u"cgroup v1"_s;
    case Version::V2: return u"cgroup v2"_s;
    }
    return {};
}

CgroupHost::CgroupHost(const Environment &env)
    : m_env(env)
{
#if defined(Q_OS_LINUX)
    if (m_env.pid <= 0)
        m_env.pid = qint64(::getpid());
    m_tag = u"mrp-%1-%2"_s.arg(m_env.pid).arg(QString::fromLatin1(processStartTime(m_env.pid)));
    QByteArray self = m_env.selfCgroup;
    if (self.isEmpty())
        self = readSmall(u"/proc/self/cgroup"_s);
    if (self.isEmpty()) {
        m_reason = u"/proc/self/cgroup cannot be read"_s;
        return;
    }
    if (QFileInfo::exists(m_env.fsRoot + u"/cgroup.controllers"_s))
        setUpV2(self);
    else
        setUpV1(self);
    if (usable())
        qCInfo(lcCgroup).noquote() << "sandbox budgets with" << versionName() << "in" << m_folders.join(u", "_s);
    else
        qCInfo(lcCgroup).noquote() << "no sandbox budgets:" << m_reason;
#else
    m_reason = u"no cgroups on this system"_s;
#endif
}

CgroupHost::~CgroupHost()
{
#if defined(Q_OS_LINUX)
    if (!m_removeFoldersAtEnd)
        return;
    for (const QString &folder : std::as_const(m_folders)) {
        if (m_env.plainFiles)
            QDir(folder).removeRecursively();
        else
            ::rmdir(QFile::encodeName(folder).constData());
    }
#endif
}

#if defined(Q_OS_LINUX)
bool CgroupHost::writeFile(const QString &path, const QByteArray &value, QString *why) const
{
    // The kernel provides every file of a cgroup folder; only a test's plain folder needs them made.
    const int flags = O_WRONLY | O_CLOEXEC | (m_env.plainFiles ? O_CREAT | O_TRUNC : 0);
    const int fd = ::open(QFile::encodeName(path).constData(), flags, 0644);
    if (fd < 0) {
        *why = u"%1 cannot be opened for writing (%2)"_s.arg(path, errorText(errno));
        return false;
    }
    const bool ok = ::write(fd, value.constData(), size_t(value.size())) == value.size();
    const int error = errno;
    ::close(fd);
    if (!ok)
        *why = u"writing \"%1\" to %2 failed (%3)"_s.arg(QString::fromUtf8(value.trimmed()), path, errorText(error));
    return ok;
}

void CgroupHost::setUpV1(const QByteArray &selfCgroup)
{
    // "<id>:<controllers>:<path>": the hierarchy of a controller is mounted at
    // <fsRoot>/<controllers> (e.g. /sys/fs/cgroup/memory, /sys/fs/cgroup/cpu,cpuacct).
    QString memory;
    QString pids;
    const QList<QByteArray> lines = selfCgroup.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype a = line.indexOf(':');
        const qsizetype b = a < 0 ? -1 : line.indexOf(':', a + 1);
        if (b < 0)
            continue;
        const QByteArray controllers = line.mid(a + 1, b - a - 1);
        const QString own = QDir::cleanPath(m_env.fsRoot + u'/' + QString::fromUtf8(controllers) + u'/'
                                            + QString::fromUtf8(line.mid(b + 1)));
        const QList<QByteArray> names = controllers.split(',');
        if (names.contains("memory"))
            memory = own;
        if (names.contains("pids"))
            pids = own;
    }
    if (memory.isEmpty() || pids.isEmpty()) {
        m_reason = u"cgroup v1 without the %1 controller"_s.arg(memory.isEmpty() ? u"memory"_s : u"pids"_s);
        return;
    }
    for (const QString &own : {memory, pids}) {
        if (!QFileInfo(own).isDir()) {
            m_reason = u"cgroup v1: our cgroup %1 is not there"_s.arg(own);
            return;
        }
    }
    sweepStale(memory);
    sweepStale(pids);
    QStringList made;
    for (const QString &own : {memory, pids}) {
        const QString folder = own + u'/' + m_tag;
        if (::mkdir(QFile::encodeName(folder).constData(), 0755) != 0 && errno != EEXIST) {
            m_reason = u"cgroup v1: no cgroup can be made in %1 (%2)"_s.arg(own, errorText(errno));
            for (const QString &f : std::as_const(made))
                ::rmdir(QFile::encodeName(f).constData());
            return;
        }
        made.append(folder);
    }
    m_folders = made;
    m_version = Version::V1;
    m_removeFoldersAtEnd = true;
}

void CgroupHost::setUpV2(const QByteArray &selfCgroup)
{
    QString path;
    const QList<QByteArray> lines = selfCgroup.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("0::"))
            path = QString::fromUtf8(line.mid(3).trimmed());
    }
    if (path.isEmpty()) {
        m_reason = u"cgroup v2, but /proc/self/cgroup names no cgroup of ours"_s;
        return;
    }
    // Opened again in a process that already moved itself into its own leaf.
    const QString leaf = u'/' + m_tag + u"/host"_s;
    if (path.endsWith(leaf))
        path.chop(leaf.size());
    const QString own = QDir::cleanPath(m_env.fsRoot + u'/' + path);
    const QList<QByteArray> available = words(readSmall(own + u"/cgroup.controllers"_s));
    if (!available.contains("memory") || !available.contains("pids")) {
        m_reason = u"cgroup v2 without the memory and pids controllers in our cgroup %1 (not delegated to us)"_s.arg(own);
        return;
    }
    for (const QString &file : QStringList{own, own + u"/cgroup.procs"_s, own + u"/cgroup.subtree_control"_s}) {
        if (::access(QFile::encodeName(file).constData(), W_OK) != 0) {
            m_reason = u"cgroup v2 without a subtree we may write to (%1: %2)"_s.arg(file, errorText(errno));
            return;
        }
    }
    sweepStale(own);
    const QString ours = own + u'/' + m_tag;
    QString why;
    if (!makeFolder(ours, &why)) {
        m_reason = u"cgroup v2: "_s + why;
        return;
    }
    const QByteArray enable = "+memory +pids";
    const QList<QByteArray> delegated = words(readSmall(own + u"/cgroup.subtree_control"_s));
    bool movedSelf = false;
    if (!delegated.contains("memory") || !delegated.contains("pids")) {
        // No internal processes: controllers pass to children only from a cgroup without
        // processes of its own. Ours holds this process; we may move it, not others.
        const QByteArray self = QByteArray::number(m_env.pid);
        QList<QByteArray> procs = words(readSmall(own + u"/cgroup.procs"_s));
        procs.removeAll(QByteArray());
        const bool holdsUs = procs.removeAll(self) > 0;
        if (!procs.isEmpty()) {
            ::rmdir(QFile::encodeName(ours).constData());
            m_reason = u"cgroup v2: our cgroup %1 also holds other processes, so it cannot pass the memory and pids "
                       "controllers on (start mrp in a cgroup of its own, e.g. systemd-run --user --scope -p Delegate=yes)"_s
                           .arg(own);
            return;
        }
        if (holdsUs) {
            if (!makeFolder(ours + u"/host"_s, &why) || !writeFile(ours + u"/host/cgroup.procs"_s, self, &why)) {
                m_reason = u"cgroup v2: "_s + why;
                return;
            }
            movedSelf = true;
        }
        if (!writeFile(own + u"/cgroup.subtree_control"_s, enable, &why)) {
            m_reason = u"cgroup v2: "_s + why;
            return;
        }
    }
    if (!writeFile(ours + u"/cgroup.subtree_control"_s, enable, &why)) {
        m_reason = u"cgroup v2: "_s + why;
        return;
    }
    m_folders = {ours};
    m_version = Version::V2;
    // This process lives in <ours>/host now: the folder stays until a later start sweeps it.
    m_removeFoldersAtEnd = !movedSelf;
}

// Folders mrp-<pid>-<start> in ownCgroup whose process is gone: their groups' processes are
// killed and the folders removed (one try each: what the kernel still holds waits for the next start).
void CgroupHost::sweepStale(const QString &ownCgroup)
{
    static const QRegularExpression name(u"^mrp-(\\d+)-(\\d+)$"_s);
    const QStringList entries = QDir(ownCgroup).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QRegularExpressionMatch m = name.match(entry);
        if (!m.hasMatch() || entry == m_tag)
            continue;
        if (processStartTime(m.captured(1).toLongLong()) == m.captured(2).toLatin1())
            continue; // a live mrp
        const QString folder = ownCgroup + u'/' + entry;
        bool removed = false;
        if (m_env.plainFiles) {
            removed = QDir(folder).removeRecursively();
        } else {
            const bool v2 = QFileInfo::exists(m_env.fsRoot + u"/cgroup.controllers"_s);
            const QStringList groups = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &g : groups)
                removeGroupFolder(folder + u'/' + g, v2, 5);
            removed = removeGroupFolder(folder, v2, 5);
        }
        if (removed) {
            m_swept.append(folder);
            qCInfo(lcCgroup).noquote() << "removed the cgroup" << folder << "of a process that is gone";
        }
    }
}
#else
bool CgroupHost::writeFile(const QString &, const QByteArray &, QString *) const { return false; }
void CgroupHost::setUpV1(const QByteArray &) {}
void CgroupHost::setUpV2(const QByteArray &) {}
void CgroupHost::sweepStale(const QString &) {}
#endif

std::shared_ptr<SandboxCgroup> CgroupHost::createGroup(const QString &name, const CgroupLimits &limits, QString *why)
{
    if (!usable()) {
        *why = m_reason;
        return nullptr;
    }
#if defined(Q_OS_LINUX)
    std::shared_ptr<SandboxCgroup> group(new SandboxCgroup);
    group->m_host = shared_from_this();
    group->m_name = name;
    group->m_limits = limits;
    group->m_version = m_version;
    group->m_plainFiles = m_env.plainFiles;
    QStringList made;
    auto undo = [&] {
        for (const QString &f : std::as_const(made))
            m_env.plainFiles ? void(QDir(f).removeRecursively()) : void(::rmdir(QFile::encodeName(f).constData()));
        return nullptr;
    };
    for (const QString &ours : std::as_const(m_folders)) {
        const QString folder = ours + u'/' + name;
        // Our own folder may have gone with an earlier host of this process: make it again.
        if (::mkdir(QFile::encodeName(folder).constData(), 0755) != 0
            && !(errno == ENOENT && makeFolder(ours, why) && ::mkdir(QFile::encodeName(folder).constData(), 0755) == 0)) {
            if (why->isEmpty())
                *why = u"%1 could not be made (%2)"_s.arg(folder, errorText(errno));
            return undo();
        }
        made.append(folder);
    }
    group->m_folders = made;
    const QByteArray memory = QByteArray::number(limits.memoryBytes);
    const QByteArray processes = QByteArray::number(limits.maxProcesses);
    if (m_version == Version::V2) {
        const QString f = made.at(0);
        if (limits.memoryBytes > 0) {
            if (!writeFile(f + u"/memory.max"_s, memory, why))
                return undo();
            // No swap: the budget is memory, not memory plus disk.
            if ((m_env.plainFiles || QFileInfo::exists(f + u"/memory.swap.max"_s))
                && !writeFile(f + u"/memory.swap.max"_s, "0", why))
                return undo();
        }
        if (limits.maxProcesses > 0 && !writeFile(f + u"/pids.max"_s, processes, why))
            return undo();
    } else {
        const QString mem = made.at(0);
        if (limits.memoryBytes > 0) {
            // memsw (memory + swap) may not be below the memory limit: that one first.
            if (!writeFile(mem + u"/memory.limit_in_bytes"_s, memory, why))
                return undo();
            if ((m_env.plainFiles || QFileInfo::exists(mem + u"/memory.memsw.limit_in_bytes"_s))
                && !writeFile(mem + u"/memory.memsw.limit_in_bytes"_s, memory, why))
                return undo();
        }
        if (limits.maxProcesses > 0 && !writeFile(made.at(1) + u"/pids.max"_s, processes, why))
            return undo();
    }
    return group;
#else
    Q_UNUSED(name);
    Q_UNUSED(limits);
    *why = m_reason;
    return nullptr;
#endif
}

SandboxCgroup::~SandboxCgroup()
{
#if defined(Q_OS_LINUX)
    const QStringList folders = m_folders;
    const bool v2 = m_version == CgroupHost::Version::V2;
    if (m_plainFiles) {
        for (const QString &f : folders)
            QDir(f).removeRecursively();
        return;
    }
    // The host goes with the last task: our folders are removed after the groups in them.
    QThreadPool *pool = s_removals();
    if (!pool) { // at exit, after the pool went: here and now
        for (const QString &f : folders)
            removeGroupFolder(f, v2, 250);
        return;
    }
    pool->start([folders, v2, host = std::move(m_host)]() mutable {
        for (const QString &f : folders)
            removeGroupFolder(f, v2, 250);
        host.reset();
    });
#endif
}

QStringList SandboxCgroup::procsFiles() const
{
    QStringList files;
    for (const QString &f : m_folders)
        files.append(f + u"/cgroup.procs"_s);
    return files;
}

qint64 SandboxCgroup::oomKills() const
{
#if defined(Q_OS_LINUX)
    if (m_folders.isEmpty())
        return 0;
    const bool v2 = m_version == CgroupHost::Version::V2;
    // v1: "oom_kill" in memory.oom_control (Linux >= 4.13); v2: memory.events.
    const QByteArray text = readSmall(m_folders.at(0) + (v2 ? u"/memory.events"_s : u"/memory.oom_control"_s));
    return qMax<qint64>(0, keyedValue(text, "oom_kill"));
#else
    return 0;
#endif
}

void SandboxCgroup::killAll() const
{
#if defined(Q_OS_LINUX)
    for (const QString &f : m_folders)
        killProcessesIn(f, m_version == CgroupHost::Version::V2);
#endif
}

} // namespace mrp
