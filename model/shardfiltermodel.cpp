// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "shardfiltermodel.h"

#include "shardtablemodel.h"

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

bool ShardFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
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

} // namespace mrp
