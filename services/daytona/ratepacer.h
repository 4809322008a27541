// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RatePacer: spends the Daytona API's rate-limit budget without running into 429s
// (docs/daytona-api.md §7.1, §7.2).
//
// The server counts calls per organisation in fixed windows, one counter per throttler
// (`authenticated`, `sandbox-create`, `sandbox-lifecycle`), and reports each counter on every
// counted reply: X-RateLimit-Limit-<name>, -Remaining-<name> and -Reset-<name> (seconds to the
// end of the window). A call over the limit is refused with 429 and Retry-After-<name>, and
// the counter stays blocked for that long. The pacer keeps a token bucket per throttler fed by
// those headers: reserve() hands out the remaining tokens of the current window and tells a
// call to wait for the next window when none are left, or until a Retry-After has passed.
// Where a throttler sends no headers, it falls back to AIMD: a 429 doubles the spacing between
// calls, each success shortens it again.
//
// One pacer per DaytonaAccessManager, i.e. per API key; ApiJob asks it before each send and
// reports each reply to it. Times are milliseconds on the pacer's monotonic clock (nowMs());
// the overloads taking `nowMs` exist for tests. Thread: the access manager's.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <QElapsedTimer>

namespace mrp {

class RatePacer
{
public:
    RatePacer();

    // The throttler a call counts against; empty for calls the API does not throttle (the
    // toolbox, served by the proxy).
    static QString throttlerFor(const QByteArray &verb, const QUrl &url);

    // 0: send now (a token is taken). > 0: ask again after that many milliseconds.
    qint64 reserve(const QString &throttler) { return reserve(throttler, nowMs()); }
    qint64 reserve(const QString &throttler, qint64 nowMs);
    // A reply to a call that reserve() let through (any status; 0 when none arrived).
    void observe(const QString &throttler, const QList<QPair<QByteArray, QByteArray>> &headers, int status)
    {
        observe(throttler, headers, status, nowMs());
    }
    void observe(const QString &throttler, const QList<QPair<QByteArray, QByteArray>> &headers, int status, qint64 nowMs);

    // When the throttler is blocked by a Retry-After, until when (nowMs() scale); else -1.
    qint64 blockedUntil(const QString &throttler) const;
    qint64 nowMs() const { return m_clock.elapsed(); }

    struct Stats {
        int refused = 0;          // 429 replies seen
        int paced = 0;            // calls told to wait
        qint64 pacedMs = 0;       // the sum of those waits
    };
    Stats stats(const QString &throttler) const { return m_buckets.value(throttler).stats; }

private:
    struct Bucket {
        int limit = -1;            // from X-RateLimit-Limit (-1: no headers seen)
        int tokens = 0;            // what this client may still send in the current window
        qint64 windowEndMs = -1;   // when the current window ends (X-RateLimit-Reset)
        qint64 windowMs = 0;       // the longest window seen: the length of a new one
        qint64 blockedUntilMs = -1;
        // AIMD fallback (no headers): minimum spacing between calls.
        qint64 spacingMs = 0;
        qint64 nextFreeMs = 0;
        Stats stats;
    };

    QHash<QString, Bucket> m_buckets;
    QElapsedTimer m_clock;
};

} // namespace mrp
