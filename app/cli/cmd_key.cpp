// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp key set|status|delete [--profile P] [--json]`: the Daytona API key in the OS keychain.
// `set` reads the key from stdin (never from argv; no echo on a terminal). `status` says only
// whether a key is set and where from. DAYTONA_API_KEY overrides the keychain.
// Exit: 0 ok, 2 usage, 3 no key (status), 4 keychain failure.
#include "cli.h"
#include "console.h"

#include "appidentity.h"
#include "secrets/qtkeychainsecretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace mrp::cli {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::key)
};

// Reads one line from stdin; on a terminal, prompts on stderr and turns echo off (termios on
// Linux and macOS, SetConsoleMode on Windows: console.cpp).
QString readSecretFromStdin()
{
    return readLineWithoutEcho(Tr::tr("Daytona API key (input hidden): ")).trimmed();
}

int finish(int code)
{
    out().flush();
    err().flush();
    return code;
}

} // namespace

int runKey(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Manage the Daytona API key in the system keychain.\n\n"
                                            "  mrp key set      read the key from stdin and store it\n"
                                            "  mrp key status   whether a key is set, and where from\n"
                                            "  mrp key delete   remove the stored key"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), Tr::tr("set, status or delete"));
    parser.addOption({QStringLiteral("profile"), Tr::tr("The backend profile the key belongs to (default: daytona)."), Tr::tr("name"),
                      QStringLiteral("daytona")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the result as JSON on stdout.")});
    if (!parser.parse(args)) {
        err() << parser.errorText() << "\n";
        return finish(ExitUsage);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, args.value(0));
        return finish(ExitOk);
    }
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (action == u"set" && pos.size() > 1) {
        err() << Tr::tr("mrp key set: never pass the key on the command line (it ends up in shell history and process "
                        "lists). Pipe it in or type it at the prompt: mrp key set < keyfile\n");
        return finish(ExitUsage);
    }
    if (pos.size() != 1 || (action != u"set" && action != u"status" && action != u"delete")) {
        err() << Tr::tr("mrp key: expected one of set, status, delete. See mrp key --help.\n");
        return finish(ExitUsage);
    }
    const QString profile = parser.value(QStringLiteral("profile"));
    const bool json = parser.isSet(QStringLiteral("json"));
    QtKeychainSecretStore store;
    const QString name = SecretStore::apiKeyName(profile);
    int rc = ExitOk;

    if (action == u"set") {
        const QString key = readSecretFromStdin();
        if (key.isEmpty()) {
            err() << Tr::tr("mrp key set: no key on stdin.\n");
            return finish(ExitUsage);
        }
        if (!store.isPersistent()) {
            err() << Tr::tr("mrp key set: no keychain is available on this system, so the key cannot be stored. "
                            "Set DAYTONA_API_KEY in the environment instead.\n");
            return finish(ExitInfrastructure);
        }
        store.write(name, key, [&](const SecretStore::Result &r) {
            if (r.ok() && store.isPersistent()) {
                out() << Tr::tr("The Daytona API key for profile \"%1\" is stored %2.\n").arg(profile, store.description());
                rc = ExitOk;
            } else {
                err() << Tr::tr("mrp key set: the key was not stored: %1\n").arg(r.message);
                rc = ExitInfrastructure;
            }
            QCoreApplication::exit(rc);
        });
        QCoreApplication::exec();
        return finish(rc);
    }

    if (action == u"delete") {
        store.remove(name, [&](const SecretStore::Result &r) {
            if (r.ok() || r.status == SecretStore::Status::NotFound) {
                out() << (r.ok() ? Tr::tr("The stored key for profile \"%1\" was deleted.\n").arg(profile)
                                 : Tr::tr("No key was stored for profile \"%1\".\n").arg(profile));
                if (!qEnvironmentVariableIsEmpty("DAYTONA_API_KEY"))
                    out() << Tr::tr("Note: DAYTONA_API_KEY is still set in this environment.\n");
                rc = ExitOk;
            } else {
                err() << Tr::tr("mrp key delete: %1\n").arg(r.message);
                rc = ExitInfrastructure;
            }
            QCoreApplication::exit(rc);
        });
        QCoreApplication::exec();
        return finish(rc);
    }

    // status: only whether a key is set and where from; never the key.
    resolveApiKey(&store, profile, [&](const ApiKeyLookup &l) {
        const bool set = !l.key.isEmpty();
        const bool failed = !set && l.status != SecretStore::Status::NotFound;
        if (json) {
            QJsonObject o{{QStringLiteral("profile"), profile},
                          {QStringLiteral("set"), set},
                          {QStringLiteral("source"), l.source},
                          {QStringLiteral("storage"), store.description()}};
            if (!l.message.isEmpty())
                o.insert(QStringLiteral("message"), l.message);
            out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        } else if (set) {
            out() << (l.source == u"environment" ? Tr::tr("A Daytona API key is set (from DAYTONA_API_KEY).\n")
                                                  : Tr::tr("A Daytona API key is set for profile \"%1\" (%2).\n").arg(profile, store.description()));
        } else if (failed) {
            err() << Tr::tr("Could not read the keychain: %1\n").arg(l.message);
        } else {
            out() << Tr::tr("No Daytona API key is set for profile \"%1\". Set one with: mrp key set\n").arg(profile);
        }
        rc = set ? ExitOk : failed ? ExitInfrastructure : ExitRefused;
        QCoreApplication::exit(rc);
    });
    QCoreApplication::exec();
    return finish(rc);
}

} // namespace mrp::cli
