// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/shardtimeline.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QTimer>

#include <vector>

namespace mrp {

// One row per shard of a run: its state, attempts and phase spans (the Run page's timeline and
// shard table both show this model, usually through a ShardFilterModel).
//
// Threading: GUI thread only. Feed it from the engine's signals (replaceShard, setNow); the
// model coalesces changes and emits dataChanged for the affected rows
// at most once per flushInterval() (default 100 ms) — call flush() to emit right away.
// resetShards() (a new run, or a finished run opened from the store) is the only reset.
// "Now" moving forward is not a row change: setNow() leads to one nowChanged() at the next
// flush (when a span is open), never a dataChanged over every open row — with 100,000 queued
// shards that cost a proxy pass over all rows per tick. Views repaint their viewport on
// nowChanged() (only visible rows are read); a sort by duration places an open row anew when
// the row itself changes.
class ShardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        StateColumn,
        RecordsColumn,
        AttemptsColumn,
        DurationColumn,
        CostColumn,
        TimelineColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        ShardStateRole = Qt::UserRole + 1,  // ShardState
        ShardIdRole,                        // QString
        ShardIndexRole,                     // int, 0-based
        StartTimeRole,                      // qint64 ms since run start, -1 if not started
        EndTimeRole,                        // qint64 ms (now while running), -1 if not started
        DurationRole,                       // qint64 ms
        AttemptsRole,                       // QList<ShardAttempt>
        PhasesRole,                         // QList<PhaseSpan> of the latest attempt
        ExitCodeRole,                       // int, of the latest finished attempt (-1 none)
        ErrorClassRole,                     // ErrorClass of the latest attempt
        ErrorMessageRole,                   // QString
        RangeStartRole,                     // qint64: the run's time range (same for every row)
        RangeEndRole,                       // qint64
        NowRole,                            // qint64: "now" for open spans
        SortRole,                           // a number or string that sorts the column naturally
    };
    Q_ENUM(Role)

    explicit ShardTableModel(QObject *parent = nullptr);
    ~ShardTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces every row (beginResetModel/endResetModel). Rows are kept in `index` order.
    void resetShards(QList<ShardTimeline> shards, qint64 nowMs = 0);
    void clear();
    const ShardTimeline &shard(int row) const { return m_shards.at(row); }
    const QList<ShardTimeline> &shards() const { return m_shards; }

    // A live update: the row `shard.index` becomes `shard` (as the scheduler reports it, through
    // shardTimelineFromRecord) and is marked dirty; out-of-range rows are ignored.
    void replaceShard(const ShardTimeline &shard);
    // Moves "now" forward (open spans grow up to it) and widens the time range.
    void setNow(qint64 nowMs);
    qint64 now() const { return m_now; }
    int openRowCount() const { return int(m_openRows.size()); }

    qint64 rangeStart() const { return 0; }
    qint64 rangeEnd() const;
    int countInState(ShardState s) const;
    double totalCost() const { return m_totalCost; }

    int flushInterval() const { return m_flushTimer.interval(); }
    void setFlushInterval(int ms) { m_flushTimer.setInterval(ms); }
    void flush();

    // "1.2 s", "3 min 04 s", "850 ms" — the duration formatting shared by the Run page.
    static QString formatDuration(qint64 ms);
    static QString stateName(ShardState s);
    static QString phaseName(ShardPhase p);

Q_SIGNALS:
    // After a flush that changed rows, the time range or the counts.
    void rangeChanged(qint64 startMs, qint64 endMs);
    void countsChanged();
    // After a flush that follows setNow() while some span is open: open spans end at nowMs now.
    void nowChanged(qint64 nowMs);

private:
    void markDirty(int row);
    void setStateInternal(ShardTimeline &s, ShardState state);
    QString accessibleSummary(const ShardTimeline &s) const;
    QString accessibleDetails(const ShardTimeline &s) const;
    QString toolTip(const ShardTimeline &s) const;

    QList<ShardTimeline> m_shards;
    QSet<int> m_openRows;          // rows with a phase still running
    std::vector<int> m_dirtyRows;
    std::vector<bool> m_isDirty;
    int m_stateCounts[int(ShardState::Cancelled) + 1] = {};  // ShardState is dense, Cancelled last
    qint64 m_now = 0;
    qint64 m_maxEnd = 0;
    qint64 m_emittedRangeEnd = -1;
    double m_totalCost = 0;
    bool m_countsDirty = false;
    bool m_nowDirty = false;
    QTimer m_flushTimer;
};

} // namespace mrp
