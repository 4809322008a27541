// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Scheduler: the map phase over one SandboxBackend (docs/design.md §3).
//
// Our own bounded queue decides what runs: at most `concurrency` attempts are in flight
// (straggler backups included). Each attempt walks Queued -> Provisioning (create or reset,
// upload) -> Running (exec) -> Collecting (download, commit) -> Done | Failed | Cancelled, with
// a watchdog per phase. Failed attempts are retried under the typed taxonomy (isRetryable;
// Timeout is retryable only while attempts remain) after an exponential back-off with full
// jitter, never sooner than the server's Retry-After.
//
// Durability: when an attempt has downloaded its output, the output's digest check and the
// CommitHook run on the scheduler's commit thread — one commit at a time, in the order the
// downloads finished — never on the scheduler's own thread (the GUI thread in the workbench).
// Only after the hook returned ok is the shard Done and reported. A failing hook fails the
// attempt (its error class decides whether it is retried). Cancel lets a commit in flight end.
//
// Budgets: before every dispatch the scheduler adds the cost so far (finished attempts plus
// the running ones) and an estimate for the next shard (median observed attempt duration, or
// initialEstimateSec before any) and stops dispatching when that would pass the cap; the
// shards not started end Cancelled and budgetStopped() says why. 80 % of a cap warns once.
//
// Cancel: stops dispatching, cancels every operation in flight, destroys every sandbox and
// waits for the backend to confirm, then finished(). Every path ends in exactly one
// finished(), emitted from the event loop (never from inside start() or cancel()).
//
// Threading: lives on the backend's thread (the GUI / CLI main thread). The backend is not
// owned and must outlive the scheduler's finished().

#include "job/plan.h"
#include "record/runevent.h"
#include "record/shardstate.h"
#include "record/runrecord.h"
#include "sandbox/sandboxbackend.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <limits>
#include <optional>

namespace mrp {

// One shard to run: its package and how it is identified.
struct SchedulerTask {
    int index = 0;
    QString shardId;
    QString shardDigest;
    qint64 recordCount = 0;
    QList<UploadFile> files;          // the package (runner.py, operator.py, payload.json, manifest.json)
    int firstAttemptNumber = 1;       // > 1 when resuming a shard that already had attempts
    QList<AttemptRecord> priorAttempts;  // resume: the attempts of earlier sessions (kept in the record)
};

struct SchedulerConfig {
    int concurrency = 4;
    PhaseTimeouts timeouts;           // seconds; exec is also passed to the backend
    int execGraceMs = 10000;          // our watchdog fires this long after the backend's exec timeout
    int maxRetries = 2;               // attempts per shard = 1 + maxRetries
    int backoffBaseMs = 1000;         // back-off before retry n: uniform(0, min(max, base * 2^(n-1)))
    int backoffMaxMs = 60000;
    quint32 jitterSeed = 0;           // 0: random
    bool sandboxReuse = false;        // one sandbox per slot, reset() between shards
    bool stragglerBackup = false;
    double stragglerFactor = 3.0;     // backup when an attempt runs > factor x median
    qint64 stragglerMinMs = 1000;     // ... and for at least this long
    int minSamplesForStraggler = 3;   // completed attempts needed before the median means anything
    PriceSpec prices;
    ResourceSpec resources;
    double maxCostUsd = -1;           // < 0: no cap
    qint64 maxSandboxSeconds = -1;    // < 0: no cap
    double initialEstimateSec = 5;    // per-shard estimate before anything finished
    SandboxSpec sandbox;              // template for create(); shardId is filled per shard
    ExecRequest exec;                 // template; timeoutSec is set from timeouts.exec
    QString outputRemotePath = QStringLiteral("output.json");
    QString downloadDir;              // local folder for downloaded outputs (must exist)
    int tickMs = 250;                 // housekeeping: queue timeouts, stragglers
    // The longest a shard waits for the service's rate limit (Retry-After): an attempt refused
    // for longer stops dispatching, and the run ends saying what the server asked for.
    qint64 maxRateLimitWaitMs = 5 * 60 * 1000;
    // A deleted sandbox takes room in the service's quota until the service stops counting it
    // (cloud backends: SandboxBackend::released(), else until confirmed destroyed): a slot's
    // next create waits for that, instead of being refused for quota.
    bool countSandboxesUntilDestroyed = false;
    // Quota refusals in a row, while this run holds no sandbox, before a shard fails for quota.
    int maxQuotaStarvedRetries = 5;
};

// Makes a downloaded output durable. Returns the output's SHA-256 in value, or an error
// (its class decides retry). Called on the scheduler's commit thread (not the scheduler's own),
// one call at a time, before the shard is reported; `shard` carries the output's digest and size.
using CommitHook = std::function<Outcome<QString>(const ShardRecord &shard, const AttemptRecord &attempt,
                                                  const QString &localOutputPath, const ExecResult &exec)>;

class Scheduler : public QObject
{
    Q_OBJECT
public:
    Scheduler(SandboxBackend *backend, const SchedulerConfig &config, QObject *parent = nullptr);
    ~Scheduler() override;

    void setCommitHook(CommitHook hook);
    // Shards already done before this session (resume): reported as Done, never dispatched.
    void addCompleted(const ShardRecord &shard);
    void addTask(const SchedulerTask &task);

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelRequested; }
    bool budgetStopped() const { return !m_budgetMessage.isEmpty(); }
    QString budgetMessage() const { return m_budgetMessage; }
    // Dispatch stopped because the service asked to wait longer than maxRateLimitWaitMs.
    bool rateLimitStopped() const { return !m_rateLimitMessage.isEmpty(); }
    QString rateLimitMessage() const { return m_rateLimitMessage; }

    QList<int> indexes() const;                 // every shard index, ascending
    bool contains(int index) const { return m_entries.contains(index); }
    ShardRecord shard(int index) const;
    int countInState(ShardState s) const;
    int runningCount() const;                   // shards in Provisioning/Running/Collecting
    int inFlightAttempts() const { return int(m_flights.size()); }
    // How many attempts may be in flight now: the configured concurrency, or fewer while the
    // service's quota refuses sandboxes (quota is capacity, not failure).
    int capacity() const { return std::min(m_cfg.concurrency, m_capacity); }
    int maxObservedInFlight() const { return m_maxInFlight; }
    double costSoFarUsd() const;                // finished attempts + in-flight time so far
    qint64 sandboxSecondsSoFar() const;
    double estimatedTotalCostUsd() const;       // for the record: estimate for every shard
    qint64 etaMs() const;                       // -1 unknown
    QStringList liveSandboxes() const;          // created and not yet confirmed destroyed
    QStringList leakedSandboxes() const;        // destroy failed (reported, for the sweeper)
    double costPerSecondUsd() const;

Q_SIGNALS:
    void shardChanged(int index);
    // An attempt ended (ok or not); shard(index).attempts has it. Not emitted for resumed shards.
    void attemptFinished(int index, int attemptNumber);
    // A line of the run's log (index -1: about the run as a whole).
    void logEvent(const mrp::RunEvent &event);
    void output(int index, int stream, const QByteArray &chunk);
    void budgetWarning(const QString &message);
    // The service's limits at work, for the run log and record: the backend's throttled()
    // (kind "rate_limited" or "paced"), "quota_refused" when a create was refused for quota
    // (the shard is queued again), and "capacity" when the concurrency changed (waitMs = the
    // new capacity).
    void throttled(const QString &kind, const QString &limit, qint64 waitMs, const QString &what);
    void finished();

private:
    struct CommitResult {
        QString digest;
        qint64 bytes = 0;
        SandboxError error;           // cls None: committed
    };
    struct Slot {
        QString sandboxId;            // reuse mode: the slot's sandbox
        bool busy = false;
        bool dirty = false;           // ran a shard since its last reset
    };
    struct Flight {
        int id = 0;
        int index = 0;
        int attempt = 0;              // position in ShardRecord::attempts
        int slot = -1;
        QString sandboxId;
        ShardPhase phase = ShardPhase::Create;   // open phase (also the attempt's openPhase)
        bool ended = false;
        bool committing = false;      // the output is being made durable on the commit thread
        bool slotFreed = false;       // ...and its slot (and sandbox) already serve the next shard
        qint64 endedAtMs = -1;        // on attemptClock: the attempt's end, once fixed
        QElapsedTimer attemptClock;
        QElapsedTimer phaseClock;
        QTimer *watchdog = nullptr;
        ExecResult exec;
        QString localOutput;
    };
    struct Entry {
        ShardRecord rec;
        SchedulerTask task;
        qint64 eligibleAtMs = 0;      // on m_clock: not before (retry back-off)
        qint64 queuedSinceMs = 0;
        int failedAttempts = 0;       // this session
        int quotaStarved = 0;         // quota refusals in a row while the run held no sandbox
        bool backupStarted = false;
    };

    void log(RunEvent::Kind kind, int index, const QStringList &args, qint64 count = -1)
    {
        Q_EMIT logEvent(RunEvent{kind, index, args, count});
    }
    void scheduleSoon();
    void schedule();
    bool dispatchOne(int index, bool backup);
    bool checkBudget();
    void failQueued(int index, ErrorClass cls, const QString &message, ShardState state);
    void startPhase(Flight &f, ShardPhase phase);
    void onCreated(int flightId, const Outcome<SandboxInfo> &r);
    void onReset(int flightId, const SandboxError &e);
    void onUploaded(int flightId, const SandboxError &e);
    void onExecuted(int flightId, const Outcome<ExecResult> &r);
    void onDownloaded(int flightId, const SandboxError &e);
    static QString outputTooLargeMessage(const QString &shardId);
    static CommitResult commitOutput(const CommitHook &hook, ShardRecord snapshot, const AttemptRecord &attempt,
                                     const QString &path, const ExecResult &exec);
    void onCommitted(int flightId, const CommitResult &r);
    void onWatchdog(int flightId);
    void endAttempt(int flightId, ErrorClass cls, const QString &message, int exitCode = -1, int retryAfterMs = -1);
    void releaseSandbox(Flight &f, bool healthy);
    void destroySandbox(const QString &id);
    void cancelFlightsOf(int index, int exceptFlightId, const QString &why);
    void maybeFinish();
    void checkStragglers();
    qint64 medianAttemptMs() const;
    qint64 backoffMs(int failedAttempts, int retryAfterMs);
    void setState(Entry &e, ShardState s);
    void setCapacity(int capacity, const QString &why);
    int occupied() const;   // what counts against capacity()
    bool onQuotaRefused(const Flight &f, Entry &e, const QString &message);
    void advance(Entry &e, ShardState s);   // forward only, never out of a final state
    Flight *flight(int id);
    double accruedCost(const Flight &f) const;

    SandboxBackend *m_backend;
    QPointer<SandboxBackend> m_backendGuard;
    SchedulerConfig m_cfg;
    CommitHook m_commit;
    QMap<int, Entry> m_entries;       // by shard index: ascending order = dispatch order
    QList<int> m_queue;               // indexes waiting, in order
    QHash<int, Flight> m_flights;
    QList<Slot> m_slots;
    QSet<QString> m_live;
    QSet<QString> m_destroying;       // destroy asked, still counted by the service
    QSet<QString> m_released;         // destroy asked, no longer counted, not yet confirmed gone
    int m_slotsFreed = 0;             // flights committing whose slot serves the next shard
    QStringList m_leaked;
    QList<qint64> m_durations;        // ok attempt durations (ms)
    qint64 m_median = -1;             // of m_durations, refreshed as they grow
    QElapsedTimer m_clock;
    QTimer m_scheduleTimer;
    QTimer m_tick;
    QTimer m_retryTimer;
    QRandomGenerator m_rng;
    int m_nextFlightId = 1;
    int m_outstanding = 0;            // backend futures not yet finished
    int m_maxInFlight = 0;
    double m_finishedCost = 0;
    double m_finishedSeconds = 0;
    bool m_scheduled = false;
    bool m_tickDue = true;            // the housekeeping tick asked for the queue-timeout scan
    bool m_started = false;
    bool m_cancelRequested = false;
    bool m_finished = false;
    bool m_warnedCost = false;
    bool m_warnedSeconds = false;
    QString m_budgetMessage;
    QString m_rateLimitMessage;
    int m_capacity = std::numeric_limits<int>::max();
    int m_stateCounts[ShardStateCount] = {};   // kept by setState: O(1) progress
    QThreadPool m_commitPool;         // one thread: commits in order, off the scheduler's thread
};

} // namespace mrp
