// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "record/errorclass.h"

namespace mrp {

QString errorClassName(ErrorClass c)
{
    switch (c) {
    case ErrorClass::None: return QStringLiteral("none");
    case ErrorClass::OperatorError: return QStringLiteral("operator_error");
    case ErrorClass::BadOutput: return QStringLiteral("bad_output");
    case ErrorClass::NonZeroExit: return QStringLiteral("nonzero_exit");
    case ErrorClass::Timeout: return QStringLiteral("timeout");
    case ErrorClass::OutOfMemory: return QStringLiteral("oom");
    case ErrorClass::Killed: return QStringLiteral("killed");
    case ErrorClass::PolicyRefused: return QStringLiteral("policy_refused");
    case ErrorClass::Infrastructure: return QStringLiteral("infrastructure");
    case ErrorClass::Network: return QStringLiteral("network");
    case ErrorClass::RateLimited: return QStringLiteral("rate_limited");
    case ErrorClass::ServerError: return QStringLiteral("server_error");
    case ErrorClass::ClientError: return QStringLiteral("client_error");
    case ErrorClass::Auth: return QStringLiteral("auth");
    case ErrorClass::Quota: return QStringLiteral("quota");
    case ErrorClass::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

bool errorClassFromName(const QString &name, ErrorClass *out)
{
    for (int i = 0; i <= int(ErrorClass::Cancelled); ++i) {
        const auto c = ErrorClass(i);
        if (errorClassName(c) == name) {
            if (out)
                *out = c;
            return true;
        }
    }
    return false;
}

bool isRetryable(ErrorClass c)
{
    switch (c) {
    case ErrorClass::Timeout:
    case ErrorClass::Infrastructure:
    case ErrorClass::Network:
    case ErrorClass::RateLimited:
    case ErrorClass::ServerError:
    case ErrorClass::Killed:
        return true;
    case ErrorClass::OutOfMemory: // deterministic for the same shard: a retry would OOM again
    case ErrorClass::None:
    case ErrorClass::OperatorError:
    case ErrorClass::BadOutput:
    case ErrorClass::NonZeroExit:
    case ErrorClass::PolicyRefused:
    case ErrorClass::ClientError:
    case ErrorClass::Auth:
    case ErrorClass::Quota:
    case ErrorClass::Cancelled:
        return false;
    }
    return false;
}

} // namespace mrp
