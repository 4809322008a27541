// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The install id: a random id generated once per user account and kept in QSettings
// ("daytona/installId"). It is the `mrp.owner` label of every cloud sandbox we create, so
// `mrp sweep` finds our leftovers and nobody else's. Call after applyApplicationIdentity().

#include <QString>

namespace mrp {

QString installId();

} // namespace mrp
