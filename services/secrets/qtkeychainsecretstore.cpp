// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "secrets/qtkeychainsecretstore.h"

#include "appidentity.h"
#include "secrets/memorysecretstore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeychain, "mrp.services.keychain")

namespace mrp {

QtKeychainSecretStore::QtKeychainSecretStore(QObject *parent)
    : QtKeychainSecretStore(applicationId(), parent)
{
}

QtKeychainSecretStore::QtKeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
    , m_memory(new MemorySecretStore(this))
{
    if (!QKeychain::isAvailable()) {
        m_memoryOnly = true;
        qCWarning(lcKeychain) << "no keychain backend: secrets stay in memory for this process";
    }
}

QString QtKeychainSecretStore::description() const
{
    return m_memoryOnly ? tr("in memory, for this session only (no keychain is available)") : tr("in the system keychain");
}

QString QtKeychainSecretStore::memoryNotice() const
{
    return tr("No keychain is available on this system: the key is kept in memory for this session only. "
              "Set DAYTONA_API_KEY to use a key without a keychain.");
}

void QtKeychainSecretStore::read(const QString &key, Callback done)
{
    start(Op::Read, key, {}, std::move(done), false);
}

void QtKeychainSecretStore::write(const QString &key, const QString &secret, Callback done)
{
    start(Op::Write, key, secret, std::move(done), false);
}

void QtKeychainSecretStore::remove(const QString &key, Callback done)
{
    start(Op::Remove, key, {}, std::move(done), false);
}

void QtKeychainSecretStore::viaMemory(Op op, const QString &key, const QString &secret, Callback done)
{
    auto withNotice = [this, done](const Result &r) {
        Result copy = r;
        if (copy.message.isEmpty())
            copy.message = memoryNotice();
        if (done)
            done(copy);
    };
    switch (op) {
    case Op::Read:
        m_memory->read(key, withNotice);
        return;
    case Op::Write:
        m_memory->write(key, secret, withNotice);
        return;
    case Op::Remove:
        m_memory->remove(key, withNotice);
        return;
    }
}

void QtKeychainSecretStore::start(Op op, const QString &key, const QString &secret, Callback done, bool retried)
{
    if (m_memoryOnly) {
        viaMemory(op, key, secret, std::move(done));
        return;
    }
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read: {
        auto *j = new QKeychain::ReadPasswordJob(m_service, this);
        job = j;
        break;
    }
    case Op::Write: {
        auto *j = new QKeychain::WritePasswordJob(m_service, this);
        j->setTextData(secret);
        job = j;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    // Connect before start() (docs/design.md §8).
    connect(job, &QKeychain::Job::finished, this, [this, op, key, secret, done, retried](QKeychain::Job *j) {
        Result r;
        QKeychain::Error error = j->error();
        // libsecret without a reachable session bus reports OtherError ("Cannot autolaunch
        // D-Bus..."): for us that is the same as having no keychain backend.
        if (error == QKeychain::OtherError && j->errorString().contains(u"D-Bus"_s, Qt::CaseInsensitive))
            error = QKeychain::NoBackendAvailable;
        switch (error) {
        case QKeychain::NoError:
            r.status = Status::Ok;
            if (op == Op::Read)
                r.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
            break;
        case QKeychain::EntryNotFound:
            r.status = Status::NotFound;
            break;
        case QKeychain::AccessDeniedByUser:
        case QKeychain::AccessDenied:
            r.status = Status::AccessDenied;
            r.message = tr("Access to the keychain was denied. Allow access and try again.");
            break;
        case QKeychain::NoBackendAvailable:
            if (!retried) {
                // A Secret Service may still be starting (session login): try once more, later.
                qCInfo(lcKeychain) << "no keychain backend yet; retrying once";
                QTimer::singleShot(m_retryDelayMs, this, [this, op, key, secret, done] { start(op, key, secret, done, true); });
                return;
            }
            m_memoryOnly = true;
            qCWarning(lcKeychain) << "no keychain backend: secrets stay in memory for this process";
            viaMemory(op, key, secret, done);
            return;
        case QKeychain::CouldNotDeleteEntry:
        case QKeychain::OtherError:
        case QKeychain::NotImplemented:
            r.status = Status::Error;
            r.message = tr("The keychain reported an error: %1").arg(j->errorString());
            break;
        }
        if (done)
            done(r);
    });
    job->start();
}

} // namespace mrp
