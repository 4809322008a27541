// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QList>
#include <QtGlobal>

namespace mrp {

// The time <-> pixel mapping of the run timeline: a plain value (cheap to copy, no QObject),
// shared by the timeline delegate (which paints segments), the time-axis header (which paints
// ticks) and the zoom/pan object (which owns the current value).
//
// Times are milliseconds relative to the run start. `range` is what the data spans; `view` is
// the visible window inside it (zoom and pan only ever move `view`). x is in pixels relative
// to the left edge of the timeline column, which is `width` pixels wide.
//
// Invariants kept by every operation: range end > range start; the view lies inside the range;
// the view spans at least minimumSpanMs() (so zooming in saturates instead of dividing by zero).
class TimelineMapping
{
public:
    TimelineMapping() = default;
    // A mapping that shows the whole range.
    TimelineMapping(qint64 rangeStartMs, qint64 rangeEndMs, int widthPx);

    qint64 rangeStart() const { return m_rangeStart; }
    qint64 rangeEnd() const { return m_rangeEnd; }
    double viewStart() const { return m_viewStart; }
    double viewEnd() const { return m_viewEnd; }
    double viewSpan() const { return m_viewEnd - m_viewStart; }
    int width() const { return m_width; }

    // Pixel position of time t (may be outside [0, width] when t is not visible).
    double xForTime(double tMs) const;
    // Time at pixel x (x outside the column maps outside the view, linearly).
    double timeForX(double x) const;
    double msPerPixel() const;
    // Whether [startMs, endMs] overlaps the visible window.
    bool isVisible(double startMs, double endMs) const;
    // True when the view is narrower than the range.
    bool isZoomed() const;

    // New width, same visible window.
    TimelineMapping withWidth(int widthPx) const;
    // New data range. If the view showed the whole range it keeps showing the whole new range
    // (a live run "follows"); otherwise the window is kept and clamped into the new range.
    TimelineMapping withRange(qint64 rangeStartMs, qint64 rangeEndMs) const;
    // Zoom by `factor` (> 1 zooms in, < 1 out) keeping the time under pixel `anchorX` fixed.
    TimelineMapping zoomedBy(double factor, double anchorX) const;
    // Shift the window by `dxPx` pixels (positive = later times), clamped to the range.
    TimelineMapping pannedBy(double dxPx) const;
    // Show the whole range.
    TimelineMapping reset() const;
    // Show exactly [startMs, endMs] (clamped; at least minimumSpanMs()).
    TimelineMapping showing(double startMs, double endMs) const;

    // "Nice" tick step (1, 2 or 5 × 10^k ms, at least 1 ms) so that ticks are at least
    // `minSpacingPx` apart; and the tick times inside the view for that step.
    qint64 tickStep(int minSpacingPx) const;
    QList<qint64> ticks(int minSpacingPx) const;

    static constexpr double minimumSpanMs() { return 10.0; }

    friend bool operator==(const TimelineMapping &a, const TimelineMapping &b) = default;

private:
    void clampView();

    qint64 m_rangeStart = 0;
    qint64 m_rangeEnd = 1000;
    double m_viewStart = 0;
    double m_viewEnd = 1000;
    int m_width = 100;
};

} // namespace mrp
