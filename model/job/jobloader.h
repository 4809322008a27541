// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Loads and validates a job file (docs/job-format.md) with yaml-cpp, keeping source positions.
// Every problem in the file is reported (not only the first): unknown keys (with a "did you
// mean"), wrong types, missing required keys, bad enum values, YAML syntax errors. Never throws.
// Pure functions: safe from any thread. Files referenced by the job are not read here (the
// compiler does that), so loadJobText suits validate-as-you-type.

#include "job/diagnostic.h"
#include "job/jobspec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mrp {

struct JobLoadResult {
    JobSpec job;                  // best effort even when there are errors
    QList<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

JobLoadResult loadJobFile(const QString &path);
// pathForMessages names the file in diagnostics; relative paths in the job resolve against
// its folder (when empty, against the current directory).
JobLoadResult loadJobText(const QByteArray &yaml, const QString &pathForMessages);

// An egress allowlist entry: a domain name (optionally "*." + domain), an IPv4/IPv6 address or CIDR.
bool isValidEgressEntry(const QString &entry);

} // namespace mrp
