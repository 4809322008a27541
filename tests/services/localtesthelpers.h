// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Helpers shared by the local sandbox tests: wait for a backend future without blocking the
// event loop, build a run-contract package by hand, and look for processes we left behind.

#include "local/localbackend.h"
#include "sandbox/runcontract.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFuture>
#include <QTest>

#include <functional>

namespace mrptest {

// Spins the event loop until future finished (QTRY-style) or timeoutMs passed.
template<typename T>
bool waitFor(const QFuture<T> &future, int timeoutMs = 10000)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs);
}

template<typename T>
T resultOf(const QFuture<T> &future, int timeoutMs = 10000)
{
    if (!waitFor(future, timeoutMs) || future.resultCount() == 0)
        return T{};
    return future.result();
}

// A QTemporaryDir is 0700. As root, sandboxes run as uids of their own that must walk down to
// their work folders (the default folder, /var/tmp/mrp-sandboxes-UID, is 0711): let them through.
inline bool letSandboxUidsThrough(const QString &dir)
{
    return QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ExeGroup | QFileDevice::ExeOther);
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline QByteArray runnerSource()
{
    QFile f(QStringLiteral(":/mrp/runner/runner.py"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Writes runner.py, user_operator.py, manifest.json and payload.json (or inputs.json) into dir
// and returns the upload list.
inline QList<mrp::UploadFile> makePackage(const QString &dir, const QByteArray &operatorCode,
                                          const QByteArray &payload = "[1,2,3]",
                                          const QByteArray &entrypoint = "map_shard", bool reduce = false)
{
    using namespace mrp::runcontract;
    QDir().mkpath(dir);
    const QByteArray manifest = "{\"entrypoint\":\"" + entrypoint + "\",\"operator\":\"user_operator.py\",\"output\":\"output.json\"}";
    const QString dataName = reduce ? QString(InputsFile) : QString(PayloadFile);
    writeFile(dir + u'/' + QString(RunnerFile), runnerSource());
    writeFile(dir + u'/' + QString(OperatorFile), operatorCode);
    writeFile(dir + u'/' + QString(ManifestFile), manifest);
    writeFile(dir + u'/' + dataName, payload);
    QList<mrp::UploadFile> files;
    for (const QString &name : {QString(RunnerFile), QString(OperatorFile), QString(ManifestFile), dataName})
        files.append({dir + u'/' + name, name});
    return files;
}

// Host pids of live processes whose environment carries marker (we set it through ExecRequest::env).
inline QList<int> processesWithMarker(const QByteArray &marker)
{
    QList<int> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const int pid = e.toInt(&ok);
        if (!ok)
            continue;
        QFile env(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!env.open(QIODevice::ReadOnly))
            continue;
        if (env.readAll().contains(marker)) {
            // Zombies already released everything; only count processes still running.
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (stat.open(QIODevice::ReadOnly)) {
                const QByteArray s = stat.readAll();
                const qsizetype paren = s.lastIndexOf(')');
                if (paren > 0 && paren + 2 < s.size() && s.at(paren + 2) == 'Z')
                    continue;
            }
            pids.append(pid);
        }
    }
    return pids;
}

} // namespace mrptest
