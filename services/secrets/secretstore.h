// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// SecretStore: a small asynchronous store for secrets (docs/design.md §8). Keys are named
// "api-key/<profile>" (apiKeyName()); the service is mrp::applicationId().
//
// Every call answers exactly once through its callback, always asynchronously (never from
// inside the call), on the thread that made the call. NotFound is an answer ("ask the user"),
// not a failure. Implementations: QtKeychainSecretStore (the OS keychain, with an in-memory
// fallback for this process when no keychain exists) and MemorySecretStore (tests).
//
// resolveApiKey() is what callers use to get the Daytona key: DAYTONA_API_KEY wins, else the
// store. The key itself is never logged.

#include <QObject>
#include <QString>

#include <functional>

namespace mrp {

class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,        // no such entry
        AccessDenied,    // the user refused access (offer a retry)
        NoBackend,       // no keychain on this system
        Error,
    };
    Q_ENUM(Status)

    struct Result {
        Status status = Status::Ok;
        QString secret;          // read(): the secret when Ok
        QString message;         // translated, for the user, when not Ok (or a notice, e.g. memory only)
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
    // Where secrets go, for the user, as a whole phrase with its preposition ("in the system
    // keychain", "in memory, for this session only"): sentences use it as "stored %1".
    virtual QString description() const = 0;
    // False when secrets written now will not outlive this process.
    virtual bool isPersistent() const = 0;

    static QString apiKeyName(const QString &profile);
};

struct ApiKeyLookup {
    QString key;                 // empty when none is set
    QString source;              // "environment" | "keychain" | "memory" | ""
    QString message;             // translated notice or error, may be empty
    SecretStore::Status status = SecretStore::Status::NotFound;
};

// DAYTONA_API_KEY overrides; otherwise reads apiKeyName(profile) from store. Answers once,
// asynchronously, on the caller's thread.
void resolveApiKey(SecretStore *store, const QString &profile, std::function<void(const ApiKeyLookup &)> done);

} // namespace mrp
