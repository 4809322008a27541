// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QTreeView>

namespace mrp {

class TimeAxisHeaderView;
class TimelineDelegate;
class TimelineZoom;

// The per-shard timeline: a flat QTreeView over a ShardTableModel (or a proxy of it) whose
// timeline column is painted by TimelineDelegate under a TimeAxisHeaderView; both share one
// TimelineZoom.
//
// Zoom and pan: Ctrl+wheel zooms around the mouse, Shift+wheel (or a horizontal wheel) pans,
// dragging in the timeline column pans; keys + and - zoom, Left/Right pan, 0 shows everything.
// Up/Down and Page keys move between shards as in any list.
class TimelineView : public QTreeView
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    TimelineZoom *zoom() const { return m_zoom; }
    TimelineDelegate *timelineDelegate() const { return m_delegate; }
    int timelineColumn() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    double columnX(double viewportX) const;
    bool inTimelineColumn(double viewportX) const;

    TimelineZoom *m_zoom;
    TimelineDelegate *m_delegate;
    TimeAxisHeaderView *m_header;
    bool m_dragging = false;
    bool m_pressed = false;
    QPointF m_lastPos;
    QPointF m_pressPos;
};

} // namespace mrp
