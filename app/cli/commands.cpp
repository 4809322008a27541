// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The table of `mrp` subcommands. Each command lives in its own cmd_<name>.cpp and declares
// its entry point below.
#include "cli.h"

#include <QCoreApplication>

namespace mrp::cli {

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
        {QStringLiteral("validate"), QCoreApplication::translate("mrp", "Check a job file, its profile, operators and dataset"), runValidate},
        {QStringLiteral("compile"), QCoreApplication::translate("mrp", "Compile a job into a plan and shard payloads"), runCompile},
        {QStringLiteral("run"), QCoreApplication::translate("mrp", "Run a job: map in sandboxes, reduce and produce locally"), runRun},
        {QStringLiteral("runs"), QCoreApplication::translate("mrp", "List the runs in the run store"), runRuns},
        {QStringLiteral("show"), QCoreApplication::translate("mrp", "Show a run's record, shards and attempts"), runShow},
        {QStringLiteral("export"), QCoreApplication::translate("mrp", "Export a run's shards as CSV"), runExport},
        {QStringLiteral("replay"), QCoreApplication::translate("mrp", "Recompute reduce and produce and check the digests"), runReplay},
        {QStringLiteral("diff"), QCoreApplication::translate("mrp", "Compare two runs: job, code, data, params, outputs"), runDiff},
        {QStringLiteral("key"), QCoreApplication::translate("mrp", "Set, check or delete the Daytona API key (system keychain)"), runKey},
        {QStringLiteral("sweep"), QCoreApplication::translate("mrp", "Delete leftover Daytona sandboxes of this installation"), runSweep},
        {QStringLiteral("doctor"), QCoreApplication::translate("mrp", "Check the Daytona setup: key, API, create, exec, delete"), runDoctor},
    };
    return table;
}

} // namespace mrp::cli
