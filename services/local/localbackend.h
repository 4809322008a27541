// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// LocalBackend: the embedded default sandbox backend (docs/design.md §7). A sandbox is a work
// directory under a base folder; every exec is one process started with QProcess signals.
//
// Isolation (Linux): the command runs inside bubblewrap — every namespace unshared (no network,
// private pid space), /usr (and the /lib, /bin... links) read-only, private /proc, /dev and a
// small tmpfs /tmp, the work directory bound read-write at /work (the only writable place, also
// the working directory), a clean environment (PATH, LANG, HOME=/work, TMPDIR=/tmp plus the
// request's env), --die-with-parent, --new-session. A budget for the sandbox as a whole where
// the machine lets us make a cgroup (sandboxcgroup.h; cgroup v2 or v1): memory (memory_gib, no
// swap) and processes (maxProcesses) for every process of the sandbox together; the command
// enters the cgroup before exec, so no descendant escapes; an OOM kill in it stops the sandbox
// and classifies the exec OutOfMemory ("Out of memory: the sandbox as a whole used more than
// N GiB" on stderr); when its last running command ended, what is left in it is killed; the
// cgroup lives from the sandbox's first command until the sandbox is destroyed. Where no cgroup can be made, isolationDescription() says so and why. rlimits in
// any case, a second line of defence: address space (memory), CPU time, file size, open files,
// no core dumps — per process. The
// work folder as a whole holds at most diskBytes (SandboxSpec::diskGib): measured every
// diskCheckMs while a command runs and once when it ends, the command killed past it and its
// exec classified PolicyRefused ("Disk limit exceeded" on stderr); processes are capped per sandbox: when this process is
// root (where RLIMIT_NPROC does not apply) the child drops to a per-sandbox unprivileged uid
// before it execs bubblewrap, which then isolates in a user namespace of that uid, so the limit
// holds (where the sandboxes' folder is reachable by other uids; else it stays root); otherwise the limit is set inside the sandbox's own user
// namespace (prlimit). Without bubblewrap (not installed, not Linux, or MRP_LOCAL_ISOLATION=none)
// the command runs directly in the work directory with the same rlimits and timeouts (macOS:
// rlimits and a process-group kill; Windows: a Job Object with memory, process and CPU-time
// limits and kill-on-close — see localcommand.h), and isIsolated() is false: callers must say
// "unisolated" in the run record and the UI.
//
// Refusing to run unisolated: a sandbox whose spec cuts the network off (or limits it to an
// allowlist) needs isolation. In Auto mode without working bubblewrap, create() refuses it
// (PolicyRefused) unless unisolated runs were allowed explicitly: Options::allowUnisolated,
// MRP_ALLOW_UNISOLATED=1, or isolation turned off on purpose (Isolation::None,
// MRP_LOCAL_ISOLATION=none). checkIsolation() gives the same answer before anything is created,
// so a run can refuse before its first shard.
//
// Classification of an exec: an OOM kill in the sandbox's cgroup -> OutOfMemory (first); killed
// after timeoutSec (or RLIMIT_CPU) -> Timeout; runner exit 6 (MemoryError) or SIGKILL we did
// not send -> OutOfMemory; any other signal -> Killed; cancel()
// -> Cancelled; could not start -> Infrastructure; otherwise runcontract::classifyExitCode().
// A timeout or cancel kills the whole process tree (SIGKILL to bubblewrap's process group; the
// sandbox's pid namespace dies with it).
//
// exec() results: Outcome::error is set only when no command ran to an end — unknown sandbox,
// could not start (Infrastructure), cancel() or destruction (Cancelled); otherwise it is ok and
// value.errorClass classifies the attempt (None, OperatorError, BadOutput, NonZeroExit, Timeout,
// OutOfMemory, Killed), with exitCode -1 when a signal ended it. A cancelled exec finishes once
// its process is gone (SIGKILL; at most ~5 s even if the kernel keeps it), with whatever output
// it produced. Live output: outputReceived() for the kept (capped) part of each stream.
//
// Threading: lives on the thread that created it; call every method there. Futures finish on
// that thread, exactly once: also on cancel(sandboxId) (Cancelled) and in the destructor, which
// kills every running command and finishes everything still pending with Cancelled. Those
// finishes run continuations attached on this thread synchronously, inside the destructor:
// attach continuations to a context object of your own that is destroyed first (or that stays
// valid), never to the backend itself. isIsolated() is final once the first create() finished
// (a probe runs bubblewrap once; before that it reports what was found on PATH). Sandbox
// directories outlive the object (destroy() removes them; sweep finds leftovers via list()).
//
// Files: upload() copies files in (relative paths, never through a symlink the sandbox left);
// download() copies regular files out through QSaveFile, refusing symlinks and FIFOs, and checks
// DownloadFile::sha256 when set (mismatch -> BadOutput); reset() empties the work directory
// after the sandbox's running commands ended; destroy() kills them, removes the folder and
// confirms (an id that is already gone counts as destroyed).
//
// On disk: <baseDir>/<id>/work is the work directory, <baseDir>/<id>/sandbox.json holds
// {id, labels, createdAt, uid} so that list() finds sandboxes of crashed processes too.

#include "sandbox/sandboxbackend.h"

#include <QHash>
#include <QPointer>
#include <memory>

namespace mrp {

class LocalBackend : public SandboxBackend
{
    Q_OBJECT
public:
    enum class Isolation {
        Auto,        // bubblewrap when found (Linux), else unisolated; MRP_LOCAL_ISOLATION=none|bwrap overrides
        Bubblewrap,  // require bubblewrap: create() fails with Infrastructure when it is missing or broken
        None,        // never isolate (still rlimits and timeouts)
    };

    struct Options {
        QString baseDir;                  // empty: localfiles::defaultBaseDir() (/var/tmp/mrp-sandboxes-<uid> on Linux)
        Isolation isolation = Isolation::Auto;
        QString bwrapPath;                // empty: "bwrap" from PATH
        qint64 memoryBytes = 0;           // RLIMIT_AS; 0: from SandboxSpec::memoryGib
        qint64 fileSizeBytes = 0;         // RLIMIT_FSIZE; 0: from SandboxSpec::diskGib
        qint64 diskBytes = 0;             // the whole work folder; 0: from SandboxSpec::diskGib
        int diskCheckMs = 100;            // how often a running command's work folder is measured
        qint64 tmpSizeBytes = 64ll << 20; // size of the sandbox's tmpfs /tmp (bubblewrap >= 0.10)
        int maxProcesses = 64;            // per sandbox (processes + threads)
        int maxOpenFiles = 256;           // RLIMIT_NOFILE
        int cpuSecondsSlack = 5;          // RLIMIT_CPU = timeoutSec * cpu + slack
        bool dropPrivilegesAsRoot = true; // run as a per-sandbox uid when we are root
        bool allowUnisolated = false;     // Auto without bubblewrap: run sandboxes that need isolation anyway
        bool sandboxCgroups = true;       // a cgroup budget per sandbox where the machine allows (Linux)
        // Sandboxed commands run this much nicer (POSIX), so on a busy machine the workbench's
        // window and the orchestration keep a core; 0 leaves them as they are.
        int niceness = 10;
    };

    explicit LocalBackend(QObject *parent = nullptr);
    explicit LocalBackend(const Options &options, QObject *parent = nullptr);
    ~LocalBackend() override;

    QString name() const override;
    bool isIsolated() const override;
    // "bubblewrap: no network, read-only system, private /tmp, ...; memory (memory_gib) and 64
    // processes for the sandbox as a whole (cgroup v1); ..." or "unisolated: bubblewrap not
    // found; ..." (loud by design), with "memory and CPU time limited per process, not for the
    // sandbox as a whole (<why>)" where no cgroup can be made.
    QString isolationDescription() const override;
    // The same for sandboxes made from spec: "memory 1 GiB and 64 processes ..." (the run record's).
    QString isolationDescription(const SandboxSpec &spec) const;
    // Whether sandboxes made from spec may run here: ok, or PolicyRefused with the reason (see
    // "Refusing to run unisolated" above). Waits for the bubblewrap probe when one is due.
    QFuture<SandboxError> checkIsolation(const SandboxSpec &spec);

    QFuture<Outcome<SandboxInfo>> create(const SandboxSpec &spec) override;
    QFuture<SandboxError> upload(const QString &sandboxId, const QList<UploadFile> &files) override;
    QFuture<Outcome<ExecResult>> exec(const QString &sandboxId, const ExecRequest &request) override;
    QFuture<SandboxError> download(const QString &sandboxId, const QList<DownloadFile> &files) override;
    QFuture<SandboxError> reset(const QString &sandboxId) override;
    QFuture<SandboxError> destroy(const QString &sandboxId) override;
    // Every sandbox under baseDir() whose labels include all of `labels` (also those created by
    // another process or before a crash).
    QFuture<Outcome<QList<SandboxInfo>>> list(const QMap<QString, QString> &labels) override;
    void cancel(const QString &sandboxId) override;

    QString baseDir() const;
    // Where the sandboxes of runs whose store is dataDir live: a folder of the neutral base
    // (localfiles::defaultBaseDir()) named by the first 16 hex digits of SHA-256(dataDir). A
    // sandbox sees its work folder's path in its mount table: this one names neither the data
    // folder nor the user's folders, and sandboxes of different stores stay apart.
    static QString baseDirFor(const QString &dataDir);
    // Host path of a sandbox's work directory (what the command sees as /work when isolated);
    // empty for an unknown id. For the emulator and tests.
    QString workDir(const QString &sandboxId) const;
    // Number of commands running right now (all sandboxes).
    int runningCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace mrp
