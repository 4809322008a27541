// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QAbstractTableModel>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace mrp {

// The first records of a dataset as a table: one row per record, one column per top-level key
// (in first-seen order) for object records, a single "value" column otherwise. Records arrive
// in batches (appendRecords) from a streaming reader on a worker thread; the model itself is
// GUI-thread only. Cells show compact JSON; the tooltip shows it indented.
class DatasetPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        RecordRole = Qt::UserRole + 1,   // QJsonValue of the whole record
        LineRole,                        // qint64 source line (0 = unknown)
    };

    explicit DatasetPreviewModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void clear();
    // Appends records (with their source lines; `lines` may be empty). New keys add columns.
    void appendRecords(const QList<QJsonValue> &records, const QList<qint64> &lines = {});
    QStringList columns() const { return m_columns; }
    static QString compactJson(const QJsonValue &v);

private:
    QList<QJsonValue> m_records;
    QList<qint64> m_lines;
    QStringList m_columns;
    bool m_hasNonObject = false;
};

} // namespace mrp
