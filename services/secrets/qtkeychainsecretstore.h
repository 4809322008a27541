// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// QtKeychainSecretStore: SecretStore over the OS keychain through QtKeychain (Secret Service,
// macOS Keychain, Windows Credential Manager). Service = mrp::applicationId().
//
// Insecure fallback is off: QtKeychain never writes secrets to a plain file. When no keychain
// exists (QKeychain::isAvailable() false, or a job answers NoBackendAvailable twice — the
// second time after one delayed retry, for a Secret Service still starting), secrets are kept
// in memory for this process only and every answer says so in Result::message. Storing keys
// in plain text is deliberately not offered (DAYTONA_API_KEY is the non-keychain route).
//
// QtKeychain runs its jobs asynchronously, one at a time; callbacks come on the caller's thread.

#include "secrets/secretstore.h"

namespace QKeychain {
class Job;
}

namespace mrp {

class MemorySecretStore;

class QtKeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit QtKeychainSecretStore(QObject *parent = nullptr);
    QtKeychainSecretStore(const QString &service, QObject *parent);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;
    QString description() const override;
    bool isPersistent() const override { return !m_memoryOnly; }

    QString service() const { return m_service; }
    void setBackendRetryDelayMs(int ms) { m_retryDelayMs = ms; }

private:
    enum class Op { Read, Write, Remove };
    void start(Op op, const QString &key, const QString &secret, Callback done, bool retried);
    void viaMemory(Op op, const QString &key, const QString &secret, Callback done);
    QString memoryNotice() const;

    QString m_service;
    bool m_memoryOnly = false;
    int m_retryDelayMs = 1500;
    MemorySecretStore *m_memory;
};

} // namespace mrp
