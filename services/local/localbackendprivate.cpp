// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "local/localbackend_p.h"

#include <QStandardPaths>
#include <QUuid>

Q_LOGGING_CATEGORY(lcLocal, "mrp.services.local")

using namespace Qt::StringLiterals;

namespace mrp {

void LocalBackend::Private::detectIsolation()
{
    root = runningAsRoot();
    dropUids = root && options.dropPrivilegesAsRoot && pathTraversableByOthers(baseDir);
    Isolation mode = options.isolation;
    const QByteArray env = qgetenv("MRP_LOCAL_ISOLATION").trimmed().toLower();
    if (mode == Isolation::Auto && (env == "none" || env == "off" || env == "0"))
        mode = Isolation::None;
    else if (mode == Isolation::Auto && (env == "bwrap" || env == "bubblewrap"))
        mode = Isolation::Bubblewrap;
    // Turning isolation off is itself the explicit choice to run unisolated.
    allowUnisolated = mode == Isolation::None || options.allowUnisolated
                      || qEnvironmentVariableIntValue("MRP_ALLOW_UNISOLATED") == 1;

#if defined(Q_OS_LINUX)
    if (mode != Isolation::None) {
        bwrapPath = options.bwrapPath.isEmpty() ? QStandardPaths::findExecutable(u"bwrap"_s) : options.bwrapPath;
        wantBwrap = !bwrapPath.isEmpty() || mode == Isolation::Bubblewrap;
        requireBwrap = mode == Isolation::Bubblewrap;
    }
    prlimitPath = QStandardPaths::findExecutable(u"prlimit"_s, {u"/usr/bin"_s, u"/bin"_s});
    if (options.sandboxCgroups)
        cgroups = CgroupHost::instance();
#endif
    if (wantBwrap) {
        isolated = true;  // until the probe says otherwise
        probe = Probe::NotStarted;
        description = u"bubblewrap: no network, read-only system, private /tmp and /proc, "
                      "the work folder the only writable place (its total held to the disk limit)"_s;
        if (root && options.dropPrivilegesAsRoot && !dropUids)
            qCWarning(lcLocal) << "the sandboxes' folder" << baseDir << "is not reachable by other users: sandboxed "
                                  "commands run as root in a user namespace; the process limit is not enforced";
        if (!root && prlimitPath.isEmpty())
            qCWarning(lcLocal) << "prlimit not found: the per-sandbox process limit is not enforced";
        return;
    }
    isolated = false;
    probe = Probe::NotNeeded;
#if defined(Q_OS_LINUX)
    description = mode == Isolation::None ? u"unisolated: isolation turned off (MRP_LOCAL_ISOLATION=none or the backend options)"_s
                                          : u"unisolated: bubblewrap not found"_s;
#elif defined(Q_OS_WIN)
    description = u"unisolated: no sandbox on Windows (a Job Object limits memory, processes and CPU time "
                  "and kills the process tree; files and network are not fenced)"_s;
#elif defined(Q_OS_MACOS)
    description = u"unisolated: no sandbox on macOS (rlimits on CPU time, file size and open files; the "
                  "process group is killed on timeout; files and network are not fenced)"_s;
#else
    description = u"unisolated: no sandbox on this platform"_s;
#endif
    qCWarning(lcLocal).noquote() << "local sandboxes run UNISOLATED (" << fullDescription(0)
                                 << "): operators can read your files and use the network; only limits and timeouts apply";
}

QString LocalBackend::Private::limitsNote(qint64 memoryBytes) const
{
#if defined(Q_OS_LINUX)
    if (cgroups && cgroups->usable()) {
        const QString memory = memoryBytes > 0
            ? u"memory %1 GiB"_s.arg(QString::number(double(memoryBytes) / double(1ll << 30), 'g', 4))
            : u"memory (memory_gib)"_s;
        return u"%1 and %2 processes for the sandbox as a whole (%3); CPU time limited per process"_s
            .arg(memory)
            .arg(options.maxProcesses)
            .arg(cgroups->versionName());
    }
    const QString why = cgroups ? cgroups->unavailableReason() : u"sandbox cgroups turned off in the backend options"_s;
    return (isolated ? u"processes counted per sandbox; "_s : QString())
           + u"memory and CPU time limited per process, not for the sandbox as a whole (%1)"_s.arg(why);
#else
    Q_UNUSED(memoryBytes);
    return {};
#endif
}

QString LocalBackend::Private::fullDescription(qint64 memoryBytes) const
{
    const QString note = limitsNote(memoryBytes);
    return note.isEmpty() ? description : description + u"; "_s + note;
}

CgroupLimits LocalBackend::Private::cgroupLimits(const LocalCommandSpec &spec) const
{
    CgroupLimits l;
    l.memoryBytes = spec.limits.memoryBytes;
    // Bubblewrap's own two processes (the outer one and the pid namespace's init) count too.
    l.maxProcesses = spec.limits.maxProcesses + (spec.isolated ? 2 : 0);
    return l;
}

void LocalBackend::Private::whenProbed(std::function<void()> fn)
{
    switch (probe) {
    case Probe::NotNeeded:
    case Probe::Ok:
    case Probe::Failed:
        fn();
        return;
    case Probe::NotStarted:
        probeWaiters.append(std::move(fn));
        startProbe(options.tmpSizeBytes > 0);
        return;
    case Probe::Running:
        probeWaiters.append(std::move(fn));
        return;
    }
}

// One `true` inside a real sandbox before the first create: bubblewrap may be installed but
// unusable (user namespaces disabled, AppArmor restrictions), and we must know before we claim
// isolation.
void LocalBackend::Private::startProbe(bool withSize)
{
    probe = Probe::Running;
    tmpSizeSupported = withSize;
    const QString dir = baseDir + u"/.probe-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    LocalSandboxMeta meta;
    meta.root = dir;
    meta.uid = sandboxUid();
    LocalSandboxMeta tmp = meta;
    tmp.id = u"local-00000000-0000-0000-0000-000000000000"_s;
    if (const SandboxError err = localfiles::createSandbox(tmp); !err.ok()) {
        probeDone(false, err.message);
        return;
    }
    ExecRequest req;
    req.argv = {u"true"_s};
    LocalCommandSpec spec = commandSpec(tmp, req);
    const LocalCommand cmd = buildLocalCommand(spec);
    auto *p = new QProcess(q);
    probeProcess = p;
    applyChildSetup(p, spec);
    auto *guard = new QTimer(p);
    guard->setSingleShot(true);
    QObject::connect(guard, &QTimer::timeout, q, [p] { killProcessTree(p); });
    auto done = [this, p, tmp, withSize](bool ok, const QString &why) {
        if (probeProcess != p)
            return;
        probeProcess = nullptr;
        p->disconnect(q);
        localfiles::remove(tmp);
        p->deleteLater();
        if (!ok && withSize && why.contains(u"--size"_s)) {
            qCInfo(lcLocal) << "bubblewrap has no --size; the sandbox /tmp is not size-limited";
            startProbe(false);
            return;
        }
        probeDone(ok, why);
    };
    QObject::connect(p, &QProcess::finished, q, [p, done](int code, QProcess::ExitStatus st) {
        const QString err = QString::fromLocal8Bit(p->readAllStandardError()).trimmed();
        done(st == QProcess::NormalExit && code == 0, err.isEmpty() ? u"exit code %1"_s.arg(code) : err);
    });
    QObject::connect(p, &QProcess::errorOccurred, q, [p, done](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            done(false, p->errorString());
    });
    guard->start(10000);
    startLocalCommand(p, cmd);
}

void LocalBackend::Private::probeDone(bool ok, const QString &error)
{
    if (ok) {
        probe = Probe::Ok;
        qCInfo(lcLocal).noquote() << "local sandboxes isolated with" << bwrapPath;
    } else {
        probe = Probe::Failed;
        probeError = error;
        if (!requireBwrap) {
            isolated = false;
            description = u"unisolated: bubblewrap does not work here (%1)"_s.arg(error);
            qCWarning(lcLocal).noquote() << "local sandboxes run UNISOLATED:" << fullDescription(0);
        } else {
            qCWarning(lcLocal).noquote() << "bubblewrap does not work here:" << error;
        }
    }
    const auto waiters = std::exchange(probeWaiters, {});
    for (const auto &fn : waiters)
        fn();
}

SandboxError LocalBackend::Private::refusal(const SandboxSpec &spec) const
{
    if (requireBwrap && probe == Probe::Failed)
        return makeError(ErrorClass::Infrastructure,
                         tr("Bubblewrap does not work on this machine, and this profile requires isolation. Install "
                            "bubblewrap or allow unprivileged user namespaces."),
                         probeError);
    // The reason only, not the limits note.
    const QString why = description.startsWith(u"unisolated: "_s) ? description.mid(12) : description;
    const QString refused = unisolatedRefusal(spec, isolated, allowUnisolated, why);
    if (!refused.isEmpty())
        return makeError(ErrorClass::PolicyRefused, refused, fullDescription(0));
    return {};
}

const LocalSandboxMeta *LocalBackend::Private::lookup(const QString &id)
{
    auto it = sandboxes.constFind(id);
    if (it != sandboxes.cend())
        return &it.value();
    LocalSandboxMeta meta;
    if (!localfiles::readMeta(baseDir, id, &meta))
        return nullptr;
    return &sandboxes.insert(id, meta).value();
}

int LocalBackend::Private::runningIn(const QString &sandboxId) const
{
    int n = 0;
    for (const Exec *e : execs)
        n += e->sandboxId == sandboxId ? 1 : 0;
    return n;
}

void LocalBackend::Private::whenIdle(const QString &sandboxId, std::function<void()> fn)
{
    if (runningIn(sandboxId) == 0)
        fn();
    else
        idleWaiters[sandboxId].append(std::move(fn));
}

LocalCommandSpec LocalBackend::Private::commandSpec(const LocalSandboxMeta &meta, const ExecRequest &request) const
{
    LocalCommandSpec spec;
    spec.sandboxId = meta.id;
    spec.workDir = meta.workDir();
    spec.argv = request.argv;
    spec.env = request.env;
    spec.isolated = isolated;
    spec.bwrapPath = bwrapPath;
    spec.tmpSizeBytes = tmpSizeSupported ? options.tmpSizeBytes : 0;
    spec.dropToUid = meta.uid;
    spec.prlimitPath = root ? QString() : prlimitPath;
    spec.limits.memoryBytes = options.memoryBytes > 0 ? options.memoryBytes : meta.memoryBytes;
    spec.limits.fileSizeBytes = options.fileSizeBytes > 0 ? options.fileSizeBytes : meta.fileSizeBytes;
    spec.limits.cpuSeconds = qMax(1, request.timeoutSec) * qMax(1, meta.cpu) + options.cpuSecondsSlack;
    spec.limits.maxProcesses = options.maxProcesses;
    spec.limits.maxOpenFiles = options.maxOpenFiles;
    spec.niceness = qBound(0, options.niceness, 19);
    return spec;
}

void LocalBackend::Private::startExec(const std::shared_ptr<Op<Outcome<ExecResult>>> &op,
                                      const QString &sandboxId, const ExecRequest &request)
{
    if (op->done)
        return;  // cancelled while waiting for the probe
    if (shuttingDown) {
        op->cancelOp();
        return;
    }
    const LocalSandboxMeta *meta = lookup(sandboxId);
    if (!meta) {
        op->finish({{}, unknownSandbox(sandboxId)});
        return;
    }
    if (requireBwrap && probe == Probe::Failed) {
        op->finish({{}, makeError(ErrorClass::Infrastructure,
                                  tr("Bubblewrap does not work on this machine, and this profile requires isolation."),
                                  probeError)});
        return;
    }
    if (request.argv.isEmpty()) {
        op->finish({{}, makeError(ErrorClass::Infrastructure, tr("Nothing to run: the command is empty."))});
        return;
    }
    LocalCommandSpec spec = commandSpec(*meta, request);
    const qint64 budget = diskBudget(*meta);
    if (budget > 0)
        spec.limits.fileSizeBytes = qMin(spec.limits.fileSizeBytes, budget);
    // The sandbox's budget: one cgroup from its first command until it is destroyed.
    std::shared_ptr<SandboxCgroup> group;
    if (cgroups && cgroups->usable()) {
        group = groups.value(sandboxId);
        if (!group) {
            QString why;
            // A serial in the name: the folder of a previous group may still be on its way out.
            group = cgroups->createGroup(u"%1.%2"_s.arg(sandboxId).arg(++nextOpId), cgroupLimits(spec), &why);
            if (!group) {
                op->finish({{}, makeError(ErrorClass::Infrastructure,
                                          tr("The sandbox's memory and process budget (a cgroup) could not be made."), why)});
                return;
            }
            groups.insert(sandboxId, group);
        }
        spec.cgroupProcsFiles = group->procsFiles();
    }
    const LocalCommand cmd = buildLocalCommand(spec);

    auto *e = new Exec;
    e->cgroup = group;
    e->oomKillsAtStart = group ? group->oomKills() : 0;
    e->workDir = meta->workDir();
    e->diskBudget = budget;
    e->opId = ++nextOpId;
    e->sandboxId = sandboxId;
    e->op = op;
    e->cap = qMax<qint64>(0, request.outputCapBytes);
    e->isolated = spec.isolated;
    e->process = new QProcess(q);
    applyChildSetup(e->process, spec);
    execs.insert(e->opId, e);

    QObject::connect(e->process, &QProcess::started, q, [e] { e->pid = e->process->processId(); });
    QObject::connect(e->process, &QProcess::readyReadStandardOutput, q, [this, e] { readOutput(e, 1); });
    QObject::connect(e->process, &QProcess::readyReadStandardError, q, [this, e] { readOutput(e, 2); });
    QObject::connect(e->process, &QProcess::finished, q,
                     [this, e](int code, QProcess::ExitStatus st) { onFinished(e, code, st); });
    QObject::connect(e->process, &QProcess::errorOccurred, q, [this, e](QProcess::ProcessError err) {
        if (err == QProcess::FailedToStart)
            onStartFailed(e);
    });
    e->timeout = new QTimer(e->process);
    e->timeout->setSingleShot(true);
    QObject::connect(e->timeout, &QTimer::timeout, q, [this, e] {
        e->timedOut = true;
        qCInfo(lcLocal) << "exec in" << e->sandboxId << "timed out; killing its process group";
        kill(e);
    });
    if (e->diskBudget > 0 || e->cgroup) {
        e->watchTimer = new QTimer(e->process);
        QObject::connect(e->watchTimer, &QTimer::timeout, q, [this, e] { watch(e); });
        e->watchTimer->start(qMax(10, options.diskCheckMs));
    }
    e->clock.start();
    e->timeout->start(qMax(1, request.timeoutSec) * 1000);
    startLocalCommand(e->process, cmd);
}

void LocalBackend::Private::kill(Exec *e)
{
    // started() may not have been delivered yet under load; the pid is known right after fork.
    if (e->pid <= 0)
        e->pid = e->process->processId();
    killProcessTree(e->process, e->pid); // process group (POSIX) or Job Object (Windows)
    if (!e->isolated) {
        if (const int n = killStrays(e->sandboxId))
            qCInfo(lcLocal) << "killed" << n << "process(es) of" << e->sandboxId << "still carrying its MRP_SANDBOX_ID";
    }
    if (e->process->state() != QProcess::NotRunning)
        e->process->kill();
    // If the process does not go away (stuck in the kernel), still finish the future.
    if (!e->fallback) {
        e->fallback = new QTimer(e->process);
        e->fallback->setSingleShot(true);
        QObject::connect(e->fallback, &QTimer::timeout, q, [this, e] {
            qCWarning(lcLocal) << "exec in" << e->sandboxId << "did not end 5 s after SIGKILL";
            onFinished(e, 9 /* SIGKILL */, QProcess::CrashExit);
        });
        e->fallback->start(5000);
    }
}

qint64 LocalBackend::Private::diskBudget(const LocalSandboxMeta &meta) const
{
    return options.diskBytes > 0 ? options.diskBytes : meta.fileSizeBytes;
}

void LocalBackend::Private::watch(Exec *e)
{
    checkOutOfMemory(e);
    if (e->diskBudget > 0)
        checkDisk(e);
}

// The kernel's OOM killer ended a process of the sandbox: the sandbox as a whole passed its
// memory budget. What is left of it stops now rather than at the timeout (a parent waiting for
// the child that was killed would wait that long).
void LocalBackend::Private::checkOutOfMemory(Exec *e)
{
    if (!e->cgroup || e->outOfMemory || e->cancelled || e->timedOut)
        return;
    const qint64 kills = e->cgroup->oomKills() - e->oomKillsAtStart;
    if (kills <= 0)
        return;
    e->outOfMemory = true;
    e->oomKills = kills;
    qCInfo(lcLocal) << "exec in" << e->sandboxId << "passed the sandbox's memory budget (" << kills
                    << "OOM kill(s)); stopping the sandbox";
    if (e->process->state() != QProcess::NotRunning)
        kill(e);
    e->cgroup->killAll();
}

// The work folder lives on the host's disk, where an rlimit bounds one file only: while a
// command runs, its sandbox's whole work folder is measured every diskCheckMs (on the thread
// pool) and the command is killed once the folder holds more than the budget.
void LocalBackend::Private::checkDisk(Exec *e)
{
    if (e->diskScanRunning || e->diskExceeded || e->cancelled || e->timedOut || e->outOfMemory)
        return;
    e->diskScanRunning = true;
    const quint64 opId = e->opId;
    const QString dir = e->workDir;
    const qint64 budget = e->diskBudget;
    QtConcurrent::run([dir, budget] { return localfiles::diskUsage(dir, budget); }).then(q, [this, opId](qint64 used) {
        Exec *x = execs.value(opId);
        if (!x)
            return;
        x->diskScanRunning = false;
        if (used > x->diskBudget)
            diskLimitHit(x, used);
    });
}

void LocalBackend::Private::diskLimitHit(Exec *e, qint64 used)
{
    if (e->diskExceeded || e->cancelled || e->timedOut || e->outOfMemory)
        return;
    e->diskExceeded = true;
    e->diskUsed = used;
    qCInfo(lcLocal) << "exec in" << e->sandboxId << "passed the disk limit (" << used << ">" << e->diskBudget
                    << "bytes); killing its process group";
    if (e->process->state() != QProcess::NotRunning)
        kill(e);
}

void LocalBackend::Private::readOutput(Exec *e, int stream)
{
    QProcess *p = e->process;
    p->setReadChannel(stream == 1 ? QProcess::StandardOutput : QProcess::StandardError);
    const QByteArray chunk = p->readAll();
    if (chunk.isEmpty())
        return;
    QByteArray &kept = stream == 1 ? e->result.stdoutData : e->result.stderrData;
    qint64 &total = stream == 1 ? e->result.stdoutBytes : e->result.stderrBytes;
    bool &truncated = stream == 1 ? e->result.stdoutTruncated : e->result.stderrTruncated;
    total += chunk.size();
    const qint64 room = e->cap - kept.size();
    if (room <= 0) {
        truncated = true;
        return;
    }
    const QByteArray part = chunk.size() > room ? chunk.first(room) : chunk;
    if (part.size() < chunk.size())
        truncated = true;
    kept += part;
    Q_EMIT q->outputReceived(e->sandboxId, stream, part);
}

void LocalBackend::Private::onFinished(Exec *e, int code, QProcess::ExitStatus status)
{
    if (!execs.contains(e->opId))
        return;
    if (e->process->state() == QProcess::NotRunning) {
        readOutput(e, 1);
        readOutput(e, 2);
    }
    ExecResult &r = e->result;
    r.durationMs = e->clock.elapsed();
    if (e->watchTimer)
        e->watchTimer->stop();
    // An OOM kill after the last look: the command ended, perhaps because of it.
    if (e->cgroup && !e->outOfMemory && !e->cancelled) {
        if (const qint64 kills = e->cgroup->oomKills() - e->oomKillsAtStart; kills > 0) {
            e->outOfMemory = true;
            e->oomKills = kills;
        }
    }
    // What the last measurement could not see (written in its final interval) is caught here.
    if (e->diskBudget > 0 && !e->diskExceeded && !e->cancelled && !e->timedOut && !e->outOfMemory) {
        const qint64 used = localfiles::diskUsage(e->workDir, e->diskBudget);
        if (used > e->diskBudget) {
            e->diskExceeded = true;
            e->diskUsed = used;
        }
    }
    const LocalExitInfo info = interpretExit(code, status == QProcess::CrashExit, e->isolated);
    r.exitCode = info.signal ? -1 : info.exitCode;
    SandboxError error;
    if (e->cancelled) {
        r.errorClass = ErrorClass::Cancelled;
        error = cancelledError();
    } else if (e->outOfMemory) {
        // Before a timeout: a parent waiting for a child the kernel killed may also run out of time.
        r.errorClass = ErrorClass::OutOfMemory;
        const QString gib = QString::number(double(e->cgroup->limits().memoryBytes) / double(1ll << 30), 'g', 4);
        r.stderrData += (u"\n"_s + tr("Out of memory: the sandbox as a whole used more than %1 GiB; the kernel ended "
                                      "%n of its processes, and the rest were stopped.", nullptr, int(e->oomKills))
                                       .arg(gib))
                            .toUtf8();
    } else if (e->timedOut) {
        r.errorClass = ErrorClass::Timeout;
    } else if (e->diskExceeded) {
        r.errorClass = ErrorClass::PolicyRefused;
        const auto mib = [](qint64 b) { return QString::number(double(b) / double(1 << 20), 'f', 1); };
        r.stderrData += (u"\n"_s + tr("Disk limit exceeded: the sandbox's work folder held more than %1 MiB "
                                      "(at least %2 MiB); the command was stopped.")
                                       .arg(mib(e->diskBudget), mib(e->diskUsed)))
                            .toUtf8();
    } else {
        r.errorClass = classifyLocalExit(info);
    }
    if (info.signal)
        qCDebug(lcLocal) << "exec in" << e->sandboxId << "ended by signal" << info.signal << "->" << r.errorClass;
    e->op->finish({r, error});
    release(e);
}

void LocalBackend::Private::onStartFailed(Exec *e)
{
    if (!execs.contains(e->opId))
        return;
    e->result.durationMs = e->clock.elapsed();
    e->op->finish({e->result, makeError(ErrorClass::Infrastructure,
                                        tr("Could not start %1 in the local sandbox.").arg(e->process->program()),
                                        e->process->errorString())});
    release(e);
}

void LocalBackend::Private::release(Exec *e)
{
    execs.remove(e->opId);
    e->timeout->stop();
    if (e->watchTimer)
        e->watchTimer->stop();
    if (e->fallback)
        e->fallback->stop();
    e->process->disconnect(q);
    e->process->deleteLater();
    const QString id = e->sandboxId;
    delete e;
    if (runningIn(id) == 0) {
        // What the commands left running (an unisolated background process) ends with them;
        // the cgroup stays for the sandbox's next command and goes when it is destroyed.
        if (const std::shared_ptr<SandboxCgroup> group = groups.value(id))
            group->killAll();
        const auto waiters = idleWaiters.take(id);
        for (const auto &fn : waiters)
            fn();
    }
}

} // namespace mrp
