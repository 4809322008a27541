// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// RunLock: a live process's lock is seen as held (by this process and by others), a second
// acquire fails with who holds it, and the lock of a process that died is not held.

#include "store/runlock.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;
using namespace Qt::StringLiterals;

class TestRunLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heldWhileLockedAndReleased()
    {
        QTemporaryDir dir;
        QVERIFY(!RunLock::isHeld(dir.path(), u"r1"_s));
        RunLock lock;
        QVERIFY(lock.acquire(dir.path(), u"r1"_s));
        QVERIFY(lock.isLocked());
        QVERIFY(RunLock::isHeld(dir.path(), u"r1"_s));
        QVERIFY(!RunLock::isHeld(dir.path(), u"r2"_s));
        RunLock second;
        QString holder;
        QVERIFY(!second.acquire(dir.path(), u"r1"_s, &holder));
        QVERIFY2(holder.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(holder));
        lock.release();
        QVERIFY(!RunLock::isHeld(dir.path(), u"r1"_s));
        QVERIFY(second.acquire(dir.path(), u"r1"_s));
    }

    void lockOfADeadProcessIsNotHeld()
    {
        QTemporaryDir dir;
        const QString file = RunLock::path(dir.path(), u"dead"_s);
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        // A lock file written by a process that has exited since (same format as QLockFile).
        QProcess p;
        p.start(u"sh"_s, {u"-c"_s, u"echo $$"_s});
        QVERIFY(p.waitForFinished(5000));
        const QByteArray deadPid = p.readAllStandardOutput().trimmed();
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(deadPid + "\nmrp\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        f.close();
        QVERIFY(!RunLock::isHeld(dir.path(), u"dead"_s));
        RunLock lock;
        QVERIFY(lock.acquire(dir.path(), u"dead"_s));
    }
};

QTEST_GUILESS_MAIN(TestRunLock)
#include "tst_runlock.moc"
