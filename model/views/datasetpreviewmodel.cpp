// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/datasetpreviewmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mrp {

namespace {
const QString &valueColumn()
{
    static const QString name = QStringLiteral("value");
    return name;
}
} // namespace

DatasetPreviewModel::DatasetPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int DatasetPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int DatasetPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

Qt::ItemFlags DatasetPreviewModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString DatasetPreviewModel::compactJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        return QString();
    }
    return QString();
}

QVariant DatasetPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonValue &rec = m_records.at(index.row());
    const QString &column = m_columns.at(index.column());
    QJsonValue cell;
    if (rec.isObject())
        cell = rec.toObject().value(column);
    else if (column == valueColumn())
        cell = rec;
    switch (role) {
    case Qt::DisplayRole: {
        QString text = compactJson(cell);
        if (text.size() > 200)
            text = text.left(200) + QChar(0x2026);
        return text;
    }
    case Qt::ToolTipRole:
        if (cell.isObject() || cell.isArray())
            return QString::fromUtf8(cell.isObject() ? QJsonDocument(cell.toObject()).toJson() : QJsonDocument(cell.toArray()).toJson());
        return compactJson(cell);
    case Qt::AccessibleTextRole:
        return tr("%1: %2").arg(column, compactJson(cell));
    case RecordRole:
        return QVariant::fromValue(rec);
    case LineRole:
        return m_lines.value(index.row(), 0);
    default:
        return {};
    }
}

QVariant DatasetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return m_columns.value(section);
    const qint64 line = m_lines.value(section, 0);
    return line > 0 ? QString::number(line) : QString::number(section + 1);
}

void DatasetPreviewModel::clear()
{
    beginResetModel();
    m_records.clear();
    m_lines.clear();
    m_columns.clear();
    m_hasNonObject = false;
    endResetModel();
}

void DatasetPreviewModel::appendRecords(const QList<QJsonValue> &records, const QList<qint64> &lines)
{
    if (records.isEmpty())
        return;
    QStringList newColumns;
    for (const QJsonValue &r : records) {
        if (r.isObject()) {
            const QJsonObject o = r.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (!m_columns.contains(it.key()) && !newColumns.contains(it.key()))
                    newColumns.append(it.key());
            }
        } else if (!m_columns.contains(valueColumn()) && !newColumns.contains(valueColumn())) {
            newColumns.append(valueColumn());
        }
    }
    if (!newColumns.isEmpty()) {
        beginInsertColumns({}, int(m_columns.size()), int(m_columns.size() + newColumns.size() - 1));
        m_columns += newColumns;
        endInsertColumns();
    }
    beginInsertRows({}, int(m_records.size()), int(m_records.size() + records.size() - 1));
    for (int i = 0; i < records.size(); ++i) {
        m_records.append(records.at(i));
        m_lines.append(lines.value(i, 0));
    }
    endInsertRows();
}

} // namespace mrp
