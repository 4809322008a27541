// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "backgroundpriority.h"

#include <QDir>
#include <QFile>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace mrp {

namespace {

#ifdef Q_OS_LINUX
bool lowerTask(id_t tid)
{
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0 || now >= BackgroundNiceness)
        return false;
    return ::setpriority(PRIO_PROCESS, tid, BackgroundNiceness) == 0;
}
#endif

} // namespace

void enterBackgroundPriority()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
#ifdef Q_OS_LINUX
    lowerTask(id_t(::gettid()));
#else
    if (QThread *t = QThread::currentThread(); t && t->priority() > QThread::LowPriority)
        t->setPriority(QThread::LowPriority);
#endif
}

int lowerThreadsNamed(QByteArrayView prefix)
{
    int lowered = 0;
#ifdef Q_OS_LINUX
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith(prefix) && lowerTask(id_t(tid.toInt())))
            ++lowered;
    }
#else
    Q_UNUSED(prefix)
#endif
    return lowered;
}

} // namespace mrp
