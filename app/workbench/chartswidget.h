// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/shardtimeline.h"

#include <QWidget>

class QChart;
class QChartView;

namespace mrp {

// Histogram buckets of equal, round width (1, 2 or 5 × 10^k ms) starting at a multiple of the
// width, so that no two buckets share a label.
struct HistogramBuckets {
    qint64 startMs = 0;
    qint64 widthMs = 1;
    int count = 1;
    QString label(int bucket) const;   // the bucket's start in seconds, as precise as the width
};
HistogramBuckets histogramBuckets(qint64 minMs, qint64 maxMs, int maxBuckets);

// The Run page's plots (Qt Charts): a histogram of finished shards' time in a sandbox (queue
// time left out) and the
// throughput (shards finished per interval) over the run. refresh() rebuilds both from a
// snapshot; exportPng() saves one of them.
class ChartsWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsWidget(QWidget *parent = nullptr);

    void refresh(const QList<ShardTimeline> &shards, qint64 nowMs);
    // which: 0 = histogram, 1 = throughput. False (and *error) when the file cannot be written.
    bool exportPng(int which, const QString &path, QString *error = nullptr) const;
    int histogramBarCount() const { return m_histogramBars; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void exportInteractively(int which);
    void applyTheme();

    QChartView *m_histogram;
    QChartView *m_throughput;
    int m_histogramBars = 0;
};

} // namespace mrp
