// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// LocalCommand: how LocalBackend turns one ExecRequest into a process (program, arguments,
// environment, limits), and how it reads the way that process ended. Pure functions and plain
// values; used on the backend's thread and by tests that check the bubblewrap command line.
//
// Per OS (docs/platforms.md §1):
//   Linux    bubblewrap when it works; rlimits set in the child between fork and exec; a new
//            session whose process group is killed (SIGKILL) on timeout or cancel.
//   macOS    a plain process: the same rlimits (RLIMIT_AS is not enforced by macOS) and the
//            same new session / process-group kill; no file system or network isolation.
//   Windows  a plain process inside a Job Object: memory per process, active processes, CPU
//            time, kill on close; started suspended and resumed once it is in the job, so no
//            descendant escapes; killed with TerminateJobObject. No file system or network
//            isolation.

#include "record/errorclass.h"
#include "sandbox/sandboxbackend.h"

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
    // When we are root: the unprivileged uid/gid the command runs as (0: stay root). The child
    // drops to it before exec — isolated, before bubblewrap, which then makes a user namespace
    // of that uid like it does for any normal user.
    uint dropToUid = 0;
    // Non-root isolated: the process cap is set inside the sandbox's own user namespace (where
    // it counts only that sandbox's processes) with this prlimit; empty: not enforced.
    QString prlimitPath;
    // The sandbox's cgroup (sandboxcgroup.h): the child writes "0" to each of these files
    // before exec, so the command and every descendant run inside the sandbox's budget.
    QStringList cgroupProcsFiles;
    int niceness = 0;                 // setpriority() in the child before exec (POSIX)
};

struct LocalCommand {
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    QString workingDirectory;
    // Isolated: bubblewrap's options, NUL-separated, which it reads from file descriptor 3
    // (`--args 3`, a memfd made at start) and then closes. The command's stdin is the null
    // device.
    QByteArray bwrapOptions;
};

// The process to start for spec. Isolated: `bwrap --args 3 -- <command>` with the sandbox's
// options on file descriptor 3 — not on bubblewrap's command line, which every process in
// the sandbox can read as /proc/1/cmdline and which would name host paths (the work folder),
// and not on stdin, which the command would then find closed (its first open() taking fd 0).
LocalCommand buildLocalCommand(const LocalCommandSpec &spec);
// Starts cmd in process (program, arguments, environment, working folder, standard input).
// Connect to process and call applyChildSetup() first.
void startLocalCommand(QProcess *process, const LocalCommand &cmd);

enum class LocalHostOs { Linux, MacOS, Windows };
LocalHostOs currentHostOs(); // Linux also stands for the other Unix systems

// The environment a command starts with (the request's variables are added on top). Isolated:
// a fixed minimal set. Unisolated it also carries what the host OS needs to start programs:
// on Windows SystemRoot, windir, SystemDrive, COMSPEC, PATHEXT, the host PATH, TEMP and TMP
// (Python does not start without SystemRoot); on macOS a PATH with /opt/homebrew/bin and
// /usr/local/bin (Homebrew's python3). `host` is the host environment to take them from.
QProcessEnvironment localBaseEnvironment(const LocalCommandSpec &spec, LocalHostOs os,
                                         const QProcessEnvironment &host);

// Whether commands in a sandbox made from `spec` need isolation: the spec cuts the network off
// (networkBlockAll) or limits it to an allowlist, which an unisolated process cannot do.
bool sandboxNeedsIsolation(const SandboxSpec &spec);

// The refusal (translated) when a sandbox that needs isolation would run unisolated, empty when
// it may run: isolated, or not needing it, or `allowUnisolated` (the user said so: Isolation::
// None, MRP_LOCAL_ISOLATION=none, MRP_ALLOW_UNISOLATED=1, `mrp run --allow-unisolated`).
// `why` says why there is no isolation ("bubblewrap not found", "no sandbox on Windows").
QString unisolatedRefusal(const SandboxSpec &spec, bool isolated, bool allowUnisolated, const QString &why);

// Configures process to apply spec's limits and to keep its descendants together.
// POSIX: the sandbox's cgroup entered (Linux, when spec names one; a failure to enter it fails
// the start), rlimits (and the unisolated privilege drop) in the child, a new session (so a kill of
// its process group reaches every descendant that did not leave it), inherited file descriptors
// closed. Windows: a Job Object owned by the process object (closing it kills what is left),
// the child created suspended and resumed once it is in the job.
void applyChildSetup(QProcess *process, const LocalCommandSpec &spec);

// Kills the process group led by pid with SIGKILL (no-op for pid <= 0; POSIX only).
void killProcessGroup(qint64 pid);
// Kills process and its descendants: killProcessGroup(pid, or the process's own id when 0) on
// POSIX, TerminateJobObject on Windows (QProcess::kill() when it has no job). The process still
// reports finished().
void killProcessTree(QProcess *process, qint64 pid = 0);
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
// other signal -> Killed; a normal exit -> runcontract::classifyExitCode(), except on Windows
// ERROR_NOT_ENOUGH_QUOTA (the Job Object's CPU time limit ended the job) -> Timeout.
ErrorClass classifyLocalExit(const LocalExitInfo &info);

// Whether bubblewrap's command line puts /lib, /bin... in place as symlinks into /usr
// (merged /usr) or as read-only binds: the arguments for this host.
QStringList systemBindArguments();

} // namespace mrp
