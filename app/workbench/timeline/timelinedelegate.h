// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "timeline/timelinecolors.h"
#include "views/timelinemapping.h"

#include <QStyledItemDelegate>

namespace mrp {

class TimelineZoom;

// Paints the timeline column of a ShardTableModel row: one segment per phase of every attempt
// (queue, create, upload, exec, download), failed attempts with a red end mark, cancels
// hatched, retries separated; and shows a tooltip for the phase under the mouse (times, exit
// code, error). Only paints: the time<->pixel mapping comes from the shared TimelineZoom.
class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    TimelineDelegate(TimelineZoom *zoom, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The view calls this on PaletteChange (delegates get no events of their own).
    void setPalette(const QPalette &palette);
    const TimelineColors &colors() const { return m_colors; }

    // The tooltip text for time `tMs` in that row (empty when nothing is there).
    static QString toolTipAt(const QModelIndex &index, double tMs, double msPerPixel);

private:
    TimelineZoom *m_zoom;
    TimelineColors m_colors;
    // Grid ticks of the last mapping painted: every row of a frame shares them.
    mutable TimelineMapping m_tickCacheMapping;
    mutable QList<qint64> m_tickCache;
};

} // namespace mrp
