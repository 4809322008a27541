// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp validate JOB [--json]`: loads the job, resolves its profile, reads its operators and
// streams its dataset (digests only, nothing written), and reports every problem.
// Exit: 0 valid, 2 validation errors, 3 refused by policy, 130 cancelled (Ctrl+C).
#include "cli.h"
#include "console.h"

#include "job/compiler.h"
#include "job/profileloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace mrp::cli {

namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::validate)
};
} // namespace

// Shared with cmd_compile.cpp: adds the common options to parser.
void addCompileOptions(QCommandLineParser *parser)
{
    parser->addOption({QStringLiteral("json"), Tr::tr("Print the result as JSON on stdout.")});
    parser->addOption({QStringLiteral("backend"), Tr::tr("Override execution_backend (local or cloud_sandbox)."), Tr::tr("backend")});
    parser->addOption({QStringLiteral("profile"), Tr::tr("Override backend_profile."), Tr::tr("name")});
    parser->addOption({QStringLiteral("concurrency"), Tr::tr("Override policy.max_concurrency_map."), Tr::tr("n")});
    parser->addOption({QStringLiteral("allow-path"),
                       Tr::tr("Let the job read this folder too (repeatable; a job reads only its own folder otherwise)."),
                       Tr::tr("folder")});
}

// Shared with cmd_run.cpp: the --allow-path folders, absolute; false (after printing) when one
// is not an existing folder.
bool allowedFoldersFrom(const QCommandLineParser &parser, QStringList *folders)
{
    for (const QString &value : parser.values(QStringLiteral("allow-path"))) {
        const QFileInfo fi(value);
        if (!fi.isDir()) {
            err() << Tr::tr("mrp: --allow-path: %1 is not a folder. Name an existing folder the job may read.\n").arg(value);
            err().flush();
            return false;
        }
        folders->append(fi.absoluteFilePath());
    }
    return true;
}

// Shared with cmd_compile.cpp: fills opts from the parser; false (after printing) on a bad value.
bool compileOptionsFrom(const QCommandLineParser &parser, CompileOptions *opts)
{
    opts->backendOverride = parser.value(QStringLiteral("backend"));
    opts->profileOverride = parser.value(QStringLiteral("profile"));
    if (parser.isSet(QStringLiteral("profile")) && !isProfileName(opts->profileOverride)) {
        err() << Tr::tr("mrp: --profile: '%1' is not a profile name. Use a name such as 'local' or 'daytona' "
                        "(letters, digits, '-', '_', '.'); user profiles live in %2.\n").arg(opts->profileOverride, userProfileFolder());
        err().flush();
        return false;
    }
    if (!opts->backendOverride.isEmpty() && opts->backendOverride != u"local" && opts->backendOverride != u"cloud_sandbox") {
        err() << Tr::tr("mrp: --backend must be local or cloud_sandbox\n");
        err().flush();
        return false;
    }
    if (!allowedFoldersFrom(parser, &opts->allowedPaths))
        return false;
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        opts->concurrencyOverride = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || opts->concurrencyOverride < 1) {
            err() << Tr::tr("mrp: --concurrency must be a positive number\n");
            err().flush();
            return false;
        }
    }
    return true;
}

// Shared with cmd_compile.cpp: compileJob() on a worker thread. Meanwhile this thread shows, on
// a terminal (never with --json) and for a dataset of more than 64 MiB, how much of it is
// read; Ctrl+C cancels the compile (no payload of it stays), a second one quits at once.
CompileResult compileWithProgress(const QString &jobPath, CompileOptions opts, bool json)
{
    constexpr qint64 ShowFrom = qint64(64) << 20;
    auto progress = std::make_shared<ShardingProgress>();
    opts.progress = progress;
    const bool tty = stderrIsTerminal() && !json;
    bool shown = false;
    QEventLoop loop;
    InterruptHandler interrupts(ExitCancelled);
    QObject::connect(&interrupts, &InterruptHandler::interrupted, &loop, [&] {
        if (shown)
            err() << u'\n';
        err() << Tr::tr("Cancelling (Ctrl+C again to quit at once)...\n");
        err().flush();
        progress->cancel();
    });
    QTimer paint;
    paint.setInterval(200);
    QObject::connect(&paint, &QTimer::timeout, &loop, [&] {
        if (!tty || progress->bytesTotal() <= ShowFrom || progress->isCancelled())
            return;
        const QString line = Tr::tr("Reading the dataset... %1 of %2 MiB")
                                 .arg(progress->bytesRead() >> 20)
                                 .arg(progress->bytesTotal() >> 20);
        err() << u'\r' << line.leftJustified(78) << u'\r';
        err().flush();
        shown = true;
    });
    QFutureWatcher<CompileResult> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([jobPath, opts] { return compileJob(jobPath, opts); }));
    paint.start();
    loop.exec();
    if (shown && !progress->isCancelled()) {
        err() << u'\r' << QString(78, u' ') << u'\r';
        err().flush();
    }
    return watcher.result();
}

// Shared with cmd_compile.cpp: prints diagnostics (one per line on stderr) or nothing for
// --json; returns the exit code for the result.
int reportCompileResult(const CompileResult &r, const QString &jobPath, bool json, QJsonObject *jsonOut)
{
    if (r.cancelled) {
        if (json) {
            jsonOut->insert(QStringLiteral("ok"), false);
            jsonOut->insert(QStringLiteral("exit_code"), int(ExitCancelled));
            jsonOut->insert(QStringLiteral("job"), jobPath);
            jsonOut->insert(QStringLiteral("cancelled"), true);
        } else {
            err() << Tr::tr("%1: cancelled\n").arg(QFileInfo(jobPath).fileName());
            err().flush();
        }
        return ExitCancelled;
    }
    int errors = 0;
    int warnings = 0;
    QJsonArray diags;
    for (const Diagnostic &d : r.diagnostics) {
        (d.isError() ? errors : warnings)++;
        if (json)
            diags.append(d.toJson());
        else
            err() << d.toString() << u'\n';
    }
    err().flush();
    const int code = r.ok() ? ExitOk : r.refusedByPolicy() ? ExitRefused : ExitUsage;
    if (json) {
        jsonOut->insert(QStringLiteral("ok"), r.ok());
        jsonOut->insert(QStringLiteral("exit_code"), code);
        jsonOut->insert(QStringLiteral("job"), jobPath);
        jsonOut->insert(QStringLiteral("diagnostics"), diags);
        if (r.ok()) {
            qint64 records = 0;
            for (const ShardPlan &s : r.plan.shards)
                records += s.recordCount;
            jsonOut->insert(QStringLiteral("plan_digest"), r.plan.planDigest);
            jsonOut->insert(QStringLiteral("shards"), r.plan.shards.size());
            jsonOut->insert(QStringLiteral("records"), records);
            jsonOut->insert(QStringLiteral("skipped"), r.plan.skipped.size());
            jsonOut->insert(QStringLiteral("backend"), r.plan.backend);
            jsonOut->insert(QStringLiteral("profile"), r.plan.profile.name);
        }
        return code;
    }
    const QString name = QFileInfo(jobPath).fileName();
    if (r.ok()) {
        qint64 records = 0;
        for (const ShardPlan &s : r.plan.shards)
            records += s.recordCount;
        out() << Tr::tr("%1: ok: %2 records in %3 shards, backend %4 (profile %5 %6), plan %7")
                     .arg(name)
                     .arg(records)
                     .arg(r.plan.shards.size())
                     .arg(r.plan.backend, r.plan.profile.name, r.plan.profile.version, r.plan.planDigest.left(16));
        if (warnings > 0)
            out() << u' ' << Tr::tr("(%n warning(s))", nullptr, warnings);
        if (!r.plan.skipped.isEmpty())
            out() << u' ' << Tr::tr("(%n bad record(s) skipped)", nullptr, int(r.plan.skipped.size()));
        out() << u'\n';
    } else {
        // Two counts in one sentence: no %n (it takes one); whole sentences, nothing glued.
        const QString line = code == ExitRefused ? Tr::tr("%1: %2 error(s), %3 warning(s): refused by policy\n")
                                                 : Tr::tr("%1: %2 error(s), %3 warning(s)\n");
        out() << line.arg(name).arg(errors).arg(warnings);
    }
    out().flush();
    return code;
}

int runValidate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Check a job file, its profile, operators and dataset without running anything.\n"
                                            "Exit codes: 0 valid, 2 validation errors, 3 refused by policy, 130 cancelled."));
    parser.addHelpOption();
    addCompileOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("JOB"), Tr::tr("The job file (YAML)."));
    if (const auto code = parseArguments(parser, args))
        return *code;
    if (parser.positionalArguments().size() != 1) {
        err() << Tr::tr("Usage: mrp validate JOB [--json]\n");
        err().flush();
        return ExitUsage;
    }
    CompileOptions opts;
    if (!compileOptionsFrom(parser, &opts))
        return ExitUsage;
    const QString job = parser.positionalArguments().first();
    const bool json = parser.isSet(QStringLiteral("json"));
    const CompileResult r = compileWithProgress(job, opts, json);
    QJsonObject o;
    const int code = reportCompileResult(r, job, json, &o);
    if (json) {
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        out().flush();
    }
    return code;
}

} // namespace mrp::cli
