// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp runs [--json] [--data-dir DIR]`: the runs in the store, newest first.
// Also the shared helpers of the run commands (opening the store, --data-dir).
#include "cli.h"
#include "runcommands.h"

#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

namespace mrp::cli {

namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::runs)
};
} // namespace

// Debug output of the engine's categories only when asked for (QT_LOGGING_RULES or --verbose).
void quietLogging()
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("mrp.*.debug=false\nmrp.*.info=false"));
}

void addDataDirOption(QCommandLineParser *parser)
{
    parser->addOption({QStringLiteral("data-dir"),
                       Tr::tr("The data folder (run store); default $MRP_DATA_DIR or the user data folder."),
                       Tr::tr("dir")});
}

bool openRunStore(const QCommandLineParser &parser, std::unique_ptr<RunStore> *store)
{
    *store = std::make_unique<RunStore>(parser.value(QStringLiteral("data-dir")));
    QString error;
    if (!(*store)->open(&error)) {
        err() << QStringLiteral("mrp: %1\n").arg(error);
        err().flush();
        return false;
    }
    return true;
}

// Parses the common shape "mrp <cmd> [options] RUN..."; returns -1 to go on, else an exit code.
int parseRunCommand(QCommandLineParser &parser, const QStringList &args, int runArgs, const QString &usage)
{
    if (const auto code = parseArguments(parser, args))
        return *code;
    if (parser.positionalArguments().size() != runArgs) {
        err() << usage << u'\n';
        err().flush();
        return ExitUsage;
    }
    return -1;
}

// A run id (or a unique prefix of one) from the store; prints the error and returns empty.
QString resolveRun(RunStore &store, const QString &idOrPrefix)
{
    const QString id = store.resolveRunId(idOrPrefix);
    if (id.isEmpty()) {
        err() << Tr::tr("mrp: no run '%1' in %2 (or the prefix is ambiguous). "
                                                               "List runs with `mrp runs`.\n")
                     .arg(idOrPrefix, store.dataDir());
        err().flush();
    }
    return id;
}

std::optional<RunRecord> loadNamedRun(const QCommandLineParser &parser, std::unique_ptr<RunStore> *store, int *exitCode)
{
    if (!openRunStore(parser, store)) {
        *exitCode = ExitInfrastructure;
        return std::nullopt;
    }
    const QString id = resolveRun(**store, parser.positionalArguments().first());
    if (id.isEmpty()) {
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    QString error;
    auto rec = (*store)->loadRun(id, &error);
    if (!rec) {
        err() << error << u'\n';
        err().flush();
        *exitCode = ExitInfrastructure;
    }
    return rec;
}

int runRuns(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("List the runs in the run store, newest first."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the list as JSON.")});
    addDataDirOption(&parser);
    if (const int rc = parseRunCommand(parser, args, 0, Tr::tr("Usage: mrp runs [--json] [--data-dir DIR]")); rc >= 0)
        return rc;
    std::unique_ptr<RunStore> store;
    if (!openRunStore(parser, &store))
        return ExitInfrastructure;
    QString error;
    const QList<RunSummary> runs = store->listRuns(&error);
    if (!error.isEmpty()) {
        err() << error << u'\n';
        err().flush();
        return ExitInfrastructure;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const RunSummary &r : runs)
            a.append(QJsonObject{{QStringLiteral("run_id"), r.runId},
                                 {QStringLiteral("job_name"), r.jobName},
                                 {QStringLiteral("job_path"), r.jobPath},
                                 {QStringLiteral("status"), r.status},
                                 {QStringLiteral("backend"), r.backend},
                                 {QStringLiteral("profile"), r.profile},
                                 {QStringLiteral("created_at"), r.createdAt.toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("finished_at"), r.finishedAt.toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("shards"), r.shardCount},
                                 {QStringLiteral("done"), r.done},
                                 {QStringLiteral("failed"), r.failed},
                                 {QStringLiteral("cost_usd"), r.costUsd}});
        out() << QJsonDocument(a).toJson(QJsonDocument::Indented);
        out().flush();
        return ExitOk;
    }
    if (runs.isEmpty()) {
        out() << Tr::tr("No runs yet in %1. Start one with `mrp run JOB`.\n").arg(store->dataDir());
        out().flush();
        return ExitOk;
    }
    // The id column as wide as the longest id (23 characters today), so the header sits over it.
    qsizetype idWidth = Tr::tr("RUN").size();
    for (const RunSummary &r : runs)
        idWidth = std::max(idWidth, r.runId.size());
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                 .arg(Tr::tr("RUN").leftJustified(idWidth), Tr::tr("STATUS").leftJustified(14), Tr::tr("STARTED (UTC)").leftJustified(19),
                      Tr::tr("SHARDS").leftJustified(13), Tr::tr("COST").leftJustified(9), Tr::tr("JOB"));
    for (const RunSummary &r : runs) {
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                     .arg(r.runId.leftJustified(idWidth), r.status.leftJustified(14),
                          r.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).leftJustified(19),
                          QStringLiteral("%1/%2%3").arg(r.done).arg(r.shardCount)
                              .arg(r.failed ? QStringLiteral(" (%1 f)").arg(r.failed) : QString()).leftJustified(13),
                          QStringLiteral("$%1").arg(r.costUsd, 0, 'f', 4).leftJustified(9), r.jobName);
    }
    out().flush();
    return ExitOk;
}

} // namespace mrp::cli
