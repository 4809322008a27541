// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The table of `mrp` subcommands. Each command lives in its own cmd_<name>.cpp and declares
// its entry point below.
#include "cli.h"

#include <QCoreApplication>

namespace mrp::cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::cli)
};
} // namespace

int runValidate(const QStringList &args);
int runCompile(const QStringList &args);
int runRun(const QStringList &args);
int runRuns(const QStringList &args);
int runShow(const QStringList &args);
int runExport(const QStringList &args);
int runReplay(const QStringList &args);
int runDiff(const QStringList &args);
int runKey(const QStringList &args);
int runSweep(const QStringList &args);
int runDoctor(const QStringList &args);

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {QStringLiteral("validate"), Tr::tr("Check a job file, its profile, operators and dataset"), runValidate},
        {QStringLiteral("compile"), Tr::tr("Compile a job into a plan and shard payloads"), runCompile},
        {QStringLiteral("run"), Tr::tr("Run a job: map in sandboxes, reduce and produce locally"), runRun},
        {QStringLiteral("runs"), Tr::tr("List the runs in the run store"), runRuns},
        {QStringLiteral("show"), Tr::tr("Show a run's record, shards and attempts"), runShow},
        {QStringLiteral("export"), Tr::tr("Export a run's shards as CSV"), runExport},
        {QStringLiteral("replay"), Tr::tr("Recompute reduce and produce and check the digests"), runReplay},
        {QStringLiteral("diff"), Tr::tr("Compare two runs: job, code, data, params, outputs"), runDiff},
        {QStringLiteral("key"), Tr::tr("Set the Daytona API key, show its status, or delete it (system keychain)"), runKey},
        {QStringLiteral("sweep"), Tr::tr("Delete leftover Daytona sandboxes of this installation"), runSweep},
        {QStringLiteral("doctor"), Tr::tr("Check the Daytona setup: key, API, create, exec, delete"), runDoctor},
    };
    return table;
}

} // namespace mrp::cli
