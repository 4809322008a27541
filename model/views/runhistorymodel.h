// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace mrp {

struct RunRecord;

// One past run as the History page lists it (a value; cheap to build from a run record).
struct RunHistoryEntry {
    QString runId;
    QString jobName;
    QString status;               // ok | failed | cancelled | refused | ...
    QString backend;
    QDateTime createdAt;
    QDateTime finishedAt;
    QString profile;
    int shards = 0;
    int done = 0;
    int failed = 0;
    double costUsd = 0;
    QString runJsonPath;          // where the record is, when known

    static RunHistoryEntry fromRecord(const RunRecord &record, const QString &runJsonPath = {});
};

// The History page's table of runs, newest first. GUI thread only; setRuns() replaces all.
class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, JobColumn, StatusColumn, StartedColumn, DurationColumn, ShardsColumn, CostColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, RunJsonPathRole, SortRole };

    explicit RunHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void setRuns(QList<RunHistoryEntry> runs);
    void removeRun(const QString &runId);
    const QList<RunHistoryEntry> &runs() const { return m_runs; }
    int rowOf(const QString &runId) const;
    // A run's status ("ok", "failed", "cancelled", … as stored) as the user reads it.
    static QString statusLabel(const QString &status);

private:
    QList<RunHistoryEntry> m_runs;
};

} // namespace mrp
