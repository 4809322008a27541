// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonabackendfactory.h"

#include "daytona/daytonabackend.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace mrp {

BackendFactory daytonaBackendFactory(const QString &apiKey, const QUrl &apiUrl, qint64 maxRateLimitWaitMs, bool liveOutput)
{
    return [apiKey, apiUrl, maxRateLimitWaitMs, liveOutput](const Plan &plan, QString *error) -> std::unique_ptr<SandboxBackend> {
        if (apiKey.isEmpty()) {
            if (error)
                *error = DaytonaBackend::tr("No Daytona API key: cloud_sandbox runs need one. Set it with `mrp key set` "
                                            "(or the DAYTONA_API_KEY environment variable), or run with --backend local.");
            return nullptr;
        }
        DaytonaConfig cfg;
        cfg.apiUrl = apiUrl.isEmpty() ? DaytonaConfig::apiUrlFromEnvironment() : apiUrl;
        cfg.apiKey = apiKey;
        const int concurrency = qMax(1, qMax(plan.policy.maxConcurrencyMap, plan.profile.maxConcurrency));
        cfg.connectionsPerHost = qBound(8, concurrency * 2 + 4, 255);
        cfg.retry.maxRetries = 4;
        if (maxRateLimitWaitMs > 0)
            cfg.retry.maxRetryAfterMs = int(std::min<qint64>(maxRateLimitWaitMs, std::numeric_limits<int>::max()));
        DaytonaBackend::Options options;
        options.startTimeoutMs = qMax(10, plan.profile.timeouts.create) * 1000;
        options.liveOutput = liveOutput;
        // While the log streams only the exit code is polled: less often when many shards run,
        // so that the polls stay a small share of the key's request budget.
        options.logPollMs = qBound(500, concurrency * 10, 3000);
        auto backend = std::make_unique<DaytonaBackend>(cfg, options);
        const QString cfgError = backend->client()->configError();
        if (!cfgError.isEmpty()) {
            if (error)
                *error = cfgError;
            return nullptr;
        }
        return backend;
    };
}

} // namespace mrp
