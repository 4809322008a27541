// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "emulatorruntime.h"

#include "localbackend.h"

#include <QDir>
#include <QFuture>
#include <QProcess>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mrp::emu {

struct EmulatorRuntime::Proc {
    QString sandboxId;
    QProcess *process = nullptr;
    QTimer *timer = nullptr;
    Result result;
    QByteArray partialOut;
    QByteArray partialErr;
    OutputFn onOutput;
    DoneFn done;
};

namespace {

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
    const qint64 pid = p->processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
    p->kill();
}

} // namespace

EmulatorRuntime::EmulatorRuntime(const QString &baseDir, bool useLocalBackend, QObject *parent)
    : QObject(parent)
    , m_baseDir(baseDir)
{
    QDir().mkpath(m_baseDir);
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
    const auto procs = m_procs;
    for (Proc *p : procs) {
        p->process->disconnect();
        killGroup(p->process);
        p->process->waitForFinished(1000);   // shutdown only: never during serving
        delete p;
    }
}

void EmulatorRuntime::createSandbox(const QString &id, std::function<void(bool, const QString &)> ready)
{
    if (!m_local) {
        const QString dir = QDir(m_baseDir).filePath(id);
        QDir().mkpath(dir);
        m_dirs.insert(id, dir);
        QTimer::singleShot(0, this, [ready] { ready(true, {}); });
        return;
    }
    SandboxSpec spec;
    spec.runId = u"emulator"_s;
    spec.shardId = id;
    spec.memoryGib = 2.0;
    spec.diskGib = 3.0;
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
    const auto procs = m_procs;
    for (auto it = procs.begin(); it != procs.end(); ++it) {
        if (it.value()->sandboxId == id) {
            it.value()->result.killed = true;
            killGroup(it.value()->process);
        }
    }
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
            r.exitCode = o.value.exitCode;
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
    p->process = new QProcess(this);
    p->process->setWorkingDirectory(workDir(id));
    QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    const QStringList keys = pe.keys();
    for (const QString &k : keys) {
        if (k.startsWith("DAYTONA_"_L1))
            pe.remove(k);
    }
    pe.insert(u"HOME"_s, workDir(id));
    for (auto it = env.begin(); it != env.end(); ++it)
        pe.insert(it.key(), it.value());
    p->process->setProcessEnvironment(pe);
    // Own process group, so a timeout kills the whole tree.
    p->process->setChildProcessModifier([] { ::setpgid(0, 0); });
    m_procs.insert(handle, p);

    QObject::connect(p->process, &QProcess::readyReadStandardOutput, this, [p] {
        const QByteArray c = p->process->readAllStandardOutput();
        p->result.out += c;
        p->result.combined += c;
        frameLines(&p->partialOut, c, "\x01\x01\x01", &p->result.framed, false);
        if (p->onOutput)
            p->onOutput(1, c);
    });
    QObject::connect(p->process, &QProcess::readyReadStandardError, this, [p] {
        const QByteArray c = p->process->readAllStandardError();
        p->result.err += c;
        p->result.combined += c;
        frameLines(&p->partialErr, c, "\x02\x02\x02", &p->result.framed, false);
        if (p->onOutput)
            p->onOutput(2, c);
    });
    auto finish = [this, handle, p](int code) {
        if (!m_procs.contains(handle))
            return;
        m_procs.remove(handle);
        if (p->timer)
            p->timer->stop();
        const QByteArray restOut = p->process->readAllStandardOutput();
        const QByteArray restErr = p->process->readAllStandardError();
        p->result.out += restOut;
        p->result.err += restErr;
        p->result.combined += restOut + restErr;
        frameLines(&p->partialOut, restOut, "\x01\x01\x01", &p->result.framed, true);
        frameLines(&p->partialErr, restErr, "\x02\x02\x02", &p->result.framed, true);
        p->result.exitCode = code;
        const DoneFn done = p->done;
        const Result r = p->result;
        p->process->deleteLater();
        delete p;
        if (done)
            done(r);
    };
    QObject::connect(p->process, &QProcess::finished, this, [p, finish](int code, QProcess::ExitStatus st) {
        finish(st == QProcess::CrashExit ? 128 + 9 : code);
    });
    QObject::connect(p->process, &QProcess::errorOccurred, this, [p, finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            p->result.combined = p->process->errorString().toUtf8();
            finish(-1);
        }
    });
    if (timeoutSec > 0) {
        p->timer = new QTimer(p->process);
        p->timer->setSingleShot(true);
        QObject::connect(p->timer, &QTimer::timeout, this, [p] {
            p->result.timedOut = true;
            killGroup(p->process);
        });
        p->timer->start(timeoutSec * 1000);
    }
    p->process->start(u"/bin/sh"_s, {u"-c"_s, command});
    return handle;
}

void EmulatorRuntime::kill(quint64 handle)
{
    if (m_local) {
        // LocalBackend cancels per sandbox: every command of that sandbox stops.
        if (m_localRuns.contains(handle))
            m_local->cancel(m_localIds.value(m_localRuns.value(handle)));
        return;
    }
    if (Proc *p = m_procs.value(handle))
        killGroup(p->process);
}

} // namespace mrp::emu
