// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "secrets/secretstore.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace mrp {

// The workbench's view of the Daytona API key per profile, over the one secret interface,
// SecretStore (the OS keychain, or its in-memory stand-in): whether a key is set, set/replace,
// remove — asynchronously. Keys are stored under SecretStore::apiKeyName(profile). A status
// query reads the entry and keeps only whether it exists: the secret is dropped at once and
// never reaches a widget. Every call ends in exactly one statusChanged() or failed() for that
// profile, to every window and dialog that shows it.
class ApiKeyStore : public QObject
{
    Q_OBJECT
public:
    // store: not owned; must outlive this object (or be its parent).
    explicit ApiKeyStore(SecretStore *store, QObject *parent = nullptr);

    void queryStatus(const QString &profile);
    void setKey(const QString &profile, const QString &key);
    void removeKey(const QString &profile);
    // Where keys go ("the system keychain", "memory, this session only").
    QString storageDescription() const;
    SecretStore *secretStore() const { return m_store; }

Q_SIGNALS:
    void statusChanged(const QString &profile, bool isSet);
    void failed(const QString &profile, const QString &message);

private:
    QPointer<SecretStore> m_store;
};

} // namespace mrp
