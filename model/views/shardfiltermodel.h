// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/shardtimeline.h"

#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>

namespace mrp {

class ShardTableModel;

// Filters a ShardTableModel by shard state (and by a substring of the shard id) and sorts
// each column by its natural value (ShardTableModel::SortRole: durations as numbers).
// GUI thread only; dynamic sort/filter follows live updates of the source.
class ShardFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ShardFilterModel(QObject *parent = nullptr);

    // Empty set = every state is shown.
    void setStates(const QSet<ShardState> &states);
    QSet<ShardState> states() const { return m_states; }
    void setIdFilter(const QString &text);

    // Over a ShardTableModel, filtering and sorting read its rows directly (same results as
    // through ShardStateRole / SortRole, without QVariants); any other source goes by roles.
    void setSourceModel(QAbstractItemModel *source) override;
    // By IdColumn ascending over a ShardTableModel = the source order (no sort is run).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QPointer<ShardTableModel> m_shards;
    QSet<ShardState> m_states;
    QString m_idFilter;
};

} // namespace mrp
