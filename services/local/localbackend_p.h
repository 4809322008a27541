// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Private parts of LocalBackend, shared by localbackend.cpp (the public operations) and
// localbackendprivate.cpp (isolation probe, process start, output capture, classification).
// Not part of the API.

#include "local/localbackend.h"
#include "local/localcommand.h"
#include "local/localsandboxfiles.h"
#include "local/sandboxcgroup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QPromise>
#include <QRandomGenerator>
#include <QTimer>
#include <QtConcurrent>

#include <functional>
#include <memory>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcLocal)

namespace mrp {
namespace localbackend_detail {

using namespace Qt::StringLiterals;

// One pending result. Finishes exactly once: with finish(), or with `cancelled` when
// cancelOp() runs or the last reference goes away (backend destroyed mid-flight).
template<typename T>
struct Op {
    QPromise<T> promise;
    T cancelled;
    bool done = false;
    explicit Op(T cancelledValue)
        : cancelled(std::move(cancelledValue))
    {
        promise.start();
    }
    ~Op() { finish(cancelled); }
    Op(const Op &) = delete;
    Op &operator=(const Op &) = delete;
    void finish(T value)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(value));
        promise.finish();
    }
    void cancelOp() { finish(cancelled); }
};

// lupdate records LocalBackendTr::tr() under this context, the one used at run time.
struct LocalBackendTr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::LocalBackend)
};

inline SandboxError makeError(ErrorClass cls, const QString &message, const QString &details = {})
{
    SandboxError e;
    e.cls = cls;
    e.message = message;
    e.details = details;
    return e;
}

inline SandboxError cancelledError()
{
    return makeError(ErrorClass::Cancelled, LocalBackendTr::tr("Cancelled."));
}

inline SandboxError unknownSandbox(const QString &id)
{
    return makeError(ErrorClass::Infrastructure,
                     LocalBackendTr::tr("The local sandbox %1 does not exist (it was destroyed or never created).").arg(id));
}

inline bool runningAsRoot()
{
#if defined(Q_OS_UNIX)
    return ::geteuid() == 0;
#else
    return false;
#endif
}

// A per-sandbox unprivileged uid (when we are root): high enough to collide with no account.
// Whether another uid can walk down to path (every folder on the way has o+x).
inline bool pathTraversableByOthers(const QString &path)
{
    QString p = path;
    while (!p.isEmpty()) {
        const QFileInfo fi(p);
        if (fi.exists() && !(fi.permissions() & QFileDevice::ExeOther))
            return false;
        const QString parent = fi.path();
        if (parent == p || parent.isEmpty())
            break;
        p = parent;
    }
    return true;
}

// What SandboxSpec::memoryGib gives a sandbox (at least 64 MiB).
inline qint64 sandboxMemoryBytes(const SandboxSpec &spec)
{
    return qint64(qMax(0.0625, spec.memoryGib) * double(1ll << 30));
}

inline uint randomSandboxUid()
{
    return 0x40000000u + QRandomGenerator::global()->bounded(0x00ffffffu);
}

} // namespace localbackend_detail

using namespace localbackend_detail;

struct LocalBackend::Private {
    struct Exec {
        quint64 opId = 0;
        QString sandboxId;
        QProcess *process = nullptr;
        std::shared_ptr<Op<Outcome<ExecResult>>> op;
        ExecResult result;
        QElapsedTimer clock;
        QTimer *timeout = nullptr;
        QTimer *fallback = nullptr;
        QTimer *watchTimer = nullptr;     // disk use and OOM kills while it runs
        QString workDir;
        std::shared_ptr<SandboxCgroup> cgroup; // the sandbox's budget, shared by its running execs
        qint64 oomKillsAtStart = 0;
        qint64 oomKills = 0;              // OOM kills in the sandbox while this exec ran
        bool outOfMemory = false;
        qint64 diskBudget = 0;            // bytes the work folder may hold; 0: not checked
        qint64 diskUsed = 0;              // what the last measurement found past the budget
        bool diskScanRunning = false;
        bool diskExceeded = false;
        qint64 cap = 0;
        qint64 pid = 0;
        bool isolated = false;
        bool timedOut = false;
        bool cancelled = false;
    };
    enum class Probe { NotNeeded, NotStarted, Running, Ok, Failed };

    LocalBackend *q = nullptr;
    Options options;
    QString baseDir;
    bool wantBwrap = false;
    bool requireBwrap = false;
    bool isolated = false;
    bool allowUnisolated = false;   // explicitly: Options, MRP_ALLOW_UNISOLATED=1 or Isolation::None
    bool root = false;
    // Root runs each sandbox's commands as a uid of its own (RLIMIT_NPROC does not bind root):
    // the child drops to it before exec, so it must be able to walk down to the work folder.
    bool dropUids = false;
    QString bwrapPath;
    QString prlimitPath;
    QString description;              // what isolates, without the limits (limitsNote())
    std::shared_ptr<CgroupHost> cgroups;  // null: turned off in the options
    // sandbox id -> its budget, from its first command until it is destroyed: a reused sandbox
    // makes its cgroup once, not once per command.
    QHash<QString, std::shared_ptr<SandboxCgroup>> groups;
    Probe probe = Probe::NotNeeded;
    QString probeError;
    QList<std::function<void()>> probeWaiters;
    bool tmpSizeSupported = true;
    bool shuttingDown = false;
    QProcess *probeProcess = nullptr;

    QHash<QString, LocalSandboxMeta> sandboxes;
    QHash<quint64, Exec *> execs;
    QHash<quint64, std::pair<QString, std::function<void()>>> pendingOps;  // op id -> (sandbox, cancel)
    QHash<QString, QList<std::function<void()>>> idleWaiters;
    quint64 nextOpId = 0;

    void detectIsolation();
    uint sandboxUid() const { return dropUids ? randomSandboxUid() : 0; }
    // "memory 1 GiB and 64 processes for the sandbox as a whole (cgroup v1); CPU time limited per
    // process", or the per-process sentence with the reason no cgroup can be made here.
    // memoryBytes 0: the profile's memory_gib.
    QString limitsNote(qint64 memoryBytes) const;
    QString fullDescription(qint64 memoryBytes) const;
    CgroupLimits cgroupLimits(const LocalCommandSpec &spec) const;
    SandboxError refusal(const SandboxSpec &spec) const; // after the probe
    void whenProbed(std::function<void()> fn);
    void startProbe(bool withSize);
    void probeDone(bool ok, const QString &error);
    const LocalSandboxMeta *lookup(const QString &id);
    int runningIn(const QString &sandboxId) const;
    void whenIdle(const QString &sandboxId, std::function<void()> fn);
    LocalCommandSpec commandSpec(const LocalSandboxMeta &meta, const ExecRequest &request) const;
    void startExec(const std::shared_ptr<Op<Outcome<ExecResult>>> &op, const QString &sandboxId,
                   const ExecRequest &request);
    void kill(Exec *e);
    qint64 diskBudget(const LocalSandboxMeta &meta) const;
    void watch(Exec *e);
    void checkOutOfMemory(Exec *e);
    void checkDisk(Exec *e);
    void diskLimitHit(Exec *e, qint64 used);
    void readOutput(Exec *e, int stream);
    void onFinished(Exec *e, int code, QProcess::ExitStatus status);
    void onStartFailed(Exec *e);
    void release(Exec *e);

    // Runs work on the thread pool (after the sandbox's running commands ended when waitIdle)
    // and finishes the future on our thread; cancel() and the destructor finish it with
    // `cancelled` instead. onMain runs on our thread with the result before the future finishes.
    template<typename T>
    QFuture<T> fileOp(const QString &sandboxId, std::function<T()> work, T cancelled, bool waitIdle = false,
                      std::function<void(const T &)> onMain = {})
    {
        auto op = std::make_shared<Op<T>>(std::move(cancelled));
        QFuture<T> future = op->promise.future();
        const quint64 id = ++nextOpId;
        pendingOps.insert(id, {sandboxId, [op] { op->cancelOp(); }});
        auto launch = [this, op, id, work = std::move(work), onMain = std::move(onMain)]() mutable {
            if (op->done || shuttingDown)
                return;
            QtConcurrent::run(std::move(work)).then(q, [this, op, id, onMain](T value) {
                pendingOps.remove(id);
                if (op->done)
                    return;
                if (onMain)
                    onMain(value);
                op->finish(std::move(value));
            });
        };
        if (waitIdle)
            whenIdle(sandboxId, std::move(launch));
        else
            launch();
        return future;
    }
    // A file operation on a known sandbox (loaded from disk when another process made it).
    QFuture<SandboxError> sandboxFileOp(const QString &sandboxId, bool waitIdle,
                                        std::function<SandboxError(const LocalSandboxMeta &)> work,
                                        std::function<void(const SandboxError &)> onMain = {})
    {
        const LocalSandboxMeta *meta = lookup(sandboxId);
        if (!meta)
            return QtFuture::makeReadyValueFuture(unknownSandbox(sandboxId));
        const LocalSandboxMeta copy = *meta;
        return fileOp<SandboxError>(sandboxId, [work, copy] { return work(copy); }, cancelledError(), waitIdle,
                                    std::move(onMain));
    }
};

} // namespace mrp
