// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp doctor [--json] [--profile P]`: checks the Daytona setup end to end and times each
// step: the API key, the API URL, reaching the API, creating a sandbox, running hello-world
// in it, deleting it (confirmed gone). Exit: 0 all good, 3 no key / refused URL, 4 a step failed.
#include "cli.h"

#include "daytona/connectioncheck.h"
#include "secrets/qtkeychainsecretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mrp::cli {

namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::doctor)
};
} // namespace

// The steps themselves live in mrp::ConnectionCheck (services/), shared with the workbench's
// Settings > Test connection; this command prints them.
int runDoctor(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Check the Daytona setup: key, API, create, exec, delete."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the result as JSON on stdout.")});
    parser.addOption({QStringLiteral("profile"), Tr::tr("The profile whose API key to use (default: daytona)."), Tr::tr("name"),
                      QStringLiteral("daytona")});
    if (const auto code = parseArguments(parser, args))
        return *code;
    const bool json = parser.isSet(QStringLiteral("json"));
    QtKeychainSecretStore store;
    QJsonArray steps;
    int rc = ExitOk;

    ConnectionCheck check;
    check.setSecretStore(&store);
    check.setProfile(parser.value(QStringLiteral("profile")));
    QObject::connect(&check, &ConnectionCheck::stepFinished, &check, [&](const ConnectionCheck::StepResult &r) {
        const QString name = ConnectionCheck::stepName(r.step);
        steps.append(QJsonObject{{QStringLiteral("step"), name}, {QStringLiteral("ok"), r.ok},
                                 {QStringLiteral("ms"), r.ms}, {QStringLiteral("detail"), r.detail}});
        if (!json) {
            QTextStream &stream = r.ok ? out() : err();
            stream << QStringLiteral("%1 %2  %3 ms  %4\n").arg(r.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"),
                                                                name.leftJustified(16), QString::number(r.ms).rightJustified(6), r.detail);
            stream.flush();
        }
    });
    QObject::connect(&check, &ConnectionCheck::finished, &check, [&](ConnectionCheck::Result result) {
        const int code = result == ConnectionCheck::Result::Ok        ? int(ExitOk)
                         : result == ConnectionCheck::Result::Refused ? int(ExitRefused)
                                                                      : int(ExitInfrastructure);
        if (json)
            out() << QJsonDocument(QJsonObject{{QStringLiteral("ok"), code == ExitOk}, {QStringLiteral("steps"), steps}})
                         .toJson(QJsonDocument::Indented);
        out().flush();
        rc = code;
        QCoreApplication::exit(code);
    });
    check.start();
    QCoreApplication::exec();
    return rc;
}

} // namespace mrp::cli
