// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "chartswidget.h"

#include "views/shardtablemodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace mrp {

HistogramBuckets histogramBuckets(qint64 minMs, qint64 maxMs, int maxBuckets)
{
    // A round width (1, 2 or 5 × 10^k ms) that needs at most maxBuckets buckets, starting at
    // a multiple of it: every bucket start differs at the precision of its label.
    const qint64 span = std::max<qint64>(0, maxMs - minMs);
    qint64 width = 1;
    for (qint64 magnitude = 1;; magnitude *= 10) {
        bool found = false;
        for (const qint64 m : {1, 2, 5}) {
            width = m * magnitude;
            const qint64 start = (minMs / width) * width;
            if ((maxMs - start) / width + 1 <= maxBuckets) {
                found = true;
                break;
            }
        }
        if (found || magnitude > span)
            break;
    }
    HistogramBuckets h;
    h.widthMs = width;
    h.startMs = (minMs / width) * width;
    h.count = int((maxMs - h.startMs) / width + 1);
    return h;
}

QString HistogramBuckets::label(int bucket) const
{
    const qint64 start = startMs + bucket * widthMs;
    // As many decimals of a second as the width needs: 5 ms -> 3, 20 ms -> 2, 500 ms -> 1.
    const int decimals = widthMs % 1000 == 0 ? 0 : widthMs % 100 == 0 ? 1 : widthMs % 10 == 0 ? 2 : 3;
    return QLocale().toString(start / 1000.0, 'f', decimals);
}

ChartsWidget::ChartsWidget(QWidget *parent)
    : QWidget(parent)
    , m_histogram(new QChartView(this))
    , m_throughput(new QChartView(this))
{
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_throughput->setRenderHint(QPainter::Antialiasing);
    m_histogram->setAccessibleName(tr("Shard duration histogram"));
    m_throughput->setAccessibleName(tr("Throughput over time"));
    m_histogram->setFocusPolicy(Qt::StrongFocus);
    m_throughput->setFocusPolicy(Qt::StrongFocus);

    auto *exportHist = new QPushButton(tr("Export Histogram as PNG…"), this);
    auto *exportThroughput = new QPushButton(tr("Export Throughput as PNG…"), this);
    connect(exportHist, &QPushButton::clicked, this, [this] { exportInteractively(0); });
    connect(exportThroughput, &QPushButton::clicked, this, [this] { exportInteractively(1); });

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_histogram);
    charts->addWidget(m_throughput);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(exportHist);
    buttons->addWidget(exportThroughput);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addLayout(buttons);
    refresh({}, 0);
}

void ChartsWidget::refresh(const QList<ShardTimeline> &shards, qint64 nowMs)
{
    QList<qint64> durations;
    QList<qint64> ends;
    for (const ShardTimeline &s : shards) {
        if (s.state != ShardState::Done && s.state != ShardState::Failed)
            continue;
        durations.append(s.busyMs(nowMs));   // queue time is the scheduler's, not the shard's
        ends.append(s.endMs(nowMs));
    }

    // Histogram: up to 12 equal-width buckets between the shortest and longest duration.
    auto *hist = new QChart;
    hist->setTitle(tr("Shard durations"));
    hist->legend()->hide();
    auto *set = new QBarSet(tr("Shards"));
    QStringList categories;
    int maxCount = 1;
    if (!durations.isEmpty()) {
        const auto [minIt, maxIt] = std::minmax_element(durations.cbegin(), durations.cend());
        const HistogramBuckets h = histogramBuckets(*minIt, *maxIt, 10);
        QList<int> counts(h.count, 0);
        for (const qint64 d : std::as_const(durations))
            ++counts[std::clamp<int>(int((d - h.startMs) / h.widthMs), 0, h.count - 1)];
        for (int b = 0; b < h.count; ++b) {
            *set << counts.at(b);
            maxCount = std::max(maxCount, counts.at(b));
            categories << h.label(b);
        }
    }
    m_histogramBars = int(categories.size());
    auto *bars = new QBarSeries;
    bars->append(set);
    hist->addSeries(bars);
    auto *cat = new QBarCategoryAxis;
    cat->append(categories);
    cat->setTitleText(tr("Time in a sandbox in seconds (bucket start)"));
    cat->setTitleVisible(!categories.isEmpty());   // an empty axis draws its title astray
    hist->addAxis(cat, Qt::AlignBottom);
    bars->attachAxis(cat);
    auto *countAxis = new QValueAxis;
    countAxis->setTitleText(tr("Shards"));
    countAxis->setLabelFormat(QStringLiteral("%d"));
    // Whole numbers only: ticks every 1, 2, 5, 10... shards.
    int step = 1;
    for (int magnitude = 1; maxCount / step > 6; magnitude *= 10) {
        for (const int m : {1, 2, 5}) {
            step = m * magnitude;
            if (maxCount / step <= 6)
                break;
        }
    }
    countAxis->setRange(0, ((maxCount + step - 1) / step) * step);
    countAxis->setTickType(QValueAxis::TicksDynamic);
    countAxis->setTickAnchor(0);
    countAxis->setTickInterval(step);
    hist->addAxis(countAxis, Qt::AlignLeft);
    bars->attachAxis(countAxis);
    QChart *oldHist = m_histogram->chart();
    m_histogram->setChart(hist);
    delete oldHist;

    // Throughput: finished shards per interval, 24 intervals over the run so far.
    auto *tp = new QChart;
    tp->setTitle(tr("Throughput"));
    tp->legend()->hide();
    auto *line = new QLineSeries;
    const qint64 end = std::max<qint64>(nowMs, ends.isEmpty() ? 1 : *std::max_element(ends.cbegin(), ends.cend()));
    const int intervals = 24;
    const double width = std::max(1.0, double(end) / intervals);
    QList<int> perInterval(intervals, 0);
    for (const qint64 e : std::as_const(ends))
        ++perInterval[std::clamp(int(e / width), 0, intervals - 1)];
    int peak = 1;
    for (int i = 0; i < intervals; ++i) {
        const double perSecond = perInterval.at(i) / (width / 1000.0);
        line->append((i + 0.5) * width / 1000.0, perSecond);
        peak = std::max(peak, int(std::ceil(perSecond)));
    }
    tp->addSeries(line);
    auto *timeAxis = new QValueAxis;
    timeAxis->setTitleText(tr("Time since start (s)"));
    timeAxis->setRange(0, end / 1000.0);
    tp->addAxis(timeAxis, Qt::AlignBottom);
    line->attachAxis(timeAxis);
    auto *rateAxis = new QValueAxis;
    rateAxis->setTitleText(tr("Shards per second"));
    rateAxis->setRange(0, peak);
    rateAxis->applyNiceNumbers();
    timeAxis->applyNiceNumbers();
    tp->addAxis(rateAxis, Qt::AlignLeft);
    line->attachAxis(rateAxis);
    QChart *oldTp = m_throughput->chart();
    m_throughput->setChart(tp);
    delete oldTp;
    applyTheme();
}

void ChartsWidget::applyTheme()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (QChartView *v : {m_histogram, m_throughput}) {
        v->chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        v->chart()->setBackgroundBrush(palette().brush(QPalette::Base));
        v->chart()->setTitleBrush(palette().brush(QPalette::Text));
        const auto axes = v->chart()->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsBrush(palette().brush(QPalette::Text));
            axis->setTitleBrush(palette().brush(QPalette::Text));
        }
    }
}

void ChartsWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

bool ChartsWidget::exportPng(int which, const QString &path, QString *error) const
{
    const QChartView *view = which == 0 ? m_histogram : m_throughput;
    const QPixmap pixmap = const_cast<QChartView *>(view)->grab();
    if (!pixmap.save(path, "PNG")) {
        if (error)
            *error = tr("Could not write %1.").arg(path);
        return false;
    }
    return true;
}

void ChartsWidget::exportInteractively(int which)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Plot"), which == 0 ? QStringLiteral("histogram.png") : QStringLiteral("throughput.png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPng(which, path, &error))
        QMessageBox::warning(this, tr("Export Plot"), error);
}

} // namespace mrp
