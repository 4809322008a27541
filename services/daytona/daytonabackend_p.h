// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Private to DaytonaBackend's implementation files.

#include "daytona/daytonabackend.h"
#include "sandbox/runcontract.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QPromise>

namespace mrp {

// One backend operation in flight: the job it waits on, how to fail it, and the sandbox it
// concerns (for cancel()). Deleted once it completed or failed.
class DaytonaBackend::Op : public QObject
{
public:
    QString sandboxId;
    bool done = false;
    QPointer<ApiJob> job;
    QElapsedTimer clock;
    std::function<void(const SandboxError &)> failFn;
    std::function<void()> succeed;   // for operations whose result is built along the way

    void succeedNow()
    {
        if (done)
            return;
        done = true;
        auto f = std::move(succeed);
        if (f)
            f();
        deleteLater();
    }
    void fail(const SandboxError &e)
    {
        if (done)
            return;
        done = true;
        if (job)
            job->abort();
        auto f = std::move(failFn);
        if (f)
            f(e);
        deleteLater();
    }
    void complete()
    {
        done = true;
        deleteLater();
    }
};

namespace daytona_p {

template<typename T>
std::shared_ptr<QPromise<T>> makePromise()
{
    auto p = std::make_shared<QPromise<T>>();
    p->start();
    return p;
}

template<typename T>
void deliver(const std::shared_ptr<QPromise<T>> &p, T value)
{
    p->addResult(std::move(value));
    p->finish();
}

inline SandboxError makeSandboxError(ErrorClass cls, const QString &message, const QString &details = {})
{
    SandboxError e;
    e.cls = cls;
    e.message = message;
    e.details = details;
    return e;
}

inline QString shellQuote(const QString &s)
{
    QString q = s;
    q.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + q + u'\'';
}

inline void capInto(const QByteArray &data, qint64 cap, QByteArray *out, qint64 *total, bool *truncated)
{
    *total = data.size();
    *truncated = cap >= 0 && data.size() > cap;
    *out = *truncated ? data.left(cap) : data;
}

// Exit status of the shell that ran a command.
inline ErrorClass classifyShellExit(int code)
{
    if (code == 137)
        return ErrorClass::OutOfMemory;   // SIGKILL we did not send: the memory limit
    if (code > 128 && code < 160)
        return ErrorClass::Killed;
    return runcontract::classifyExitCode(code);
}

} // namespace daytona_p
} // namespace mrp
