// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "localcommand.h"

#include "runcontract.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <csignal>
#include <grp.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

QString inSandboxWorkDir(const LocalCommandSpec &spec)
{
    return spec.isolated ? u"/work"_s : spec.workDir;
}

QProcessEnvironment baseEnvironment(const LocalCommandSpec &spec)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    env.insert(u"HOME"_s, inSandboxWorkDir(spec));
    env.insert(u"TMPDIR"_s, spec.isolated ? u"/tmp"_s : QDir::tempPath());
    env.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
    if (!spec.sandboxId.isEmpty())
        env.insert(u"MRP_SANDBOX_ID"_s, spec.sandboxId);
    for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

#if defined(Q_OS_UNIX)
// Only plain values: the lambda runs in the child between fork and exec.
struct ChildLimits {
    rlim_t as = RLIM_INFINITY;
    rlim_t fsize = RLIM_INFINITY;
    rlim_t cpu = RLIM_INFINITY;
    rlim_t nofile = RLIM_INFINITY;
    rlim_t nproc = RLIM_INFINITY;
    bool setNproc = false;
    uid_t dropUid = 0;   // 0: no drop in the child
};

bool setLimit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit current;
    if (getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY) {
        hard = std::min(hard, current.rlim_max);
        soft = std::min(soft, hard);
    }
    const struct rlimit lim{soft, hard};
    return setrlimit(resource, &lim) == 0;
}
#endif

} // namespace

QStringList systemBindArguments()
{
    static const QStringList args = [] {
        QStringList a{u"--ro-bind"_s, u"/usr"_s, u"/usr"_s};
        for (const QString &path : {u"/bin"_s, u"/sbin"_s, u"/lib"_s, u"/lib32"_s, u"/lib64"_s, u"/libx32"_s}) {
            const QFileInfo fi(path);
            if (fi.isSymLink())
                a << u"--symlink"_s << fi.readSymLink() << path;
            else if (fi.isDir())
                a << u"--ro-bind"_s << path << path;
        }
        // The loader cache speeds up every start; the zone file keeps time.localtime() right.
        a << u"--ro-bind-try"_s << u"/etc/ld.so.cache"_s << u"/etc/ld.so.cache"_s
          << u"--ro-bind-try"_s << u"/etc/localtime"_s << u"/etc/localtime"_s;
        return a;
    }();
    return args;
}

LocalCommand buildLocalCommand(const LocalCommandSpec &spec)
{
    LocalCommand cmd;
    const QProcessEnvironment env = baseEnvironment(spec);
    if (!spec.isolated) {
        cmd.program = spec.argv.value(0);
        cmd.arguments = spec.argv.mid(1);
        cmd.environment = env;
        cmd.workingDirectory = spec.workDir;
        return cmd;
    }

    QStringList a;
    if (spec.dropToUid != 0) {
        // bubblewrap keeps real root for its mounts; no user namespace, so setpriv can drop to an
        // unprivileged uid whose RLIMIT_NPROC counts (root is exempt from it, also inside a userns).
        a << u"--unshare-ipc"_s << u"--unshare-pid"_s << u"--unshare-net"_s << u"--unshare-uts"_s
          << u"--unshare-cgroup-try"_s;
    } else {
        a << u"--unshare-all"_s << u"--cap-drop"_s << u"ALL"_s;
    }
    a << u"--die-with-parent"_s << u"--new-session"_s << u"--hostname"_s << u"mrp-sandbox"_s;
    a << systemBindArguments();
    a << u"--proc"_s << u"/proc"_s << u"--dev"_s << u"/dev"_s;
    if (spec.tmpSizeBytes > 0)
        a << u"--size"_s << QString::number(spec.tmpSizeBytes);
    a << u"--perms"_s << u"1777"_s << u"--tmpfs"_s << u"/tmp"_s;
    a << u"--bind"_s << spec.workDir << u"/work"_s;
    // The sandbox's root is a tmpfs bubblewrap made (mount points for /usr, /etc/...): as a normal
    // user the sandbox owns it and could fill memory through it. Read-only, only /work and /tmp stay writable.
    a << u"--remount-ro"_s << u"/"_s << u"--chdir"_s << u"/work"_s;
    a << u"--clearenv"_s;
    const QStringList keys = env.keys();
    for (const QString &k : keys)
        a << u"--setenv"_s << k << env.value(k);
    a << u"--"_s;
    if (spec.dropToUid != 0 && !spec.setprivPath.isEmpty()) {
        const QString id = QString::number(spec.dropToUid);
        a << spec.setprivPath << u"--reuid"_s << id << u"--regid"_s << id << u"--clear-groups"_s
          << u"--no-new-privs"_s << u"--bounding-set"_s << u"-all"_s << u"--inh-caps"_s << u"-all"_s
          << u"--"_s;
    } else if (spec.dropToUid == 0 && !spec.prlimitPath.isEmpty()) {
        const QString n = QString::number(spec.limits.maxProcesses);
        a << spec.prlimitPath << (u"--nproc="_s + n + u':' + n) << u"--"_s;
    }
    a << spec.argv;

    cmd.program = spec.bwrapPath;
    cmd.arguments = a;
    QProcessEnvironment bwrapEnv;
    bwrapEnv.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    bwrapEnv.insert(u"LANG"_s, u"C.UTF-8"_s);
    cmd.environment = bwrapEnv;
    cmd.workingDirectory = spec.workDir;
    return cmd;
}

void applyChildSetup(QProcess *process, const LocalCommandSpec &spec)
{
#if defined(Q_OS_UNIX)
    ChildLimits l;
    auto clamp = [](qint64 v) { return v > 0 ? rlim_t(v) : RLIM_INFINITY; };
    l.as = clamp(spec.limits.memoryBytes);
    l.fsize = clamp(spec.limits.fileSizeBytes);
    l.cpu = clamp(spec.limits.cpuSeconds);
    l.nofile = clamp(spec.limits.maxOpenFiles);
    l.nproc = clamp(spec.limits.maxProcesses);
    // RLIMIT_NPROC counts every process of the real uid: set it only where that uid is private
    // to this sandbox (we drop to a per-sandbox uid); a desktop user's own uid would count the
    // whole session. Non-root isolated commands get it inside their user namespace (prlimit).
    l.setNproc = spec.dropToUid != 0;
    l.dropUid = spec.isolated ? 0 : uid_t(spec.dropToUid);

    process->setChildProcessModifier([process, l] {
        if (!setLimit(RLIMIT_AS, l.as, l.as) || !setLimit(RLIMIT_FSIZE, l.fsize, l.fsize)
            || !setLimit(RLIMIT_CPU, l.cpu, l.cpu == RLIM_INFINITY ? l.cpu : l.cpu + 2)
            || !setLimit(RLIMIT_NOFILE, l.nofile, l.nofile) || !setLimit(RLIMIT_CORE, 0, 0)) {
            process->failChildProcessModifier("setrlimit", errno);
        }
        if (l.setNproc && !setLimit(RLIMIT_NPROC, l.nproc, l.nproc))
            process->failChildProcessModifier("setrlimit(RLIMIT_NPROC)", errno);
        if (l.dropUid != 0) {
            if (setgroups(0, nullptr) != 0 || setgid(gid_t(l.dropUid)) != 0 || setuid(l.dropUid) != 0)
                process->failChildProcessModifier("drop privileges", errno);
        }
    });
    QProcess::UnixProcessParameters params;
    params.flags = QProcess::UnixProcessFlag::ResetSignalHandlers
                   | QProcess::UnixProcessFlag::CreateNewSession
                   | QProcess::UnixProcessFlag::CloseFileDescriptors
                   | QProcess::UnixProcessFlag::DisconnectControllingTerminal;
    process->setUnixProcessParameters(params);
#elif defined(Q_OS_WIN)
    // TODO(#4): put the child in a Job Object: CreateJobObject, SetInformationJobObject with
    // JOBOBJECT_EXTENDED_LIMIT_INFORMATION (JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    // JOB_OBJECT_LIMIT_ACTIVE_PROCESS, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE), then
    // AssignProcessToJobObject from setCreateProcessArgumentsModifier (CREATE_SUSPENDED) so the
    // timeout kill reaches every descendant. Until then only the timeout is enforced.
    Q_UNUSED(process);
    Q_UNUSED(spec);
#else
    Q_UNUSED(process);
    Q_UNUSED(spec);
#endif
}

void killProcessGroup(qint64 pid)
{
#if defined(Q_OS_UNIX)
    if (pid > 0) {
        ::kill(-pid_t(pid), SIGKILL);
        ::kill(pid_t(pid), SIGKILL);
    }
#else
    Q_UNUSED(pid);
#endif
}

int killStrays(const QString &sandboxId)
{
    int killed = 0;
#if defined(Q_OS_LINUX)
    if (sandboxId.isEmpty())
        return 0;
    const QByteArray needle = "MRP_SANDBOX_ID=" + sandboxId.toUtf8() + '\0';
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const int pid = e.toInt(&ok);
        if (!ok || pid == int(::getpid()))
            continue;
        QFile env(u"/proc/%1/environ"_s.arg(pid));
        if (env.open(QIODevice::ReadOnly) && env.readAll().contains(needle)) {
            ::kill(pid, SIGKILL);
            ++killed;
        }
    }
#else
    Q_UNUSED(sandboxId);
#endif
    return killed;
}

LocalExitInfo interpretExit(int code, bool crashed, bool isolated)
{
    LocalExitInfo info;
    if (crashed) {
        info.signal = code;
        return info;
    }
    if (isolated && code > 128 && code <= 128 + 64) {
        info.signal = code - 128;
        return info;
    }
    info.exitCode = code;
    return info;
}

ErrorClass classifyLocalExit(const LocalExitInfo &info)
{
    if (info.signal == 0)
        return runcontract::classifyExitCode(info.exitCode);
#if defined(Q_OS_UNIX)
    if (info.signal == SIGXCPU)
        return ErrorClass::Timeout;
    if (info.signal == SIGKILL)
        return ErrorClass::OutOfMemory;
#endif
    return ErrorClass::Killed;
}

} // namespace mrp
