// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/timelinemapping.h"

#include <algorithm>
#include <cmath>

namespace mrp {

TimelineMapping::TimelineMapping(qint64 rangeStartMs, qint64 rangeEndMs, int widthPx)
    : m_rangeStart(rangeStartMs)
    , m_rangeEnd(std::max(rangeEndMs, rangeStartMs + 1))
    , m_viewStart(double(m_rangeStart))
    , m_viewEnd(double(m_rangeEnd))
    , m_width(std::max(widthPx, 1))
{
    clampView();
}

double TimelineMapping::msPerPixel() const
{
    return viewSpan() / m_width;
}

double TimelineMapping::xForTime(double tMs) const
{
    return (tMs - m_viewStart) * m_width / viewSpan();
}

double TimelineMapping::timeForX(double x) const
{
    return m_viewStart + x * viewSpan() / m_width;
}

bool TimelineMapping::isVisible(double startMs, double endMs) const
{
    return endMs >= m_viewStart && startMs <= m_viewEnd;
}

bool TimelineMapping::isZoomed() const
{
    // A tolerance of a thousandth of a millisecond: repeated zooming accumulates rounding.
    return m_viewStart > m_rangeStart + 1e-3 || m_viewEnd < m_rangeEnd - 1e-3;
}

TimelineMapping TimelineMapping::withWidth(int widthPx) const
{
    TimelineMapping m = *this;
    m.m_width = std::max(widthPx, 1);
    return m;
}

TimelineMapping TimelineMapping::withRange(qint64 rangeStartMs, qint64 rangeEndMs) const
{
    TimelineMapping m = *this;
    const bool follow = !isZoomed();
    m.m_rangeStart = rangeStartMs;
    m.m_rangeEnd = std::max(rangeEndMs, rangeStartMs + 1);
    if (follow) {
        m.m_viewStart = double(m.m_rangeStart);
        m.m_viewEnd = double(m.m_rangeEnd);
    }
    m.clampView();
    return m;
}

TimelineMapping TimelineMapping::zoomedBy(double factor, double anchorX) const
{
    if (!(factor > 0) || !std::isfinite(factor))
        return *this;
    TimelineMapping m = *this;
    const double anchorT = timeForX(anchorX);
    const double newSpan = std::max(viewSpan() / factor, minimumSpanMs());
    const double ratio = anchorX / m_width;
    m.m_viewStart = anchorT - ratio * newSpan;
    m.m_viewEnd = m.m_viewStart + newSpan;
    m.clampView();
    return m;
}

TimelineMapping TimelineMapping::pannedBy(double dxPx) const
{
    TimelineMapping m = *this;
    const double dt = dxPx * msPerPixel();
    m.m_viewStart += dt;
    m.m_viewEnd += dt;
    m.clampView();
    return m;
}

TimelineMapping TimelineMapping::reset() const
{
    TimelineMapping m = *this;
    m.m_viewStart = double(m_rangeStart);
    m.m_viewEnd = double(m_rangeEnd);
    return m;
}

TimelineMapping TimelineMapping::showing(double startMs, double endMs) const
{
    TimelineMapping m = *this;
    if (endMs < startMs)
        std::swap(startMs, endMs);
    m.m_viewStart = startMs;
    m.m_viewEnd = std::max(endMs, startMs + minimumSpanMs());
    m.clampView();
    return m;
}

void TimelineMapping::clampView()
{
    const double rs = double(m_rangeStart);
    const double re = double(m_rangeEnd);
    const double rangeSpan = re - rs;
    double span = std::clamp(m_viewEnd - m_viewStart, std::min(minimumSpanMs(), rangeSpan), rangeSpan);
    if (!std::isfinite(span))
        span = rangeSpan;
    double start = std::isfinite(m_viewStart) ? m_viewStart : rs;
    start = std::clamp(start, rs, re - span);
    m_viewStart = start;
    m_viewEnd = start + span;
}

qint64 TimelineMapping::tickStep(int minSpacingPx) const
{
    const double raw = std::max(1.0, msPerPixel() * std::max(minSpacingPx, 1));
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (;;) {
        for (const double mult : {1.0, 2.0, 5.0}) {
            if (mult * magnitude >= raw)
                return std::max<qint64>(1, qint64(std::llround(mult * magnitude)));
        }
        magnitude *= 10.0;
    }
}

QList<qint64> TimelineMapping::ticks(int minSpacingPx) const
{
    const qint64 step = tickStep(minSpacingPx);
    QList<qint64> out;
    // First multiple of step at or after the view start (times may be negative in theory).
    qint64 t = qint64(std::ceil(m_viewStart / double(step))) * step;
    for (; double(t) <= m_viewEnd; t += step)
        out.append(t);
    return out;
}

} // namespace mrp
