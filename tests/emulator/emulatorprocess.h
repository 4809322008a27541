// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Test helper: starts bin/daytona-emulator on port 0, reads its `LISTENING <url>` line, reads
// its stats, and stops it. Header-only; for tests and benchmarks.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <sched.h>
#include <sys/resource.h>
#endif

namespace mrp::test {

class EmulatorProcess
{
public:
    ~EmulatorProcess() { stop(); }

    static QString binary() { return QStringLiteral(MRP_BINARY_DIR "/bin/daytona-emulator"); }

    // Returns false (with the emulator's stderr in *error) when it did not come up in time.
    // niceness > 0 (POSIX): the emulator and every sandbox it runs get only the processor time
    // nothing else wants, as if they ran on another machine (measurements of the client); 19,
    // the lowest, also puts them in the idle scheduling class on Linux, so a thread of the
    // client that wakes takes a core from them at once. cpus (Linux): the processors the
    // emulator and its sandboxes may run on (see splitProcessors()); empty: all.
    bool start(const QStringList &args = {}, QString *error = nullptr, int niceness = 0, const QList<int> &cpus = {})
    {
        m_process.setProgram(binary());
        m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + args);
#ifdef Q_OS_UNIX
        if (niceness > 0 || !cpus.isEmpty()) {
            m_process.setChildProcessModifier([niceness, cpus] {
                if (niceness > 0)
                    ::setpriority(PRIO_PROCESS, 0, niceness);
#ifdef Q_OS_LINUX
                if (niceness >= 19) {
                    sched_param none{};
                    ::sched_setscheduler(0, SCHED_IDLE, &none);
                }
                if (!cpus.isEmpty()) {
                    cpu_set_t set;
                    CPU_ZERO(&set);
                    for (int cpu : cpus)
                        CPU_SET(cpu, &set);
                    ::sched_setaffinity(0, sizeof set, &set);
                }
#endif
            });
        }
#else
        Q_UNUSED(niceness)
        Q_UNUSED(cpus)
#endif
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        QDeadlineTimer deadline(15000);
        QByteArray out;
        while (!deadline.hasExpired()) {
            if (!m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                break;
            out += m_process.readAllStandardOutput();
            const qsizetype at = out.indexOf("LISTENING ");
            const qsizetype nl = at >= 0 ? out.indexOf('\n', at) : -1;
            if (nl > at) {
                m_apiUrl = QUrl(QString::fromUtf8(out.mid(at + 10, nl - at - 10).trimmed()));
                return m_apiUrl.isValid();
            }
        }
        if (error)
            *error = QString::fromUtf8(m_process.readAllStandardError()) + m_process.errorString();
        return false;
    }

    QUrl apiUrl() const { return m_apiUrl; }

    // GET /api/emulator/stats (or .../reset).
    QJsonObject stats(bool reset = false)
    {
        return control(reset ? QStringLiteral("/emulator/stats/reset") : QStringLiteral("/emulator/stats"));
    }

    // Stops injecting faults (GET /api/emulator/faults/off); answers the stats.
    QJsonObject faultsOff() { return control(QStringLiteral("/emulator/faults/off")); }

    QJsonObject control(const QString &path)
    {
        QNetworkAccessManager nam;
        QUrl url = m_apiUrl;
        url.setPath(url.path() + path);
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QSignalSpy spy(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            spy.wait(10000);
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return o;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }

private:
    QProcess m_process;
    QUrl m_apiUrl;
};

// For benchmarks of the client on one machine (Linux): the processors this process may use,
// split in two — the first half for the client (every thread of this process is moved there),
// the second for the emulator, whose sandboxes stand for remote machines. On this project's
// 2-core VMs the churn of sandbox processes (fork, exec, exit, 60+ at once) stalls the core it
// runs on for up to ~100 ms at a time — a plain process sleeping 2 ms on that core sees it, the
// other core does not (measured with a sleep loop beside a fork loop in the idle class) — so
// sharing the cores would measure the machine, not the client. Answers the emulator's half;
// empty (nothing moved) with fewer than two processors.
inline QList<int> splitProcessors()
{
    QList<int> emulator;
#ifdef Q_OS_LINUX
    cpu_set_t mine;
    CPU_ZERO(&mine);
    if (::sched_getaffinity(0, sizeof mine, &mine) != 0 || CPU_COUNT(&mine) < 2)
        return emulator;
    QList<int> all;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &mine))
            all << cpu;
    }
    const qsizetype half = all.size() / 2;
    cpu_set_t client;
    CPU_ZERO(&client);
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (i < half)
            CPU_SET(all.at(i), &client);
        else
            emulator << all.at(i);
    }
    // Every thread of this process (affinity is per thread; new threads inherit it).
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks)
        ::sched_setaffinity(pid_t(tid.toInt()), sizeof client, &client);
#endif
    return emulator;
}

// The environment of an `mrp` started by a test against the emulator: a private HOME with its
// own config and data folders, the emulator's URL and a key in the environment (no keychain).
inline QProcessEnvironment cliEnvironment(const QString &home, const QUrl &apiUrl, const QString &apiKey)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("MRP_DATA_DIR"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("DAYTONA_API_URL"), apiUrl.toString());
    env.insert(QStringLiteral("DAYTONA_API_KEY"), apiKey);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    return env;
}

// `mrp run JOB --json --data-dir DATADIR EXTRA...` with HOME at home and, when apiUrl is set,
// the emulator's URL and apiKey in the environment. The JSON summary, with the exit code as
// "__exit"; stderr into *errOut.
inline QJsonObject runJobJson(const QString &job, const QStringList &extra, const QString &dataDir, const QString &home,
                              const QUrl &apiUrl, const QString &apiKey, int timeoutMs, QByteArray *errOut)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    if (!apiUrl.isEmpty()) {
        env.insert(QStringLiteral("DAYTONA_API_URL"), apiUrl.toString());
        env.insert(QStringLiteral("DAYTONA_API_KEY"), apiKey);
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"),
            QStringList{QStringLiteral("run"), job, QStringLiteral("--json"), QStringLiteral("--data-dir"), dataDir} + extra);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    *errOut = p.readAllStandardError();
    QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    o.insert(QStringLiteral("__exit"), p.exitCode());
    return o;
}

// A file's bytes, or a marker naming it when it is missing (so a comparison says which).
inline QByteArray readOrMissing(const QString &dir, const QString &name)
{
    QFile f(QDir(dir).filePath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing " + name.toUtf8() + '>');
}

} // namespace mrp::test
