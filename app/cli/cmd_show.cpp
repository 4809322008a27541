// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp show RUN [--json] [--data-dir DIR]`: one run's record (run.json schema with --json).
#include "cli.h"

#include "runcommands.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

namespace mrp::cli {


namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::show)
};
QString ms(qint64 v)
{
    return v < 0 ? QStringLiteral("-") : QString::number(v);
}
} // namespace

int runShow(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Show a run: status, digests, costs and every shard with its attempts."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the run record (run.json schema) as JSON.")});
    addDataDirOption(&parser);
    parser.addPositionalArgument(QStringLiteral("RUN"), Tr::tr("Run id (or a unique prefix)."));
    if (const int rc = parseRunCommand(parser, args, 1, Tr::tr("Usage: mrp show RUN [--json]")); rc >= 0)
        return rc;
    std::unique_ptr<RunStore> store;
    int exitCode = ExitOk;
    const auto rec = loadNamedRun(parser, &store, &exitCode);
    if (!rec)
        return exitCode;
    const QString id = rec->runId;
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(rec->toJson()).toJson(QJsonDocument::Indented);
        out().flush();
        return ExitOk;
    }
    QTextStream &o = out();
    o << Tr::tr("Run %1: %2\n").arg(rec->runId, RunStore::currentStatus(store->dataDir(), rec->runId, rec->status));
    if (!rec->message.isEmpty())
        o << QStringLiteral("  ") << rec->message << u'\n';
    o << Tr::tr("  job:        %1 (%2)\n").arg(rec->jobName, rec->jobPath);
    o << Tr::tr("  digests:    job %1  plan %2  map code %3\n").arg(rec->jobDigest.left(16), rec->planDigest.left(16), rec->mapCodeDigest.left(16));
    o << Tr::tr("  backend:    %1 via %2, profile %3 v%4\n").arg(rec->backend, rec->backendName, rec->profileName, rec->profileVersion);
    o << Tr::tr("  isolation:  %1%2\n").arg(rec->isolated ? QString() : Tr::tr("UNISOLATED: "), rec->isolation);
    o << Tr::tr("  started:    %1   finished: %2   sessions: %3\n")
             .arg(rec->createdAt.toString(Qt::ISODate), rec->finishedAt.isValid() ? rec->finishedAt.toString(Qt::ISODate) : Tr::tr("(not finished)"))
             .arg(rec->sessions);
    o << Tr::tr("  shards:     %1 done, %2 failed, %3 cancelled, %4 total\n")
             .arg(rec->countInState(ShardState::Done)).arg(rec->countInState(ShardState::Failed))
             .arg(rec->countInState(ShardState::Cancelled)).arg(rec->shards.size());
    o << Tr::tr("  cost:       $%1 actual, $%2 estimated, %3 sandbox-seconds\n")
             .arg(rec->costActualUsd, 0, 'f', 4).arg(rec->costEstimatedUsd, 0, 'f', 4).arg(rec->sandboxSeconds);
    if (!rec->reduceOutputDigest.isEmpty()) {
        o << Tr::tr("  reduce:     %1  input order %2  output %3\n").arg(rec->reduceKind, rec->reduceInputOrderDigest.left(16), rec->reduceOutputDigest.left(16));
    }
    for (const ProducedFile &f : rec->produce)
        o << Tr::tr("  produced:   %1  %2 bytes  sha256 %3\n").arg(QDir(store->outputDir(id)).filePath(f.path)).arg(f.bytes).arg(f.sha256.left(16));
    o << Tr::tr("  record:     %1\n").arg(QDir(store->runDir(id)).filePath(QStringLiteral("run.json")));
    o << u'\n' << Tr::tr("  SHARD         STATE       ATTEMPTS  EXEC_MS  EXIT  ERROR            OUTPUT\n");
    for (const ShardRecord &s : rec->shards) {
        const AttemptRecord a = s.attempts.isEmpty() ? AttemptRecord{} : s.attempts.constLast();
        o << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7\n")
                 .arg(s.shardId.leftJustified(13), shardStateName(s.state).leftJustified(11))
                 .arg(QString::number(s.attempts.size()).leftJustified(9), ms(a.phases.execMs).leftJustified(8),
                      (s.attempts.isEmpty() || a.exitCode < 0 ? QStringLiteral("-") : QString::number(a.exitCode)).leftJustified(5),
                      (s.attempts.isEmpty() ? QStringLiteral("-") : errorClassName(a.errorClass)).leftJustified(16),
                      s.outputDigest.left(16));
        if (s.state == ShardState::Failed && !a.message.isEmpty())
            o << QStringLiteral("                %1\n").arg(a.message.left(200));
    }
    o.flush();
    return ExitOk;
}

} // namespace mrp::cli
