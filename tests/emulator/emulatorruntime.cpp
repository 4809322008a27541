// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "emulatorruntime.h"

#include "local/localbackend.h"
#include "local/sandboxcgroup.h"

#include <QByteArrayList>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <chrono>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace mrp::emu {

// The serving thread's view of a plain-process command.
struct EmulatorRuntime::Proc {
    QString sandboxId;
    int worker = 0;
    qint64 postedNs = 0;
    bool killed = false;            // killed because the sandbox went away
    OutputFn onOutput;
    DoneFn done;
};

namespace {

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void frameLines(QByteArray *partial, const QByteArray &chunk, const char *marker, QByteArray *framed, bool flush)
{
    partial->append(chunk);
    qsizetype nl;
    while ((nl = partial->indexOf('\n')) >= 0) {
        framed->append(marker, 3);
        framed->append(partial->left(nl + 1));
        partial->remove(0, nl + 1);
    }
    if (flush && !partial->isEmpty()) {
        framed->append(marker, 3);
        framed->append(*partial + '\n');
        partial->clear();
    }
}

void killGroup(QProcess *p)
{
#ifdef Q_OS_UNIX
    const qint64 pid = p->processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);   // the command's whole process group
#endif
    p->kill();
}

} // namespace

// Starts and watches plain processes on its own thread; reports back to the runtime (queued).
class EmulatorRuntime::Worker : public QObject
{
public:
    Worker(EmulatorRuntime *runtime, int niceness) : m_runtime(runtime), m_niceness(niceness) {}

    qint64 spawnNs = 0;      // written on the worker thread; read for stats (approximate is fine)
    qint64 spawnNsMax = 0;

    // Worker thread. cgroupProcs: the sandbox's cgroup, entered before exec (empty: none).
    void start(quint64 handle, const QString &workDir, const QMap<QString, QString> &env,
               const QString &command, int timeoutSec, const QByteArrayList &cgroupProcs)
    {
        auto *w = new Watched;
        w->process = new QProcess(this);
        w->process->setWorkingDirectory(workDir);
        QProcessEnvironment pe = systemEnvironment();
        pe.insert(u"HOME"_s, workDir);
        for (auto it = env.begin(); it != env.end(); ++it)
            pe.insert(it.key(), it.value());
        w->process->setProcessEnvironment(pe);
        // Own process group, so a timeout kills the whole tree. setpgid is safe in a vfork
        // child, and vfork keeps the start cost flat (a full fork copies the page tables).
#ifdef Q_OS_UNIX
        // setpriority too is a plain system call.
        // Entering the sandbox's cgroup: open, write and close only.
        w->process->setChildProcessModifier([proc = w->process, niceness = m_niceness, cgroupProcs] {
            ::setpgid(0, 0);
            if (niceness > 0)
                ::setpriority(PRIO_PROCESS, 0, niceness);
            for (const QByteArray &procs : cgroupProcs) {
                const int fd = ::open(procs.constData(), O_WRONLY | O_CLOEXEC);
                if (fd < 0 || ::write(fd, "0", 1) != 1)
                    proc->failChildProcessModifier("entering the sandbox's cgroup", errno);
                ::close(fd);
            }
        });
        w->process->setUnixProcessParameters(QProcess::UnixProcessFlag::UseVFork);
#endif
        m_watched.insert(handle, w);
        QProcess *proc = w->process;
        connect(proc, &QProcess::readyReadStandardOutput, this, [this, handle, w] { collect(handle, w, 1, false); });
        connect(proc, &QProcess::readyReadStandardError, this, [this, handle, w] { collect(handle, w, 2, false); });
        connect(proc, &QProcess::finished, this, [this, handle](int code, QProcess::ExitStatus st) {
            finish(handle, st == QProcess::CrashExit ? 128 + 9 : code);
        });
        connect(proc, &QProcess::errorOccurred, this, [this, handle, w](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart) {
                w->result.combined = w->process->errorString().toUtf8();
                finish(handle, -1);
            }
        });
        if (timeoutSec > 0) {
            auto *timer = new QTimer(proc);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this, [w] {
                w->result.timedOut = true;
                killGroup(w->process);
            });
            timer->start(timeoutSec * 1000);
        }
        w->result.spawnBeginNs = steadyNs();
        proc->start(u"/bin/sh"_s, {u"-c"_s, command});
        w->result.spawnEndNs = steadyNs();
        const qint64 ns = w->result.spawnEndNs - w->result.spawnBeginNs;
        spawnNs += ns;
        spawnNsMax = qMax(spawnNsMax, ns);
    }

    // Worker thread.
    void kill(quint64 handle)
    {
        if (Watched *w = m_watched.value(handle))
            killGroup(w->process);
    }

    // Worker thread, at shutdown: nothing may outlive the emulator.
    void killAll()
    {
        for (Watched *w : std::as_const(m_watched)) {
            w->process->disconnect(this);
            killGroup(w->process);
            w->process->waitForFinished(1000);   // shutdown only: never while serving
            delete w->process;
            delete w;
        }
        m_watched.clear();
    }

private:
    struct Watched {
        QProcess *process = nullptr;
        Result result;
        QByteArray partialOut;
        QByteArray partialErr;
    };

    static QProcessEnvironment systemEnvironment()
    {
        static const QProcessEnvironment base = [] {
            QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
            const QStringList keys = pe.keys();
            for (const QString &k : keys) {
                if (k.startsWith("DAYTONA_"_L1))
                    pe.remove(k);
            }
            return pe;
        }();
        return base;
    }

    void collect(quint64 handle, Watched *w, int stream, bool flush)
    {
        const QByteArray c = stream == 1 ? w->process->readAllStandardOutput() : w->process->readAllStandardError();
        (stream == 1 ? w->result.out : w->result.err) += c;
        w->result.combined += c;
        frameLines(stream == 1 ? &w->partialOut : &w->partialErr, c, stream == 1 ? "\x01\x01\x01" : "\x02\x02\x02",
                   &w->result.framed, flush);
        if (!c.isEmpty()) {
            QMetaObject::invokeMethod(m_runtime, [rt = m_runtime, handle, stream, c] { rt->onWorkerOutput(handle, stream, c); },
                                      Qt::QueuedConnection);
        }
    }

    void finish(quint64 handle, int code)
    {
        Watched *w = m_watched.take(handle);
        if (!w)
            return;
        collect(handle, w, 1, true);
        collect(handle, w, 2, true);
        w->result.exitCode = code;
        w->result.exitNs = steadyNs();
        const Result r = w->result;
        w->process->disconnect(this);
        w->process->deleteLater();
        delete w;
        QMetaObject::invokeMethod(m_runtime, [rt = m_runtime, handle, r] { rt->onWorkerFinished(handle, r); },
                                  Qt::QueuedConnection);
    }

    EmulatorRuntime *m_runtime;
    int m_niceness = 0;
    QHash<quint64, Watched *> m_watched;
};

EmulatorRuntime::EmulatorRuntime(const QString &baseDir, bool useLocalBackend, int niceness, QObject *parent)
    : QObject(parent)
    , m_baseDir(baseDir)
{
    QDir().mkpath(m_baseDir);
    if (!useLocalBackend) {
        const int workers = qBound(2, QThread::idealThreadCount(), 4);
        for (int i = 0; i < workers; ++i) {
            auto *thread = new QThread(this);
            thread->setObjectName(u"emulator-processes-%1"_s.arg(i));
            auto *worker = new Worker(this, niceness);
            worker->moveToThread(thread);
            connect(thread, &QThread::finished, worker, &QObject::deleteLater);
            thread->start();
            m_threads.append(thread);
            m_workers.append(worker);
        }
    }
    if (useLocalBackend) {
        LocalBackend::Options o;
        o.baseDir = QDir(m_baseDir).filePath(u"local"_s);
        m_local = new LocalBackend(o, this);
        connect(m_local, &SandboxBackend::outputReceived, this, [this](const QString &localId, int stream, const QByteArray &chunk) {
            const QList<quint64> handles = m_localBySandbox.value(localId);
            for (quint64 h : handles) {
                if (const OutputFn fn = m_localOutput.value(h))
                    fn(stream, chunk);
            }
        });
    }
}

QString EmulatorRuntime::description() const
{
    return m_local ? u"local sandbox: "_s + m_local->isolationDescription() : u"plain processes (no isolation)"_s;
}

QString EmulatorRuntime::commandPath(const QString &id, const QString &hostPath) const
{
    if (!m_local)
        return hostPath;
    const QString root = workDir(id);
    if (!m_local->isIsolated())
        return hostPath;
    return hostPath == root ? u"/work"_s : u"/work/"_s + hostPath.mid(root.size() + 1);
}

EmulatorRuntime::~EmulatorRuntime()
{
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        Worker *w = m_workers[i];
        QMetaObject::invokeMethod(w, [w] { w->killAll(); }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
    }
    qDeleteAll(m_procs);
}

qint64 EmulatorRuntime::spawnNsTotal() const
{
    qint64 n = 0;
    for (const Worker *w : m_workers)
        n += w->spawnNs;
    return n;
}

qint64 EmulatorRuntime::spawnNsMax() const
{
    qint64 n = 0;
    for (const Worker *w : m_workers)
        n = qMax(n, w->spawnNsMax);
    return n;
}

void EmulatorRuntime::createSandbox(const QString &id, int memoryGiB, int diskGiB,
                                    std::function<void(bool, const QString &)> ready)
{
    if (!m_local) {
        const QString dir = QDir(m_baseDir).filePath(id);
        QDir().mkpath(dir);
        m_dirs.insert(id, dir);
        // The sandbox's memory for all of its processes together, as on a Daytona machine.
        if (const std::shared_ptr<CgroupHost> host = CgroupHost::instance(); host->usable()) {
            QString why;
            CgroupLimits limits;
            limits.memoryBytes = qint64(qMax(1, memoryGiB)) << 30;
            std::shared_ptr<SandboxCgroup> group = host->createGroup(u"emulator-"_s + id, limits, &why);
            if (!group) {
                QTimer::singleShot(0, this, [ready, why] { ready(false, u"the sandbox's cgroup could not be made: "_s + why); });
                return;
            }
            m_groups.insert(id, group);
        }
        QTimer::singleShot(0, this, [ready] { ready(true, {}); });
        return;
    }
    SandboxSpec spec;
    spec.runId = u"emulator"_s;
    spec.shardId = id;
    spec.memoryGib = qMax(1, memoryGiB);
    spec.diskGib = qMax(1, diskGiB);
    m_local->create(spec).then(this, [this, id, ready](const Outcome<SandboxInfo> &o) {
        if (!o.ok()) {
            ready(false, o.error.message);
            return;
        }
        m_localIds.insert(id, o.value.id);
        m_dirs.insert(id, m_local->workDir(o.value.id));
        ready(true, {});
    });
}

QString EmulatorRuntime::workDir(const QString &id) const
{
    return m_dirs.value(id);
}

void EmulatorRuntime::removeSandbox(const QString &id)
{
    if (m_local) {
        const QString localId = m_localIds.take(id);
        m_dirs.remove(id);
        if (!localId.isEmpty()) {
            m_local->cancel(localId);
            m_local->destroy(localId);
        }
        return;
    }
    for (auto it = m_procs.cbegin(); it != m_procs.cend(); ++it) {
        if (it.value()->sandboxId == id) {
            it.value()->killed = true;
            kill(it.key());
        }
    }
    m_groups.remove(id); // what is still in it is killed, the cgroup removed
    const QString dir = m_dirs.take(id);
    if (!dir.isEmpty())
        QDir(dir).removeRecursively();
}

quint64 EmulatorRuntime::runLocal(const QString &id, const QString &command, const QMap<QString, QString> &env,
                                  int timeoutSec, OutputFn onOutput, DoneFn done)
{
    const quint64 handle = m_next++;
    const QString localId = m_localIds.value(id);
    ExecRequest req;
    req.argv = {u"/bin/sh"_s, u"-c"_s, command};
    req.env = env;
    req.timeoutSec = timeoutSec > 0 ? timeoutSec : 24 * 3600;
    req.outputCapBytes = 256ll << 20;
    m_localRuns.insert(handle, id);
    m_localBySandbox[localId].append(handle);
    if (onOutput)
        m_localOutput.insert(handle, onOutput);
    m_local->exec(localId, req).then(this, [this, handle, localId, done](const Outcome<ExecResult> &o) {
        m_localRuns.remove(handle);
        m_localBySandbox[localId].removeAll(handle);
        m_localOutput.remove(handle);
        Result r;
        if (!o.ok()) {
            r.killed = o.error.cls == ErrorClass::Cancelled;
            r.exitCode = -1;
            r.combined = o.error.message.toUtf8();
        } else {
            // Killed for memory: what a Daytona sandbox reports (128 + SIGKILL).
            r.exitCode = o.value.errorClass == ErrorClass::OutOfMemory && o.value.exitCode < 0 ? 128 + 9 : o.value.exitCode;
            r.timedOut = o.value.errorClass == ErrorClass::Timeout;
            r.out = o.value.stdoutData;
            r.err = o.value.stderrData;
            r.combined = r.out + r.err;
            QByteArray partial;
            frameLines(&partial, r.out, "\x01\x01\x01", &r.framed, true);
            frameLines(&partial, r.err, "\x02\x02\x02", &r.framed, true);
        }
        if (done)
            done(r);
    });
    return handle;
}

quint64 EmulatorRuntime::run(const QString &id, const QString &command, const QMap<QString, QString> &env,
                             int timeoutSec, OutputFn onOutput, DoneFn done)
{
    if (m_local)
        return runLocal(id, command, env, timeoutSec, std::move(onOutput), std::move(done));
    const quint64 handle = m_next++;
    auto *p = new Proc;
    p->sandboxId = id;
    p->onOutput = std::move(onOutput);
    p->done = std::move(done);
    p->worker = int(handle % quint64(m_workers.size()));
    p->postedNs = steadyNs();
    m_procs.insert(handle, p);
    Worker *w = m_workers[p->worker];
    const QString dir = workDir(id);
    QByteArrayList cgroupProcs;
    if (const std::shared_ptr<SandboxCgroup> group = m_groups.value(id)) {
        const QStringList files = group->procsFiles();
        for (const QString &f : files)
            cgroupProcs.append(QFile::encodeName(f));
    }
    QMetaObject::invokeMethod(w, [w, handle, dir, env, command, timeoutSec, cgroupProcs] {
        w->start(handle, dir, env, command, timeoutSec, cgroupProcs);
    }, Qt::QueuedConnection);
    return handle;
}

void EmulatorRuntime::onWorkerOutput(quint64 handle, int stream, const QByteArray &chunk)
{
    if (Proc *p = m_procs.value(handle); p && p->onOutput)
        p->onOutput(stream, chunk);
}

void EmulatorRuntime::onWorkerFinished(quint64 handle, const Result &r)
{
    Proc *p = m_procs.take(handle);
    if (!p)
        return;
    Result result = r;
    result.killed = p->killed;
    if (r.spawnBeginNs > 0) {
        m_timing.queueMs += double(r.spawnBeginNs - p->postedNs) / 1e6;
        m_timing.spawnMs += double(r.spawnEndNs - r.spawnBeginNs) / 1e6;
        m_timing.runMs += double(r.exitNs - r.spawnEndNs) / 1e6;
        m_timing.deliverMs += double(steadyNs() - r.exitNs) / 1e6;
        ++m_timing.count;
    }
    const DoneFn callback = std::move(p->done);
    delete p;
    if (callback)
        callback(result);
}

void EmulatorRuntime::kill(quint64 handle)
{
    if (m_local) {
        // LocalBackend cancels per sandbox: every command of that sandbox stops.
        if (m_localRuns.contains(handle))
            m_local->cancel(m_localIds.value(m_localRuns.value(handle)));
        return;
    }
    if (Proc *p = m_procs.value(handle)) {
        Worker *w = m_workers[p->worker];
        QMetaObject::invokeMethod(w, [w, handle] { w->kill(handle); }, Qt::QueuedConnection);
    }
}

} // namespace mrp::emu
