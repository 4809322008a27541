// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/runlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunLock)
};
} // namespace

RunLock::RunLock() = default;
RunLock::~RunLock() = default;

QString RunLock::path(const QString &dataDir, const QString &runId)
{
    return QDir(dataDir).filePath(QStringLiteral("locks/%1.lock").arg(runId));
}

bool RunLock::isHeld(const QString &dataDir, const QString &runId)
{
    const QString file = path(dataDir, runId);
    if (runId.isEmpty() || !QFileInfo::exists(file))
        return false;
    QLockFile probe(file);
    probe.setStaleLockTime(0);   // stale only when its process is gone, however old
    if (probe.tryLock(0)) {
        probe.unlock();
        return false;
    }
    // Held by a live process; this process included (QLockFile is not re-entrant).
    return probe.error() == QLockFile::LockFailedError;
}

bool RunLock::acquire(const QString &dataDir, const QString &runId, QString *holder)
{
    release();
    const QString file = path(dataDir, runId);
    QDir().mkpath(QFileInfo(file).absolutePath());
    auto lock = std::make_unique<QLockFile>(file);
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        if (holder) {
            qint64 pid = 0;
            QString host, app;
            *holder = lock->getLockInfo(&pid, &host, &app)
                ? Tr::tr("process %1 (%2) on %3").arg(pid).arg(app, host)
                : Tr::tr("another process (%1)").arg(file);
        }
        return false;
    }
    m_lock = std::move(lock);
    return true;
}

void RunLock::release()
{
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
}

bool RunLock::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

} // namespace mrp
