// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QString>

namespace mrp {

// Sets organisation/application names so that the CLI and the workbench share one data
// folder (run store, artifacts) and one config folder (profiles, settings).
// Call right after constructing the Q*Application.
void applyApplicationIdentity();

// The reverse-DNS application id (desktop file, metainfo, bundle id, keychain service).
QString applicationId();

} // namespace mrp
