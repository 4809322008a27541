// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/runengine.h"

#include "backgroundpriority.h"
#include "sandbox/installid.h"
#include "run/runengine_p.h"

#include "daytona/daytonabackendfactory.h"
#include "local/localbackend.h"
#include "secrets/qtkeychainsecretstore.h"
#include "sandbox/runcontract.h"

#include <QCryptographicHash>
#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcEngine, "mrp.services.runengine")

namespace mrp {


QString runOutcomeName(RunOutcome o)
{
    switch (o) {
    case RunOutcome::Ok: return QStringLiteral("ok");
    case RunOutcome::ShardsFailed: return QStringLiteral("failed");
    case RunOutcome::Invalid: return QStringLiteral("invalid");
    case RunOutcome::Refused: return QStringLiteral("refused");
    case RunOutcome::Infrastructure: return QStringLiteral("infrastructure");
    case RunOutcome::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

namespace {

QString toolVersion(const QString &program, const QStringList &args)
{
    if (QStandardPaths::findExecutable(program).isEmpty())
        return QStringLiteral("not found");
    QProcess p;   // on a pool thread: blocking is fine here
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(1000);
        return QStringLiteral("unknown");
    }
    return QString::fromUtf8(p.readAll()).trimmed().section(QLatin1Char('\n'), 0, 0);
}


} // namespace

RunEngine::RunEngine(RunStore *store, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    d->store = store;
}

RunEngine::~RunEngine()
{
    // The scheduler's destructor cancels in-flight work and destroys its sandboxes; it must go
    // before the backend it uses.
    delete d->scheduler.data();
    delete d->pythonReducer.data();
}

void RunEngine::setBackendFactory(BackendFactory factory)
{
    d->factory = std::move(factory);
}

void RunEngine::setSecretStore(SecretStore *store)
{
    d->secretStore = store;
}

bool RunEngine::start(const RunOptions &options)
{
    if (d->started)
        return false;
    d->started = true;
    d->running = true;
    d->opts = options;
    d->clock.start();
    QMetaObject::invokeMethod(this, [this] { d->compile(); }, Qt::QueuedConnection);
    return true;
}

void RunEngine::cancel()
{
    if (!d->running || d->cancelRequested)
        return;
    d->cancelRequested = true;
    d->log(RunEvent::Kind::CancelRequested);
    if (d->compileProgress)
        d->compileProgress->cancel();   // the compile stops between two batches of records
    if (d->scheduler && !d->scheduler->isFinished()) {
        d->scheduler->cancel();   // finished() follows once every sandbox is confirmed gone
        return;
    }
    if (d->pythonReducer) {
        d->pythonReducer->cancel();
        return;
    }
    // compile / package / built-in reduce / produce run on the pool: the continuation sees the flag.
}

bool RunEngine::isRunning() const { return d->running; }
QString RunEngine::runId() const { return d->runId; }
int RunEngine::shardCount() const { return int(d->shards.size()); }
const Plan &RunEngine::plan() const { return d->plan; }
RunOutcome RunEngine::outcome() const { return d->outcome; }
QString RunEngine::errorMessage() const { return d->errorMessage; }
RunStore *RunEngine::store() const { return d->store; }
QString RunEngine::runDirectory() const { return d->store && !d->runId.isEmpty() ? d->store->runDir(d->runId) : QString(); }
QString RunEngine::outputDirectory() const { return d->store && !d->runId.isEmpty() ? d->store->outputDir(d->runId) : QString(); }
QString RunEngine::runJsonPath() const
{
    return d->runId.isEmpty() ? QString() : QDir(runDirectory()).filePath(QStringLiteral("run.json"));
}

ShardRecord RunEngine::shard(int index) const
{
    if (d->scheduler && d->scheduler->contains(index))
        return d->scheduler->shard(index);
    if (index >= 0 && index < d->shards.size() && d->shards[index].index == index)
        return d->shards[index];
    for (const ShardRecord &s : d->shards)
        if (s.index == index)
            return s;
    return ShardRecord{};
}

RunRecord RunEngine::record() const
{
    return d->currentRecord();
}

// ---------------------------------------------------------------------------------------------

void RunEngine::Private::log(RunEvent event)
{
    for (QString &arg : event.args)
        arg = RunLog::redact(arg);
    qCDebug(lcEngine).noquote() << event.text();
    Q_EMIT q->logEvent(event);
}

void RunEngine::Private::compile()
{
    phase = QStringLiteral("compile");
    Q_EMIT q->phaseChanged(phase);
    if (!store) {
        ownStore = std::make_unique<RunStore>();
        store = ownStore.get();
    }
    QString error;
    if (!store->open(&error)) {
        finish(RunOutcome::Infrastructure, error);
        return;
    }
    CompileOptions co;
    co.backendOverride = opts.backendOverride;
    co.profileOverride = opts.profileOverride;
    co.concurrencyOverride = opts.concurrencyOverride;
    co.profileSearchPaths = opts.profileSearchPaths;
    co.allowedPaths = opts.allowedPaths;

    if (!opts.resumeRunId.isEmpty()) {
        runId = store->resolveRunId(opts.resumeRunId);
        if (runId.isEmpty()) {
            finish(RunOutcome::Invalid, EngineTr::tr("There is no run \"%1\" to resume in %2 (or the prefix is ambiguous). "
                                                      "List runs with `mrp runs`.").arg(opts.resumeRunId, store->dataDir()));
            return;
        }
        const auto stored = store->loadRun(runId, &error);
        if (!stored) {
            finish(RunOutcome::Invalid, error);
            return;
        }
        if (stored->status == u"ok") {
            finish(RunOutcome::Invalid, EngineTr::tr("Run %1 already finished successfully; nothing to resume.").arg(runId));
            return;
        }
        resumed = true;
        // Kept aside: a resume refused before the run reopens (changed job, a live holder of
        // the run, no key) must leave the stored record exactly as it was.
        resumeFrom = *stored;
        if (opts.jobPath.isEmpty())
            opts.jobPath = stored->jobPath;
        // The same backend and profile as the first session; concurrency may change.
        if (co.backendOverride.isEmpty())
            co.backendOverride = stored->backend;
        if (co.profileOverride.isEmpty())
            co.profileOverride = stored->profileName;
        for (const ShardRecord &s : stored->shards)
            storedAttempts.insert(s.index, s.attempts.isEmpty() ? 0 : s.attempts.constLast().number);
    } else {
        runId = RunStore::newRunId();
        newRunFolder = true;
    }
    co.shardDir = QDir(store->runDir(runId)).filePath(QStringLiteral("shards"));
    QDir().mkpath(co.shardDir);
    const QString jobPath = opts.jobPath;
    log(RunEvent::Kind::Compiling, {jobPath});
    compileProgress = std::make_shared<ShardingProgress>();
    co.progress = compileProgress;
    compilePoll.setInterval(100);
    QObject::connect(&compilePoll, &QTimer::timeout, q, [this] { emitDatasetProgress(); });
    compilePoll.start();
    auto future = QtConcurrent::run([jobPath, co] { return compileJob(jobPath, co); });
    future.then(q, [this](const CompileResult &r) { onCompiled(r); });
}

void RunEngine::Private::emitDatasetProgress()
{
    const qint64 read = compileProgress->bytesRead();
    if (read == reportedRead)
        return;
    reportedRead = read;
    Q_EMIT q->datasetProgress(read, compileProgress->bytesTotal());
}

void RunEngine::Private::onCompiled(const CompileResult &result)
{
    compilePoll.stop();
    emitDatasetProgress();
    if (cancelRequested) {
        finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled while compiling."));
        return;
    }
    QStringList errors;
    // Warnings go to the log one by one; errors make the run's message (finish() logs it once).
    for (const Diagnostic &dg : result.diagnostics) {
        if (dg.isError())
            errors.append(dg.toString());
        else
            log(RunEvent::Kind::CompileWarning, {dg.toString()});
    }
    if (!result.ok()) {
        finish(result.refusedByPolicy() ? RunOutcome::Refused : RunOutcome::Invalid, errors.join(QLatin1Char('\n')));
        return;
    }
    plan = result.plan;
    if (resumed) {
        // Resume only the same work: same shards (content digests) and the same map code.
        bool same = resumeFrom.shards.size() == plan.shards.size() && resumeFrom.mapCodeDigest == plan.map.codeDigest;
        for (qsizetype i = 0; same && i < plan.shards.size(); ++i)
            same = resumeFrom.shards[i].shardDigest == plan.shards[i].digest;
        if (!same) {
            finish(RunOutcome::Invalid, EngineTr::tr("The job, its data or its operator changed since run %1 started, so it "
                                                      "cannot be resumed. Start a new run instead.").arg(runId));
            return;
        }
    }
    if (!factory && plan.backend == u"cloud_sandbox") {
        // Refuse before the first shard when there is no key (docs/design.md §2.1).
        SecretStore *ss = secretStore;
        if (!ss) {
            ss = new QtKeychainSecretStore(q);
            secretStore = ss;
        }
        resolveApiKey(ss, plan.profile.name, [this](const ApiKeyLookup &lookup) {
            apiKey = lookup.key;
            apiKeyNotice = lookup.message;
            if (!apiKey.isEmpty())
                log(lookup.source == u"environment" ? RunEvent::Kind::ApiKeyFromEnvironment
                    : lookup.source == u"keychain"  ? RunEvent::Kind::ApiKeyFromKeychain
                                                    : RunEvent::Kind::ApiKeyInMemory);
            afterKey();
        });
        return;
    }
    afterKey();
}

void RunEngine::Private::afterKey()
{
    if (cancelRequested) {
        finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled before any shard started."));
        return;
    }
    QString error;
    backend = makeBackend(&error);
    if (!backend) {
        finish(RunOutcome::Refused, error);
        return;
    }
    // A local run whose policy needs isolation the machine cannot give is refused before
    // anything is written (docs/platforms.md), not shard by shard.
    if (auto *local = qobject_cast<LocalBackend *>(backend.get())) {
        local->checkIsolation(schedulerConfig().sandbox).then(q, [this](const SandboxError &e) {
            if (!e.ok()) {
                finish(RunOutcome::Refused, e.message);
                return;
            }
            openAndSweep();
        });
        return;
    }
    openAndSweep();
}

void RunEngine::Private::openAndSweep()
{
    QString error;
    QString holder;
    if (!runLock.acquire(store->dataDir(), runId, &holder)) {
        finish(RunOutcome::Refused, EngineTr::tr("Run %1 is being run by %2. Wait for it to finish or cancel it there.")
                                        .arg(runId, holder));
        return;
    }
    RunOutcome why = RunOutcome::Infrastructure;
    if (!openRun(&error, &why)) {
        finish(why, error);
        return;
    }
    sweepThen(true, [this] {
        if (cancelRequested) {
            finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled before any shard started."));
            return;
        }
        prepare();
    });
}

void RunEngine::Private::sweepThen(bool beforeRun, std::function<void()> next)
{
    if (plan.backend != u"cloud_sandbox" || !backend) {
        next();
        return;
    }
    auto *sweeper = new Sweeper(backend.get(), installId(), q);
    const QString dataDir = store->dataDir();
    const QString self = runId;
    // This run's own leftovers (a killed earlier session, a sandbox the scheduler could not
    // destroy) go too; other runs are kept while a process holds their lock.
    sweeper->setLiveRunCheck([dataDir, self](const QString &run) { return run != self && RunLock::isHeld(dataDir, run); });
    // log.jsonl names the moment in English, as tools read it.
    const QString when = beforeRun ? QStringLiteral("before the run") : QStringLiteral("after the map phase");
    QObject::connect(sweeper, &Sweeper::finished, q, [this, sweeper, beforeRun, when, next = std::move(next)] {
        sweeper->deleteLater();
        lastSweep = sweeper->result();
        if (sweeper->listFailed())
            log(beforeRun ? RunEvent::Kind::SweepBeforeListFailed : RunEvent::Kind::SweepAfterListFailed, {sweeper->listError()});
        if (beforeRun && sweeper->listUnreached()) {
            // The first call of the run found no server: every create would fail the same way
            // after its retries. Stop before dispatching anything (nothing was created).
            finish(RunOutcome::Infrastructure,
                   sweeper->listError() + QLatin1Char(' ')
                       + EngineTr::tr("No sandbox was created. `mrp doctor` checks the connection.") + QLatin1Char(' ') + resumeHint());
            return;
        }
        for (const SweptSandbox &s : sweeper->result()) {
            if (s.action == SweptSandbox::Action::KeptLiveRun)
                continue;
            const QString action = SweptSandbox::actionName(s.action);
            log(beforeRun ? RunEvent::Kind::SweptBefore : RunEvent::Kind::SweptAfter,
                {s.sandbox.id, s.run().isEmpty() ? QStringLiteral("-") : s.run(), s.shard().isEmpty() ? QStringLiteral("-") : s.shard(),
                 s.sandbox.state, s.sandbox.createdAt.isEmpty() ? QStringLiteral("?") : s.sandbox.createdAt,
                 s.error.isEmpty() ? action : action + QStringLiteral(": ") + s.error});
            runLog.write(QStringLiteral("sandbox_swept"),
                         {{QStringLiteral("when"), when}, {QStringLiteral("sandbox_id"), s.sandbox.id},
                          {QStringLiteral("run"), s.run()}, {QStringLiteral("shard"), s.shard()},
                          {QStringLiteral("state"), s.sandbox.state}, {QStringLiteral("created_at"), s.sandbox.createdAt},
                          {QStringLiteral("action"), SweptSandbox::actionName(s.action)}, {QStringLiteral("error"), s.error}});
        }
        next();
    });
    sweeper->start();
}

std::unique_ptr<SandboxBackend> RunEngine::Private::makeBackend(QString *error)
{
    if (factory)
        return factory(plan, error);
    if (plan.backend == u"cloud_sandbox") {
        // The one path from the settings to the Daytona backend: the key resolved before, the
        // API URL of the options (the workbench's setting) or the environment, sized by the plan.
        if (!apiKey.isEmpty())
            RunLog::addSecret(apiKey);
        auto b = daytonaBackendFactory(apiKey, opts.apiUrl, maxRateLimitWaitMs(), opts.liveOutput)(plan, error);
        if (!b && apiKey.isEmpty() && !apiKeyNotice.isEmpty())
            *error += QLatin1Char(' ') + apiKeyNotice;
        return b;
    }
    LocalBackend::Options lo;
    lo.allowUnisolated = opts.allowUnisolated;
    lo.baseDir = LocalBackend::baseDirFor(store->dataDir()); // not in the data folder: sandboxes see the path
    return std::make_unique<LocalBackend>(lo);
}

bool RunEngine::Private::openRun(QString *error, RunOutcome *why)
{
    *why = RunOutcome::Infrastructure;
    if (!resumed) {
        base = RunRecord{};
        base.runId = runId;
        base.createdAt = QDateTime::currentDateTimeUtc();
    } else {
        base = resumeFrom;
        base.sessions += 1;
        priorSandboxSeconds = base.sandboxSeconds;
    }
    base.status = QStringLiteral("running");
    base.message.clear();
    base.finishedAt = QDateTime();
    base.jobPath = plan.jobPath;
    base.jobName = plan.jobName;
    base.jobDigest = plan.jobDigest;
    base.planDigest = plan.planDigest;
    base.mapCodeDigest = plan.map.codeDigest;
    base.backend = plan.backend;
    base.backendName = backend->name();
    base.profileName = plan.profile.name;
    base.profileVersion = plan.profile.version;
    base.isolated = backend->isIsolated();
    // A local backend names the limits sandboxes of this plan get (memory N GiB ...).
    const auto *local = qobject_cast<const LocalBackend *>(backend.get());
    base.isolation = local ? local->isolationDescription(schedulerConfig().sandbox) : backend->isolationDescription();
    base.reduceKind = plan.reduce.builtin.isEmpty() ? QStringLiteral("operator") : plan.reduce.builtin;
    base.egressAllowlistVersion = plan.profile.egressAllowlistVersion;
    base.sandboxProfileVersion = plan.profile.securityProfileVersion;

    const QList<ShardRecord> stored = base.shards;
    shards.clear();
    for (const ShardPlan &sp : std::as_const(plan.shards)) {
        ShardRecord s;
        s.index = sp.index;
        s.shardId = sp.id;
        s.shardDigest = sp.digest;
        s.recordCount = sp.recordCount;
        if (resumed && sp.index < stored.size()) {
            const ShardRecord &old = stored[sp.index];
            s.attempts = old.attempts;
            s.costUsd = old.costUsd;
            // Only a durable, intact output counts as done.
            if (old.state == ShardState::Done && store->hasObject(old.outputDigest)) {
                s.state = ShardState::Done;
                s.outputDigest = old.outputDigest;
                s.outputBytes = old.outputBytes;
                s.sandboxId = old.sandboxId;
                s.reused = true;
            }
        }
        shards.append(s);
    }
    base.shards = shards;

    if (!resumed) {
        if (!store->createRun(base, error))
            return false;
        writePlanFilesLater(QDir(store->runDir(runId)).filePath(QStringLiteral("plan")));
    } else {
        if (!store->updateRun(base, error))
            return false;
        // A kill between creating the run and writing its plan files leaves none: write them now.
        const QString planDir = QDir(store->runDir(runId)).filePath(QStringLiteral("plan"));
        if (!QFileInfo::exists(QDir(planDir).filePath(QStringLiteral("plan.json"))))
            writePlanFilesLater(planDir);
    }
    QDir().mkpath(store->outputDir(runId));
    QString lerr;
    if (!runLog.open(QDir(store->runDir(runId)).filePath(QStringLiteral("log.jsonl")), runId, &lerr))
        log(RunEvent::Kind::Message, {lerr});
    const int reused = base.countInState(ShardState::Done);
    runLog.write(resumed ? QStringLiteral("run_resumed") : QStringLiteral("run_started"),
                 {{QStringLiteral("job"), plan.jobPath}, {QStringLiteral("job_digest"), plan.jobDigest},
                  {QStringLiteral("plan_digest"), plan.planDigest}, {QStringLiteral("backend"), plan.backend},
                  {QStringLiteral("profile"), plan.profile.name}, {QStringLiteral("isolation"), base.isolation},
                  {QStringLiteral("shards"), int(shards.size())}, {QStringLiteral("reused_shards"), reused},
                  {QStringLiteral("session"), base.sessions}});
    if (!base.isolated)
        log(RunEvent::Kind::Unisolated, {base.isolation});
    writeRunJson();
    Q_EMIT q->runStarted(runId, int(shards.size()));
    if (resumed)
        log(RunEvent::Kind::RunResumed, {runId, QString::number(reused), QString::number(shards.size())});
    else
        log(RunEvent::Kind::RunStarted, {runId, QString::number(shards.size()), plan.backend, base.isolation});
    return true;
}

void RunEngine::Private::writePlanFilesLater(const QString &dir)
{
    // On the record writer, like run.json: its one thread keeps the order (the plan files before
    // the run.json writes queued after them) and finished() waits for the last write. The
    // canonical files of a 2,000-shard plan took ~60 ms of the workbench's GUI thread
    // (tests/bench/tst_bench_gui_watchdog.cpp).
    QtConcurrent::run(&recordWriter, [p = plan, dir]() -> QString {
        enterBackgroundPriority();
        QString error;
        return writePlanFiles(p, dir, &error) ? QString() : error;
    }).then(q, [this](const QString &error) {
        if (!error.isEmpty())
            log(RunEvent::Kind::PlanFilesNotWritten, {error});
    });
}

void RunEngine::Private::prepare()
{
    phase = QStringLiteral("package");
    Q_EMIT q->phaseChanged(phase);
    const Plan p = plan;
    QSet<int> todo;
    for (const ShardRecord &s : std::as_const(shards))
        if (s.state != ShardState::Done)
            todo.insert(s.index);
    const QString packagesDir = QDir(store->dataDir()).filePath(QStringLiteral("packages"));
    auto future = QtConcurrent::run([p, todo, packagesDir] {
        enterBackgroundPriority();
        Prepared out;
        Packager packager(packagesDir);
        for (const ShardPlan &sp : p.shards) {
            if (!todo.contains(sp.index))
                continue;
            ShardPackage pkg;
            if (!packager.packageShard(p, sp, &pkg, &out.error))
                return out;
            out.uploads.insert(sp.index, pkg.uploads());
        }
        out.toolVersions.insert(QStringLiteral("mrp"), QStringLiteral(MRP_VERSION_STRING));
        out.toolVersions.insert(QStringLiteral("qt"), QString::fromLatin1(qVersion()));
        out.toolVersions.insert(QStringLiteral("python3"), toolVersion(QStringLiteral("python3"), {QStringLiteral("--version")}));
        out.toolVersions.insert(QStringLiteral("bwrap"), toolVersion(QStringLiteral("bwrap"), {QStringLiteral("--version")}));
        return out;
    });
    future.then(q, [this](const Prepared &pr) { onPrepared(pr); });
}

void RunEngine::Private::onPrepared(const Prepared &pr)
{
    if (cancelRequested) {
        finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled before any shard started."));
        return;
    }
    if (!pr.error.isEmpty()) {
        finish(RunOutcome::Infrastructure, pr.error);
        return;
    }
    base.toolVersions = pr.toolVersions;
    phase = QStringLiteral("map");
    Q_EMIT q->phaseChanged(phase);

    auto *s = new Scheduler(backend.get(), schedulerConfig(), q);
    scheduler = s;
    for (const ShardRecord &rec : std::as_const(shards)) {
        if (rec.state == ShardState::Done) {
            s->addCompleted(rec);
            reusedCost += rec.costUsd;
            continue;
        }
        SchedulerTask t;
        t.index = rec.index;
        t.shardId = rec.shardId;
        t.shardDigest = rec.shardDigest;
        t.recordCount = rec.recordCount;
        t.files = pr.uploads.value(rec.index);
        t.firstAttemptNumber = storedAttempts.value(rec.index) + 1;
        t.priorAttempts = rec.attempts;
        s->addTask(t);
    }
    const QString rid = runId;
    // On the scheduler's commit thread: the store is usable from any thread.
    s->setCommitHook([store = store, rid](const ShardRecord &shard, const AttemptRecord &attempt, const QString &path,
                                          const ExecResult &) {
        Outcome<QString> o;
        QString error;
        o.value = store->commitShard(rid, shard, attempt, path, &error);
        if (o.value.isEmpty()) {
            o.error.cls = ErrorClass::Infrastructure;
            o.error.message = error;
        } else if (o.value != shard.outputDigest) {
            o.error.cls = ErrorClass::BadOutput;
            o.error.message = EngineTr::tr("The stored output's digest differs from the downloaded one.");
        }
        return o;
    });
    QObject::connect(s, &Scheduler::shardChanged, q, [this](int index) { onShardChanged(index); });
    QObject::connect(s, &Scheduler::attemptFinished, q, [this](int index, int attempt) { onAttemptFinished(index, attempt); });
    QObject::connect(s, &Scheduler::logEvent, q, [this](const RunEvent &event) { log(event); });
    QObject::connect(s, &Scheduler::output, q, &RunEngine::shardOutput);
    QObject::connect(s, &Scheduler::throttled, q, [this](const QString &kind, const QString &limit, qint64 waitMs,
                                                        const QString &what) { onThrottled(kind, limit, waitMs, what); });
    QObject::connect(s, &Scheduler::budgetWarning, q, [this](const QString &m) {
        runLog.write(QStringLiteral("budget_warning"), {{QStringLiteral("message"), m}});
        Q_EMIT q->budgetWarning(m);
    });
    QObject::connect(s, &Scheduler::finished, q, [this] { onMapFinished(); });
    s->start();
    emitProgress();
}

SchedulerConfig RunEngine::Private::schedulerConfig() const
{
    SchedulerConfig c;
    c.concurrency = plan.policy.maxConcurrencyMap > 0 ? plan.policy.maxConcurrencyMap : plan.profile.maxConcurrency;
    c.timeouts = plan.profile.timeouts;
    c.timeouts.exec = plan.policy.shardTimeoutS;
    c.maxRetries = plan.policy.maxRetries;
    c.backoffBaseMs = opts.backoffBaseMs;
    c.jitterSeed = opts.jitterSeed;
    c.sandboxReuse = plan.profile.sandboxReuse;
    c.stragglerBackup = plan.profile.stragglerBackup;
    c.stragglerFactor = plan.profile.stragglerFactor;
    c.prices = plan.profile.prices;
    c.resources = plan.resources;
    c.maxCostUsd = plan.policy.maxCostUsd;
    if (opts.maxCostUsdCap > 0)
        c.maxCostUsd = c.maxCostUsd < 0 ? opts.maxCostUsdCap : std::min(c.maxCostUsd, opts.maxCostUsdCap);
    c.maxSandboxSeconds = plan.policy.maxSandboxSeconds;
    if (opts.maxSandboxSecondsCap > 0)
        c.maxSandboxSeconds = c.maxSandboxSeconds < 0 ? opts.maxSandboxSecondsCap
                                                       : std::min(c.maxSandboxSeconds, opts.maxSandboxSecondsCap);
    c.sandbox.runId = runId;
    c.sandbox.ownerId = installId(); // the owner label `mrp sweep` looks for
    c.sandbox.cpu = plan.resources.cpu;
    c.sandbox.memoryGib = plan.resources.memoryGib;
    c.sandbox.diskGib = plan.resources.diskGib;
    c.sandbox.networkBlockAll = plan.policy.network != u"allowlist";
    c.sandbox.egressAllowlist = plan.policy.egressAllowlist;
    c.sandbox.snapshot = plan.profile.snapshot;
    c.sandbox.target = plan.profile.target;
    c.exec.argv = runcontract::runnerArgv(false);
    c.outputRemotePath = QString(runcontract::OutputFile);
    c.maxRateLimitWaitMs = maxRateLimitWaitMs();
    c.countSandboxesUntilDestroyed = plan.backend == u"cloud_sandbox";
    c.downloadDir = QDir(store->runDir(runId)).filePath(QStringLiteral("tmp"));
    QDir().mkpath(c.downloadDir);
    return c;
}

void RunEngine::Private::onShardChanged(int index)
{
    const ShardRecord s = scheduler->shard(index);
    if (s.state == ShardState::Failed || s.state == ShardState::Cancelled)
        store->setShardState(runId, index, s.state, nullptr);
    if (s.state == ShardState::Done) {
        const AttemptRecord &a = s.attempts.constLast();
        runLog.write(QStringLiteral("shard_done"),
                     {{QStringLiteral("shard_id"), s.shardId}, {QStringLiteral("shard_index"), s.index},
                      {QStringLiteral("output_digest"), s.outputDigest}, {QStringLiteral("attempts"), int(s.attempts.size())},
                      {QStringLiteral("sandbox_id"), a.sandboxId}});
    }
    Q_EMIT q->shardChanged(index);
    emitProgress();
}

void RunEngine::Private::onAttemptFinished(int index, int attemptNumber)
{
    const ShardRecord s = scheduler->shard(index);
    AttemptRecord a;
    for (const AttemptRecord &x : s.attempts)
        if (x.number == attemptNumber)
            a = x;
    if (a.errorClass != ErrorClass::None)   // ok attempts are recorded by the commit itself
        store->recordAttempt(runId, index, a, nullptr);
    QJsonObject f = a.toJson();
    f.insert(QStringLiteral("shard_id"), s.shardId);
    f.insert(QStringLiteral("shard_index"), index);
    f.insert(QStringLiteral("duration_ms"), a.start.isValid() && a.end.isValid() ? a.start.msecsTo(a.end) : -1);
    f.insert(QStringLiteral("stdout_summary"), a.stdoutTail.right(400));
    f.insert(QStringLiteral("stderr_summary"), a.stderrTail.right(400));
    runLog.write(QStringLiteral("attempt_finished"), f);
    Q_EMIT q->shardChanged(index);
}

qint64 RunEngine::Private::maxRateLimitWaitMs() const
{
    return opts.maxRateLimitWaitS > 0 ? qint64(opts.maxRateLimitWaitS) * 1000 : qint64(5) * 60 * 1000;
}

// The service's limits at work: one log.jsonl event each, totals and concurrency changes in
// the record, and the signal for the front ends.
void RunEngine::Private::onThrottled(const QString &kind, const QString &limit, qint64 waitMs, const QString &what)
{
    Throttling &t = base.throttling;
    if (kind == u"rate_limited")
        ++t.rateLimited;
    else if (kind == u"paced") {
        ++t.paced;
        t.pacedMs += std::max<qint64>(0, waitMs);
    } else if (kind == u"quota_refused")
        ++t.quotaRefused;
    else if (kind == u"capacity")
        t.capacity.append(Throttling::CapacityChange{clock.elapsed(), int(waitMs), what});
    if (kind != u"capacity")
        t.longestWaitMs = std::max(t.longestWaitMs, waitMs);
    QJsonObject e{{QStringLiteral("limit"), limit}, {QStringLiteral("call"), what}};
    e.insert(kind == u"capacity" ? QStringLiteral("concurrency") : QStringLiteral("wait_ms"), waitMs);
    runLog.write(kind == u"capacity" ? QStringLiteral("concurrency_changed") : kind, e);
    Q_EMIT q->throttled(kind, limit, waitMs, what);
}

void RunEngine::Private::emitProgress()
{
    if (!scheduler)
        return;
    Q_EMIT q->progress(scheduler->countInState(ShardState::Done), scheduler->countInState(ShardState::Failed),
                       scheduler->runningCount(), scheduler->etaMs(), reusedCost + scheduler->costSoFarUsd());
}

} // namespace mrp
