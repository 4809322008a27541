// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "timeline/timelineview.h"

#include "views/shardtablemodel.h"
#include "timeline/timeaxisheaderview.h"
#include "timeline/timelinedelegate.h"
#include "timeline/timelinezoom.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace mrp {

TimelineView::TimelineView(QWidget *parent)
    : QTreeView(parent)
    , m_zoom(new TimelineZoom(this))
    , m_delegate(new TimelineDelegate(m_zoom, this))
    , m_header(new TimeAxisHeaderView(m_zoom, ShardTableModel::TimelineColumn, this))
{
    setHeader(m_header);
    setRootIsDecorated(false);
    setItemsExpandable(false);
    // Uniform heights let the view lay out 100,000 rows without asking each one.
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setItemDelegateForColumn(ShardTableModel::TimelineColumn, m_delegate);
    setMouseTracking(true);
    connect(m_zoom, &TimelineZoom::changed, viewport(), qOverload<>(&QWidget::update));
    setAccessibleName(tr("Shard timeline"));
    setAccessibleDescription(tr("One row per shard. Plus and minus zoom the time axis, left and right pan, 0 shows the whole run."));
    m_delegate->setPalette(palette());
}

int TimelineView::timelineColumn() const
{
    return ShardTableModel::TimelineColumn;
}

void TimelineView::setModel(QAbstractItemModel *model)
{
    QTreeView::setModel(model);
    if (!model)
        return;
    // The timeline has room for the essentials; the shard table shows the rest.
    for (const int c : {int(ShardTableModel::RecordsColumn), int(ShardTableModel::AttemptsColumn), int(ShardTableModel::CostColumn)})
        setColumnHidden(c, true);
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setStretchLastSection(true);
    setColumnWidth(ShardTableModel::IdColumn, fontMetrics().horizontalAdvance(QStringLiteral("shard-000000")) + 24);
    setColumnWidth(ShardTableModel::StateColumn, fontMetrics().horizontalAdvance(QStringLiteral("Provisioning")) + 24);
    setColumnWidth(ShardTableModel::DurationColumn, fontMetrics().horizontalAdvance(QStringLiteral("00 min 00 s")) + 24);
}

double TimelineView::columnX(double viewportX) const
{
    return viewportX - columnViewportPosition(ShardTableModel::TimelineColumn);
}

bool TimelineView::inTimelineColumn(double viewportX) const
{
    const double x = columnX(viewportX);
    return x >= 0 && x < columnWidth(ShardTableModel::TimelineColumn);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const int step = std::max(20, columnWidth(ShardTableModel::TimelineColumn) / 10);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_zoom->zoomIn();
        return;
    case Qt::Key_Minus:
        m_zoom->zoomOut();
        return;
    case Qt::Key_0:
        m_zoom->reset();
        return;
    case Qt::Key_Left:
        m_zoom->panBy(-step);
        return;
    case Qt::Key_Right:
        m_zoom->panBy(step);
        return;
    default:
        break;
    }
    QTreeView::keyPressEvent(event);
}

bool TimelineView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::Wheel: {
        auto *we = static_cast<QWheelEvent *>(event);
        const QPointF pos = we->position();
        if (!inTimelineColumn(pos.x()))
            break;
        const QPoint delta = we->angleDelta();
        if (we->modifiers() & Qt::ControlModifier) {
            const double factor = std::pow(1.0015, delta.y());
            m_zoom->zoomBy(factor, columnX(pos.x()));
            we->accept();
            return true;
        }
        if ((we->modifiers() & Qt::ShiftModifier) || delta.x() != 0) {
            const int d = delta.x() != 0 ? delta.x() : delta.y();
            m_zoom->panBy(-d / 2.0);
            we->accept();
            return true;
        }
        break;
    }
    case QEvent::MouseButtonPress: {
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton && inTimelineColumn(me->position().x())) {
            m_pressed = true;
            m_dragging = false;
            m_pressPos = m_lastPos = me->position();
        }
        break;
    }
    case QEvent::MouseMove: {
        auto *me = static_cast<QMouseEvent *>(event);
        if (m_pressed && (me->buttons() & Qt::LeftButton)) {
            if (!m_dragging && (me->position() - m_pressPos).manhattanLength() > 4) {
                m_dragging = true;
                viewport()->setCursor(Qt::ClosedHandCursor);
            }
            if (m_dragging) {
                m_zoom->panBy(m_lastPos.x() - me->position().x());
                m_lastPos = me->position();
                return true;
            }
        }
        break;
    }
    case QEvent::MouseButtonRelease:
        if (m_dragging) {
            m_dragging = false;
            m_pressed = false;
            viewport()->unsetCursor();
            return true;
        }
        m_pressed = false;
        break;
    default:
        break;
    }
    return QTreeView::viewportEvent(event);
}

void TimelineView::changeEvent(QEvent *event)
{
    QTreeView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_delegate->setPalette(palette());
        viewport()->update();
    }
}

} // namespace mrp
