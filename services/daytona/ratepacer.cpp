// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/ratepacer.h"

#include "daytona/apierror.h"

#include <algorithm>

namespace mrp {

namespace {

// A window ends on the server a little after the client's clock says so (the reply's travel
// time): a call sent right at the end could still land in the old window.
constexpr qint64 kWindowMarginMs = 50;
constexpr qint64 kMaxSpacingMs = 10'000;

int headerInt(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name, bool *found)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const int v = value.trimmed().toInt(&ok);
            if (ok) {
                *found = true;
                return v;
            }
        }
    }
    *found = false;
    return 0;
}

} // namespace

RatePacer::RatePacer()
{
    m_clock.start();
}

QString RatePacer::throttlerFor(const QByteArray &verb, const QUrl &url)
{
    const QString path = url.path();
    const qsizetype api = path.indexOf(u"/sandbox");
    if (path.contains(u"/toolbox/") || api < 0)
        return path.contains(u"/toolbox/") ? QString() : QStringLiteral("authenticated");
    // After ".../sandbox": "", "/{id}", "/{id}/start", ...
    const QStringList rest = path.mid(api + 8).split(u'/', Qt::SkipEmptyParts);
    if (verb == "POST" && (rest.isEmpty() || (rest.size() == 2 && rest.at(1) == u"fork")))
        return QStringLiteral("sandbox-create");
    static const QStringList lifecycle = {QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("archive"),
                                          QStringLiteral("resize"), QStringLiteral("recover"), QStringLiteral("pause")};
    if ((verb == "DELETE" && rest.size() == 1) || (verb == "POST" && rest.size() == 2 && lifecycle.contains(rest.at(1))))
        return QStringLiteral("sandbox-lifecycle");
    return QStringLiteral("authenticated");
}

qint64 RatePacer::reserve(const QString &throttler, qint64 now)
{
    if (throttler.isEmpty())
        return 0;
    Bucket &b = m_buckets[throttler];
    qint64 wait = 0;
    if (b.blockedUntilMs > now) {
        wait = b.blockedUntilMs - now;
    } else if (b.limit > 0) {
        if (b.windowEndMs >= 0 && now >= b.windowEndMs + kWindowMarginMs) {
            // The window is over: the next one opens with this call and lasts as long as the
            // longest one seen.
            b.tokens = b.limit;
            b.windowEndMs = now + b.windowMs;
        }
        if (b.tokens > 0) {
            --b.tokens;
            return 0;
        }
        wait = std::max<qint64>(1, b.windowEndMs + kWindowMarginMs - now);
    } else {
        if (b.nextFreeMs <= now) {
            b.nextFreeMs = now + b.spacingMs;
            return 0;
        }
        wait = b.nextFreeMs - now;
    }
    ++b.stats.paced;
    b.stats.pacedMs += wait;
    return wait;
}

void RatePacer::observe(const QString &throttler, const QList<QPair<QByteArray, QByteArray>> &headers, int status,
                        qint64 now)
{
    if (throttler.isEmpty())
        return;
    Bucket &b = m_buckets[throttler];
    const QByteArray suffix = throttler.toLatin1();
    bool hasLimit = false, hasRemaining = false, hasReset = false;
    const int limit = headerInt(headers, "X-RateLimit-Limit-" + suffix, &hasLimit);
    const int remaining = headerInt(headers, "X-RateLimit-Remaining-" + suffix, &hasRemaining);
    const int resetS = headerInt(headers, "X-RateLimit-Reset-" + suffix, &hasReset);
    if (status == 429) {
        ++b.stats.refused;
        // Retry-After-<name> (or plain Retry-After) is how long the counter stays blocked.
        const int retryAfterMs = daytona::retryAfterFromHeaders(headers);
        const qint64 blockMs = retryAfterMs >= 0 ? retryAfterMs : (hasReset ? qint64(resetS) * 1000 : -1);
        if (blockMs >= 0) {
            b.blockedUntilMs = std::max(b.blockedUntilMs, now + blockMs + kWindowMarginMs);
            b.tokens = 0;
            b.windowEndMs = std::max(b.windowEndMs, now + blockMs);
        }
        if (b.limit <= 0)   // no budget known: slow down
            b.spacingMs = std::min(kMaxSpacingMs, std::max<qint64>(10, b.spacingMs * 2));
        return;
    }
    if (hasLimit && hasRemaining && hasReset && limit > 0) {
        const qint64 windowEnd = now + qint64(resetS) * 1000;
        // The server's count includes calls of other clients of the organisation and ours
        // still on their way: never hand out more than it says is left.
        if (b.limit != limit || b.windowEndMs < 0 || windowEnd > b.windowEndMs + 1000) {
            b.tokens = remaining;          // a new window (or the first reply): take the server's word
            b.windowEndMs = windowEnd;
        } else {
            b.tokens = std::min(b.tokens, remaining);
            // Reset is rounded up to whole seconds and read after the reply travelled: each
            // reply gives a latest end of the window, and the earliest of them is the closest
            // (the first reply alone may be a second late, a second the whole run then waits).
            b.windowEndMs = std::min(b.windowEndMs, windowEnd);
        }
        b.limit = limit;
        b.windowMs = std::max(b.windowMs, qint64(resetS) * 1000);
        return;
    }
    if (status >= 200 && status < 400 && b.limit <= 0)
        b.spacingMs = std::max<qint64>(0, b.spacingMs - 1);   // additive increase of the rate
}

qint64 RatePacer::blockedUntil(const QString &throttler) const
{
    const auto it = m_buckets.constFind(throttler);
    return it != m_buckets.cend() && it->blockedUntilMs > m_clock.elapsed() ? it->blockedUntilMs : -1;
}

} // namespace mrp
