// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The RunEngine's backend factory for cloud_sandbox plans (runengine.h: BackendFactory).
// The key is resolved beforehand (resolveApiKey(): DAYTONA_API_KEY or the keychain) because
// factories are synchronous; the API URL defaults to DAYTONA_API_URL. The backend is sized
// from the plan: enough HTTP/1.1 connections per host for every concurrent shard (a blocking
// execute holds one) plus their polls, create/exec timeouts from the profile.
//
// Typical use (CLI / workbench start-up):
//   resolveApiKey(store, profile, [](const ApiKeyLookup &l) {
//       if (!l.key.isEmpty())
//           RunEngine::setDefaultCloudBackendFactory(daytonaBackendFactory(l.key));
//       ... start the run ...
//   });

#include "run/runengine.h"

#include <QUrl>

namespace mrp {

BackendFactory daytonaBackendFactory(const QString &apiKey, const QUrl &apiUrl = {});

} // namespace mrp
