// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "timeline/timelinedelegate.h"

#include "views/shardtablemodel.h"
#include "timeline/timelinezoom.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace mrp {

TimelineDelegate::TimelineDelegate(TimelineZoom *zoom, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_zoom(zoom)
    , m_colors(TimelineColors::fromPalette(QApplication::palette()))
{
}

void TimelineDelegate::setPalette(const QPalette &palette)
{
    m_colors = TimelineColors::fromPalette(palette);
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 200));
    return s;
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Background and selection the way the style draws any cell. initStyleOption() is skipped
    // on purpose: this column has no text or icon, and asking the model for a dozen roles per
    // row is most of the cost of a frame with 100,000 shards.
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);

    const QRect rect = option.rect;
    const TimelineMapping map = m_zoom->mappingForWidth(rect.width());
    // Implicitly shared: a reference count, not a deep copy.
    const auto attempts = index.data(ShardTableModel::AttemptsRole).value<QList<ShardAttempt>>();
    const qint64 now = index.data(ShardTableModel::NowRole).toLongLong();

    painter->save();
    painter->setClipRect(rect);
    painter->translate(rect.topLeft());

    // Grid: the same ticks the axis header draws, faint.
    painter->setPen(m_colors.grid);
    if (!(m_tickCacheMapping == map)) {
        m_tickCacheMapping = map;
        m_tickCache = map.ticks(90);
    }
    for (const qint64 t : std::as_const(m_tickCache)) {
        const int x = int(map.xForTime(double(t)));
        painter->drawLine(x, 0, x, rect.height());
    }

    const int pad = std::max(2, rect.height() / 6);
    const int top = pad;
    const int h = rect.height() - 2 * pad;
    const int attemptCount = int(attempts.size());
    for (int ai = 0; ai < attemptCount; ++ai) {
        const ShardAttempt &a = attempts.at(ai);
        const bool failed = a.finished && a.errorClass != ErrorClass::None && a.errorClass != ErrorClass::Cancelled;
        const bool cancelled = a.finished && a.errorClass == ErrorClass::Cancelled;
        // Earlier (superseded) attempts are drawn thinner, so the winning one stands out.
        const bool superseded = ai < attemptCount - 1;
        const int segTop = superseded ? top + h / 4 : top;
        const int segH = superseded ? h / 2 : h;
        int lastX = -1;
        int firstX = -1;
        for (const PhaseSpan &p : a.phases) {
            const qint64 end = p.isOpen() ? std::max(now, p.startMs) : p.endMs;
            if (!map.isVisible(double(p.startMs), double(end)))
                continue;
            const double x1 = std::max(-1.0, map.xForTime(double(p.startMs)));
            const double x2 = std::min(double(rect.width()) + 1, map.xForTime(double(end)));
            const int ix1 = int(x1);
            const int ix2 = std::max(ix1 + 1, int(x2 + 0.5));
            if (firstX < 0)
                firstX = ix1;
            QColor c = m_colors.forPhase(p.phase);
            if (p.isOpen())
                c = m_colors.dark ? c.lighter(125) : c.lighter(115);
            painter->fillRect(QRect(ix1, segTop, ix2 - ix1, segH), c);
            if (ix2 - ix1 > 3 && p.phase != ShardPhase::Queue) {
                painter->setPen(m_colors.outline);
                painter->drawLine(ix1, segTop, ix1, segTop + segH - 1);
            }
            lastX = ix2;
        }
        if (lastX < 0)
            continue;
        if (failed) {
            painter->fillRect(QRect(lastX - 3, top - pad / 2, 3, h + pad), m_colors.failed);
        } else if (cancelled) {
            QBrush hatch(m_colors.cancelled, Qt::BDiagPattern);
            painter->fillRect(QRect(firstX, segTop, std::max(2, lastX - firstX), segH), hatch);
            painter->fillRect(QRect(lastX - 2, top - pad / 2, 2, h + pad), m_colors.cancelled);
        }
        if (ai > 0 && firstX >= 0) {
            // Retry boundary: a short tick above the row.
            painter->setPen(QPen(m_colors.text, 1));
            painter->drawLine(firstX, 0, firstX, top);
        }
    }
    painter->restore();

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.backgroundColor = option.palette.color(QPalette::Base);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

QString TimelineDelegate::toolTipAt(const QModelIndex &index, double tMs, double msPerPixel)
{
    const auto attempts = index.data(ShardTableModel::AttemptsRole).value<QList<ShardAttempt>>();
    const qint64 now = index.data(ShardTableModel::NowRole).toLongLong();
    const QString shardId = index.data(ShardTableModel::ShardIdRole).toString();
    // Thin segments are hard to hit: accept a couple of pixels of slack.
    const double slack = 2 * msPerPixel;
    for (int ai = int(attempts.size()) - 1; ai >= 0; --ai) {
        const ShardAttempt &a = attempts.at(ai);
        for (const PhaseSpan &p : a.phases) {
            const qint64 end = p.isOpen() ? std::max(now, p.startMs) : p.endMs;
            if (tMs < p.startMs - slack || tMs > end + slack)
                continue;
            QString text = ShardTableModel::tr("Shard %1, attempt %2 of %3").arg(shardId).arg(ai + 1).arg(attempts.size());
            text += QLatin1Char('\n');
            if (p.isOpen()) {
                text += ShardTableModel::tr("%1: running for %2 (since %3)")
                            .arg(ShardTableModel::phaseName(p.phase), ShardTableModel::formatDuration(end - p.startMs),
                                 ShardTableModel::formatDuration(p.startMs));
            } else {
                text += ShardTableModel::tr("%1: %2 (from %3 to %4)")
                            .arg(ShardTableModel::phaseName(p.phase), ShardTableModel::formatDuration(end - p.startMs),
                                 ShardTableModel::formatDuration(p.startMs), ShardTableModel::formatDuration(end));
            }
            if (a.finished) {
                text += QLatin1Char('\n');
                if (a.errorClass == ErrorClass::None)
                    text += ShardTableModel::tr("Finished with exit code %1.").arg(a.exitCode);
                else if (a.errorClass == ErrorClass::Cancelled)
                    text += ShardTableModel::tr("Cancelled.");
                else
                    text += ShardTableModel::tr("Failed with %1 (exit code %2): %3")
                                .arg(errorClassName(a.errorClass))
                                .arg(a.exitCode)
                                .arg(a.message);
            }
            return text;
        }
    }
    return {};
}

bool TimelineDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const TimelineMapping map = m_zoom->mappingForWidth(option.rect.width());
    const double t = map.timeForX(event->pos().x() - option.rect.x());
    QString text = toolTipAt(index, t, map.msPerPixel());
    if (text.isEmpty())
        text = index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(event->globalPos(), text, view->viewport(), option.rect);
    return true;
}

} // namespace mrp
