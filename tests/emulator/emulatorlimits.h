// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The Daytona API's rate limits and organisation quotas, as the server defines them
// (daytonaio/daytona @ 4ebdc3c; docs/daytona.md lists the files):
//
//  - three named throttlers per organisation, each a fixed window that opens at its first hit;
//    the hit that goes over the limit blocks the throttler for a whole window starting at that
//    hit, and hits made while blocked still count (into a new window once the old one ended);
//  - allowed replies carry X-RateLimit-{Limit,Remaining,Reset}-<name>, a refused one is 429 with
//    Retry-After-<name> (seconds, rounded up);
//  - vCPU / memory / disk totals over the sandboxes whose state consumes them, the new sandbox
//    included, checked after the throttler.

#include <QByteArray>
#include <QHash>
#include <QString>

namespace mrp::emu {

// One throttler's configuration. limit < 0: the throttler is not configured (the server leaves
// a throttler out when its RATE_LIMIT_* variables are unset).
struct ThrottleConfig {
    int limit = -1;
    qint64 windowMs = 60000;    // ttl; the block lasts as long (the server sets no blockDuration)
    bool enabled() const { return limit >= 0 && windowMs > 0; }
};

// What one hit on one throttler gives.
struct ThrottleOutcome {
    bool blocked = false;
    qint64 totalHits = 0;
    qint64 timeToExpireMs = 0;        // of the current window
    qint64 timeToBlockExpireMs = 0;   // when blocked
};

// The storage of one throttler for one organisation: the hit counter with its window and the
// block marker, as the Redis storage keeps them (two keys with their own expiry).
class ThrottleRecord
{
public:
    ThrottleOutcome hit(qint64 nowMs, const ThrottleConfig &config);

private:
    qint64 m_hits = 0;
    qint64 m_windowEndMs = -1;   // the counter exists until then
    qint64 m_blockEndMs = -1;    // blocked until then
};

// The throttler names, as they appear in the header suffixes.
inline constexpr const char *kThrottleAuthenticated = "authenticated";
inline constexpr const char *kThrottleCreate = "sandbox-create";
inline constexpr const char *kThrottleLifecycle = "sandbox-lifecycle";

// Seconds for a header: the server rounds milliseconds up.
inline qint64 headerSeconds(qint64 ms)
{
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

// A tier preset from the published limits page (apps/docs/src/content/docs/en/limits.mdx):
// requests per minute for the three throttlers and the organisation's resource totals.
struct TierPreset {
    int authenticatedPerMinute = 0;
    int createPerMinute = 0;
    int lifecyclePerMinute = 0;
    int cpu = 0;
    int memoryGiB = 0;
    int diskGiB = 0;
};
// tier 1..4; false for anything else.
bool tierPreset(int tier, TierPreset *out);

// Resource totals of an organisation (< 0: not enforced) and the messages of the refusal.
struct ResourceQuota {
    int cpu = -1;
    int memoryGiB = -1;
    int diskGiB = -1;
    bool any() const { return cpu >= 0 || memoryGiB >= 0 || diskGiB >= 0; }
};

struct ResourceUsage {
    qint64 cpu = 0;
    qint64 memoryGiB = 0;
    qint64 diskGiB = 0;
};

// Which total the usage (the new sandbox included) goes over, in the server's order (CPU,
// memory, disk): "cpu", "memory", "disk", or empty. *message gets the server's text.
QByteArray quotaExceeded(const ResourceQuota &quota, const ResourceUsage &usage, const QString &dashboardUrl,
                         QString *message);

} // namespace mrp::emu
