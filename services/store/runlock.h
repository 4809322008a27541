// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RunLock: a run being executed holds <data dir>/locks/<run id>.lock (a QLockFile: a crashed
// process leaves no live lock behind), so another process can tell a live run from the
// leftovers of a killed one, and two processes never resume the same run at once.
//
// Threading: any thread; one object is used by one thread at a time.

#include <QString>

#include <memory>

class QLockFile;

namespace mrp {

class RunLock
{
public:
    RunLock();
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    static QString path(const QString &dataDir, const QString &runId);
    // True when a live process (possibly this one) holds the run's lock.
    static bool isHeld(const QString &dataDir, const QString &runId);

    // Takes the lock; false (with who holds it in *holder) when a live process has it.
    bool acquire(const QString &dataDir, const QString &runId, QString *holder = nullptr);
    void release();
    bool isLocked() const;

private:
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace mrp
