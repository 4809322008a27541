// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "apikeystore.h"
#include "secrets/secretstore.h"

#include <QPointer>

namespace mrp {

// ApiKeyStore over the services' SecretStore (the OS keychain, or its in-memory fake): keys
// are stored under SecretStore::apiKeyName(profile). A status query reads the entry and keeps
// only whether it exists; the secret is dropped at once and never reaches a widget.
class SecretStoreKeyStore : public ApiKeyStore
{
    Q_OBJECT
public:
    // store: not owned; must outlive this object (or be its child).
    explicit SecretStoreKeyStore(SecretStore *store, QObject *parent = nullptr);

    void queryStatus(const QString &profile) override;
    void setKey(const QString &profile, const QString &key) override;
    void removeKey(const QString &profile) override;
    QString storageDescription() const override;
    SecretStore *secretStore() const { return m_store; }

private:
    QPointer<SecretStore> m_store;
};

} // namespace mrp
