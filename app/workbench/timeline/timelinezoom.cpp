// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "timeline/timelinezoom.h"

namespace mrp {

TimelineZoom::TimelineZoom(QObject *parent)
    : QObject(parent)
    , m_mapping(0, 1000, 100)
{
}

void TimelineZoom::setMapping(const TimelineMapping &m)
{
    if (m == m_mapping)
        return;
    m_mapping = m;
    Q_EMIT changed();
}

void TimelineZoom::setRange(qint64 startMs, qint64 endMs)
{
    setMapping(m_mapping.withRange(startMs, endMs));
}

void TimelineZoom::setWidth(int widthPx)
{
    setMapping(m_mapping.withWidth(widthPx));
}

void TimelineZoom::zoomBy(double factor, double anchorX)
{
    setMapping(m_mapping.zoomedBy(factor, anchorX));
}

void TimelineZoom::zoomIn()
{
    zoomBy(1.5, m_mapping.width() / 2.0);
}

void TimelineZoom::zoomOut()
{
    zoomBy(1 / 1.5, m_mapping.width() / 2.0);
}

void TimelineZoom::panBy(double dxPx)
{
    setMapping(m_mapping.pannedBy(dxPx));
}

void TimelineZoom::reset()
{
    setMapping(m_mapping.reset());
}

} // namespace mrp
