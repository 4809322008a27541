// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Backend profiles (docs/job-format.md, "Profiles"). A profile starts from the built-in file
// :/mrp/profiles/<name>.yaml (local, daytona) and is then overridden key by key by the first
// <folder>/<name>.yaml found in the search path (by default userProfileFolder()
// + "/profiles"). A user profile with no built-in counterpart must name `backend`. Every
// problem is reported with file:line:col. Pure function: safe from any thread.

#include "job/diagnostic.h"
#include "job/plan.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mrp {

// A profile file larger than this is refused, not read.
constexpr qint64 MaxProfileBytes = 1 << 20;

struct ProfileLoadResult {
    ProfileSpec profile;
    QList<Diagnostic> diagnostics;
    QStringList files;            // the files that made the profile, built-in first
    bool ok() const { return !hasErrors(diagnostics); }
};

// The default user override folder: <GenericConfigLocation>/<organisation>/profiles, beside the
// settings file (~/.config/mrp-workbench/profiles on Linux; docs/platforms.md §3).
QString userProfileFolder();
// Names of the built-in profiles ("daytona", "local").
QStringList builtinProfileNames();
// searchPaths empty: {userProfileFolder()}.
// True for a name loadProfile() accepts: letters, digits, '-', '_', '.', not starting with '.'
// (so a name never leaves the profiles folder). Checked for backend_profile and for --profile.
bool isProfileName(const QString &name);

ProfileLoadResult loadProfile(const QString &name, const QStringList &searchPaths = {});

} // namespace mrp
