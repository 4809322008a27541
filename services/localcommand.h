// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// LocalCommand: how LocalBackend turns one ExecRequest into a process (program, arguments,
// environment, rlimits applied in the child between fork and exec), and how it reads the way
// that process ended. Pure functions and plain values; used on the backend's thread and by
// tests that check the bubblewrap command line.

#include "errorclass.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

namespace mrp {

struct LocalLimits {
    qint64 memoryBytes = 1ll << 30;   // RLIMIT_AS
    qint64 fileSizeBytes = 3ll << 30; // RLIMIT_FSIZE
    int cpuSeconds = 65;              // RLIMIT_CPU (soft; hard = soft + 2)
    int maxProcesses = 64;            // RLIMIT_NPROC, only where it can hold (see LocalCommandSpec)
    int maxOpenFiles = 256;           // RLIMIT_NOFILE
};

struct LocalCommandSpec {
    QString sandboxId;                // exported as MRP_SANDBOX_ID (lets us find strays unisolated)
    QString workDir;                  // host path of the work directory
    QStringList argv;                 // the request's command
    QMap<QString, QString> env;       // the request's environment
    LocalLimits limits;
    bool isolated = false;            // bubblewrap
    QString bwrapPath;
    qint64 tmpSizeBytes = 0;          // 0: no --size for the tmpfs /tmp
    // When we are root: the unprivileged uid/gid the command runs as (0: stay root). Isolated,
    // bubblewrap keeps root for its mounts and `setpriv` drops to it inside the sandbox;
    // unisolated, the child drops to it before exec.
    uint dropToUid = 0;
    QString setprivPath;              // in-sandbox path of setpriv (isolated + dropToUid)
    // Non-root isolated: the process cap is set inside the sandbox's own user namespace (where
    // it counts only that sandbox's processes) with this prlimit; empty: not enforced.
    QString prlimitPath;
};

struct LocalCommand {
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    QString workingDirectory;
};

// The process to start for spec. Isolated: bwrap with the sandbox arguments, then the command.
LocalCommand buildLocalCommand(const LocalCommandSpec &spec);

// Configures process to apply spec's rlimits (and the unisolated privilege drop) in the child,
// to start it in a new session (so a kill of its process group reaches every descendant that
// did not leave it) and to close inherited file descriptors.
void applyChildSetup(QProcess *process, const LocalCommandSpec &spec);

// Kills the process group led by pid with SIGKILL (no-op for pid <= 0).
void killProcessGroup(qint64 pid);
// Unisolated commands can leave their process group (setsid); this finds what still carries
// MRP_SANDBOX_ID=sandboxId in its environment and kills it (Linux; best effort: a process that
// re-executed itself with a clean environment escapes). Returns how many were killed.
int killStrays(const QString &sandboxId);

// How an exec ended, from QProcess's view: crashed = QProcess::CrashExit (then code = signal).
// Isolated commands report a signal death of the sandboxed process as 128 + signal (bubblewrap
// propagates it that way).
struct LocalExitInfo {
    int exitCode = -1;
    int signal = 0;                   // 0: exited normally
};
LocalExitInfo interpretExit(int code, bool crashed, bool isolated);

// SIGXCPU -> Timeout, SIGKILL (not sent by us: the kernel's OOM killer) -> OutOfMemory, any
// other signal -> Killed; a normal exit -> runcontract::classifyExitCode().
ErrorClass classifyLocalExit(const LocalExitInfo &info);

// Whether bubblewrap's command line puts /lib, /bin... in place as symlinks into /usr
// (merged /usr) or as read-only binds: the arguments for this host.
QStringList systemBindArguments();

} // namespace mrp
