// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "local/localcommand.h"

#include "sandbox/runcontract.h"

#include <QByteArrayList>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <csignal>
#include <grp.h>
#include <sys/resource.h>
#ifdef Q_OS_LINUX
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#endif
#include <unistd.h>
#elif defined(Q_OS_WIN)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <tlhelp32.h>
#endif

Q_LOGGING_CATEGORY(lcLocalCommand, "mrp.services.localcommand")

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::LocalBackend)
};

QString inSandboxWorkDir(const LocalCommandSpec &spec)
{
    return spec.isolated ? u"/work"_s : spec.workDir;
}

#if defined(Q_OS_UNIX)
// Only plain values: the lambda runs in the child between fork and exec.
#ifdef Q_OS_LINUX
// The memfd holding bubblewrap's options while its process starts, owned by the QProcess.
class BwrapOptionsFd : public QObject
{
public:
    explicit BwrapOptionsFd(QObject *parent) : QObject(parent) { setObjectName(name()); }
    static QString name() { return u"mrp-bwrap-options"_s; }
    ~BwrapOptionsFd() override
    {
        if (fd >= 0)
            ::close(fd);
    }
    int fd = -1;
};
#endif

struct ChildLimits {
    rlim_t as = RLIM_INFINITY;
    rlim_t fsize = RLIM_INFINITY;
    rlim_t cpu = RLIM_INFINITY;
    rlim_t nofile = RLIM_INFINITY;
    rlim_t nproc = RLIM_INFINITY;
    bool setNproc = false;
    uid_t dropUid = 0;   // 0: no drop in the child
    int niceness = 0;
};

// Enters the cgroup whose cgroup.procs is path: "0" names the writing process. Between fork
// and exec: open, write and close only.
bool enterCgroup(const char *path)
{
#ifdef Q_OS_LINUX
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, "0", 1) == 1;
    const int error = errno;
    ::close(fd);
    errno = error;
    return ok;
#else
    Q_UNUSED(path);
    errno = ENOSYS;
    return false;
#endif
}

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
#elif defined(Q_OS_WIN)
// The exit code of a job we terminate: the one QProcess::kill() uses, so QProcess reports a
// crash exit either way.
constexpr UINT KilledExitCode = 0xf291;

// Owns one process's Job Object; a child of the QProcess, so it goes when the process object
// goes, and closing the last handle kills whatever is still in the job.
class JobHolder : public QObject
{
public:
    JobHolder(HANDLE job, QObject *parent)
        : QObject(parent)
        , handle(job)
    {
        setObjectName(u"mrp-job-object"_s);
    }
    ~JobHolder() override { ::CloseHandle(handle); }
    HANDLE handle;
};

HANDLE createJob(const LocalLimits &limits)
{
    HANDLE job = ::CreateJobObjectW(nullptr, nullptr);
    if (!job)
        return nullptr;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
    DWORD &flags = info.BasicLimitInformation.LimitFlags;
    // No breakaway: every descendant stays in the job. No error dialog may keep it alive.
    flags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    if (limits.memoryBytes > 0) {
        flags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY; // committed memory per process
        info.ProcessMemoryLimit = SIZE_T(limits.memoryBytes);
    }
    if (limits.maxProcesses > 0) {
        flags |= JOB_OBJECT_LIMIT_ACTIVE_PROCESS; // processes, not threads (unlike RLIMIT_NPROC)
        info.BasicLimitInformation.ActiveProcessLimit = DWORD(limits.maxProcesses);
    }
    if (limits.cpuSeconds > 0) {
        // User-mode CPU time of the whole job; the system then ends every process in it with
        // ERROR_NOT_ENOUGH_QUOTA (classified as Timeout).
        flags |= JOB_OBJECT_LIMIT_JOB_TIME;
        info.BasicLimitInformation.PerJobUserTimeLimit.QuadPart = LONGLONG(limits.cpuSeconds) * 10000000;
    }
    if (!::SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)) {
        ::CloseHandle(job);
        return nullptr;
    }
    return job;
}

// Puts the suspended child into the job, then lets its first thread run. A child that cannot
// be put into the job is killed: it would run without limits, and its descendants would
// survive a timeout.
void adoptSuspendedProcess(HANDLE job, QProcess *child)
{
    const DWORD pid = DWORD(child->processId());
    if (pid == 0)
        return;
    HANDLE process = ::OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE | SYNCHRONIZE, FALSE, pid);
    if (!process) {
        qCWarning(lcLocalCommand) << "OpenProcess failed for" << pid << "error" << ::GetLastError() << "; killing it";
        child->kill();
        return;
    }
    if (!::AssignProcessToJobObject(job, process)) {
        qCWarning(lcLocalCommand) << "AssignProcessToJobObject failed for" << pid << "error" << ::GetLastError()
                                  << "; killing it";
        ::TerminateProcess(process, KilledExitCode);
        ::CloseHandle(process);
        return;
    }
    ::CloseHandle(process);
    // A process created suspended has exactly one thread.
    HANDLE snapshot = ::CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snapshot == INVALID_HANDLE_VALUE) {
        qCWarning(lcLocalCommand) << "CreateToolhelp32Snapshot failed; terminating the job of" << pid;
        ::TerminateJobObject(job, KilledExitCode);
        return;
    }
    THREADENTRY32 entry{};
    entry.dwSize = sizeof entry;
    bool resumed = false;
    for (BOOL more = ::Thread32First(snapshot, &entry); more; more = ::Thread32Next(snapshot, &entry)) {
        if (entry.th32OwnerProcessID != pid)
            continue;
        if (HANDLE thread = ::OpenThread(THREAD_SUSPEND_RESUME, FALSE, entry.th32ThreadID)) {
            resumed = ::ResumeThread(thread) != DWORD(-1) || resumed;
            ::CloseHandle(thread);
        }
    }
    ::CloseHandle(snapshot);
    if (!resumed) {
        qCWarning(lcLocalCommand) << "could not resume the first thread of" << pid << "; terminating its job";
        ::TerminateJobObject(job, KilledExitCode);
    }
}
#endif

} // namespace

LocalHostOs currentHostOs()
{
#if defined(Q_OS_WIN)
    return LocalHostOs::Windows;
#elif defined(Q_OS_MACOS)
    return LocalHostOs::MacOS;
#else
    return LocalHostOs::Linux;
#endif
}

QProcessEnvironment localBaseEnvironment(const LocalCommandSpec &spec, LocalHostOs os, const QProcessEnvironment &host)
{
    QProcessEnvironment env;
    const bool windows = !spec.isolated && os == LocalHostOs::Windows;
    if (spec.isolated || os == LocalHostOs::Linux)
        env.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    else if (os == LocalHostOs::MacOS)
        env.insert(u"PATH"_s, u"/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    env.insert(u"HOME"_s, inSandboxWorkDir(spec));
    const QString tmp = spec.isolated ? u"/tmp"_s : QDir::toNativeSeparators(QDir::tempPath());
    env.insert(u"TMPDIR"_s, tmp);
    env.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
    if (windows) {
        // Programs do not start without these (Python needs SystemRoot for its DLLs and random
        // numbers); PATH is the host's: there is no standard folder for python.exe.
        for (const QString &k : {u"SystemRoot"_s, u"windir"_s, u"SystemDrive"_s, u"COMSPEC"_s, u"PATHEXT"_s,
                                 u"PATH"_s, u"PROCESSOR_ARCHITECTURE"_s, u"NUMBER_OF_PROCESSORS"_s, u"OS"_s}) {
            if (host.contains(k))
                env.insert(k, host.value(k));
        }
        if (!env.contains(u"SystemRoot"_s))
            env.insert(u"SystemRoot"_s, u"C:\\Windows"_s);
        if (!env.contains(u"PATHEXT"_s))
            env.insert(u"PATHEXT"_s, u".COM;.EXE;.BAT;.CMD"_s);
        env.insert(u"TEMP"_s, tmp);
        env.insert(u"TMP"_s, tmp);
        env.insert(u"PYTHONUTF8"_s, u"1"_s); // the runner's files are UTF-8 whatever the code page
    }
    if (!spec.sandboxId.isEmpty())
        env.insert(u"MRP_SANDBOX_ID"_s, spec.sandboxId);
    for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

bool sandboxNeedsIsolation(const SandboxSpec &spec)
{
    return spec.networkBlockAll || !spec.egressAllowlist.isEmpty();
}

QString unisolatedRefusal(const SandboxSpec &spec, bool isolated, bool allowUnisolated, const QString &why)
{
    if (isolated || allowUnisolated || !sandboxNeedsIsolation(spec))
        return {};
    return Tr::tr("Refusing to run unisolated: the profile cuts the sandboxes off the network, and the local "
                  "backend cannot isolate commands on this machine (%1). Install bubblewrap (Linux), use the "
                  "cloud_sandbox backend, or allow unisolated runs explicitly: mrp run --allow-unisolated, "
                  "or MRP_ALLOW_UNISOLATED=1 in the environment.")
        .arg(why);
}

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
    const QProcessEnvironment env = localBaseEnvironment(spec, currentHostOs(), QProcessEnvironment::systemEnvironment());
    if (!spec.isolated) {
        cmd.program = spec.argv.value(0);
        cmd.arguments = spec.argv.mid(1);
        cmd.environment = env;
        cmd.workingDirectory = spec.workDir;
        return cmd;
    }

    QStringList a;
    // As a normal user, and as root once the child dropped to the sandbox's uid (applyChildSetup),
    // bubblewrap isolates in a user namespace of the caller's uid, where it keeps no capability
    // and sets no_new_privs.
    a << u"--unshare-all"_s << u"--cap-drop"_s << u"ALL"_s;
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
    // Only the command stays on bubblewrap's command line (bubblewrap wants it there): the
    // options above, host paths among them, go through file descriptor 3, which bubblewrap
    // closes once read; stdin stays the null device (no shell in between to reopen it).
    for (const QString &arg : std::as_const(a))
        cmd.bwrapOptions += arg.toUtf8() + '\0';
    a = {u"--args"_s, u"3"_s, u"--"_s};
    if (spec.dropToUid == 0 && !spec.prlimitPath.isEmpty()) {
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

void startLocalCommand(QProcess *process, const LocalCommand &cmd)
{
    process->setProgram(cmd.program);
    process->setArguments(cmd.arguments);
    process->setProcessEnvironment(cmd.environment);
    process->setWorkingDirectory(cmd.workingDirectory);
    process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    auto *options = static_cast<BwrapOptionsFd *>(process->findChild<QObject *>(BwrapOptionsFd::name(), Qt::FindDirectChildrenOnly));
    if (!cmd.bwrapOptions.isEmpty()) {
        // A memfd the child puts at fd 3 (applyChildSetup); ours is closed once it has started.
        const int fd = ::memfd_create("mrp-bwrap-options", MFD_CLOEXEC);
        bool written = fd >= 0;
        for (qsizetype at = 0; written && at < cmd.bwrapOptions.size();) {
            const ssize_t n = ::write(fd, cmd.bwrapOptions.constData() + at, size_t(cmd.bwrapOptions.size() - at));
            if (n < 0 && errno == EINTR)
                continue;
            written = n > 0;
            at += n > 0 ? n : 0;
        }
        if (!written || !options || ::lseek(fd, 0, SEEK_SET) != 0) {
            qCWarning(lcLocalCommand) << "cannot hand bubblewrap its options:" << ::strerror(errno);
            if (fd >= 0)
                ::close(fd);
            // Started without them, bubblewrap fails at once with its usage: the attempt fails.
        } else {
            options->fd = fd;
        }
    }
    process->start();
    if (options && options->fd >= 0) {
        ::close(options->fd);
        options->fd = -1;
    }
#else
    process->start();
#endif
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
    // Isolated, two processes of that uid are bubblewrap's own (the outer one and the sandbox's
    // init): the command keeps the whole budget.
    l.setNproc = spec.dropToUid != 0;
    if (l.setNproc && spec.isolated && l.nproc != RLIM_INFINITY)
        l.nproc += 2;
    l.dropUid = uid_t(spec.dropToUid);
    l.niceness = spec.niceness;

    QByteArrayList cgroupProcs;
    for (const QString &f : spec.cgroupProcsFiles)
        cgroupProcs.append(QFile::encodeName(f));

#ifdef Q_OS_LINUX
    // Bubblewrap's options travel on fd 3 (startLocalCommand); nothing else of ours does.
    auto *options = new BwrapOptionsFd(process);
#endif
    process->setChildProcessModifier([process, l, cgroupProcs
#ifdef Q_OS_LINUX
                                      , options
#endif
    ] {
#ifdef Q_OS_LINUX
        if (options->fd >= 0 ? ::dup2(options->fd, 3) != 3 : (::close(3) != 0 && errno != EBADF))
            process->failChildProcessModifier("handing bubblewrap its options", errno);
#endif
        for (const QByteArray &procs : cgroupProcs) {
            if (!enterCgroup(procs.constData()))
                process->failChildProcessModifier("entering the sandbox's cgroup", errno);
        }
        if (!setLimit(RLIMIT_AS, l.as, l.as) || !setLimit(RLIMIT_FSIZE, l.fsize, l.fsize)
            || !setLimit(RLIMIT_CPU, l.cpu, l.cpu == RLIM_INFINITY ? l.cpu : l.cpu + 2)
            || !setLimit(RLIMIT_NOFILE, l.nofile, l.nofile) || !setLimit(RLIMIT_CORE, 0, 0)) {
            process->failChildProcessModifier("setrlimit", errno);
        }
        if (l.setNproc && !setLimit(RLIMIT_NPROC, l.nproc, l.nproc))
            process->failChildProcessModifier("setrlimit(RLIMIT_NPROC)", errno);
        // A courtesy, not a limit: where it cannot be set (a user already running nicer
        // than this without the right to go back) the command runs as it is.
        if (l.niceness > 0 && ::getpriority(PRIO_PROCESS, 0) < l.niceness)
            (void)::setpriority(PRIO_PROCESS, 0, l.niceness);
        if (l.dropUid != 0) {
            // Raw system calls: the C library's setuid() would try to change the credentials
            // of every thread it knows, and in a vfork child those are the parent's.
#ifdef Q_OS_LINUX
            if (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setgid, gid_t(l.dropUid)) != 0
                || ::syscall(SYS_setuid, l.dropUid) != 0)
#else
            if (setgroups(0, nullptr) != 0 || setgid(gid_t(l.dropUid)) != 0 || setuid(l.dropUid) != 0)
#endif
                process->failChildProcessModifier("drop privileges", errno);
        }
    });
    QProcess::UnixProcessParameters params;
    // UseVFork: the parent waits until the child has exec'd. With a plain fork the child first
    // waits for the parent's go-ahead; a parent killed (kill -9) at that moment left a copy of
    // itself blocked forever, holding the run's files. The modifier above is vfork-safe
    // (setrlimit, setpriority and raw system calls only).
    params.flags = QProcess::UnixProcessFlag::ResetSignalHandlers
                   | QProcess::UnixProcessFlag::CreateNewSession
                   | QProcess::UnixProcessFlag::CloseFileDescriptors
                   | QProcess::UnixProcessFlag::DisconnectControllingTerminal
                   | QProcess::UnixProcessFlag::UseVFork;
#ifdef Q_OS_LINUX
    params.lowestFileDescriptorToClose = 4;   // 3: bubblewrap's options, or closed above
#endif
    process->setUnixProcessParameters(params);
#elif defined(Q_OS_WIN)
    HANDLE job = createJob(spec.limits);
    if (!job) {
        qCWarning(lcLocalCommand) << "CreateJobObject/SetInformationJobObject failed (error" << ::GetLastError()
                                  << "): the command runs without memory and process limits";
        return;
    }
    auto *holder = new JobHolder(job, process);
    process->setCreateProcessArgumentsModifier([](QProcess::CreateProcessArguments *args) {
        args->flags |= CREATE_SUSPENDED;
    });
    // QProcess emits started() from start(), while the child's first thread is still suspended.
    QObject::connect(process, &QProcess::started, holder, [process, holder] {
        adoptSuspendedProcess(holder->handle, process);
    }, Qt::DirectConnection);
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

void killProcessTree(QProcess *process, qint64 pid)
{
    if (!process)
        return;
#if defined(Q_OS_WIN)
    Q_UNUSED(pid);
    if (auto *holder = static_cast<JobHolder *>(process->findChild<QObject *>(u"mrp-job-object"_s,
                                                                             Qt::FindDirectChildrenOnly))) {
        ::TerminateJobObject(holder->handle, KilledExitCode);
        return;
    }
    if (process->state() != QProcess::NotRunning)
        process->kill();
#else
    killProcessGroup(pid > 0 ? pid : process->processId());
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
    if (info.signal == 0) {
#if defined(Q_OS_WIN)
        if (info.exitCode == ERROR_NOT_ENOUGH_QUOTA) // the Job Object's CPU time limit
            return ErrorClass::Timeout;
#endif
        return runcontract::classifyExitCode(info.exitCode);
    }
#if defined(Q_OS_UNIX)
    if (info.signal == SIGXCPU)
        return ErrorClass::Timeout;
    if (info.signal == SIGKILL)
        return ErrorClass::OutOfMemory;
#endif
    return ErrorClass::Killed;
}

} // namespace mrp
