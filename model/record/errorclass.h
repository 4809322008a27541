// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QMetaType>
#include <QString>

namespace mrp {
Q_NAMESPACE

// The typed failure taxonomy of one shard attempt (docs/design.md §5.1). Every value reaches
// the run record and the UI by its stable name (errorClassName), so never renumber or rename.
enum class ErrorClass {
    None,               // the attempt succeeded
    OperatorError,      // runner exit 3: the operator raised (traceback on stderr)
    BadOutput,          // runner exit 4: output not JSON-serialisable, or digest mismatch
    NonZeroExit,        // any other non-zero exit of the runner
    Timeout,            // exec exceeded shard_timeout_s and was killed
    OutOfMemory,        // killed for exceeding the memory limit
    Killed,             // killed by a signal we did not send for a timeout
    PolicyRefused,      // refused by policy (operator scan, egress, budget, no key)
    Infrastructure,     // sandbox create/start/upload/download failed on the backend side
    Network,            // connection refused/reset/dropped, DNS, TLS
    RateLimited,        // HTTP 429
    ServerError,        // HTTP 5xx
    ClientError,        // HTTP 4xx other than 401/403/408/429
    Auth,               // HTTP 401/403: key missing or rejected
    Quota,              // Daytona quota exhausted (400 with a quota message)
    Cancelled,          // the user cancelled; not an error in the UI
};
Q_ENUM_NS(ErrorClass)

// Stable snake_case name used in run.json, CSV exports and logs ("operator_error").
QString errorClassName(ErrorClass c);
// Inverse of errorClassName; returns false for unknown names.
bool errorClassFromName(const QString &name, ErrorClass *out);
// Whether the scheduler may retry an attempt that failed with this class (docs/design.md §3).
// Timeout is retryable until the last attempt; the scheduler decides that part.
bool isRetryable(ErrorClass c);

} // namespace mrp
