// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/shardfiltermodel.h"

#include "views/shardtablemodel.h"

namespace mrp {

ShardFilterModel::ShardFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ShardTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ShardFilterModel::setStates(const QSet<ShardState> &states)
{
    if (states == m_states)
        return;
    m_states = states;
    invalidateRowsFilter();
}

void ShardFilterModel::setIdFilter(const QString &text)
{
    if (text == m_idFilter)
        return;
    m_idFilter = text;
    invalidateRowsFilter();
}

void ShardFilterModel::setSourceModel(QAbstractItemModel *source)
{
    m_shards = qobject_cast<ShardTableModel *>(source);
    QSortFilterProxyModel::setSourceModel(source);
}

void ShardFilterModel::sort(int column, Qt::SortOrder order)
{
    // The rows of a ShardTableModel are in shard-index order: "by id, ascending" is the source
    // order, no need to sort 100,000 rows for it (on every reset, too).
    if (m_shards && column == ShardTableModel::IdColumn && order == Qt::AscendingOrder) {
        QSortFilterProxyModel::sort(-1, order);
        return;
    }
    QSortFilterProxyModel::sort(column, order);
}

bool ShardFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_states.isEmpty() && m_idFilter.isEmpty())
        return true;
    if (m_shards && !sourceParent.isValid()) {
        // Direct, no QVariant: a reset of 100,000 rows filters every one of them.
        const ShardTimeline &s = m_shards->shard(sourceRow);
        if (!m_states.isEmpty() && !m_states.contains(s.state))
            return false;
        return m_idFilter.isEmpty() || s.id.contains(m_idFilter, Qt::CaseInsensitive);
    }
    const QModelIndex idx = sourceModel()->index(sourceRow, ShardTableModel::IdColumn, sourceParent);
    if (!m_states.isEmpty()) {
        const auto state = idx.data(ShardTableModel::ShardStateRole).value<ShardState>();
        if (!m_states.contains(state))
            return false;
    }
    if (!m_idFilter.isEmpty() && !idx.data(ShardTableModel::ShardIdRole).toString().contains(m_idFilter, Qt::CaseInsensitive))
        return false;
    return true;
}

bool ShardFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_shards || sortRole() != ShardTableModel::SortRole || left.model() != m_shards || right.model() != m_shards
        || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    // The same order as ShardTableModel::SortRole gives, without two QVariants per comparison
    // (sorting 100,000 rows makes ~1.7 million of them).
    const ShardTimeline &a = m_shards->shard(left.row());
    const ShardTimeline &b = m_shards->shard(right.row());
    const qint64 now = m_shards->now();
    switch (ShardTableModel::Column(left.column())) {
    case ShardTableModel::IdColumn:
        return a.index < b.index;
    case ShardTableModel::StateColumn:
        return int(a.state) < int(b.state);
    case ShardTableModel::RecordsColumn:
        return a.recordCount < b.recordCount;
    case ShardTableModel::AttemptsColumn:
        return a.attempts.size() < b.attempts.size();
    case ShardTableModel::DurationColumn:
        return a.durationMs(now) < b.durationMs(now);
    case ShardTableModel::CostColumn:
        return a.costUsd < b.costUsd;
    case ShardTableModel::TimelineColumn:
        return a.startMs() < b.startMs();
    case ShardTableModel::ColumnCount:
        break;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace mrp
