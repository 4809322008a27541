// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/scheduler.h"

#include "backgroundpriority.h"
#include "data/digest.h"
#include "run/runlog.h"
#include "sandbox/runcontract.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcScheduler, "mrp.services.scheduler")

namespace mrp {

namespace {

constexpr qint64 TailBytes = 4096;
constexpr qint64 DispatchSliceMs = 8;   // see Scheduler::schedule()

// The capped text of a stream as it is kept (record, store, run.json, GUI): redacted here, once.
QString tail(const QByteArray &b)
{
    return RunLog::redact(QString::fromUtf8(b.size() > TailBytes ? b.right(TailBytes) : b));
}

} // namespace

Scheduler::Scheduler(SandboxBackend *backend, const SchedulerConfig &config, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_backendGuard(backend)
    , m_cfg(config)
    , m_rng(config.jitterSeed ? config.jitterSeed : QRandomGenerator::global()->generate())
{
    m_cfg.concurrency = std::max(1, m_cfg.concurrency);
    m_commitPool.setMaxThreadCount(1);
    m_commitPool.setExpiryTimeout(-1);   // one long-lived thread: its store connection is kept
    m_cfg.maxRetries = std::max(0, m_cfg.maxRetries);
    m_cfg.exec.timeoutSec = m_cfg.timeouts.exec;
    m_slots.resize(m_cfg.concurrency);
    m_scheduleTimer.setSingleShot(true);
    m_scheduleTimer.setInterval(0);
    connect(&m_scheduleTimer, &QTimer::timeout, this, [this] {
        m_scheduled = false;
        schedule();
    });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Scheduler::scheduleSoon);
    m_tick.setInterval(m_cfg.tickMs);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_tickDue = true;
        scheduleSoon();
    });
    connect(m_backend, &SandboxBackend::throttled, this, &Scheduler::throttled);
    connect(m_backend, &SandboxBackend::released, this, [this](const QString &id) {
        // Deleted and no longer counted by the service: its room in the quota is free now,
        // while the backend goes on confirming it gone.
        if (m_destroying.remove(id)) {
            m_released.insert(id);
            if (m_cfg.countSandboxesUntilDestroyed)
                scheduleSoon();
        }
    });
    connect(m_backend, &SandboxBackend::leaked, this, [this](const QString &idOrName, const QString &why) {
        m_leaked.append(idOrName);
        log(RunEvent::Kind::SandboxNotConfirmedGone, -1, {idOrName, why});
    });
    connect(m_backend, &SandboxBackend::outputReceived, this,
            [this](const QString &sandboxId, int stream, const QByteArray &chunk) {
                for (const Flight &f : std::as_const(m_flights)) {
                    if (f.sandboxId == sandboxId && !f.ended && !f.slotFreed) {
                        Q_EMIT output(f.index, stream, chunk);
                        return;
                    }
                }
            });
    m_clock.start();
}

Scheduler::~Scheduler()
{
    m_commitPool.waitForDone();   // a commit in flight holds copies of our inputs, not us
    // Nothing may be left behind even when the owner drops us mid-run.
    if (m_backendGuard) {
        for (const Flight &f : std::as_const(m_flights))
            if (!f.sandboxId.isEmpty())
                m_backend->cancel(f.sandboxId);
        for (const QString &id : std::as_const(m_live))
            m_backend->destroy(id);
    }
}

void Scheduler::setCommitHook(CommitHook hook)
{
    m_commit = std::move(hook);
}

void Scheduler::addCompleted(const ShardRecord &shard)
{
    Entry e;
    e.rec = shard;
    e.rec.state = ShardState::Done;
    e.rec.reused = true;
    if (m_entries.contains(shard.index))
        --m_stateCounts[int(m_entries[shard.index].rec.state)];
    ++m_stateCounts[int(ShardState::Done)];
    e.task.index = shard.index;
    e.task.shardId = shard.shardId;
    e.task.shardDigest = shard.shardDigest;
    m_entries.insert(shard.index, e);
}

void Scheduler::addTask(const SchedulerTask &task)
{
    Entry e;
    e.task = task;
    e.rec.index = task.index;
    e.rec.shardId = task.shardId;
    e.rec.shardDigest = task.shardDigest;
    e.rec.recordCount = task.recordCount;
    e.rec.state = ShardState::Queued;
    e.rec.attempts = task.priorAttempts;
    for (const AttemptRecord &a : task.priorAttempts)
        e.rec.costUsd += a.costUsd;
    if (m_entries.contains(task.index))
        --m_stateCounts[int(m_entries[task.index].rec.state)];
    ++m_stateCounts[int(ShardState::Queued)];
    m_entries.insert(task.index, e);
}

void Scheduler::start()
{
    if (m_started)
        return;
    m_started = true;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->rec.state == ShardState::Queued) {
            it->queuedSinceMs = m_clock.elapsed();
            m_queue.append(it.key());
        }
    }
    m_tick.start();
    qCDebug(lcScheduler) << "start:" << m_queue.size() << "queued of" << m_entries.size()
                         << "concurrency" << m_cfg.concurrency << "reuse" << m_cfg.sandboxReuse;
    scheduleSoon();
}

void Scheduler::cancel()
{
    if (m_cancelRequested || m_finished)
        return;
    m_cancelRequested = true;
    log(RunEvent::Kind::CancellingAttempts, -1, {}, m_flights.size());
    const QList<int> queued = m_queue;
    m_queue.clear();
    for (int index : queued)
        failQueued(index, ErrorClass::Cancelled, tr("Cancelled before it started."), ShardState::Cancelled);
    const QList<int> ids = m_flights.keys();
    for (int id : ids)
        if (!m_flights.value(id).committing)   // a commit in flight ends on its own, soon
            endAttempt(id, ErrorClass::Cancelled, tr("Cancelled."));
    scheduleSoon();
}

void Scheduler::scheduleSoon()
{
    // Coalesce: a finishing attempt never recurses into "start next".
    if (m_scheduled || m_finished)
        return;
    m_scheduled = true;
    m_scheduleTimer.start();
}

void Scheduler::schedule()
{
    if (m_finished || !m_started)
        return;
    const qint64 now = m_clock.elapsed();

    // Queue timeout: a shard that could not start in time fails (the queue is our own). A full
    // scan of the queue only on the housekeeping tick keeps dispatch O(1) for big runs.
    if (m_cfg.timeouts.queue > 0 && m_tickDue) {
        m_tickDue = false;
        const QList<int> queued = m_queue;
        for (int index : queued) {
            Entry &e = m_entries[index];
            if (now - e.queuedSinceMs > qint64(m_cfg.timeouts.queue) * 1000) {
                m_queue.removeAll(index);
                failQueued(index, ErrorClass::Timeout,
                           tr("Waited longer than the queue timeout (%1 s) for a slot.").arg(m_cfg.timeouts.queue),
                           ShardState::Failed);
            }
        }
    }

    // Dispatch in slices: each start costs the thread some work (a request built, a state
    // change shown, a log line), and 64 of them at once kept the workbench's GUI thread from its
    // event loop for ~45 ms (tests/bench/tst_bench_gui_watchdog.cpp). Past the slice, the rest
    // is dispatched on the next turn of the event loop, in the same order.
    QElapsedTimer slice;
    slice.start();
    bool yielded = false;
    qint64 nextEligible = -1;
    while (!m_cancelRequested && m_budgetMessage.isEmpty() && m_rateLimitMessage.isEmpty()
           && occupied() < capacity()) {
        if (slice.elapsed() >= DispatchSliceMs) {
            yielded = true;
            break;
        }
        int pick = -1;
        qsizetype pickPos = -1;
        for (qsizetype pos = 0; pos < m_queue.size(); ++pos) {
            const int index = m_queue.at(pos);
            const Entry &e = m_entries[index];
            if (e.eligibleAtMs <= now) {
                pick = index;
                pickPos = pos;
                break;
            }
            if (nextEligible < 0 || e.eligibleAtMs < nextEligible)
                nextEligible = e.eligibleAtMs;
        }
        if (pick < 0)
            break;
        if (!checkBudget())
            break;
        if (pickPos == 0)
            m_queue.removeFirst();   // O(1) on QList
        else
            m_queue.removeAt(pickPos);
        dispatchOne(pick, false);
    }
    if (yielded) {
        scheduleSoon();
        return;
    }
    if (nextEligible >= 0 && !m_cancelRequested)
        m_retryTimer.start(int(std::max<qint64>(0, nextEligible - now)));

    if (m_cfg.stragglerBackup && !m_cancelRequested && m_budgetMessage.isEmpty())
        checkStragglers();
    maybeFinish();
}

void Scheduler::failQueued(int index, ErrorClass cls, const QString &message, ShardState state)
{
    Entry &e = m_entries[index];
    if (isFinalState(e.rec.state))
        return;
    // A queued shard that already had attempts keeps them; one that never ran gets no attempt.
    log(RunEvent::Kind::ShardNotStarted, index, {e.rec.shardId, message, errorClassName(cls)});
    setState(e, state);
}

bool Scheduler::dispatchOne(int index, bool backup)
{
    Entry &e = m_entries[index];
    // A free slot whose kept sandbox serves the shard before one that would create a sandbox:
    // below the slot count (quota, capacity), an idle kept sandbox still holds the quota that a
    // create in another slot would be refused for.
    int slot = -1;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].busy)
            continue;
        if (slot < 0)
            slot = i;
        if (m_cfg.sandboxReuse && !m_slots[i].sandboxId.isEmpty()) {
            slot = i;
            break;
        }
    }
    Q_ASSERT(slot >= 0);
    m_slots[slot].busy = true;

    AttemptRecord a;
    a.number = e.rec.attempts.isEmpty() ? e.task.firstAttemptNumber
                                        : std::max(e.task.firstAttemptNumber, e.rec.attempts.constLast().number + 1);
    a.backup = backup;
    a.start = QDateTime::currentDateTimeUtc();
    a.phases.queueMs = backup ? 0 : std::max<qint64>(0, m_clock.elapsed() - std::max(e.queuedSinceMs, e.eligibleAtMs));
    e.rec.attempts.append(a);

    Flight f;
    f.id = m_nextFlightId++;
    f.index = index;
    f.attempt = int(e.rec.attempts.size()) - 1;
    f.slot = slot;
    f.attemptClock.start();
    f.watchdog = new QTimer(this);
    f.watchdog->setSingleShot(true);
    const int fid = f.id;
    connect(f.watchdog, &QTimer::timeout, this, [this, fid] { onWatchdog(fid); });
    m_flights.insert(f.id, f);
    m_maxInFlight = std::max(m_maxInFlight, int(m_flights.size()) - m_slotsFreed);
    if (backup)
        e.backupStarted = true;

    if (!backup)
        setState(e, ShardState::Provisioning);
    log(backup ? RunEvent::Kind::BackupDispatched : RunEvent::Kind::AttemptDispatched, index,
        {e.rec.shardId, QString::number(a.number), QString::number(slot)});

    Flight &ff = m_flights[fid];
    Slot &s = m_slots[slot];
    if (m_cfg.sandboxReuse && !s.sandboxId.isEmpty()) {
        ff.sandboxId = s.sandboxId;
        e.rec.attempts[ff.attempt].sandboxId = s.sandboxId;
        if (s.dirty) {
            startPhase(ff, ShardPhase::Reset);
            ++m_outstanding;
            m_backend->reset(ff.sandboxId).then(this, [this, fid](const SandboxError &err) {
                --m_outstanding;
                onReset(fid, err);
            });
        } else {
            onReset(fid, SandboxError{});
        }
        return true;
    }

    SandboxSpec spec = m_cfg.sandbox;
    spec.shardId = m_cfg.sandboxReuse ? QString() : e.rec.shardId;
    spec.attemptId = e.rec.shardId + u'/' + QString::number(a.number);
    startPhase(ff, ShardPhase::Create);
    ++m_outstanding;
    m_backend->create(spec).then(this, [this, fid](const Outcome<SandboxInfo> &r) {
        --m_outstanding;
        onCreated(fid, r);
    });
    return true;
}

void Scheduler::startPhase(Flight &f, ShardPhase phase)
{
    f.phase = phase;
    f.phaseClock.start();
    m_entries[f.index].rec.attempts[f.attempt].openPhase = phase;
    int seconds = 0;
    switch (phase) {
    case ShardPhase::Queue: break;
    case ShardPhase::Create:
    case ShardPhase::Reset: seconds = m_cfg.timeouts.create; break;
    case ShardPhase::Upload: seconds = m_cfg.timeouts.upload; break;
    case ShardPhase::Exec: break;
    case ShardPhase::Download: seconds = m_cfg.timeouts.download; break;
    }
    qint64 ms = qint64(seconds) * 1000;
    if (phase == ShardPhase::Exec)
        ms = qint64(m_cfg.timeouts.exec) * 1000 + m_cfg.execGraceMs;
    if (ms > 0)
        f.watchdog->start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    else
        f.watchdog->stop();
}

Scheduler::Flight *Scheduler::flight(int id)
{
    auto it = m_flights.find(id);
    return it == m_flights.end() || it->ended ? nullptr : &*it;
}

void Scheduler::onCreated(int flightId, const Outcome<SandboxInfo> &r)
{
    Flight *f = flight(flightId);
    if (!f) {
        // The attempt ended while create was in flight (timeout, cancel, lost race): the
        // sandbox still exists, so it goes now.
        if (r.ok() && !r.value.id.isEmpty()) {
            m_live.insert(r.value.id);
            destroySandbox(r.value.id);
        }
        maybeFinish();
        return;
    }
    Entry &e = m_entries[f->index];
    AttemptRecord &a = e.rec.attempts[f->attempt];
    a.phases.createMs = f->phaseClock.elapsed();
    if (!r.ok()) {
        const ErrorClass cls = r.error.cls == ErrorClass::None ? ErrorClass::Infrastructure : r.error.cls;
        endAttempt(flightId, cls, r.error.message.isEmpty() ? tr("Could not create a sandbox.") : r.error.message,
                   -1, r.error.retryAfterMs);
        return;
    }
    f->sandboxId = r.value.id;
    a.sandboxId = r.value.id;
    e.rec.sandboxId = r.value.id;
    m_live.insert(r.value.id);
    if (m_cfg.sandboxReuse)
        m_slots[f->slot].sandboxId = r.value.id;
    onReset(flightId, SandboxError{});
}

void Scheduler::onReset(int flightId, const SandboxError &err)
{
    Flight *f = flight(flightId);
    if (!f) {
        maybeFinish();
        return;
    }
    Entry &e = m_entries[f->index];
    PhaseTimes &times = e.rec.attempts[f->attempt].phases;
    if (f->phase == ShardPhase::Reset)
        times.resetMs = f->phaseClock.elapsed();
    if (!err.ok()) {
        endAttempt(flightId, err.cls, err.message.isEmpty() ? tr("Could not reset the reused sandbox.") : err.message);
        return;
    }
    if (times.createMs < 0 && times.resetMs < 0)
        times.resetMs = 0;   // a reused sandbox that was still clean
    m_slots[f->slot].dirty = true;
    e.rec.sandboxId = f->sandboxId;
    startPhase(*f, ShardPhase::Upload);
    ++m_outstanding;
    m_backend->upload(f->sandboxId, e.task.files).then(this, [this, flightId](const SandboxError &ue) {
        --m_outstanding;
        onUploaded(flightId, ue);
    });
}

void Scheduler::onUploaded(int flightId, const SandboxError &err)
{
    Flight *f = flight(flightId);
    if (!f) {
        maybeFinish();
        return;
    }
    Entry &e = m_entries[f->index];
    e.rec.attempts[f->attempt].phases.uploadMs = f->phaseClock.elapsed();
    if (!err.ok()) {
        endAttempt(flightId, err.cls, err.message.isEmpty() ? tr("Upload failed.") : err.message, -1, err.retryAfterMs);
        return;
    }
    // The phase first: the state change tells the views, and they draw the open phase.
    startPhase(*f, ShardPhase::Exec);
    advance(e, ShardState::Running);
    ExecRequest req = m_cfg.exec;
    req.env.insert(QStringLiteral("MRP_SHARD_ID"), e.rec.shardId);
    req.env.insert(QStringLiteral("MRP_ATTEMPT"), QString::number(e.rec.attempts[f->attempt].number));
    req.returnFile = m_cfg.outputRemotePath;   // downloaded right after a successful command
    ++m_outstanding;
    m_backend->exec(f->sandboxId, req).then(this, [this, flightId](const Outcome<ExecResult> &r) {
        --m_outstanding;
        onExecuted(flightId, r);
    });
}

void Scheduler::onExecuted(int flightId, const Outcome<ExecResult> &r)
{
    Flight *f = flight(flightId);
    if (!f) {
        maybeFinish();
        return;
    }
    Entry &e = m_entries[f->index];
    AttemptRecord &a = e.rec.attempts[f->attempt];
    a.phases.execMs = f->phaseClock.elapsed();
    if (!r.ok()) {
        endAttempt(flightId, r.error.cls, r.error.message.isEmpty() ? tr("Exec failed.") : r.error.message, -1,
                   r.error.retryAfterMs);
        return;
    }
    const ExecResult &x = r.value;
    f->exec = x;
    a.exitCode = x.exitCode;
    a.stdoutDigest = sha256Hex(x.stdoutData);
    a.stderrDigest = sha256Hex(x.stderrData);
    a.stdoutBytes = x.stdoutBytes;
    a.stderrBytes = x.stderrBytes;
    a.stdoutTail = tail(x.stdoutData);
    a.stderrTail = tail(x.stderrData);
    ErrorClass cls = x.errorClass != ErrorClass::None ? x.errorClass : runcontract::classifyExitCode(x.exitCode);
    if (cls == ErrorClass::None && runcontract::outputDigestFromStdout(x.stdoutData).isEmpty()) {
        // The runner always ends a success with the digest line; without it the process was
        // ended from inside (os._exit, a signal to itself) before the runner finished.
        endAttempt(flightId, ErrorClass::OperatorError,
                   tr("The runner ended (exit %1) without reporting an output: the operator ended the process "
                      "itself (os._exit, a signal to its own process) before returning.").arg(x.exitCode),
                   x.exitCode);
        return;
    }
    if (cls != ErrorClass::None) {
        // The runner's error line names what went wrong (the operator's exception), however much
        // the operator printed before; else the last line of what stderr kept.
        const QString why = runcontract::errorFromStdout(x.stdoutData);
        QString msg;
        switch (cls) {
        case ErrorClass::Timeout: msg = tr("The operator ran longer than the shard timeout (%1 s).").arg(m_cfg.timeouts.exec); break;
        case ErrorClass::OperatorError:
            msg = why.isEmpty() ? tr("The operator raised an exception (exit 3); see stderr.")
                                : tr("The operator raised an exception (exit 3): %1").arg(why.left(300));
            break;
        case ErrorClass::BadOutput: msg = tr("The operator's output is not JSON-serialisable (exit 4)."); break;
        case ErrorClass::OutOfMemory: msg = tr("The operator ran out of memory."); break;
        case ErrorClass::Killed: msg = tr("The runner was killed by a signal."); break;
        case ErrorClass::PolicyRefused: msg = tr("The sandbox stopped the operator at one of its limits."); break;
        default: msg = tr("The runner exited with code %1.").arg(x.exitCode); break;
        }
        const QString detail = cls == ErrorClass::OperatorError && !why.isEmpty() ? QString()   // named above
            : !why.isEmpty() ? why
                             : QString::fromUtf8(x.stderrData).trimmed().section(QLatin1Char('\n'), -1);
        if (!detail.isEmpty())
            msg += QLatin1Char(' ') + detail.left(300);
        endAttempt(flightId, cls, msg, x.exitCode);
        return;
    }
    startPhase(*f, ShardPhase::Download);
    advance(e, ShardState::Collecting);
    f->localOutput = QDir(m_cfg.downloadDir)
                         .filePath(QStringLiteral("%1.a%2.f%3.json").arg(e.rec.shardId).arg(a.number).arg(flightId));
    ++m_outstanding;
    DownloadFile df;
    df.remotePath = m_cfg.outputRemotePath;
    df.localPath = f->localOutput;
    df.maxBytes = runcontract::MaxShardOutputBytes;   // stopped at the cap, never read beyond it
    m_backend->download(f->sandboxId, {df})
        .then(this, [this, flightId](const SandboxError &de) {
            --m_outstanding;
            onDownloaded(flightId, de);
        });
}

void Scheduler::onDownloaded(int flightId, const SandboxError &err)
{
    Flight *f = flight(flightId);
    if (!f) {
        maybeFinish();
        return;
    }
    Entry &e = m_entries[f->index];
    AttemptRecord &a = e.rec.attempts[f->attempt];
    if (!err.ok()) {
        a.phases.downloadMs = f->phaseClock.elapsed();
        const QString message = err.tooLarge           ? outputTooLargeMessage(e.rec.shardId)
                                : err.message.isEmpty() ? tr("Download of the output failed.")
                                                        : err.message;
        endAttempt(flightId, err.cls, message, a.exitCode, err.retryAfterMs);
        return;
    }
    if (isFinalState(e.rec.state)) {   // another attempt of this shard won meanwhile
        endAttempt(flightId, ErrorClass::Cancelled, tr("Another attempt finished first."), a.exitCode);
        return;
    }
    // Durable before reported: the digest check and the commit run on the commit thread, one
    // at a time in the order the downloads finished; the shard is Done once the commit is back.
    // The attempt's end and cost are fixed here, once: the store and the record get the same.
    a.phases.downloadMs = f->phaseClock.elapsed();
    a.end = QDateTime::currentDateTimeUtc();
    a.errorClass = ErrorClass::None;
    f->endedAtMs = f->attemptClock.elapsed();
    a.costUsd = (f->endedAtMs / 1000.0) * costPerSecondUsd();
    f->committing = true;
    f->watchdog->stop();
    // The output is here: the sandbox and the slot serve the next shard while the commit
    // (the store's work, not the sandbox's) runs. A failed commit fails the attempt all the
    // same; the sandbox was not at fault.
    f->slotFreed = true;
    ++m_slotsFreed;
    m_slots[f->slot].busy = false;
    releaseSandbox(*f, true);
    scheduleSoon();
    ShardRecord snapshot = e.rec;
    snapshot.sandboxId = f->sandboxId;
    ++m_outstanding;
    QtConcurrent::run(&m_commitPool,
                      [hook = m_commit, snapshot = std::move(snapshot), attempt = a, path = f->localOutput,
                       exec = f->exec]() mutable {
                          enterBackgroundPriority();
                          return commitOutput(hook, std::move(snapshot), attempt, path, exec);
                      })
        .then(this, [this, flightId](const CommitResult &r) {
            --m_outstanding;
            onCommitted(flightId, r);
        });
}

QString Scheduler::outputTooLargeMessage(const QString &shardId)
{
    return tr("The output of shard %1 was refused unread: a shard may return at most %2 MiB. Return a summary from the map "
              "operator (aggregate inside it), or use smaller shards.")
        .arg(shardId)
        .arg(runcontract::MaxShardOutputBytes >> 20);
}

Scheduler::CommitResult Scheduler::commitOutput(const CommitHook &hook, ShardRecord snapshot, const AttemptRecord &attempt,
                                                const QString &path, const ExecResult &exec)
{
    CommitResult r;
    if (QFileInfo(path).size() > runcontract::MaxShardOutputBytes) {
        // Backends stop a download at the cap; this holds for one that does not.
        r.error.cls = ErrorClass::BadOutput;
        r.error.message = outputTooLargeMessage(snapshot.shardId);
        QFile::remove(path);
        return r;
    }
    qint64 bytes = 0;
    const QString actual = sha256FileHex(path, nullptr, &bytes);
    // The runner prints the digest of what it wrote; a different file is bad output.
    const QString printed = runcontract::outputDigestFromStdout(exec.stdoutData);
    if (actual.isEmpty()) {
        r.error.cls = ErrorClass::Infrastructure;
        r.error.message = tr("The downloaded output is missing.");
    } else if (!printed.isEmpty() && printed != actual) {
        r.error.cls = ErrorClass::BadOutput;
        r.error.message = tr("The output's digest %1 differs from the one the runner printed (%2).").arg(actual.left(12), printed.left(12));
    } else {
        snapshot.outputDigest = actual;
        snapshot.outputBytes = bytes;
        r.digest = actual;
        r.bytes = bytes;
        if (hook) {
            const Outcome<QString> c = hook(snapshot, attempt, path, exec);
            if (!c.ok()) {
                r.error = c.error;
                if (r.error.cls == ErrorClass::None)
                    r.error.cls = ErrorClass::Infrastructure;
            }
            else
                r.digest = c.value;
        }
    }
    QFile::remove(path);
    return r;
}

void Scheduler::onCommitted(int flightId, const CommitResult &r)
{
    auto it = m_flights.find(flightId);
    if (it == m_flights.end() || it->ended) {
        maybeFinish();
        return;
    }
    Flight &f = *it;
    f.committing = false;
    Entry &e = m_entries[f.index];
    AttemptRecord &a = e.rec.attempts[f.attempt];
    if (r.error.cls != ErrorClass::None) {
        a.end = QDateTime();
        f.endedAtMs = -1;
        endAttempt(flightId, r.error.cls, r.error.message, a.exitCode);
        return;
    }
    if (isFinalState(e.rec.state)) {   // another attempt of this shard was committed first
        endAttempt(flightId, ErrorClass::Cancelled, tr("Another attempt finished first."), a.exitCode);
        return;
    }
    e.rec.outputDigest = r.digest;
    e.rec.outputBytes = r.bytes;
    endAttempt(flightId, ErrorClass::None, QString(), a.exitCode);
}

void Scheduler::endAttempt(int flightId, ErrorClass cls, const QString &message, int exitCode, int retryAfterMs)
{
    auto fit = m_flights.find(flightId);
    if (fit == m_flights.end() || fit->ended)
        return;
    Flight f = *fit;
    fit->ended = true;
    f.watchdog->stop();
    f.watchdog->deleteLater();
    m_flights.erase(fit);
    if (f.slotFreed)
        --m_slotsFreed;   // its slot and sandbox went to the next shard already
    else
        m_slots[f.slot].busy = false;

    Entry &e = m_entries[f.index];
    AttemptRecord &a = e.rec.attempts[f.attempt];
    if (!a.end.isValid())
        a.end = QDateTime::currentDateTimeUtc();
    a.errorClass = cls;
    if (!message.isEmpty())
        a.message = message;
    if (exitCode != -1)
        a.exitCode = exitCode;
    if (a.sandboxId.isEmpty())
        a.sandboxId = f.sandboxId;
    const qint64 ms = f.endedAtMs >= 0 ? f.endedAtMs : f.attemptClock.elapsed();
    // Sandbox time is paid only where a sandbox existed: an attempt refused at create cost nothing.
    const bool hadSandbox = !a.sandboxId.isEmpty();
    a.costUsd = hadSandbox ? (ms / 1000.0) * costPerSecondUsd() : 0.0;
    m_finishedCost += a.costUsd;
    m_finishedSeconds += hadSandbox ? ms / 1000.0 : 0.0;
    e.rec.costUsd += a.costUsd;

    if (cls == ErrorClass::Quota && !hadSandbox && !m_cancelRequested && onQuotaRefused(f, e, a.message)) {
        e.rec.attempts.removeAt(f.attempt);   // never ran: no attempt of the shard
        scheduleSoon();
        return;
    }
    if (cls == ErrorClass::RateLimited && retryAfterMs > m_cfg.maxRateLimitWaitMs && m_rateLimitMessage.isEmpty()) {
        m_rateLimitMessage = tr("The service asked to wait %1 s before the next call (until %2), longer than this run "
                                "waits (%3 s). Resume the run after that time.")
                                 .arg((retryAfterMs + 999) / 1000)
                                 .arg(QDateTime::currentDateTime().addMSecs(retryAfterMs).toString(Qt::ISODate))
                                 .arg(m_cfg.maxRateLimitWaitMs / 1000);
        log(RunEvent::Kind::Message, -1, {m_rateLimitMessage});
        const QList<int> queued = m_queue;
        m_queue.clear();
        for (int index : queued)
            failQueued(index, ErrorClass::RateLimited, tr("Not started: %1").arg(m_rateLimitMessage), ShardState::Cancelled);
    }

    const bool ok = cls == ErrorClass::None;
    if (!f.slotFreed) {
        if (!f.sandboxId.isEmpty() && !ok)
            m_backend->cancel(f.sandboxId);
        releaseSandbox(f, ok);
    }

    if (ok) {
        m_durations.append(ms);
        // The median feeds estimates only: refresh it often while samples are few, then every 64.
        if (m_durations.size() < 64 || m_durations.size() % 64 == 0) {
            QList<qint64> d = m_durations;
            const qsizetype mid = d.size() / 2;
            std::nth_element(d.begin(), d.begin() + mid, d.end());
            m_median = d[mid];
        }
        e.rec.sandboxId = f.sandboxId;
        log(RunEvent::Kind::AttemptOk, f.index,
            {e.rec.shardId, QString::number(a.number), QString::number(ms), e.rec.outputDigest.left(12)});
        setState(e, ShardState::Done);
        cancelFlightsOf(f.index, flightId, tr("Another attempt finished first."));
    } else {
        log(RunEvent::Kind::AttemptFailed, f.index, {e.rec.shardId, QString::number(a.number), errorClassName(cls), a.message});
        bool otherInFlight = false;
        for (const Flight &o : std::as_const(m_flights))
            otherInFlight = otherInFlight || o.index == f.index;
        if (cls == ErrorClass::Cancelled) {
            if (!otherInFlight && !isFinalState(e.rec.state))
                setState(e, ShardState::Cancelled);
        } else if (!isFinalState(e.rec.state)) {
            ++e.failedAttempts;
            if (otherInFlight) {
                // The other attempt (backup or original) carries on.
            } else if (isRetryable(cls) && e.failedAttempts <= m_cfg.maxRetries && !m_cancelRequested) {
                const qint64 delay = backoffMs(e.failedAttempts, retryAfterMs);
                e.eligibleAtMs = std::max(e.eligibleAtMs, m_clock.elapsed() + delay);
                e.queuedSinceMs = m_clock.elapsed();
                e.backupStarted = false;
                m_queue.append(f.index);
                std::sort(m_queue.begin(), m_queue.end());
                log(RunEvent::Kind::RetryScheduled, f.index,
                    {e.rec.shardId, QString::number(e.failedAttempts), QString::number(m_cfg.maxRetries),
                     QString::number(e.eligibleAtMs - m_clock.elapsed())});
                setState(e, ShardState::Retrying);
            } else {
                setState(e, m_cancelRequested ? ShardState::Cancelled : ShardState::Failed);
            }
        }
    }
    Q_EMIT attemptFinished(f.index, a.number);
    scheduleSoon();
}

// A create refused for quota is capacity, not failure (docs/design.md §3.7): at most as many
// attempts as there are sandboxes now go on, and the shard is queued again without counting a
// retry. Only when the run holds no sandbox at all, refusal after refusal, does the shard fail.
// True when the shard was queued again.
bool Scheduler::onQuotaRefused(const Flight &f, Entry &e, const QString &message)
{
    // What the service counts against the quota now: our sandboxes until it stops counting them
    // (released), and the creates under way (this refused one no longer).
    int holding = int(m_live.size() - m_released.size());
    for (const Flight &o : std::as_const(m_flights))
        holding += o.id != f.id && o.sandboxId.isEmpty() ? 1 : 0;
    Q_EMIT throttled(QStringLiteral("quota_refused"), QStringLiteral("quota"), -1, message);
    if (holding > 0 || !m_live.isEmpty()) {
        e.quotaStarved = 0;
        setCapacity(std::max(1, holding), message);
    } else if (++e.quotaStarved > m_cfg.maxQuotaStarvedRetries) {
        return false;   // not even one sandbox: the attempt fails with the server's words
    } else {
        setCapacity(1, message);
    }
    // Back again when a sandbox of ours is gone, or soon: the server frees quota as deletes land.
    const qint64 delay = e.quotaStarved > 0 ? backoffMs(e.quotaStarved, -1) : 200;
    e.eligibleAtMs = std::max(e.eligibleAtMs, m_clock.elapsed() + delay);
    e.queuedSinceMs = m_clock.elapsed();
    m_queue.append(f.index);
    std::sort(m_queue.begin(), m_queue.end());
    setState(e, e.rec.attempts.size() > 1 ? ShardState::Retrying : ShardState::Queued);
    log(RunEvent::Kind::QuotaRequeued, f.index, {e.rec.shardId, message, QString::number(capacity())});
    return true;
}

int Scheduler::occupied() const
{
    // Attempts that hold a slot (not those only committing), and as the service counts: a
    // deleted sandbox holds its quota until the service stops counting it.
    return int(m_flights.size()) - m_slotsFreed + (m_cfg.countSandboxesUntilDestroyed ? int(m_destroying.size()) : 0);
}

void Scheduler::setCapacity(int capacity, const QString &why)
{
    capacity = std::clamp(capacity, 1, m_cfg.concurrency);
    if (capacity == this->capacity())
        return;
    m_capacity = capacity;
    log(RunEvent::Kind::ConcurrencyChanged, -1, {QString::number(capacity), QString::number(m_cfg.concurrency), why});
    Q_EMIT throttled(QStringLiteral("capacity"), QStringLiteral("concurrency"), capacity, why);
}

void Scheduler::releaseSandbox(Flight &f, bool healthy)
{
    if (f.sandboxId.isEmpty())
        return;
    Slot &s = m_slots[f.slot];
    if (m_cfg.sandboxReuse && s.sandboxId == f.sandboxId && healthy && !m_cancelRequested)
        return;   // kept for the slot's next shard
    if (s.sandboxId == f.sandboxId) {
        s.sandboxId.clear();
        s.dirty = false;
    }
    destroySandbox(f.sandboxId);
}

void Scheduler::destroySandbox(const QString &id)
{
    if (id.isEmpty() || !m_live.contains(id) || !m_backendGuard)
        return;
    ++m_outstanding;
    m_destroying.insert(id);
    m_backend->destroy(id).then(this, [this, id](const SandboxError &err) {
        --m_outstanding;
        m_live.remove(id);
        m_destroying.remove(id);
        m_released.remove(id);
        if (!err.ok()) {
            m_leaked.append(id);
            log(RunEvent::Kind::SandboxNotDestroyed, -1, {id, err.message});
        }
        if (m_cfg.countSandboxesUntilDestroyed)
            scheduleSoon();   // its room in the quota is free now
        maybeFinish();
    });
}

void Scheduler::advance(Entry &e, ShardState s)
{
    if (!isFinalState(e.rec.state) && int(s) > int(e.rec.state))
        setState(e, s);
}

void Scheduler::setState(Entry &e, ShardState s)
{
    if (e.rec.state == s)
        return;
    --m_stateCounts[int(e.rec.state)];
    ++m_stateCounts[int(s)];
    e.rec.state = s;
    Q_EMIT shardChanged(e.rec.index);
}

void Scheduler::onWatchdog(int flightId)
{
    Flight *f = flight(flightId);
    if (!f)
        return;
    QString what;
    ErrorClass cls = ErrorClass::Infrastructure;
    switch (f->phase) {
    case ShardPhase::Queue: break;
    case ShardPhase::Create: what = tr("Creating the sandbox took longer than %1 s.").arg(m_cfg.timeouts.create); break;
    case ShardPhase::Reset: what = tr("Resetting the sandbox took longer than %1 s.").arg(m_cfg.timeouts.create); break;
    case ShardPhase::Upload: what = tr("Uploading the package took longer than %1 s.").arg(m_cfg.timeouts.upload); break;
    case ShardPhase::Exec:
        cls = ErrorClass::Timeout;
        what = tr("The operator ran longer than the shard timeout (%1 s) and did not stop.").arg(m_cfg.timeouts.exec);
        break;
    case ShardPhase::Download: what = tr("Downloading the output took longer than %1 s.").arg(m_cfg.timeouts.download); break;
    }
    Entry &e = m_entries[f->index];
    AttemptRecord &a = e.rec.attempts[f->attempt];
    a.phases.set(f->phase, f->phaseClock.elapsed());
    endAttempt(flightId, cls, what);
}

void Scheduler::maybeFinish()
{
    if (m_finished || !m_started)
        return;
    if (!m_flights.isEmpty() || m_outstanding > 0)
        return;
    if (!m_queue.isEmpty() && !m_cancelRequested && m_budgetMessage.isEmpty() && m_rateLimitMessage.isEmpty())
        return;
    if (!m_queue.isEmpty()) {   // shards queued after a budget or rate-limit stop, or a cancel
        const QList<int> queued = m_queue;
        m_queue.clear();
        for (int index : queued) {
            if (m_cancelRequested)
                failQueued(index, ErrorClass::Cancelled, tr("Cancelled before it started."), ShardState::Cancelled);
            else if (!m_rateLimitMessage.isEmpty())
                failQueued(index, ErrorClass::RateLimited, tr("Not started: %1").arg(m_rateLimitMessage), ShardState::Cancelled);
            else
                failQueued(index, ErrorClass::PolicyRefused, tr("Not retried: the budget cap was reached."), ShardState::Failed);
        }
    }
    // All shards final: the slots' kept sandboxes go too.
    bool destroying = false;
    for (Slot &s : m_slots) {
        if (!s.sandboxId.isEmpty()) {
            const QString id = s.sandboxId;
            s.sandboxId.clear();
            destroySandbox(id);
            destroying = true;
        }
    }
    if (destroying || m_outstanding > 0)
        return;
    for (const QString &id : std::as_const(m_live))
        destroySandbox(id);
    if (m_outstanding > 0)
        return;
    m_finished = true;
    m_tick.stop();
    m_retryTimer.stop();
    qCDebug(lcScheduler) << "finished: done" << countInState(ShardState::Done) << "failed"
                         << countInState(ShardState::Failed) << "cancelled" << countInState(ShardState::Cancelled);
    QTimer::singleShot(0, this, &Scheduler::finished);
}

void Scheduler::cancelFlightsOf(int index, int exceptFlightId, const QString &why)
{
    const QList<int> ids = m_flights.keys();
    for (int id : ids) {
        const Flight &f = m_flights.value(id);
        if (id != exceptFlightId && f.index == index && !f.committing)
            endAttempt(id, ErrorClass::Cancelled, why);
    }
}

bool Scheduler::checkBudget()
{
    const double rate = costPerSecondUsd();
    const qint64 median = medianAttemptMs();
    const double estSec = median > 0 ? median / 1000.0 : m_cfg.initialEstimateSec;
    const double cost = costSoFarUsd();
    const double secs = m_finishedSeconds + [this] {
        double s = 0;
        for (const Flight &f : std::as_const(m_flights))
            s += (f.endedAtMs >= 0 ? f.endedAtMs : f.attemptClock.elapsed()) / 1000.0;
        return s;
    }();
    if (m_cfg.maxCostUsd >= 0) {
        if (!m_warnedCost && cost >= 0.8 * m_cfg.maxCostUsd) {
            m_warnedCost = true;
            Q_EMIT budgetWarning(tr("Cost so far $%1 has reached 80 % of the cap ($%2).")
                                     .arg(cost, 0, 'f', 4).arg(m_cfg.maxCostUsd, 0, 'f', 2));
        }
        if (cost + estSec * rate > m_cfg.maxCostUsd) {
            m_budgetMessage = tr("Stopped dispatching: the next shard (estimated $%1) would pass the cost cap of $%2 "
                                 "($%3 spent). Raise policy.budget.max_cost_usd to run the rest.")
                                  .arg(estSec * rate, 0, 'f', 4).arg(m_cfg.maxCostUsd, 0, 'f', 2).arg(cost, 0, 'f', 4);
        }
    }
    if (m_budgetMessage.isEmpty() && m_cfg.maxSandboxSeconds >= 0) {
        if (!m_warnedSeconds && secs >= 0.8 * double(m_cfg.maxSandboxSeconds)) {
            m_warnedSeconds = true;
            Q_EMIT budgetWarning(tr("Sandbox time so far (%1 s) has reached 80 % of the cap (%2 s).")
                                     .arg(qint64(secs)).arg(m_cfg.maxSandboxSeconds));
        }
        if (secs + estSec > double(m_cfg.maxSandboxSeconds)) {
            m_budgetMessage = tr("Stopped dispatching: the next shard (estimated %1 s) would pass the sandbox-time cap "
                                 "of %2 s (%3 s used). Raise policy.budget.max_sandbox_seconds to run the rest.")
                                  .arg(estSec, 0, 'f', 1).arg(m_cfg.maxSandboxSeconds).arg(secs, 0, 'f', 1);
        }
    }
    if (m_budgetMessage.isEmpty())
        return true;
    Q_EMIT budgetWarning(m_budgetMessage);
    log(RunEvent::Kind::Message, -1, {m_budgetMessage});
    const QList<int> queued = m_queue;
    m_queue.clear();
    for (int index : queued)
        failQueued(index, ErrorClass::PolicyRefused, tr("Not started: the budget cap was reached."),
                   ShardState::Cancelled);
    return false;
}

void Scheduler::checkStragglers()
{
    if (!m_queue.isEmpty() || occupied() >= capacity())
        return;
    if (m_durations.size() < m_cfg.minSamplesForStraggler)
        return;
    const qint64 median = medianAttemptMs();
    const qint64 limit = std::max<qint64>(m_cfg.stragglerMinMs, qint64(m_cfg.stragglerFactor * double(median)));
    QList<int> candidates;
    for (const Flight &f : std::as_const(m_flights)) {
        const Entry &e = m_entries[f.index];
        if (!f.committing && !e.backupStarted && !e.rec.attempts[f.attempt].backup && f.attemptClock.elapsed() > limit)
            candidates.append(f.index);
    }
    std::sort(candidates.begin(), candidates.end());
    for (int index : candidates) {
        if (occupied() >= capacity() || !checkBudget())
            break;
        log(RunEvent::Kind::StragglerBackup, index,
            {m_entries[index].rec.shardId, QString::number(limit), QString::number(median)});
        dispatchOne(index, true);
    }
}

qint64 Scheduler::medianAttemptMs() const
{
    return m_median;
}

qint64 Scheduler::backoffMs(int failedAttempts, int retryAfterMs)
{
    const double cap = std::min<double>(m_cfg.backoffMaxMs, m_cfg.backoffBaseMs * std::pow(2.0, failedAttempts - 1));
    const qint64 jitter = cap > 0 ? qint64(m_rng.bounded(cap)) : 0;   // full jitter
    return std::max<qint64>(jitter, retryAfterMs);
}

double Scheduler::costPerSecondUsd() const
{
    const ResourceSpec &r = m_cfg.resources;
    const PriceSpec &p = m_cfg.prices;
    return (r.cpu * p.vcpuPerHour + r.memoryGib * p.memoryGibPerHour + r.diskGib * p.diskGibPerHour) / 3600.0;
}

double Scheduler::accruedCost(const Flight &f) const
{
    // Like a finished attempt (endAttempt): no sandbox yet — waiting for a create that the
    // service may still refuse — costs nothing.
    if (f.sandboxId.isEmpty())
        return 0.0;
    return (f.attemptClock.elapsed() / 1000.0) * costPerSecondUsd();
}

double Scheduler::costSoFarUsd() const
{
    double c = m_finishedCost;
    for (const Flight &f : std::as_const(m_flights))
        c += accruedCost(f);
    return c;
}

qint64 Scheduler::sandboxSecondsSoFar() const
{
    double s = m_finishedSeconds;
    for (const Flight &f : std::as_const(m_flights))
        s += f.sandboxId.isEmpty() ? 0.0 : f.attemptClock.elapsed() / 1000.0;
    return qint64(std::ceil(s));
}

double Scheduler::estimatedTotalCostUsd() const
{
    const qint64 median = medianAttemptMs();
    const double estSec = median > 0 ? median / 1000.0 : m_cfg.initialEstimateSec;
    return estSec * costPerSecondUsd() * double(m_entries.size());
}

qint64 Scheduler::etaMs() const
{
    const qint64 median = medianAttemptMs();
    if (median < 0)
        return -1;
    const qint64 remaining = qint64(m_entries.size()) - countInState(ShardState::Done) - countInState(ShardState::Failed)
        - countInState(ShardState::Cancelled);
    return qint64(std::ceil(double(remaining) / capacity())) * median;
}

QList<int> Scheduler::indexes() const
{
    return m_entries.keys();
}

ShardRecord Scheduler::shard(int index) const
{
    return m_entries.value(index).rec;
}

int Scheduler::countInState(ShardState s) const
{
    return m_stateCounts[int(s)];
}

int Scheduler::runningCount() const
{
    return countInState(ShardState::Provisioning) + countInState(ShardState::Running)
        + countInState(ShardState::Collecting);
}

QStringList Scheduler::liveSandboxes() const
{
    return QStringList(m_live.begin(), m_live.end());
}

QStringList Scheduler::leakedSandboxes() const
{
    return m_leaked;
}

} // namespace mrp
