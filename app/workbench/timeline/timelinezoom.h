// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "views/timelinemapping.h"

#include <QObject>

namespace mrp {

// The one zoom/pan state shared by the timeline's delegate (segments) and its header (axis).
// Holds a TimelineMapping; every change emits changed(). While not zoomed the view follows the
// growing range of a live run. GUI thread only.
class TimelineZoom : public QObject
{
    Q_OBJECT
public:
    explicit TimelineZoom(QObject *parent = nullptr);

    const TimelineMapping &mapping() const { return m_mapping; }
    // The mapping for a column `widthPx` wide (the delegate and header call this while painting).
    TimelineMapping mappingForWidth(int widthPx) const { return m_mapping.withWidth(widthPx); }

    void setRange(qint64 startMs, qint64 endMs);
    void setWidth(int widthPx);
    // Zoom around pixel x of the column (factor > 1 zooms in).
    void zoomBy(double factor, double anchorX);
    void zoomIn();   // around the centre
    void zoomOut();
    void panBy(double dxPx);
    void reset();

Q_SIGNALS:
    void changed();

private:
    void setMapping(const TimelineMapping &m);
    TimelineMapping m_mapping;
};

} // namespace mrp
