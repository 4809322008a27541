// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp export RUN --csv FILE [--data-dir DIR]`: one CSV row per shard (RFC 4180; FILE "-" = stdout).
#include "cli.h"

#include "store/csvexporter.h"
#include "runcommands.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mrp::cli {


namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::export)
};
} // namespace

int runExport(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Export a run as CSV: one row per shard with its state, attempts, phase times,\n"
                                            "exit code, error class, cost and digests."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("csv"), Tr::tr("Write CSV to this file (\"-\" for stdout)."), Tr::tr("file")});
    addDataDirOption(&parser);
    parser.addPositionalArgument(QStringLiteral("RUN"), Tr::tr("Run id (or a unique prefix)."));
    const QString usage = Tr::tr("Usage: mrp export RUN --csv FILE");
    if (const int rc = parseRunCommand(parser, args, 1, usage); rc >= 0)
        return rc;
    if (!parser.isSet(QStringLiteral("csv"))) {
        err() << usage << u'\n';
        err().flush();
        return ExitUsage;
    }
    std::unique_ptr<RunStore> store;
    int exitCode = ExitOk;
    const auto rec = loadNamedRun(parser, &store, &exitCode);
    if (!rec)
        return exitCode;
    QString error;
    const QString file = parser.value(QStringLiteral("csv"));
    if (file == u"-") {
        const QByteArray data = CsvExporter::exportRun(*rec);
        const bool written = std::fwrite(data.constData(), 1, size_t(data.size()), stdout) == size_t(data.size());
        if (!written || std::fflush(stdout) != 0 || std::ferror(stdout)) {
            err() << Tr::tr("mrp export: cannot write the CSV to stdout: %1\n").arg(QString::fromLocal8Bit(std::strerror(errno)));
            err().flush();
            return ExitInfrastructure;
        }
        return ExitOk;
    }
    if (!CsvExporter::writeRun(*rec, file, &error)) {
        err() << QStringLiteral("mrp export: %1\n").arg(error);
        err().flush();
        return ExitInfrastructure;
    }
    out() << Tr::tr("Wrote %1 shard row(s) to %2\n").arg(rec->shards.size()).arg(file);
    out().flush();
    return ExitOk;
}

} // namespace mrp::cli
