// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// MemorySecretStore: secrets in memory for the life of the object. The test fake of
// SecretStore, and what QtKeychainSecretStore falls back to when no keychain exists.
// Answers asynchronously like a real store.

#include "secrets/secretstore.h"

#include <QHash>

namespace mrp {

class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;
    QString description() const override;
    bool isPersistent() const override { return false; }

    // Tests: make the next calls fail with this status (Ok = behave normally).
    void setFailure(Status status) { m_failure = status; }
    int callCount() const { return m_calls; }

private:
    void answer(const Callback &done, const Result &r);

    QHash<QString, QString> m_secrets;
    Status m_failure = Status::Ok;
    int m_calls = 0;
};

} // namespace mrp
