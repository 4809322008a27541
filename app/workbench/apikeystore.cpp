// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "apikeystore.h"

namespace mrp {

ApiKeyStore::ApiKeyStore(SecretStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

void ApiKeyStore::queryStatus(const QString &profile)
{
    QPointer<ApiKeyStore> self(this);
    m_store->read(SecretStore::apiKeyName(profile), [self, profile](const SecretStore::Result &r) {
        if (!self)
            return;
        switch (r.status) {
        case SecretStore::Status::Ok:
            Q_EMIT self->statusChanged(profile, !r.secret.isEmpty());
            break;
        case SecretStore::Status::NotFound:
            Q_EMIT self->statusChanged(profile, false);
            break;
        case SecretStore::Status::AccessDenied:
        case SecretStore::Status::NoBackend:
        case SecretStore::Status::Error:
            Q_EMIT self->failed(profile, r.message);
            break;
        }
    });
}

void ApiKeyStore::setKey(const QString &profile, const QString &key)
{
    QPointer<ApiKeyStore> self(this);
    m_store->write(SecretStore::apiKeyName(profile), key, [self, profile](const SecretStore::Result &r) {
        if (!self)
            return;
        if (r.ok())
            Q_EMIT self->statusChanged(profile, true);
        else
            Q_EMIT self->failed(profile, r.message);
    });
}

void ApiKeyStore::removeKey(const QString &profile)
{
    QPointer<ApiKeyStore> self(this);
    m_store->remove(SecretStore::apiKeyName(profile), [self, profile](const SecretStore::Result &r) {
        if (!self)
            return;
        // Removing what is not there leaves the same state: no key.
        if (r.ok() || r.status == SecretStore::Status::NotFound)
            Q_EMIT self->statusChanged(profile, false);
        else
            Q_EMIT self->failed(profile, r.message);
    });
}

QString ApiKeyStore::storageDescription() const
{
    return m_store ? m_store->description() : QString();
}

} // namespace mrp
