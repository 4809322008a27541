// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "emulatorlimits.h"

using namespace Qt::StringLiterals;

namespace mrp::emu {

ThrottleOutcome ThrottleRecord::hit(qint64 nowMs, const ThrottleConfig &config)
{
    // The counter expires with its window; the first hit after that opens a new one.
    if (m_windowEndMs >= 0 && nowMs >= m_windowEndMs) {
        m_hits = 0;
        m_windowEndMs = -1;
    }
    ++m_hits;
    if (m_windowEndMs < 0)
        m_windowEndMs = nowMs + config.windowMs;

    ThrottleOutcome o;
    o.totalHits = m_hits;
    o.timeToExpireMs = m_windowEndMs - nowMs;
    if (m_blockEndMs >= 0 && nowMs < m_blockEndMs) {
        // Still blocked: this hit was counted all the same, and the block is not extended.
        o.blocked = true;
        o.timeToBlockExpireMs = m_blockEndMs - nowMs;
    } else if (m_hits > config.limit) {
        // Over the limit: blocked for a whole window from this hit.
        m_blockEndMs = nowMs + config.windowMs;
        o.blocked = true;
        o.timeToBlockExpireMs = config.windowMs;
    }
    return o;
}

bool tierPreset(int tier, TierPreset *out)
{
    // apps/docs/src/content/docs/en/limits.mdx, "Limits" table. Tier 1 memory: that table says
    // 20 GiB, the "Tiers" table of the same page 10 GiB; the server's own default for a region
    // quota (apps/api/src/organization/entities/region-quota.entity.ts) is 10, which is used.
    static const TierPreset presets[] = {
        {10000, 300, 10000, 10, 10, 30},
        {20000, 400, 20000, 100, 200, 300},
        {40000, 500, 40000, 250, 500, 2000},
        {50000, 600, 50000, 500, 1000, 5000},
    };
    if (tier < 1 || tier > 4)
        return false;
    *out = presets[tier - 1];
    return true;
}

QByteArray quotaExceeded(const ResourceQuota &quota, const ResourceUsage &usage, const QString &dashboardUrl,
                         QString *message)
{
    const QString upgrade = u"To increase concurrency limits, upgrade your organization's Tier by visiting %1/limits."_s
                                .arg(dashboardUrl);
    if (quota.cpu >= 0 && usage.cpu > quota.cpu) {
        *message = u"Total CPU limit exceeded. Maximum allowed: %1.\n%2"_s.arg(quota.cpu).arg(upgrade);
        return "cpu";
    }
    if (quota.memoryGiB >= 0 && usage.memoryGiB > quota.memoryGiB) {
        *message = u"Total memory limit exceeded. Maximum allowed: %1GiB.\n%2"_s.arg(quota.memoryGiB).arg(upgrade);
        return "memory";
    }
    if (quota.diskGiB >= 0 && usage.diskGiB > quota.diskGiB) {
        *message = u"Total disk limit exceeded. Maximum allowed: %1GiB.\n"
                   u"Consider archiving your unused Sandboxes to free up available storage.\n%2"_s
                       .arg(quota.diskGiB)
                       .arg(upgrade);
        return "disk";
    }
    return {};
}

} // namespace mrp::emu
