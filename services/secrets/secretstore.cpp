// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mrp {

QString SecretStore::apiKeyName(const QString &profile)
{
    return u"api-key/"_s + (profile.isEmpty() ? u"daytona"_s : profile);
}

void resolveApiKey(SecretStore *store, const QString &profile, std::function<void(const ApiKeyLookup &)> done)
{
    const QString env = qEnvironmentVariable("DAYTONA_API_KEY");
    if (!env.isEmpty()) {
        QTimer::singleShot(0, store, [done, env] {
            done(ApiKeyLookup{env, u"environment"_s, {}, SecretStore::Status::Ok});
        });
        return;
    }
    store->read(SecretStore::apiKeyName(profile), [done, store = QPointer<SecretStore>(store)](const SecretStore::Result &r) {
        ApiKeyLookup l;
        l.status = r.status;
        l.message = r.message;
        if (r.ok()) {
            l.key = r.secret;
            l.source = (store && store->isPersistent()) ? u"keychain"_s : u"memory"_s;
        }
        done(l);
    });
}

} // namespace mrp
