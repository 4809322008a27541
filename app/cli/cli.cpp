// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "cli.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace mrp::cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::cli)
};
} // namespace

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QString commandHelp(const QCommandLineParser &parser, const QString &command)
{
    // QCommandLineParser names the executable as it was typed ("build/dev/bin/mrp"); the usage
    // line names the command as a user types it: "mrp run [options] JOB".
    QString text = parser.helpText();
    const QString typed = QCoreApplication::arguments().value(0);
    const qsizetype at = typed.isEmpty() ? -1 : text.indexOf(typed);
    const qsizetype firstLineEnd = text.indexOf(u'\n');
    if (!command.isEmpty() && at >= 0 && (firstLineEnd < 0 || at < firstLineEnd))
        text.replace(at, typed.size(), command);
    return text;
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args)
{
    if (!parser.parse(args)) {
        err() << parser.errorText() << u'\n';
        err().flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, args.value(0));
        out().flush();
        return ExitOk;
    }
    return std::nullopt;
}

namespace {

void printUsage(QTextStream &s)
{
    s << Tr::tr("Usage: mrp <command> [options]\n\n"
                                            "Run map/reduce/produce evaluation batches in sandboxes.\n\n"
                                            "Commands:\n");
    for (const Command &c : commands())
        s << QStringLiteral("  %1  %2\n").arg(c.name.leftJustified(10), c.summary);
    s << Tr::tr("\nRun 'mrp <command> --help' for the options of a command.\n"
                                            "Exit codes: 0 ok, 1 shards failed, 2 usage or validation error, "
                                            "3 refused by policy, 4 infrastructure failure, 130 cancelled.\n");
    s.flush();
}

} // namespace

int dispatch(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" || args.first() == u"help") {
        printUsage(args.isEmpty() ? err() : out());
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == u"--version" || args.first() == u"-v" || args.first() == u"version") {
        out() << QStringLiteral("mrp %1 (Qt %2)\n").arg(QStringLiteral(MRP_VERSION_STRING), QString::fromLatin1(qVersion()));
        out().flush();
        return ExitOk;
    }
    for (const Command &c : commands()) {
        if (c.name == args.first()) {
            QStringList sub = args.mid(1);
            sub.prepend(QStringLiteral("mrp ") + c.name);
            return c.run(sub);
        }
    }
    err() << Tr::tr("mrp: unknown command '%1'. Run 'mrp --help' for the list of commands.\n")
                 .arg(args.first());
    err().flush();
    return ExitUsage;
}

} // namespace mrp::cli
