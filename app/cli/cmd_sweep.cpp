// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp sweep [--json] [--dry-run] [--keep-run RUN]... [--profile P]`: lists the Daytona
// sandboxes carrying our owner label (mrp.owner = this install's id) and deletes them,
// reporting what each one was (run, shard, state, age). DAYTONA_API_URL selects the API.
// Exit: 0 nothing left, 3 no API key, 4 a listing or deletion failed.
// Also the Daytona helpers shared with `mrp doctor`.
#include "cli.h"

#include "daytona/daytonabackend.h"
#include "installid.h"
#include "qtkeychainsecretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
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
    if (!parser.parse(args)) {
        err() << parser.errorText() << "\n";
        err().flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        return ExitOk;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    const QStringList keep = parser.values(QStringLiteral("keep-run"));
    const QString owner = installId();

    QtKeychainSecretStore store;
    std::unique_ptr<DaytonaBackend> backend;
    QJsonArray report;
    int pending = 0;
    int failures = 0;
    int rc = ExitOk;

    auto done = [&](int code) {
        if (json) {
            out() << QJsonDocument(QJsonObject{{QStringLiteral("owner"), owner},
                                               {QStringLiteral("api"), DaytonaConfig::apiUrlFromEnvironment().toString()},
                                               {QStringLiteral("dryRun"), dryRun},
                                               {QStringLiteral("sandboxes"), report}}).toJson(QJsonDocument::Indented);
        }
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
        auto listing = backend->list({{QStringLiteral("mrp.owner"), owner}});
        auto *watcher = new QFutureWatcher<Outcome<QList<SandboxInfo>>>(qApp);
        QObject::connect(watcher, &QFutureWatcherBase::finished, qApp, [&, watcher] {
            watcher->deleteLater();
            const auto listed = watcher->result();
            if (!listed.ok()) {
                err() << Tr::tr("mrp sweep: could not list sandboxes: %1\n").arg(listed.error.message);
                done(ExitInfrastructure);
                return;
            }
            if (listed.value.isEmpty() && !json)
                out() << Tr::tr("No leftover sandboxes (owner %1).\n").arg(owner);
            for (const SandboxInfo &sb : listed.value) {
                const QString run = sb.labels.value(QStringLiteral("mrp.run"));
                QJsonObject entry{{QStringLiteral("id"), sb.id},
                                  {QStringLiteral("state"), sb.state},
                                  {QStringLiteral("run"), run},
                                  {QStringLiteral("shard"), sb.labels.value(QStringLiteral("mrp.shard"))},
                                  {QStringLiteral("createdAt"), sb.createdAt}};
                if (keep.contains(run) || dryRun || sb.state == u"destroying") {
                    entry.insert(QStringLiteral("action"), keep.contains(run) ? QStringLiteral("kept")
                                                          : dryRun ? QStringLiteral("would delete") : QStringLiteral("already deleting"));
                    report.append(entry);
                    if (!json)
                        out() << Tr::tr("%1  %2  run %3 shard %4 (%5)\n").arg(entry.value(QStringLiteral("action")).toString(), sb.id,
                                                                         run.isEmpty() ? QStringLiteral("-") : run,
                                                                         sb.labels.value(QStringLiteral("mrp.shard"), QStringLiteral("-")), sb.state);
                    continue;
                }
                ++pending;
                const qsizetype index = report.size();
                report.append(entry);
                auto *dw = new QFutureWatcher<SandboxError>(qApp);
                QObject::connect(dw, &QFutureWatcherBase::finished, qApp, [&, dw, index, sb, run] {
                    dw->deleteLater();
                    const SandboxError e = dw->result();
                    QJsonObject o = report.at(index).toObject();
                    o.insert(QStringLiteral("action"), e.ok() ? QStringLiteral("deleted") : QStringLiteral("failed"));
                    if (!e.ok()) {
                        o.insert(QStringLiteral("error"), e.message);
                        ++failures;
                    }
                    report.replace(index, o);
                    if (!json) {
                        if (e.ok())
                            out() << Tr::tr("deleted  %1  run %2 shard %3 (was %4, created %5)\n")
                                         .arg(sb.id, run.isEmpty() ? QStringLiteral("-") : run,
                                              sb.labels.value(QStringLiteral("mrp.shard"), QStringLiteral("-")), sb.state,
                                              sb.createdAt.isEmpty() ? QStringLiteral("?") : sb.createdAt);
                        else
                            err() << Tr::tr("failed   %1: %2\n").arg(sb.id, e.message);
                    }
                    if (--pending == 0)
                        done(failures ? ExitInfrastructure : ExitOk);
                });
                dw->setFuture(backend->destroy(sb.id));
            }
            if (pending == 0)
                done(ExitOk);
        });
        watcher->setFuture(listing);
    });
    QCoreApplication::exec();
    backend.reset();
    return rc;
}

} // namespace mrp::cli
