// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// RunEngine: the end of a run, after the map phase — reduce, produce, the run record, finished().
#include "run/runengine.h"
#include "run/runengine_p.h"

#include "backgroundpriority.h"
#include "data/canonicaljson.h"
#include "local/localbackend.h"
#include "run/producer.h"
#include "sandbox/runcontract.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent>

#include <algorithm>

namespace mrp {

namespace {

bool isInfrastructureClass(ErrorClass c)
{
    switch (c) {
    case ErrorClass::Infrastructure:
    case ErrorClass::Network:
    case ErrorClass::RateLimited:
    case ErrorClass::ServerError:
    case ErrorClass::ClientError:
    case ErrorClass::Auth:
    case ErrorClass::Quota:
        return true;
    case ErrorClass::None:
    case ErrorClass::OperatorError:
    case ErrorClass::BadOutput:
    case ErrorClass::NonZeroExit:
    case ErrorClass::Timeout:
    case ErrorClass::OutOfMemory:
    case ErrorClass::Killed:
    case ErrorClass::PolicyRefused:
    case ErrorClass::Cancelled:
        return false;
    }
    return false;
}

} // namespace

RunRecord RunEngine::Private::currentRecord() const
{
    RunRecord r = base;
    r.shards.clear();
    for (const ShardRecord &s : shards) {
        if (scheduler && scheduler->contains(s.index))
            r.shards.append(scheduler->shard(s.index));
        else
            r.shards.append(s);
    }
    if (scheduler) {
        r.costActualUsd = reusedCost + scheduler->costSoFarUsd();
        r.sandboxSeconds = priorSandboxSeconds + scheduler->sandboxSecondsSoFar();
        r.costEstimatedUsd = scheduler->estimatedTotalCostUsd();
    }
    return r;
}

void RunEngine::Private::writeRunJson()
{
    if (runId.isEmpty() || !store)
        return;
    const RunRecord r = currentRecord();
    const QString path = QDir(store->runDir(runId)).filePath(QStringLiteral("run.json"));
    lastRecordWrite = QtConcurrent::run(&recordWriter, [r, path]() -> QString {
                          enterBackgroundPriority();
                          QSaveFile f(path);
                          const QByteArray bytes = QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented);
                          if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                              return f.errorString();
                          return {};
                      }).then(q, [this](const QString &error) {
        if (!error.isEmpty())
            log(RunEvent::Kind::RunJsonNotWritten, {error});
    });
}

QString RunEngine::Private::resumeHint() const
{
    // Both front ends resume the same run; the record's message names both ways.
    return EngineTr::tr("Resume it with Run ▸ Resume Run in the workbench or `mrp run --resume %1`.").arg(runId);
}

void RunEngine::Private::onMapFinished()
{
    if (!swept) {
        swept = true;
        sweepThen(false, [this] { onMapFinished(); });
        return;
    }
    const int done = scheduler->countInState(ShardState::Done);
    const int failed = scheduler->countInState(ShardState::Failed);
    emitProgress();
    // What the scheduler could not confirm gone, less what the sweep after the map phase
    // deleted and confirmed, plus this run's sandboxes the sweep could not delete.
    base.leakedSandboxes.clear();
    const QStringList notConfirmed = scheduler->leakedSandboxes();
    for (const QString &id : notConfirmed) {
        const bool sweptAway = std::any_of(lastSweep.cbegin(), lastSweep.cend(), [&id](const SweptSandbox &s) {
            return s.sandbox.id == id && s.action == SweptSandbox::Action::Deleted;
        });
        if (!sweptAway && !base.leakedSandboxes.contains(id))
            base.leakedSandboxes.append(id);
    }
    for (const SweptSandbox &s : std::as_const(lastSweep)) {
        if (s.run() == runId && s.action == SweptSandbox::Action::Failed && !base.leakedSandboxes.contains(s.sandbox.id))
            base.leakedSandboxes.append(s.sandbox.id);
    }
    for (const QString &id : std::as_const(base.leakedSandboxes))
        runLog.write(QStringLiteral("sandbox_leaked"), {{QStringLiteral("sandbox_id"), id}});
    if (scheduler->wasCancelled()) {
        finish(RunOutcome::Cancelled,
               EngineTr::tr("Cancelled: %1 of %2 shards done; every sandbox was destroyed.").arg(done).arg(shards.size())
                   + QLatin1Char(' ') + resumeHint());
        return;
    }
    if (scheduler->budgetStopped()) {
        finish(RunOutcome::Refused, scheduler->budgetMessage());
        return;
    }
    if (scheduler->rateLimitStopped()) {
        finish(RunOutcome::Infrastructure, scheduler->rateLimitMessage() + QLatin1Char(' ') + resumeHint());
        return;
    }
    if (failed > 0) {
        bool allInfra = true;
        QStringList examples;
        for (int index : scheduler->indexes()) {
            const ShardRecord s = scheduler->shard(index);
            if (s.state != ShardState::Failed)
                continue;
            const ErrorClass c = s.attempts.isEmpty() ? ErrorClass::Infrastructure : s.attempts.constLast().errorClass;
            allInfra = allInfra && isInfrastructureClass(c);
            if (examples.size() < 3)
                examples.append(QStringLiteral("%1: %2").arg(s.shardId, s.attempts.isEmpty() ? errorClassName(c)
                                                                                            : s.attempts.constLast().message));
        }
        finish(allInfra && done == 0 ? RunOutcome::Infrastructure : RunOutcome::ShardsFailed,
               EngineTr::tr("%n shard(s) failed; reduce and produce were skipped. ", nullptr, failed)
                   + examples.join(QStringLiteral("; ")));
        return;
    }
    reduce();
}

void RunEngine::Private::reduce()
{
    phase = QStringLiteral("reduce");
    Q_EMIT q->phaseChanged(phase);
    QList<ReduceInput> inputs;
    qint64 outputBytes = 0;
    for (int index : scheduler->indexes()) {
        const ShardRecord s = scheduler->shard(index);
        inputs.append(ReduceInput{s.index, s.shardId, s.outputDigest});
        outputBytes += s.outputBytes;
    }
    if (outputBytes > runcontract::MaxRunOutputBytes && !reducerProjectsField(plan.reduce)) {
        // Reduce holds every output at once: refuse before reading any of them. (A reducer of
        // one field keeps only that field of each output, held to the same bound as it loads.)
        finish(RunOutcome::ShardsFailed,
               EngineTr::tr("The map outputs hold %1 MiB together; reduce reads at most %2 MiB. Return smaller "
                            "summaries from the map operator.")
                   .arg(outputBytes >> 20)
                   .arg(runcontract::MaxRunOutputBytes >> 20));
        return;
    }
    RunStore *st = store;
    const ObjectLoader load = [st](const QString &sha, QString *err) { return st->readObject(sha, err); };
    const ReduceSpec spec = plan.reduce;
    log(RunEvent::Kind::Reducing, {QString::number(inputs.size()), base.reduceKind});
    if (!spec.builtin.isEmpty()) {
        QtConcurrent::run([spec, inputs, load] { return runBuiltinReduce(spec, inputs, load); })
            .then(q, [this](const ReduceResult &r) { onReduced(r); });
        return;
    }
    // The Python reducer runs locally, in the local sandbox, whatever backend ran the map. Its
    // inputs file is streamed from the store: the outputs never pass through memory whole.
    const QString workDir = QDir(store->runDir(runId)).filePath(QStringLiteral("reduce"));
    const QString inputsFile = QDir(workDir).filePath(QStringLiteral("inputs.json"));
    auto future = QtConcurrent::run([inputs, st, inputsFile] {
        ReduceResult r;
        QList<ReduceInput> sorted = inputs;
        std::sort(sorted.begin(), sorted.end(), [](const ReduceInput &a, const ReduceInput &b) { return a.index < b.index; });
        r.inputOrderDigest = reduceInputOrderDigest(sorted);
        if (!writeReduceInputsFile(sorted, *st, inputsFile, &r.error))
            r.errorClass = ErrorClass::BadOutput;
        else
            r.ok = true;
        return r;
    });
    future.then(q, [this, spec, workDir, inputsFile](const ReduceResult &loaded) {
        if (cancelRequested) {
            finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled before reduce."));
            return;
        }
        if (!loaded.ok) {
            onReduced(loaded);
            return;
        }
        LocalBackend::Options lo;
        lo.allowUnisolated = opts.allowUnisolated;
        lo.baseDir = LocalBackend::baseDirFor(store->dataDir());
        reduceBackend = std::make_unique<LocalBackend>(lo);
        auto *pr = new PythonReducer(reduceBackend.get(), spec, workDir, q);
        pythonReducer = pr;
        QObject::connect(pr, &PythonReducer::finished, q, [this, pr] {
            const ReduceResult r = pr->result();
            pr->deleteLater();
            onReduced(r);
        });
        pr->start(runId, inputsFile, loaded.inputOrderDigest, plan.policy.shardTimeoutS);
    });
}

void RunEngine::Private::onReduced(const ReduceResult &r)
{
    if (cancelRequested) {
        finish(RunOutcome::Cancelled, EngineTr::tr("Cancelled during reduce."));
        return;
    }
    base.reduceInputOrderDigest = r.inputOrderDigest;
    if (!r.ok) {
        runLog.write(QStringLiteral("reduce_failed"), {{QStringLiteral("error_class"), errorClassName(r.errorClass)},
                                                       {QStringLiteral("message"), r.error}});
        finish(isInfrastructureClass(r.errorClass) ? RunOutcome::Infrastructure : RunOutcome::ShardsFailed,
               EngineTr::tr("Reduce failed: %1").arg(r.error));
        return;
    }
    QString error;
    if (store->putObject(r.output, &error).isEmpty()) {
        finish(RunOutcome::Infrastructure, error);
        return;
    }
    base.reduceOutputDigest = r.outputDigest;
    runLog.write(QStringLiteral("reduced"), {{QStringLiteral("reduce_input_order_digest"), r.inputOrderDigest},
                                             {QStringLiteral("reduce_output_digest"), r.outputDigest}});
    log(RunEvent::Kind::Reduced, {r.outputDigest.left(12)});
    produce(r.value);
}

void RunEngine::Private::produce(const QJsonValue &reduced)
{
    phase = QStringLiteral("produce");
    Q_EMIT q->phaseChanged(phase);
    const QList<ProduceSpec> specs = plan.produce;
    const QString outDir = store->outputDir(runId);
    QtConcurrent::run([specs, reduced, outDir] { return Producer::produce(specs, reduced, outDir); })
        .then(q, [this](const ProduceResult &pr) {
            if (!pr.ok) {
                finish(pr.refused ? RunOutcome::Refused : pr.jobFault ? RunOutcome::Invalid : RunOutcome::Infrastructure, pr.error);
                return;
            }
            base.produce = pr.files;
            for (const ProducedFile &f : pr.files)
                runLog.write(QStringLiteral("produced"), {{QStringLiteral("path"), f.path}, {QStringLiteral("sha256"), f.sha256},
                                                          {QStringLiteral("bytes"), f.bytes}});
            finish(RunOutcome::Ok, QString());
        });
}

void RunEngine::Private::finish(RunOutcome result, const QString &message)
{
    if (finished)
        return;
    finished = true;
    running = false;
    if (cancelRequested && result != RunOutcome::Ok)
        result = RunOutcome::Cancelled;
    outcome = result;
    errorMessage = message;
    if (!base.runId.isEmpty()) {   // a run that never opened has no record to write
        phase = QStringLiteral("record");
        Q_EMIT q->phaseChanged(phase);
    }
    if (!message.isEmpty())
        log(RunEvent::Kind::Message, {message});
    if (!runId.isEmpty() && store && !base.runId.isEmpty()) {
        RunRecord r = currentRecord();
        base.status = runOutcomeName(result);
        base.message = message;
        base.finishedAt = QDateTime::currentDateTimeUtc();
        base.costActualUsd = r.costActualUsd;
        base.costEstimatedUsd = r.costEstimatedUsd;
        base.sandboxSeconds = r.sandboxSeconds;
        QString error;
        if (!store->updateRun(currentRecord(), &error))
            log(RunEvent::Kind::Message, {error});
        writeRunJson();
        runLog.write(QStringLiteral("run_finished"),
                     {{QStringLiteral("status"), base.status}, {QStringLiteral("message"), message},
                      {QStringLiteral("duration_ms"), clock.elapsed()},
                      {QStringLiteral("done"), r.countInState(ShardState::Done)},
                      {QStringLiteral("failed"), r.countInState(ShardState::Failed)},
                      {QStringLiteral("cost_usd"), base.costActualUsd},
                      {QStringLiteral("reduce_output_digest"), base.reduceOutputDigest}});
        runLog.close();
        QDir(QDir(store->runDir(runId)).filePath(QStringLiteral("tmp"))).removeRecursively();
    } else if (newRunFolder && store) {
        // The run never opened (invalid, refused, cancelled while compiling): its folder holds
        // at most the payloads of its compile, which no record names. Nothing of it stays.
        QDir(store->runDir(runId)).removeRecursively();
    }
    runLock.release();
    // finished() says the record is complete: after the last run.json is on disk.
    if (lastRecordWrite.isValid() && !lastRecordWrite.isFinished()) {
        lastRecordWrite.then(q, [this] { Q_EMIT q->finished(outcome); });
        return;
    }
    QMetaObject::invokeMethod(q, [this] { Q_EMIT q->finished(outcome); }, Qt::QueuedConnection);
}

} // namespace mrp
