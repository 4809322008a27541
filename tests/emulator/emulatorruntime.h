// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// EmulatorRuntime: where an emulated sandbox lives and runs commands. Each sandbox is a
// directory (its work directory, the "daemon's cwd"); a command is `sh -c <command>` run there.
//
// Two engines: the product's LocalBackend (default: bubblewrap isolation where available, the
// work directory seen as /work, rlimits, timeouts — the same local sandbox `mrp` uses), or a
// plain QProcess in its own process group (--runtime process). Output is kept per stream; the
// combined `result` of process/execute is interleaved in arrival order with QProcess and
// stdout-then-stderr with LocalBackend.
//
// Thread: the emulator's main thread; everything is signal-driven (no waitFor*). With plain
// processes, starting them (fork/exec, which blocks the caller for milliseconds) happens on a
// few worker threads, so that 64 commands in flight never stall the HTTP serving thread.

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QProcess;
class QThread;

namespace mrp {
class LocalBackend;
class SandboxCgroup;
}

namespace mrp::emu {

class EmulatorRuntime : public QObject
{
    Q_OBJECT
public:
    struct Result {
        int exitCode = -1;
        bool timedOut = false;
        bool killed = false;         // killed because the sandbox went away
        QByteArray combined;         // stdout and stderr in arrival order
        QByteArray out;
        QByteArray err;
        QByteArray framed;           // lines prefixed with 01 01 01 (stdout) / 02 02 02 (stderr)
        qint64 spawnBeginNs = 0;     // steady clock, plain processes only: where an exec's time goes
        qint64 spawnEndNs = 0;
        qint64 exitNs = 0;
    };
    // Where the time of plain-process commands went, summed over all of them (milliseconds):
    // waiting for a worker, starting, running, reporting the exit back to the serving thread.
    struct Timing {
        double queueMs = 0, spawnMs = 0, runMs = 0, deliverMs = 0;
        int count = 0;
    };
    Timing timing() const { return m_timing; }
    using OutputFn = std::function<void(int stream, const QByteArray &chunk)>;
    using DoneFn = std::function<void(const Result &)>;

    // niceness (> 0, plain processes only): every command runs that much nicer than the
    // emulator, so that on a single host the sandboxes do not take the processor from the
    // client and the API server as sandboxes on other machines would not.
    EmulatorRuntime(const QString &baseDir, bool useLocalBackend, int niceness = 0, QObject *parent = nullptr);
    ~EmulatorRuntime() override;

    // Prepares the sandbox with the resources it was created with (Daytona's `memory` and
    // `disk`, GiB); ready(ok, error) follows (asynchronously with LocalBackend). Its memory holds
    // for the sandbox as a whole where a cgroup can be made (both engines; the product's
    // sandboxcgroup), its disk with LocalBackend (the work folder's total).
    void createSandbox(const QString &id, int memoryGiB, int diskGiB,
                       std::function<void(bool ok, const QString &error)> ready);
    // The path a command sees for a host path inside the work directory.
    QString commandPath(const QString &id, const QString &hostPath) const;
    QString description() const;
    void removeSandbox(const QString &id);      // kills its commands, deletes the directory
    QString workDir(const QString &id) const;
    // Runs command; timeoutSec <= 0 = no limit. Returns a handle for kill().
    quint64 run(const QString &id, const QString &command, const QMap<QString, QString> &env,
                int timeoutSec, OutputFn onOutput, DoneFn done);
    void kill(quint64 handle);
    int running() const { return int(m_procs.size() + m_localRuns.size()); }
    // Time spent starting processes (QProcess::start blocks until exec), on the worker threads.
    qint64 spawnNsTotal() const;
    qint64 spawnNsMax() const;

private:
    struct Proc;
    class Worker;
    void onWorkerOutput(quint64 handle, int stream, const QByteArray &chunk);
    void onWorkerFinished(quint64 handle, const Result &r);
    quint64 runLocal(const QString &id, const QString &command, const QMap<QString, QString> &env,
                     int timeoutSec, OutputFn onOutput, DoneFn done);
    QString m_baseDir;
    QHash<QString, QString> m_dirs;
    QHash<QString, std::shared_ptr<mrp::SandboxCgroup>> m_groups;  // plain processes: per sandbox
    QHash<quint64, Proc *> m_procs;                      // plain processes, by handle
    QList<Worker *> m_workers;
    QList<QThread *> m_threads;
    quint64 m_next = 1;
    Timing m_timing;
    mrp::LocalBackend *m_local = nullptr;              // null: plain QProcess
    QHash<QString, QString> m_localIds;                  // emulator id -> LocalBackend id
    QHash<quint64, QString> m_localRuns;                 // handle -> emulator id
    QHash<QString, QList<quint64>> m_localBySandbox;     // running handles per LocalBackend id
    QHash<quint64, OutputFn> m_localOutput;
};

} // namespace mrp::emu
