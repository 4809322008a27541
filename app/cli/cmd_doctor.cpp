// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp doctor [--json] [--profile P]`: checks the Daytona setup end to end and times each
// step: the API key, the API URL, reaching the API, creating a sandbox, running hello-world
// in it, deleting it (confirmed gone). Exit: 0 all good, 3 no key / refused URL, 4 a step failed.
#include "cli.h"

#include "daytona/daytonabackend.h"
#include "installid.h"
#include "qtkeychainsecretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <functional>
#include <memory>

namespace mrp::cli {

std::unique_ptr<DaytonaBackend> makeDaytonaBackend(const QString &key);

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("mrp::cli::doctor", text, disambiguation, n);
}

template<typename T, typename F>
void whenDone(QFuture<T> f, F fn)
{
    auto *w = new QFutureWatcher<T>(qApp);
    QObject::connect(w, &QFutureWatcherBase::finished, qApp, [w, fn] {
        w->deleteLater();
        fn(w->result());
    });
    w->setFuture(f);
}

} // namespace

int runDoctor(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Check the Daytona setup: key, API, create, exec, delete."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), tr("Print the result as JSON on stdout.")});
    parser.addOption({QStringLiteral("profile"), tr("The profile whose API key to use (default: daytona)."), tr("name"),
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
    QtKeychainSecretStore store;
    std::unique_ptr<DaytonaBackend> backend;
    QJsonArray steps;
    QElapsedTimer stepClock;
    QString sandboxId;
    int rc = ExitOk;

    auto step = [&](const QString &name, bool ok, const QString &detail) {
        const qint64 ms = stepClock.elapsed();
        steps.append(QJsonObject{{QStringLiteral("step"), name}, {QStringLiteral("ok"), ok},
                                 {QStringLiteral("ms"), ms}, {QStringLiteral("detail"), detail}});
        if (!json) {
            (ok ? out() : err()) << QStringLiteral("%1 %2  %3 ms  %4\n").arg(ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"),
                                                                            name.leftJustified(16), QString::number(ms).rightJustified(6), detail);
            (ok ? out() : err()).flush();
        }
        stepClock.restart();
    };
    auto finish = [&](int code) {
        if (json)
            out() << QJsonDocument(QJsonObject{{QStringLiteral("ok"), code == ExitOk}, {QStringLiteral("steps"), steps}})
                         .toJson(QJsonDocument::Indented);
        out().flush();
        rc = code;
        QCoreApplication::exit(code);
    };

    stepClock.start();
    resolveApiKey(&store, parser.value(QStringLiteral("profile")), [&](const ApiKeyLookup &l) {
        if (l.key.isEmpty()) {
            step(tr("API key"), false, tr("none set: run `mrp key set` or set DAYTONA_API_KEY"));
            finish(ExitRefused);
            return;
        }
        step(tr("API key"), true, tr("found (%1)").arg(l.source));
        backend = makeDaytonaBackend(l.key);
        const QString cfgError = backend->client()->configError();
        if (!cfgError.isEmpty()) {
            step(tr("API URL"), false, cfgError);
            finish(ExitRefused);
            return;
        }
        step(tr("API URL"), true, backend->client()->config().apiUrl.toString());
        const QString owner = installId();
        whenDone(backend->list({{QStringLiteral("mrp.owner"), owner}}), [&, owner](const Outcome<QList<SandboxInfo>> &listed) {
            if (!listed.ok()) {
                step(tr("reach API"), false, listed.error.message);
                finish(ExitInfrastructure);
                return;
            }
            step(tr("reach API"), true, tr("%n sandbox(es) of ours exist", nullptr, int(listed.value.size())));
            SandboxSpec spec;
            spec.runId = QStringLiteral("doctor-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
            spec.ownerId = owner;
            spec.autoStopMinutes = 5;
            spec.autoDeleteMinutes = 0;
            whenDone(backend->create(spec), [&](const Outcome<SandboxInfo> &created) {
                if (!created.ok()) {
                    step(tr("create sandbox"), false, created.error.message);
                    finish(ExitInfrastructure);
                    return;
                }
                sandboxId = created.value.id;
                step(tr("create sandbox"), true, sandboxId);
                ExecRequest req;
                req.argv = {QStringLiteral("python3"), QStringLiteral("-c"), QStringLiteral("print('hello from mrp')")};
                req.timeoutSec = 60;
                whenDone(backend->exec(sandboxId, req), [&](const Outcome<ExecResult> &ran) {
                    const bool ok = ran.ok() && ran.value.exitCode == 0 && ran.value.stdoutData.trimmed() == "hello from mrp";
                    step(tr("run hello-world"), ok,
                         !ran.ok() ? ran.error.message
                                   : tr("exit %1: %2").arg(ran.value.exitCode).arg(QString::fromUtf8(ran.value.stdoutData + ran.value.stderrData).trimmed().left(200)));
                    whenDone(backend->destroy(sandboxId), [&, ok](const SandboxError &e) {
                        step(tr("delete sandbox"), e.ok(), e.ok() ? tr("gone (404 confirmed)") : e.message);
                        finish(ok && e.ok() ? ExitOk : ExitInfrastructure);
                    });
                });
            });
        });
    });
    QCoreApplication::exec();
    backend.reset();
    return rc;
}

} // namespace mrp::cli
