// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "shardtimeline.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace mrp {

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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<ShardState> m_states;
    QString m_idFilter;
};

} // namespace mrp
