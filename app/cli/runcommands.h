// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Helpers shared by the commands that read the run store (runs, show, export, replay, diff).
// Defined in cmd_runs.cpp.

#include "record/runrecord.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QCommandLineParser;

namespace mrp {
class RunStore;
}

namespace mrp::cli {

void addDataDirOption(QCommandLineParser *parser);
// Hides the mrp.* debug/info log lines unless QT_LOGGING_RULES is set.
void quietLogging();
bool openRunStore(const QCommandLineParser &parser, std::unique_ptr<RunStore> *store);
// Parses args; returns -1 to go on, or the exit code to return (help printed, usage error).
int parseRunCommand(QCommandLineParser &parser, const QStringList &args, int runArgs, const QString &usage);
// The full run id for an id or unique prefix; empty (after printing why) when none or ambiguous.
QString resolveRun(RunStore &store, const QString &idOrPrefix);
// Opens the store, resolves the run named by the first positional argument and loads its
// record. On failure prints why, sets *exitCode and returns nothing.
std::optional<RunRecord> loadNamedRun(const QCommandLineParser &parser, std::unique_ptr<RunStore> *store, int *exitCode);

} // namespace mrp::cli
