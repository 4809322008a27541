// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

namespace mrp::cli {

// Stable exit codes (docs/design.md §5.3). Scripts depend on them: never renumber.
enum ExitCode : int {
    ExitOk = 0,              // all shards ok
    ExitShardsFailed = 1,    // finished with failed shards
    ExitUsage = 2,           // usage or validation error
    ExitRefused = 3,         // refused by policy (no key, egress, budget)
    ExitInfrastructure = 4,  // infrastructure failure
    ExitCancelled = 130,     // cancelled (SIGINT)
};

// One `mrp <name>` subcommand. `run` receives the arguments after the name (argv[0] style:
// the first element is "mrp <name>") and returns an ExitCode. Commands that need the event
// loop may call QCoreApplication::exec() themselves.
struct Command {
    QString name;
    QString summary;          // one line for `mrp --help` (translated)
    std::function<int(const QStringList &args)> run;
};

// Every subcommand, in the order `mrp --help` lists them. Defined in commands.cpp.
const QList<Command> &commands();

// Entry point used by main.cpp: dispatches argv to a command; handles --help and --version.
int dispatch(const QStringList &arguments);

QTextStream &out();   // stdout
QTextStream &err();   // stderr

// The parser's --help text with the command as the user types it ("Usage: mrp run [options] JOB").
QString commandHelp(const QCommandLineParser &parser, const QString &command);
// Parses a subcommand's arguments. Empty: go on. Otherwise the exit code to return at once:
// ExitUsage after printing the parser's error, ExitOk after printing --help.
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args);

} // namespace mrp::cli
