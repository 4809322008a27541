// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "timeline/timeaxisheaderview.h"

#include "timeline/timelinezoom.h"

#include <QLocale>
#include <QPainter>

#include <limits>

namespace mrp {

QString formatAxisTime(qint64 ms, qint64 stepMs)
{
    if (stepMs < 1000 && ms < 1000)
        return TimeAxisHeaderView::tr("%1 ms").arg(ms);
    if (ms < 60'000) {
        const int decimals = stepMs < 1000 ? (stepMs < 100 ? 2 : 1) : 0;
        return TimeAxisHeaderView::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', decimals));
    }
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

TimeAxisHeaderView::TimeAxisHeaderView(TimelineZoom *zoom, int timelineColumn, QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
    , m_zoom(zoom)
    , m_timelineColumn(timelineColumn)
{
    setStretchLastSection(true);
    setSectionsClickable(true);
    setHighlightSections(false);
    connect(zoom, &TimelineZoom::changed, this, [this] { viewport()->update(); });
    connect(this, &QHeaderView::sectionResized, this, [this](int logical, int, int newSize) {
        if (logical == m_timelineColumn)
            m_zoom->setWidth(newSize);
    });
}

QSize TimeAxisHeaderView::sizeHint() const
{
    QSize s = QHeaderView::sizeHint();
    s.setHeight(std::max(s.height(), fontMetrics().height() * 2 + 12));
    return s;
}

void TimeAxisHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    if (logicalIndex != m_timelineColumn) {
        QHeaderView::paintSection(painter, rect, logicalIndex);
        return;
    }
    // Background and frame as any section, but without its title: the axis is the title.
    painter->save();
    QStyleOptionHeader opt;
    initStyleOption(&opt);
    opt.rect = rect;
    opt.section = logicalIndex;
    opt.text.clear();
    style()->drawControl(QStyle::CE_Header, &opt, painter, this);
    painter->restore();

    const TimelineMapping map = m_zoom->mappingForWidth(rect.width());
    const QFontMetrics fm = fontMetrics();
    // Ticks at a nice step (1, 2 or 5 x 10^n ms) at least as far apart as the widest label they
    // get plus a gap. The labels depend on the step ("1.5 s" vs "2 s"), so measure, widen, repeat.
    const int gap = fm.horizontalAdvance(QStringLiteral("  ")) + 4;
    int spacing = fm.horizontalAdvance(QStringLiteral("0:00")) + gap;
    qint64 step = map.tickStep(spacing);
    QList<qint64> ticks = map.ticks(spacing);
    for (int round = 0; round < 6; ++round) {
        int widest = 0;
        for (const qint64 t : std::as_const(ticks))
            widest = std::max(widest, fm.horizontalAdvance(formatAxisTime(t, step)));
        if (widest + gap <= spacing)
            break;
        spacing = widest + gap;
        step = map.tickStep(spacing);
        ticks = map.ticks(spacing);
    }
    const QColor tick = palette().color(QPalette::WindowText);
    painter->save();
    painter->setClipRect(rect);
    painter->setPen(tick);
    const int fh = fm.height();
    int lastRight = std::numeric_limits<int>::min();
    for (const qint64 t : std::as_const(ticks)) {
        const int x = rect.x() + int(map.xForTime(double(t)));
        painter->drawLine(x, rect.bottom() - 5, x, rect.bottom());
        const QString text = formatAxisTime(t, step);
        const int w = fm.horizontalAdvance(text);
        QRect label(x - w / 2, rect.bottom() - 6 - fh, w, fh);
        // Labels at the ends are pulled inside the section.
        if (label.left() < rect.left() + 2)
            label.moveLeft(rect.left() + 2);
        else if (label.right() > rect.right() - 2)
            label.moveRight(rect.right() - 2);
        // ...which may bring one next to its neighbour: then that label is left out.
        if (label.left() < lastRight + gap / 2)
            continue;
        painter->drawText(label, Qt::AlignCenter, text);
        lastRight = label.right();
    }
    // The zoom window, as a caption line above the ticks.
    QString caption = tr("Timeline");
    if (map.isZoomed()) {
        caption = tr("Timeline, %1 to %2 (zoomed; press 0 to show all)")
                      .arg(formatAxisTime(qint64(map.viewStart()), step), formatAxisTime(qint64(map.viewEnd()), step));
    }
    painter->drawText(rect.adjusted(4, 2, -4, 0), Qt::AlignLeft | Qt::AlignTop, caption);
    painter->restore();
}

} // namespace mrp
