// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RunEngine's private state, shared by runengine.cpp (compile, prepare, map) and
// runengine_finish.cpp (reduce, produce, record). Not installed; include only from there.

#include "job/compiler.h"
#include "sandbox/packager.h"
#include "run/reducer.h"
#include "run/runengine.h"
#include "run/runlog.h"
#include "store/runstore.h"
#include "sandbox/sandboxbackend.h"
#include "secrets/secretstore.h"
#include "run/scheduler.h"
#include "run/sweeper.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

// RunEngine's text, also from RunEngine::Private, which lupdate cannot place inside RunEngine:
// at global scope, so lupdate finds it from any function.
struct EngineTr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunEngine)
};

namespace mrp {

class RunEngine::Private
{
public:
    explicit Private(RunEngine *q) : q(q) { recordWriter.setMaxThreadCount(1); }

    // Prepared off the GUI thread: packages and tool versions.
    struct Prepared {
        QString error;
        QHash<int, QList<UploadFile>> uploads;   // by shard index
        QMap<QString, QString> toolVersions;
    };

    void compile();
    void onCompiled(const CompileResult &result);
    void afterKey();
    void openAndSweep();
    bool openRun(QString *error, RunOutcome *why);
    void writePlanFilesLater(const QString &dir);
    QString resumeHint() const;   // how to go on with this run, in the workbench and in `mrp`
    void prepare();
    void onPrepared(const Prepared &prepared);
    void onShardChanged(int index);
    void onAttemptFinished(int index, int attempt);
    void onMapFinished();
    void reduce();
    void onReduced(const ReduceResult &r);
    void produce(const QJsonValue &reduced);
    void finish(RunOutcome outcome, const QString &message);
    // Cloud runs: delete leftover sandboxes of this installation that no live run needs
    // (docs/design.md §7.6), report them in the log, then continue with next().
    void sweepThen(bool beforeRun, std::function<void()> next);
    void emitProgress();
    // A line of the run's log: arguments redacted, then logEvent().
    void log(RunEvent event);
    void log(RunEvent::Kind kind, const QStringList &args = {}) { log(RunEvent{kind, -1, args, -1}); }
    void emitDatasetProgress();
    // run.json is serialised and written (QSaveFile, synced) on recordWriter, one write after
    // another, never on the GUI thread; lastRecordWrite finishes with the last one.
    void writeRunJson();
    RunRecord currentRecord() const;
    std::unique_ptr<SandboxBackend> makeBackend(QString *error);
    SchedulerConfig schedulerConfig() const;
    qint64 maxRateLimitWaitMs() const;
    void onThrottled(const QString &kind, const QString &limit, qint64 waitMs, const QString &what);

    RunEngine *q;
    RunOptions opts;
    RunStore *store = nullptr;
    std::unique_ptr<RunStore> ownStore;
    BackendFactory factory;
    QPointer<SecretStore> secretStore;
    QString apiKey;                     // resolved for the built-in cloud factory; never logged
    QString apiKeyNotice;
    std::unique_ptr<SandboxBackend> backend;
    std::unique_ptr<SandboxBackend> reduceBackend;
    QPointer<Scheduler> scheduler;
    QPointer<PythonReducer> pythonReducer;
    RunLog runLog;
    RunLock runLock;                    // held while this process runs the run
    QThreadPool recordWriter;           // one thread: writes of run.json (and the plan files) stay in order
    QFuture<void> lastRecordWrite;
    // The compile's reading of the dataset, polled (the compile thread never waits for us).
    std::shared_ptr<ShardingProgress> compileProgress;
    QTimer compilePoll;
    qint64 reportedRead = -1;
    bool swept = false;                 // after the map phase
    QList<SweptSandbox> lastSweep;      // what the latest sweep found and did

    Plan plan;
    RunRecord base;                     // everything but live shard state; empty until the run opens
    RunRecord resumeFrom;               // a resumed run's stored record, untouched until it reopens
    QList<ShardRecord> shards;          // snapshot for shards not (yet) in the scheduler
    QHash<int, int> storedAttempts;     // resume: attempts already recorded per shard
    double reusedCost = 0;
    qint64 priorSandboxSeconds = 0;     // from earlier sessions of a resumed run
    QElapsedTimer clock;

    QString runId;
    QString phase;
    QString errorMessage;
    RunOutcome outcome = RunOutcome::Ok;
    bool started = false;
    bool running = false;
    bool cancelRequested = false;
    bool finished = false;
    bool resumed = false;
    bool newRunFolder = false;          // runs/<runId> was made for a new run by compile()

};

} // namespace mrp
