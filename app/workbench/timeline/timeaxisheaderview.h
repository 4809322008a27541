// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QHeaderView>

namespace mrp {

class TimelineZoom;

// The horizontal header of the timeline view: ordinary sections, except that the timeline
// column shows the time axis (ticks and labels) of the shared TimelineZoom.
class TimeAxisHeaderView : public QHeaderView
{
    Q_OBJECT
public:
    TimeAxisHeaderView(TimelineZoom *zoom, int timelineColumn, QWidget *parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;

private:
    TimelineZoom *m_zoom;
    int m_timelineColumn;
};

// "850 ms", "12 s", "1:30", "1:02:03": compact labels for axis ticks, given the tick step.
QString formatAxisTime(qint64 ms, qint64 stepMs);

} // namespace mrp
