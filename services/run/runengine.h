// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RunEngine: one run end to end (docs/design.md §2), shared by the workbench and `mrp run`.
//
//   compile (job -> Plan) -> operator policy scan (when the profile enables it)
//   -> refuse cloud_sandbox without an API key -> package (one package per shard)
//   -> schedule the map phase on a SandboxBackend -> reduce -> produce
//   -> run.json + runs/<id>/log.jsonl, all in the RunStore.
//
// Threading: create and use on the GUI (or CLI main) thread. CPU-heavy steps (compile,
// packaging, reduce, produce) run on the thread pool; every signal is emitted on the owner's
// thread. Nothing is throttled here: the GUI throttles its own repaints.
//
// Lifecycle: start() once per engine; afterwards exactly one finished() follows, on every
// path (success, failed shards, refusal, validation error, infrastructure failure, cancel).
// cancel() at any time: stops dispatching, cancels in-flight attempts, destroys every
// sandbox, waits for the backend to confirm, records the run as cancelled, then finished().
//
// Accessors are valid from runStarted() on (shard()/shardCount()) and stay valid after
// finished() until the engine is destroyed.

#include "job/plan.h"
#include "record/runevent.h"
#include "record/runrecord.h"

#include <QObject>
#include <QUrl>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace mrp {

class SandboxBackend;
class SecretStore;
class RunStore;

// How a run ended. The values are the CLI exit codes (docs/design.md §5.3).
enum class RunOutcome : int {
    Ok = 0,               // every shard ok, reduce and produce done
    ShardsFailed = 1,     // finished, some shards failed (reduce/produce skipped)
    Invalid = 2,          // the job did not validate / compile, or bad options (e.g. unknown resume id)
    Refused = 3,          // refused by policy: operator scan findings, no API key, budget cap hit
    Infrastructure = 4,   // backend / store / reduce infrastructure failure
    Cancelled = 130,      // cancel() (SIGINT in the CLI)
};
QString runOutcomeName(RunOutcome o);   // "ok", "failed", "invalid", "refused", "infrastructure", "cancelled"

struct RunOptions {
    QString jobPath;                  // the job YAML (required)
    QString backendOverride;          // "local" | "cloud_sandbox"; empty = the job's choice
    QString profileOverride;          // profile name; empty = the job's choice
    int concurrencyOverride = 0;      // > 0 overrides max_concurrency_map
    QString resumeRunId;              // non-empty: resume that run (re-runs only shards without a durable ok output)
    // Caps tighter than the job's own (the workbench's settings); <= 0: only the job's.
    double maxCostUsdCap = 0;
    qint64 maxSandboxSecondsCap = 0;
    // Local backend: run sandboxes whose policy needs isolation even where bubblewrap does
    // not work (the user said so; the run record says unisolated).
    bool allowUnisolated = false;
    // cloud_sandbox: the Daytona API URL (the workbench's setting); empty = DAYTONA_API_URL or
    // Daytona's default.
    QUrl apiUrl;
    // cloud_sandbox: stream each shard's stdout/stderr while it runs (shardOutput()) through a
    // session and its WebSocket log stream, polling the log where the stream cannot be opened.
    // Off: one blocking execute per shard, output only at its end (fewer calls; the CLI without
    // --follow). Local sandboxes always stream.
    bool liveOutput = true;
    QStringList profileSearchPaths;   // extra folders with profiles/*.yaml (tests)
    // Folders the job may read besides its own folder (`mrp run --allow-path`); the plan
    // records them. Empty: the job's folder only.
    QStringList allowedPaths;
    // Tests: deterministic retry jitter and short back-off. 0 = random seed.
    quint32 jitterSeed = 0;
    int backoffBaseMs = 1000;
    // The longest a run waits for the service's rate limit before it stops with what the server
    // asked for (<= 0: 5 minutes).
    int maxRateLimitWaitS = 0;
};

// Makes the backend for a plan. The engine owns what it returns. Return nullptr (and set
// *error) when the backend cannot be made, e.g. no API key: the run then ends Refused.
using BackendFactory = std::function<std::unique_ptr<SandboxBackend>(const Plan &plan, QString *error)>;

class RunEngine : public QObject
{
    Q_OBJECT
public:
    // store: the run store to use (not owned; must outlive the engine). nullptr = the engine
    // opens its own RunStore in the default data folder (MRP_DATA_DIR or AppDataLocation).
    explicit RunEngine(RunStore *store = nullptr, QObject *parent = nullptr);
    ~RunEngine() override;

    // Backend injection. Without a factory the engine uses the built-in ones: plan.backend
    // "local" -> LocalBackend; "cloud_sandbox" -> the cloud factory (Daytona), which refuses
    // without an API key. setBackendFactory() replaces both (tests and the GUI pass fakes).
    void setBackendFactory(BackendFactory factory);
    // Where the built-in cloud factory looks up the Daytona key (DAYTONA_API_KEY wins, then
    // this store; see resolveApiKey). Not owned. Without one the engine uses the OS keychain.
    void setSecretStore(SecretStore *store);

    // Starts the run asynchronously. Returns false only when already started.
    bool start(const RunOptions &options);
    void cancel();

    bool isRunning() const;
    QString runId() const;                // valid from runStarted()
    int shardCount() const;
    ShardRecord shard(int index) const;   // current state, attempts so far (copy)
    RunRecord record() const;             // the whole record so far (copy)
    const Plan &plan() const;             // valid from runStarted()
    RunOutcome outcome() const;           // valid after finished()
    QString errorMessage() const;         // why it ended when not Ok (translated), valid after finished()
    QString runDirectory() const;         // <data>/runs/<id>
    QString outputDirectory() const;      // <data>/runs/<id>/output (produce writes only there)
    QString runJsonPath() const;          // <data>/runs/<id>/run.json
    RunStore *store() const;

Q_SIGNALS:
    // A compile/validation finished and the map phase is about to start (also on resume).
    void runStarted(const QString &runId, int shardCount);
    // Shard `index` changed state or got a new attempt; read it with shard(index).
    void shardChanged(int index);
    // One line of the run's log (its arguments already redacted); event.shardIndex = -1 for
    // the run as a whole. Shown with event.text() (English) or event.translatedText().
    void logEvent(const mrp::RunEvent &event);
    // Live output of a running attempt of shard `index` (stream 1 = stdout, 2 = stderr), raw.
    void shardOutput(int index, int stream, const QByteArray &chunk);
    // After every shard state change: counts, ETA from observed durations (-1 unknown), cost so far.
    void progress(int done, int failed, int running, qint64 etaMs, double costSoFarUsd);
    // Cost or sandbox-seconds reached 80 % of the cap, or the cap stopped dispatching.
    void budgetWarning(const QString &message);
    // The service's limits at work (Scheduler::throttled): kind "rate_limited", "paced",
    // "quota_refused" or "capacity" (then waitMs is the new concurrency).
    void throttled(const QString &kind, const QString &limit, qint64 waitMs, const QString &what);
    // The phase the engine is in: "compile", "scan", "package", "map", "reduce", "produce", "record".
    void phaseChanged(const QString &phase);
    // While compiling: how much of the dataset is read (bytesTotal 0: not known yet), every
    // 100 ms while it changes. cancel() in this phase stops the reading within one batch of
    // records (about 1 MiB); the run then ends Cancelled without a record or payload files.
    void datasetProgress(qint64 bytesRead, qint64 bytesTotal);
    // Exactly once per start().
    void finished(mrp::RunOutcome outcome);

private:
    class Private;
    std::unique_ptr<Private> d;
    friend class Private;
};

} // namespace mrp
