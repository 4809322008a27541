// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Sandbox budgets with cgroups (Linux): memory and processes bounded for a sandbox as a whole,
// not per process (docs/platforms.md §1, docs/run-contract.md "The local sandbox").
//
// CgroupHost finds a place where this process may make cgroups, once per process:
//   cgroup v2  our own cgroup (/proc/self/cgroup "0::<path>") when it is writable for us and its
//              parent gave it the memory and pids controllers. A cgroup with processes cannot
//              hand controllers to children (the "no internal processes" rule), so when ours
//              holds only this process we move it into a leaf of its own first,
//              <ours>/mrp-<pid>-<start>/host, and enable memory and pids below. When other
//              processes share our cgroup we cannot, and say so.
//   cgroup v1  our own cgroups in the memory and pids hierarchies (/proc/self/cgroup
//              "N:memory:<path>", "N:pids:<path>"), when we may make folders there (as root,
//              usually). No rule about internal processes: nothing moves.
// Our folders are <own cgroup>/mrp-<pid>-<start time> (the start time in clock ticks tells a
// live process from a reused pid). Opening the host also removes such folders whose process is
// gone (a crashed mrp): what still runs in them is killed first. A host that cannot be used
// says why (unavailableReason()), and LocalBackend falls back to per-process rlimits and says
// that instead.
//
// SandboxCgroup is one sandbox's group, <ours>/<sandbox id> in every hierarchy: memory.max (v2;
// memory.swap.max 0) or memory.limit_in_bytes and memory.memsw.limit_in_bytes (v1), pids.max.
// The sandbox's first process enters it between fork and exec by writing "0" to each
// procsFiles() entry (open/write/close only: async-signal-safe), so no descendant starts outside.
// oomKills() reads how many processes the kernel's OOM killer ended in it (v2 memory.events
// "oom_kill", v1 memory.oom_control "oom_kill"). Destroying the object kills whatever is left
// in the group (cgroup.kill on v2 where the kernel has it, else SIGKILL to each pid in
// cgroup.procs) and removes its folders on the thread pool, retrying while the kernel still
// holds exiting processes (at most about 5 s).
//
// Threading: CgroupHost::instance() may be called from any thread; the objects are used by
// their owner's thread. Plain file operations only; no Qt event loop needed.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace mrp {

struct CgroupLimits {
    qint64 memoryBytes = 0;   // 0: not limited
    int maxProcesses = 0;     // tasks (processes and threads); 0: not limited
};

class SandboxCgroup;

class CgroupHost : public std::enable_shared_from_this<CgroupHost>
{
public:
    enum class Version { None, V1, V2 };

    // Where the cgroup file systems are and who we are. The defaults are this machine's; tests
    // point fsRoot at a folder of plain files (then files the kernel would provide are created).
    struct Environment {
        QString fsRoot = QStringLiteral("/sys/fs/cgroup");
        QByteArray selfCgroup;       // the text of /proc/self/cgroup; empty: read it
        qint64 pid = 0;              // 0: this process
        bool plainFiles = false;     // fsRoot is not a cgroup file system (tests)
    };

    // The host for this process on this machine, made on first use and shared while anyone
    // holds it (LocalBackends of one process share it).
    static std::shared_ptr<CgroupHost> instance();
    // A host over env, not shared (tests).
    static std::shared_ptr<CgroupHost> open(const Environment &env);
    ~CgroupHost();

    Version version() const { return m_version; }
    bool usable() const { return m_version != Version::None; }
    // "cgroup v1" or "cgroup v2"; empty when not usable.
    QString versionName() const;
    // Why no sandbox budget can be made here, e.g. "/sys/fs/cgroup/memory/x is not writable
    // (Permission denied)"; empty when usable.
    QString unavailableReason() const { return m_reason; }
    // Our folders: v1 the memory and the pids one, v2 one.
    QStringList folders() const { return m_folders; }
    // Folders of processes that are gone, removed when the host was opened.
    QStringList swept() const { return m_swept; }

    // A group `name` (a sandbox id) in our folders with limits; nullptr with *why when it
    // cannot be made (nothing is left behind then).
    std::shared_ptr<SandboxCgroup> createGroup(const QString &name, const CgroupLimits &limits, QString *why);

private:
    explicit CgroupHost(const Environment &env);
    void setUpV1(const QByteArray &selfCgroup);
    void setUpV2(const QByteArray &selfCgroup);
    void sweepStale(const QString &ownCgroup);
    bool writeFile(const QString &path, const QByteArray &value, QString *why) const;

    Environment m_env;
    QString m_tag;                  // mrp-<pid>-<start time>
    Version m_version = Version::None;
    QString m_reason;
    QStringList m_folders;
    QStringList m_swept;
    bool m_removeFoldersAtEnd = false;   // v1: nothing of ours lives in them
};

class SandboxCgroup
{
public:
    ~SandboxCgroup();
    SandboxCgroup(const SandboxCgroup &) = delete;
    SandboxCgroup &operator=(const SandboxCgroup &) = delete;

    QString name() const { return m_name; }
    CgroupLimits limits() const { return m_limits; }
    CgroupHost::Version version() const { return m_version; }
    // The group's folder in every hierarchy (v1: memory, pids; v2: one).
    QStringList folders() const { return m_folders; }
    // The files a new process writes "0" to, to enter the group (host paths).
    QStringList procsFiles() const;
    // Processes the OOM killer ended in this group since it was made.
    qint64 oomKills() const;
    // SIGKILL to everything in the group now (the folders stay).
    void killAll() const;

private:
    friend class CgroupHost;
    SandboxCgroup() = default;

    std::shared_ptr<CgroupHost> m_host;  // keeps our folders until the group is gone
    QString m_name;
    CgroupLimits m_limits;
    CgroupHost::Version m_version = CgroupHost::Version::None;
    QStringList m_folders;
    bool m_plainFiles = false;
};

} // namespace mrp
