// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The one way a cloud_sandbox backend is made (RunEngine::Private::makeBackend; runengine.h:
// BackendFactory). The key is resolved beforehand (resolveApiKey(): DAYTONA_API_KEY or the
// keychain) because factories are synchronous; the API URL is RunOptions::apiUrl (the
// workbench's setting), else DAYTONA_API_URL. The backend is sized from the plan: enough
// HTTP/1.1 connections per host for every concurrent shard (a blocking execute holds one) plus
// their polls, create/exec timeouts from the profile.

#include "run/runengine.h"

#include <QUrl>

namespace mrp {

// maxRateLimitWaitMs: the longest a call waits for the API's rate limit (<= 0: the default).
// liveOutput: DaytonaBackend::Options::liveOutput (RunOptions::liveOutput).
BackendFactory daytonaBackendFactory(const QString &apiKey, const QUrl &apiUrl = {}, qint64 maxRateLimitWaitMs = 0,
                                     bool liveOutput = true);

} // namespace mrp
