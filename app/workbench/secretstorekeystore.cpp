// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "secretstorekeystore.h"

#include "secrets/secretstore.h"

namespace mrp {

SecretStoreKeyStore::SecretStoreKeyStore(SecretStore *store, QObject *parent)
    : ApiKeyStore(parent)
    , m_store(store)
{
}

void SecretStoreKeyStore::queryStatus(const QString &profile)
{
    QPointer<SecretStoreKeyStore> self(this);
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

void SecretStoreKeyStore::setKey(const QString &profile, const QString &key)
{
    QPointer<SecretStoreKeyStore> self(this);
    m_store->write(SecretStore::apiKeyName(profile), key, [self, profile](const SecretStore::Result &r) {
        if (!self)
            return;
        if (r.ok())
            Q_EMIT self->statusChanged(profile, true);
        else
            Q_EMIT self->failed(profile, r.message);
    });
}

void SecretStoreKeyStore::removeKey(const QString &profile)
{
    QPointer<SecretStoreKeyStore> self(this);
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

QString SecretStoreKeyStore::storageDescription() const
{
    return m_store ? m_store->description() : QString();
}

} // namespace mrp
