// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp run JOB [--backend local|cloud_sandbox] [--profile P] [--concurrency N] [--resume RUN]
//              [--follow SHARD] [--json] [--data-dir DIR] [--allow-unisolated]`
// Runs a job end to end through the RunEngine. A progress line on a TTY (stderr), quiet in
// pipes; a summary at the end (JSON on stdout with --json). SIGINT cancels cleanly (every
// sandbox destroyed) and exits 130; a second SIGINT exits at once. --follow prints one shard's
// stdout and stderr as it runs (cloud runs then stream output, RunOptions::liveOutput).
// Exit codes (docs/design.md §5.3): 0 ok, 1 shards failed, 2 usage/validation, 3 refused, 4 infrastructure, 130 cancelled.
#include "cli.h"
#include "console.h"

#include "job/profileloader.h"
#include "run/reducer.h"
#include "run/runengine.h"
#include "sandbox/runcontract.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTimer>

#include <memory>

namespace mrp::cli {

bool openRunStore(const QCommandLineParser &parser, std::unique_ptr<RunStore> *store);
void quietLogging();
QString formatDuration(qint64 ms);
bool allowedFoldersFrom(const QCommandLineParser &parser, QStringList *folders);

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::run)
};

QString money(double usd)
{
    return QStringLiteral("$%1").arg(usd, 0, 'f', usd < 1 ? 4 : 2);
}

} // namespace

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    if (ms < 10000)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

int runRun(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Run a job: map every shard in a sandbox, then reduce and produce locally.\n"
                                            "Exit codes: 0 ok, 1 shards failed, 2 usage or validation error, 3 refused by policy,\n"
                                            "4 infrastructure failure, 130 cancelled (Ctrl+C)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), Tr::tr("Where shards run: local or cloud_sandbox (default: the job's execution_backend)."), Tr::tr("backend")});
    parser.addOption({QStringLiteral("profile"), Tr::tr("Backend profile (default: the job's backend_profile)."), Tr::tr("name")});
    parser.addOption({QStringLiteral("concurrency"), Tr::tr("Shards running at once (overrides max_concurrency_map)."), Tr::tr("n")});
    parser.addOption({QStringLiteral("allow-path"),
                      Tr::tr("Let the job read this folder too (repeatable; a job reads only its own folder otherwise)."),
                      Tr::tr("folder")});
    parser.addOption({QStringLiteral("resume"), Tr::tr("Resume an interrupted run: re-run only the shards without a stored output."), Tr::tr("run")});
    parser.addOption({QStringLiteral("max-rate-wait"),
                      Tr::tr("Wait at most this long for the service's rate limit; a longer wait stops the run (default 300)."),
                      Tr::tr("seconds")});
    parser.addOption({QStringLiteral("follow"),
                      Tr::tr("Print this shard's stdout and stderr while it runs (its index, from 0, or its id)."), Tr::tr("shard")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the summary as JSON on stdout.")});
    parser.addOption({QStringLiteral("verbose"), Tr::tr("Print every log line on stderr.")});
    parser.addOption({QStringLiteral("allow-unisolated"),
                      Tr::tr("Run local sandboxes even where they cannot be isolated (no bubblewrap, macOS, Windows): "
                             "operators can then read your files and use the network. Without it such runs are refused.")});
    parser.addOption({QStringLiteral("data-dir"), Tr::tr("The data folder (run store); default $MRP_DATA_DIR or the user data folder."), Tr::tr("dir")});
    parser.addPositionalArgument(QStringLiteral("JOB"), Tr::tr("The job file (YAML); optional with --resume."));
    if (const auto code = parseArguments(parser, args))
        return *code;
    const QStringList pos = parser.positionalArguments();
    const bool resume = parser.isSet(QStringLiteral("resume"));
    if (pos.size() > 1 || (pos.isEmpty() && !resume)) {
        err() << Tr::tr("Usage: mrp run JOB [--backend local|cloud_sandbox] [--profile P] [--concurrency N] [--resume RUN] [--json]\n");
        err().flush();
        return ExitUsage;
    }
    RunOptions opts;
    if (!pos.isEmpty()) {
        opts.jobPath = QFileInfo(pos.first()).absoluteFilePath();
        if (!QFileInfo::exists(opts.jobPath)) {
            err() << Tr::tr("mrp run: %1: no such job file.\n").arg(pos.first());
            err().flush();
            return ExitUsage;
        }
    }
    opts.backendOverride = parser.value(QStringLiteral("backend"));
    if (!opts.backendOverride.isEmpty() && opts.backendOverride != u"local" && opts.backendOverride != u"cloud_sandbox") {
        err() << Tr::tr("mrp run: --backend must be local or cloud_sandbox, not '%1'.\n").arg(opts.backendOverride);
        err().flush();
        return ExitUsage;
    }
    opts.profileOverride = parser.value(QStringLiteral("profile"));
    if (parser.isSet(QStringLiteral("profile")) && !isProfileName(opts.profileOverride)) {
        err() << Tr::tr("mrp run: --profile: '%1' is not a profile name. Use a name such as 'local' or 'daytona' "
                        "(letters, digits, '-', '_', '.'); user profiles live in %2.\n").arg(opts.profileOverride, userProfileFolder());
        err().flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        opts.concurrencyOverride = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || opts.concurrencyOverride < 1 || opts.concurrencyOverride > 1024) {
            err() << Tr::tr("mrp run: --concurrency must be a number from 1 to 1024.\n");
            err().flush();
            return ExitUsage;
        }
    }
    if (!allowedFoldersFrom(parser, &opts.allowedPaths))
        return ExitUsage;
    opts.resumeRunId = parser.value(QStringLiteral("resume"));
    opts.allowUnisolated = parser.isSet(QStringLiteral("allow-unisolated"));
    if (parser.isSet(QStringLiteral("max-rate-wait"))) {
        bool ok = false;
        opts.maxRateLimitWaitS = parser.value(QStringLiteral("max-rate-wait")).toInt(&ok);
        if (!ok || opts.maxRateLimitWaitS < 1) {
            err() << Tr::tr("mrp run: --max-rate-wait must be a whole number of seconds, at least 1.\n");
            err().flush();
            return ExitUsage;
        }
    }
    const QString follow = parser.value(QStringLiteral("follow")).trimmed();
    if (parser.isSet(QStringLiteral("follow")) && follow.isEmpty()) {
        err() << Tr::tr("mrp run: --follow needs a shard index (from 0) or a shard id.\n");
        err().flush();
        return ExitUsage;
    }
    // Only a followed cloud run pays for streaming (a session per shard and its polls).
    opts.liveOutput = !follow.isEmpty();
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool verbose = parser.isSet(QStringLiteral("verbose"));
    const bool tty = stderrIsTerminal() && !json;

    std::unique_ptr<RunStore> store;
    if (!openRunStore(parser, &store))
        return ExitInfrastructure;

    RunEngine engine(store.get());

    // Ctrl+C (SIGINT, SIGTERM; the console control handler on Windows) -> the event loop ->
    // engine.cancel(); a second one exits at once.
    auto interrupts = std::make_unique<InterruptHandler>(ExitCancelled);
    QObject::connect(interrupts.get(), &InterruptHandler::interrupted, &engine, [&engine, tty] {
        if (tty)
            err() << u'\n';
        err() << Tr::tr("Cancelling: stopping dispatch and destroying every sandbox (Ctrl+C again to quit at once)...\n");
        err().flush();
        engine.cancel();
    });

    QElapsedTimer clock;
    clock.start();
    int total = 0;
    QString progressLine;
    bool progressDirty = false;
    QTimer repaint;
    repaint.setInterval(200);
    auto paint = [&] {
        if (!tty || !progressDirty)
            return;
        progressDirty = false;
        err() << u'\r' << progressLine.leftJustified(78) << u'\r';
        err().flush();
    };
    QObject::connect(&repaint, &QTimer::timeout, &engine, paint);

    // A large dataset: how much of it the compile has read, on the progress line.
    bool readingShown = false;
    QObject::connect(&engine, &RunEngine::datasetProgress, &engine, [&](qint64 read, qint64 size) {
        if (!tty || size <= (qint64(64) << 20))
            return;
        progressLine = Tr::tr("Reading the dataset... %1 of %2 MiB").arg(read >> 20).arg(size >> 20);
        progressDirty = readingShown = true;
        if (!repaint.isActive())
            repaint.start();
    });

    int followIndex = -1;
    QStringDecoder followStdout(QStringDecoder::Utf8);
    QStringDecoder followStderr(QStringDecoder::Utf8);
    QByteArray followStdoutLine;   // the followed shard's stdout, up to its next line end
    QObject::connect(&engine, &RunEngine::runStarted, &engine, [&](const QString &id, int shards) {
        total = shards;
        if (readingShown) {   // the run's lines start on a clean line
            err() << u'\r' << QString(78, u' ') << u'\r';
            progressLine.clear();
            readingShown = progressDirty = false;
        }
        if (!follow.isEmpty()) {
            bool isNumber = false;
            const int n = follow.toInt(&isNumber);
            for (int i = 0; i < shards && followIndex < 0; ++i) {
                if ((isNumber && i == n) || engine.shard(i).shardId == follow)
                    followIndex = i;
            }
            if (followIndex < 0)
                err() << Tr::tr("mrp run: --follow %1: the run has no such shard (%2 shard(s), indexes 0 to %3); "
                                "following none.\n").arg(follow).arg(shards).arg(shards - 1);
            else
                err() << Tr::tr("Following shard %1 (%2).\n").arg(followIndex).arg(engine.shard(followIndex).shardId);
            err().flush();
        }
        if (!json) {
            err() << Tr::tr("Run %1: %2 shard(s) on %3\n").arg(id).arg(shards).arg(engine.record().backend);
            if (!engine.record().isolated)
                err() << Tr::tr("WARNING: shards run UNISOLATED (%1).\n").arg(engine.record().isolation);
            err().flush();
        }
        if (tty)
            repaint.start();
    });
    QObject::connect(&engine, &RunEngine::progress, &engine,
                     [&](int done, int failed, int running, qint64 etaMs, double cost) {
                         progressLine = Tr::tr("[%1/%2] done, %3 failed, %4 running, ETA %5, %6")
                                            .arg(done).arg(total).arg(failed).arg(running)
                                            .arg(etaMs < 0 ? QStringLiteral("?") : formatDuration(etaMs), money(cost));
                         progressDirty = true;
                     });
    // The service's limits, as they happen, folded so a throttled run stays readable: a
    // concurrency change is printed once it has held for a second (a quota found step by step
    // is one line), refusals at most every five seconds with the number folded into the line.
    // Every event is in the run log and counted in the summary.
    int shownCapacity = -1, pendingCapacity = -1, foldedRefusals = 0;
    QDeadlineTimer nextRefusalLine(0);
    QTimer capacitySettled;
    capacitySettled.setSingleShot(true);
    capacitySettled.setInterval(1000);
    const auto printLimitLine = [&](const QString &line) {
        if (tty)
            err() << u'\n';
        err() << line;
        err().flush();
    };
    QObject::connect(&capacitySettled, &QTimer::timeout, &engine, [&] {
        if (pendingCapacity == shownCapacity)
            return;
        shownCapacity = pendingCapacity;
        printLimitLine(Tr::tr("quota: now running %1 shard(s) at once\n", nullptr, shownCapacity).arg(shownCapacity));
    });
    QObject::connect(&engine, &RunEngine::throttled, &engine, [&](const QString &kind, const QString &limit, qint64 waitMs,
                                                                  const QString &) {
        if (kind == u"capacity") {
            pendingCapacity = int(waitMs);
            capacitySettled.start();
        } else if (kind == u"rate_limited") {
            if (!nextRefusalLine.hasExpired()) {
                ++foldedRefusals;
                return;
            }
            QString line = Tr::tr("rate limit: the service refused a call (%1 limit)").arg(limit);
            if (waitMs >= 0)
                line += Tr::tr("; it asks to wait %1 s").arg((waitMs + 999) / 1000);
            if (foldedRefusals > 0)
                line += Tr::tr(" (%n more refusal(s) since the last line)", nullptr, foldedRefusals);
            foldedRefusals = 0;
            nextRefusalLine.setRemainingTime(5000);
            printLimitLine(line + u'\n');
        }
    });
    QObject::connect(&engine, &RunEngine::budgetWarning, &engine, [&](const QString &m) {
        if (tty)
            err() << u'\n';
        err() << Tr::tr("budget: %1\n").arg(m);
        err().flush();
    });
    QObject::connect(&engine, &RunEngine::logEvent, &engine, [&](const RunEvent &event) {
        // The compile's warnings (bad records skipped, ...) always: they say what the run leaves out.
        if (!verbose && event.kind != RunEvent::Kind::CompileWarning)
            return;
        if (tty)
            err() << u'\n';
        err() << event.text() << u'\n';
        err().flush();
    });
    QObject::connect(&engine, &RunEngine::shardOutput, &engine, [&](int index, int stream, const QByteArray &chunk) {
        if (index != followIndex || followIndex < 0)
            return;
        // stdout to stdout, stderr to stderr; with --json stdout holds the summary only. stdout
        // goes by whole lines, without the runner's digest or error line and the blank line before it
        // (protocol, not the operator's output: the runner sends what an operator prints to stderr).
        QByteArray shown = chunk;
        if (stream == 1) {
            followStdoutLine += chunk;
            shown.clear();
            for (qsizetype nl; (nl = followStdoutLine.indexOf('\n')) >= 0;) {
                const QByteArray line = followStdoutLine.left(nl + 1);
                followStdoutLine.remove(0, nl + 1);
                if (line != "\n" && !runcontract::isProtocolLine(line))
                    shown += line;
            }
            if (shown.isEmpty())
                return;
        }
        if (tty) {
            err() << u'\r' << QString(78, u' ') << u'\r';
            progressDirty = true;
        }
        QTextStream &to = stream == 1 && !json ? out() : err();
        to << QString((stream == 1 ? followStdout : followStderr).decode(shown));
        to.flush();
    });
    QObject::connect(&engine, &RunEngine::finished, qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
    engine.start(opts);
    QCoreApplication::exec();
    repaint.stop();
    if (tty) {
        progressDirty = true;
        paint();
        err() << u'\n';
        err().flush();
    }
    interrupts.reset(); // default Ctrl+C handling again

    const RunOutcome outcome = engine.outcome();
    const RunRecord rec = engine.record();
    // Sandboxes that may still exist make the run's exit code non-zero even when it succeeded.
    const int exitCode = outcome == RunOutcome::Ok && !rec.leakedSandboxes.isEmpty() ? int(RunOutcome::Infrastructure)
                                                                                   : int(outcome);
    const int done = rec.countInState(ShardState::Done);
    const int failed = rec.countInState(ShardState::Failed);
    const int cancelled = rec.countInState(ShardState::Cancelled);
    int reused = 0;
    for (const ShardRecord &s : rec.shards)
        reused += s.reused ? 1 : 0;

    if (json) {
        // A run that never opened (invalid job, refusal before it) has no id, record or folder.
        const bool opened = !engine.runId().isEmpty() && !rec.runId.isEmpty();
        QJsonArray files;
        for (const ProducedFile &f : rec.produce)
            files.append(QJsonObject{{QStringLiteral("path"), QDir(engine.outputDirectory()).filePath(f.path)},
                                     {QStringLiteral("format"), f.format}, {QStringLiteral("sha256"), f.sha256},
                                     {QStringLiteral("bytes"), f.bytes}});
        QJsonObject o{
            {QStringLiteral("run_id"), opened ? engine.runId() : QString()},
            {QStringLiteral("status"), runOutcomeName(outcome)},
            {QStringLiteral("exit_code"), exitCode},
            {QStringLiteral("message"), engine.errorMessage()},
            {QStringLiteral("shards"), QJsonObject{{QStringLiteral("total"), int(rec.shards.size())},
                                                   {QStringLiteral("done"), done},
                                                   {QStringLiteral("failed"), failed},
                                                   {QStringLiteral("cancelled"), cancelled},
                                                   {QStringLiteral("reused"), reused}}},
            {QStringLiteral("duration_ms"), clock.elapsed()},
            {QStringLiteral("cost_usd"), rec.costActualUsd},
            {QStringLiteral("reduce_input_order_digest"), rec.reduceInputOrderDigest},
            {QStringLiteral("reduce_output_digest"), rec.reduceOutputDigest},
            {QStringLiteral("run_json"), opened ? engine.runJsonPath() : QString()},
            {QStringLiteral("output_dir"), opened ? engine.outputDirectory() : QString()},
            {QStringLiteral("outputs"), files},
            {QStringLiteral("throttling"), rec.throttling.toJson()},
            {QStringLiteral("leaked_sandboxes"), QJsonArray::fromStringList(rec.leakedSandboxes)},
        };
        if (!rec.leakedSandboxes.isEmpty())
            o.insert(QStringLiteral("cleanup"), QStringLiteral("mrp sweep"));
        if (const QJsonObject passAtK = engine.store() ? passAtKOverall(rec, *engine.store()) : QJsonObject(); !passAtK.isEmpty())
            o.insert(QStringLiteral("pass_at_k"), passAtK);
        out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        out().flush();
        return exitCode;
    }

    QTextStream &s = outcome == RunOutcome::Ok ? out() : err();
    if (engine.runId().isEmpty() || rec.runId.isEmpty()) {
        // Nothing ran: validation error, refusal before the run was created.
        s << Tr::tr("mrp run: %1\n").arg(engine.errorMessage());
        s.flush();
        return int(outcome);
    }
    const QString statusWord = runOutcomeName(outcome);
    s << Tr::tr("Run %1 %2.\n").arg(engine.runId(), statusWord);
    if (!engine.errorMessage().isEmpty())
        s << QStringLiteral("  ") << engine.errorMessage() << u'\n';
    s << Tr::tr("  shards:     %1 ok, %2 failed, %3 cancelled (of %4").arg(done).arg(failed).arg(cancelled).arg(rec.shards.size());
    if (reused > 0)
        s << Tr::tr("; %1 reused from an earlier session").arg(reused);
    s << QStringLiteral(")\n");
    s << Tr::tr("  duration:   %1   cost: %2   sandbox time: %3 s\n")
             .arg(formatDuration(clock.elapsed()), money(rec.costActualUsd)).arg(rec.sandboxSeconds);
    s << Tr::tr("  backend:    %1 (%2), profile %3\n").arg(rec.backend, rec.isolation, rec.profileName);
    if (!rec.throttling.isEmpty())
        s << Tr::tr("  limits:     %1 refused by the rate limit, %2 calls paced (%3 s waited), %4 creates refused "
                    "for quota, %5 concurrency change(s)\n")
                 .arg(rec.throttling.rateLimited).arg(rec.throttling.paced).arg(rec.throttling.pacedMs / 1000)
                 .arg(rec.throttling.quotaRefused).arg(rec.throttling.capacity.size());
    if (!rec.reduceOutputDigest.isEmpty())
        s << Tr::tr("  reduce:     %1, output %2\n").arg(rec.reduceKind, rec.reduceOutputDigest.left(16));
    if (const QString passAtK = describePassAtK(engine.store() ? passAtKOverall(rec, *engine.store()) : QJsonObject()); !passAtK.isEmpty())
        s << Tr::tr("  pass@k:     %1\n").arg(passAtK);
    s << Tr::tr("  run record: %1\n").arg(engine.runJsonPath());
    s << Tr::tr("  run log:    %1\n").arg(QDir(engine.runDirectory()).filePath(QStringLiteral("log.jsonl")));
    if (!rec.produce.isEmpty()) {
        s << Tr::tr("  outputs:    %1/\n").arg(engine.outputDirectory());
        for (const ProducedFile &f : rec.produce)
            s << QStringLiteral("              %1  (%2 bytes, sha256 %3)\n").arg(f.path).arg(f.bytes).arg(f.sha256.left(16));
    }
    if (outcome == RunOutcome::Cancelled || outcome == RunOutcome::ShardsFailed || outcome == RunOutcome::Infrastructure)
        s << Tr::tr("  resume:     mrp run --resume %1\n").arg(engine.runId());
    if (!rec.leakedSandboxes.isEmpty()) {
        err() << Tr::tr("  not confirmed gone: %1\n").arg(rec.leakedSandboxes.join(QStringLiteral(", ")));
        err() << Tr::tr("  remove them with: mrp sweep\n");
    }
    s.flush();
    err().flush();
    return exitCode;
}

} // namespace mrp::cli
