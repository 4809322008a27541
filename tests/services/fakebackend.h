// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A scripted SandboxBackend for scheduler and engine tests. Every operation finishes after a
// QTimer delay on the calling thread (never synchronously), as a real backend would. Scripts
// say, per shard (payload id from the uploaded files or MRP_SHARD_ID) and attempt, what
// happens: which phase fails with which class, how long exec takes, what the output is.
// It counts what is alive, so tests can assert that every sandbox was destroyed.

#include "sandbox/sandboxbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QPromise>
#include <QSaveFile>
#include <QTimer>

#include <functional>
#include <memory>

namespace mrp::test {

inline SandboxError failure(ErrorClass cls, const QString &message)
{
    SandboxError e;
    e.cls = cls;
    e.message = message;
    return e;
}

struct FakeStep {
    enum Fail { None, Create, Upload, Exec, Download, ExitCode, Hang };
    Fail fail = None;
    ErrorClass cls = ErrorClass::Infrastructure;
    int exitCode = 0;                 // for ExitCode
    int retryAfterMs = -1;
    int execMs = 10;                  // exec duration
};

class FakeBackend : public SandboxBackend
{
    Q_OBJECT
public:
    explicit FakeBackend(QObject *parent = nullptr) : SandboxBackend(parent) {}

    // script(shardId, attemptNumber) -> step; default: success after execMs.
    std::function<FakeStep(const QString &shardId, int attempt)> script;
    // output(shardId) -> bytes written to the downloaded output file.
    std::function<QByteArray(const QString &shardId)> output = [](const QString &shardId) {
        return QByteArray("{\"shard\":\"") + shardId.toUtf8() + QByteArray("\"}");
    };
    int opDelayMs = 2;
    int quota = -1;                   // >= 0: a create beyond this many live sandboxes is refused (Quota)
    std::function<int(int call)> createDelayMs;   // per create call, counted from 0; else opDelayMs
    int destroyMs = -1;               // > 0: a destroy is confirmed this late...
    bool releaseAtOnce = false;       // ...after released() said at once that it no longer counts

    // Observations.
    int created = 0;
    int quotaRefusals = 0;
    int destroyed = 0;
    int resets = 0;
    int cancels = 0;
    int execs = 0;
    int runningExecs = 0;
    int maxRunningExecs = 0;
    QHash<QString, QList<qint64>> execStartMs;      // shardId -> when each exec started (ms)
    QElapsedTimer clock;
    QSet<QString> alive;
    QStringList events;               // "create <id>", "gone <id>" in order

    QString name() const override { return QStringLiteral("fake"); }
    bool isIsolated() const override { return true; }
    QString isolationDescription() const override { return QStringLiteral("fake isolation"); }

    QFuture<Outcome<SandboxInfo>> create(const SandboxSpec &spec) override
    {
        auto p = std::make_shared<QPromise<Outcome<SandboxInfo>>>();
        p->start();
        const QString shardId = spec.shardId;
        const int call = m_createCalls++;
        QTimer::singleShot(createDelayMs ? createDelayMs(call) : opDelayMs, this, [this, p, shardId] {
            Outcome<SandboxInfo> o;
            const FakeStep s = stepFor(shardId, nextAttemptPeek(shardId));
            if (quota >= 0 && alive.size() >= quota) {
                o.error = SandboxError{ErrorClass::Quota, QStringLiteral("Total CPU limit exceeded. Maximum allowed: %1.").arg(quota), {}, 0, -1};
                ++quotaRefusals;
            } else if (s.fail == FakeStep::Create) {
                o.error = err(s);
                consumeAttempt(shardId);
            } else {
                o.value.id = QStringLiteral("sb-%1").arg(++m_seq);
                o.value.state = QStringLiteral("started");
                alive.insert(o.value.id);
                ++created;
                events.append(QStringLiteral("create ") + o.value.id);
            }
            p->addResult(o);
            p->finish();
        });
        return p->future();
    }

    QFuture<SandboxError> upload(const QString &id, const QList<UploadFile> &files) override
    {
        QString shardId;
        for (const UploadFile &f : files)
            if (f.remotePath == u"shard.txt")
                shardId = readAll(f.localPath);
        m_shardOf[id] = shardId;
        return simple(id, [this, shardId] {
            const FakeStep s = stepFor(shardId, nextAttemptPeek(shardId));
            if (s.fail == FakeStep::Upload) {
                consumeAttempt(shardId);
                return err(s);
            }
            return SandboxError{};
        });
    }

    QFuture<Outcome<ExecResult>> exec(const QString &id, const ExecRequest &req) override
    {
        const QString shardId = req.env.value(QStringLiteral("MRP_SHARD_ID"));
        m_shardOf[id] = shardId;
        const int attempt = consumeAttempt(shardId);
        const FakeStep s = stepFor(shardId, attempt);
        ++execs;
        ++runningExecs;
        maxRunningExecs = std::max(maxRunningExecs, runningExecs);
        if (!clock.isValid())
            clock.start();
        execStartMs[shardId].append(clock.elapsed());
        auto p = std::make_shared<QPromise<Outcome<ExecResult>>>();
        p->start();
        m_pending[id].append([p] {
            Outcome<ExecResult> o;
            o.error.cls = ErrorClass::Cancelled;
            p->addResult(o);
            p->finish();
        });
        if (s.fail == FakeStep::Hang)
            return p->future();
        QTimer::singleShot(s.execMs, this, [this, p, s, id] {
            if (p->future().isFinished())
                return;
            --runningExecs;
            m_pending.remove(id);
            Outcome<ExecResult> o;
            if (s.fail == FakeStep::Exec) {
                o.error = err(s);
            } else {
                o.value.exitCode = s.fail == FakeStep::ExitCode ? s.exitCode : 0;
                o.value.errorClass = s.fail == FakeStep::ExitCode && s.cls == ErrorClass::Timeout ? ErrorClass::Timeout
                                                                                                  : ErrorClass::None;
                // As the runner: the digest of the output it wrote, last on stdout.
                o.value.stdoutData = "ok\n";
                if (o.value.exitCode == 0 && o.value.errorClass == ErrorClass::None)
                    o.value.stdoutData += "\nMRP-OUTPUT-SHA256 " + QCryptographicHash::hash(output(m_shardOf.value(id)), QCryptographicHash::Sha256).toHex() + "\n";
                o.value.stderrData = s.fail == FakeStep::ExitCode ? QByteArray("Traceback: boom\n") : QByteArray();
                o.value.stdoutBytes = o.value.stdoutData.size();
                o.value.stderrBytes = o.value.stderrData.size();
            }
            p->addResult(o);
            p->finish();
        });
        return p->future();
    }

    QFuture<SandboxError> download(const QString &id, const QList<DownloadFile> &files) override
    {
        const QString shardId = m_shardOf.value(id);
        return simple(id, [this, files, shardId] {
            const FakeStep s = stepFor(shardId, m_attempts.value(shardId));
            if (s.fail == FakeStep::Download)
                return err(s);
            for (const DownloadFile &f : files) {
                QSaveFile out(f.localPath);
                if (!out.open(QIODevice::WriteOnly))
                    return failure(ErrorClass::Infrastructure, QStringLiteral("cannot write"));
                out.write(output(shardId));
                out.commit();
            }
            return SandboxError{};
        });
    }

    QFuture<SandboxError> reset(const QString &id) override
    {
        ++resets;
        return simple(id, [] { return SandboxError{}; });
    }

    QFuture<SandboxError> destroy(const QString &id) override
    {
        if (releaseAtOnce)
            later([this, id] { Q_EMIT released(id); });
        auto p = std::make_shared<QPromise<SandboxError>>();
        p->start();
        QTimer::singleShot(destroyMs > 0 ? destroyMs : opDelayMs, this, [this, p, id] {
            if (alive.remove(id)) {
                ++destroyed;
                events.append(QStringLiteral("gone ") + id);
            }
            p->addResult(SandboxError{});
            p->finish();
        });
        return p->future();
    }

    QFuture<Outcome<QList<SandboxInfo>>> list(const QMap<QString, QString> &) override
    {
        QList<SandboxInfo> l;
        for (const QString &id : std::as_const(alive))
            l.append(SandboxInfo{id, QStringLiteral("started"), {}, {}});
        return QtFuture::makeReadyValueFuture(Outcome<QList<SandboxInfo>>{l, {}});
    }

    void cancel(const QString &id) override
    {
        ++cancels;
        const auto pend = m_pending.take(id);
        for (const auto &f : pend) {
            --runningExecs;
            f();
        }
    }

private:
    static QString readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }
    static SandboxError err(const FakeStep &s)
    {
        SandboxError e;
        e.cls = s.cls;
        e.message = QStringLiteral("scripted %1").arg(errorClassName(s.cls));
        e.retryAfterMs = s.retryAfterMs;
        return e;
    }
    FakeStep stepFor(const QString &shardId, int attempt) const
    {
        return script ? script(shardId, attempt) : FakeStep{};
    }
    int nextAttemptPeek(const QString &shardId) const { return m_attempts.value(shardId) + 1; }
    int consumeAttempt(const QString &shardId) { return ++m_attempts[shardId]; }
    void later(std::function<void()> f) { QTimer::singleShot(opDelayMs, this, std::move(f)); }
    QFuture<SandboxError> simple(const QString &, std::function<SandboxError()> f)
    {
        auto p = std::make_shared<QPromise<SandboxError>>();
        p->start();
        later([p, f] {
            p->addResult(f());
            p->finish();
        });
        return p->future();
    }

    int m_seq = 0;
    int m_createCalls = 0;
    QHash<QString, int> m_attempts;                 // attempts started per shard (create failures included)
    QHash<QString, QString> m_shardOf;              // sandbox -> shard it currently serves
    QHash<QString, QList<std::function<void()>>> m_pending;
};

} // namespace mrp::test
