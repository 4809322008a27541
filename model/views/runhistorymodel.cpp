// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/runhistorymodel.h"

#include "record/runrecord.h"
#include "views/shardtablemodel.h"

#include <QLocale>

#include <algorithm>

namespace mrp {

RunHistoryEntry RunHistoryEntry::fromRecord(const RunRecord &record, const QString &runJsonPath)
{
    RunHistoryEntry s;
    s.runId = record.runId;
    s.jobName = record.jobName;
    s.status = record.status;
    s.backend = record.backend;
    s.createdAt = record.createdAt;
    s.finishedAt = record.finishedAt;
    s.shards = int(record.shards.size());
    s.done = record.countInState(ShardState::Done);
    s.failed = record.countInState(ShardState::Failed);
    s.costUsd = record.costActualUsd;
    s.runJsonPath = runJsonPath;
    return s;
}

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString RunHistoryModel::statusLabel(const QString &status)
{
    //: status of a run in History
    if (status == u"ok")
        return tr("ok");
    if (status == u"failed")
        return tr("failed");
    if (status == u"invalid")
        return tr("invalid");
    if (status == u"refused")
        return tr("refused");
    if (status == u"infrastructure")
        return tr("infrastructure");
    if (status == u"cancelled")
        return tr("cancelled");
    if (status == u"running")
        return tr("running");
    if (status == u"interrupted")   // recorded as running, its process gone
        return tr("interrupted");
    return status;
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags RunHistoryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunHistoryEntry &r = m_runs.at(index.row());
    const qint64 duration = r.createdAt.isValid() && r.finishedAt.isValid() ? r.createdAt.msecsTo(r.finishedAt) : -1;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (Column(index.column())) {
        case IdColumn:
            return r.runId;
        case JobColumn:
            return r.jobName;
        case StatusColumn:
            return statusLabel(r.status);
        case StartedColumn:
            return QLocale().toString(r.createdAt.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn:
            return ShardTableModel::formatDuration(duration);
        case ShardsColumn:
            return tr("%1 of %2 done, %3 failed").arg(r.done).arg(r.shards).arg(r.failed);
        case CostColumn:
            return QLocale().toString(r.costUsd, 'f', 4);
        case ColumnCount:
            break;
        }
        return {};
    case SortRole:
        switch (Column(index.column())) {
        case StartedColumn:
            return r.createdAt;
        case DurationColumn:
            return duration;
        case ShardsColumn:
            return r.shards;
        case CostColumn:
            return r.costUsd;
        case IdColumn:
        case JobColumn:
        case StatusColumn:
        case ColumnCount:
            return data(index, Qt::DisplayRole);
        }
        return {};
    case RunIdRole:
        return r.runId;
    case RunJsonPathRole:
        return r.runJsonPath;
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("Run");
    case JobColumn:
        return tr("Job");
    case StatusColumn:
        return tr("Status");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case ShardsColumn:
        return tr("Shards");
    case CostColumn:
        return tr("Cost (USD)");
    case ColumnCount:
        break;
    }
    return {};
}

void RunHistoryModel::setRuns(QList<RunHistoryEntry> runs)
{
    std::sort(runs.begin(), runs.end(), [](const RunHistoryEntry &a, const RunHistoryEntry &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.runId > b.runId;
    });
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunHistoryModel::rowOf(const QString &runId) const
{
    for (int i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).runId == runId)
            return i;
    }
    return -1;
}

void RunHistoryModel::removeRun(const QString &runId)
{
    const int row = rowOf(runId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_runs.removeAt(row);
    endRemoveRows();
}

} // namespace mrp
