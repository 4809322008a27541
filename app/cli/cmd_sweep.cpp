// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp sweep [--json] [--dry-run] [--keep-run RUN]... [--profile P] [--data-dir DIR]`: lists the
// Daytona sandboxes carrying our owner label (mrp.owner = this install's id) and deletes those
// no live run holds (services/run/sweeper.h), reporting what each one was (run, shard, state, age).
// DAYTONA_API_URL selects the API.
// Exit: 0 nothing left, 3 no API key, 4 a listing or deletion failed.
// Also the Daytona helpers shared with `mrp doctor`.
#include "cli.h"

#include "daytona/daytonabackend.h"
#include "sandbox/installid.h"
#include "secrets/qtkeychainsecretstore.h"
#include "store/runstore.h"
#include "run/sweeper.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace mrp::cli {

namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::sweep)
};
} // namespace

// Shared with cmd_doctor.cpp: a Daytona backend for the API in DAYTONA_API_URL and `key`.
std::unique_ptr<DaytonaBackend> makeDaytonaBackend(const QString &key)
{
    DaytonaConfig cfg;
    cfg.apiUrl = DaytonaConfig::apiUrlFromEnvironment();
    cfg.apiKey = key;
    return std::make_unique<DaytonaBackend>(cfg, DaytonaBackend::Options{});
}

int runSweep(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Delete leftover Daytona sandboxes created by this installation."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the result as JSON on stdout.")});
    parser.addOption({QStringLiteral("dry-run"), Tr::tr("Only list what would be deleted.")});
    parser.addOption({QStringLiteral("keep-run"), Tr::tr("Keep the sandboxes of this run (repeatable)."), Tr::tr("run")});
    parser.addOption({QStringLiteral("profile"), Tr::tr("The profile whose API key to use (default: daytona)."), Tr::tr("name"),
                      QStringLiteral("daytona")});
    parser.addOption({QStringLiteral("data-dir"), Tr::tr("The data folder (run store); default $MRP_DATA_DIR or the user data folder."), Tr::tr("dir")});
    if (const auto code = parseArguments(parser, args))
        return *code;
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    const QString owner = installId();
    const QString dataDir = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir")) : RunStore::defaultDataDir();

    QtKeychainSecretStore store;
    std::unique_ptr<DaytonaBackend> backend;
    std::unique_ptr<Sweeper> sweeper;
    int rc = ExitOk;

    auto done = [&](int code) {
        out().flush();
        err().flush();
        rc = code;
        QCoreApplication::exit(code);
    };

    resolveApiKey(&store, parser.value(QStringLiteral("profile")), [&](const ApiKeyLookup &l) {
        if (l.key.isEmpty()) {
            err() << Tr::tr("mrp sweep: no Daytona API key is set. Set one with `mrp key set` or DAYTONA_API_KEY.\n");
            done(ExitRefused);
            return;
        }
        backend = makeDaytonaBackend(l.key);
        const QString cfgError = backend->client()->configError();
        if (!cfgError.isEmpty()) {
            err() << cfgError << "\n";
            done(ExitRefused);
            return;
        }
        sweeper = std::make_unique<Sweeper>(backend.get(), owner);
        sweeper->setKeepRuns(parser.values(QStringLiteral("keep-run")));
        sweeper->setDryRun(dryRun);
        // A run that a live process is running keeps its sandboxes.
        sweeper->setLiveRunCheck([dataDir](const QString &run) { return RunLock::isHeld(dataDir, run); });
        QObject::connect(sweeper.get(), &Sweeper::finished, qApp, [&] {
            if (sweeper->listFailed()) {
                err() << Tr::tr("mrp sweep: could not list sandboxes: %1\n").arg(sweeper->listError());
                done(ExitInfrastructure);
                return;
            }
            QJsonArray report;
            const QList<SweptSandbox> swept = sweeper->result();
            for (const SweptSandbox &s : swept) {
                const QString run = s.run().isEmpty() ? QStringLiteral("-") : s.run();
                const QString shard = s.shard().isEmpty() ? QStringLiteral("-") : s.shard();
                QJsonObject entry{{QStringLiteral("id"), s.sandbox.id},
                                  {QStringLiteral("state"), s.sandbox.state},
                                  {QStringLiteral("run"), s.run()},
                                  {QStringLiteral("shard"), s.shard()},
                                  {QStringLiteral("createdAt"), s.sandbox.createdAt},
                                  {QStringLiteral("action"), SweptSandbox::actionName(s.action)}};
                if (!s.error.isEmpty())
                    entry.insert(QStringLiteral("error"), s.error);
                report.append(entry);
                if (json)
                    continue;
                if (s.action == SweptSandbox::Action::Failed)
                    err() << Tr::tr("failed   %1: %2\n").arg(s.sandbox.id, s.error);
                else if (s.action == SweptSandbox::Action::Deleted)
                    out() << Tr::tr("deleted  %1  run %2 shard %3 (was %4, created %5)\n")
                                 .arg(s.sandbox.id, run, shard, s.sandbox.state,
                                      s.sandbox.createdAt.isEmpty() ? QStringLiteral("?") : s.sandbox.createdAt);
                else
                    out() << Tr::tr("%1  %2  run %3 shard %4 (%5)\n").arg(SweptSandbox::actionName(s.action), s.sandbox.id, run, shard,
                                                                     s.sandbox.state);
            }
            if (json) {
                out() << QJsonDocument(QJsonObject{{QStringLiteral("owner"), owner},
                                                   {QStringLiteral("api"), DaytonaConfig::apiUrlFromEnvironment().toString()},
                                                   {QStringLiteral("dryRun"), dryRun},
                                                   {QStringLiteral("sandboxes"), report}}).toJson(QJsonDocument::Indented);
            } else if (swept.isEmpty()) {
                out() << Tr::tr("No leftover sandboxes (owner %1).\n").arg(owner);
            }
            done(sweeper->count(SweptSandbox::Action::Failed) ? ExitInfrastructure : ExitOk);
        });
        sweeper->start();
    });
    QCoreApplication::exec();
    sweeper.reset();
    backend.reset();
    return rc;
}

} // namespace mrp::cli
