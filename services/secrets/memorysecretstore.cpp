// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "secrets/memorysecretstore.h"

#include <QCoreApplication>
#include <QTimer>

namespace mrp {

void MemorySecretStore::answer(const Callback &done, const Result &r)
{
    ++m_calls;
    QTimer::singleShot(0, this, [done, r] {
        if (done)
            done(r);
    });
}

void MemorySecretStore::read(const QString &key, Callback done)
{
    if (m_failure != Status::Ok)
        return answer(done, {m_failure, {}, tr("The secret store failed.")});
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend())
        return answer(done, {Status::NotFound, {}, {}});
    answer(done, {Status::Ok, it.value(), {}});
}

void MemorySecretStore::write(const QString &key, const QString &secret, Callback done)
{
    if (m_failure != Status::Ok)
        return answer(done, {m_failure, {}, tr("The secret store failed.")});
    m_secrets.insert(key, secret);
    answer(done, {Status::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    if (m_failure != Status::Ok)
        return answer(done, {m_failure, {}, tr("The secret store failed.")});
    answer(done, {m_secrets.remove(key) ? Status::Ok : Status::NotFound, {}, {}});
}

QString MemorySecretStore::description() const
{
    return tr("in memory, for this session only");
}

} // namespace mrp
