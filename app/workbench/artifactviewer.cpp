// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "artifactviewer.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace mrp {

QList<QStringList> ArtifactViewer::parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        any = true;
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (any) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

ArtifactViewer::ArtifactViewer(const QString &path, QWidget *parent)
    : QDialog(parent)
{
    const QFileInfo info(path);
    setWindowTitle(tr("%1 — MRP Workbench").arg(info.fileName()));
    auto *layout = new QVBoxLayout(this);
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(note);

    QFile f(path);
    QByteArray data;
    QString problem;
    if (!f.open(QIODevice::ReadOnly))
        problem = tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
    else
        data = f.read(maxBytes());
    const bool cut = f.isOpen() && f.size() > data.size();
    QString noteText = QDir::toNativeSeparators(path);
    if (f.isOpen())
        noteText += QStringLiteral(" (") + QLocale().formattedDataSize(f.size()) + QLatin1Char(')');
    if (cut)
        noteText += QLatin1Char('\n') + tr("Showing the first %1 only.").arg(QLocale().formattedDataSize(data.size()));
    if (!problem.isEmpty())
        noteText = problem;
    note->setText(noteText);

    const QString suffix = info.suffix().toLower();
    if (problem.isEmpty() && suffix == QLatin1String("csv")) {
        QString text = QString::fromUtf8(data);
        if (cut)
            text.truncate(text.lastIndexOf(u'\n') + 1);   // no half row at the end
        const QList<QStringList> rows = parseCsv(text);
        auto *model = new QStandardItemModel(this);
        if (!rows.isEmpty()) {
            model->setHorizontalHeaderLabels(rows.constFirst());
            for (qsizetype r = 1; r < rows.size(); ++r) {
                QList<QStandardItem *> items;
                for (const QString &cell : rows.at(r)) {
                    auto *item = new QStandardItem(cell);
                    item->setEditable(false);
                    items.append(item);
                }
                model->appendRow(items);
            }
        }
        auto *table = new QTableView(this);
        table->setModel(model);
        table->setAccessibleName(tr("File contents"));
        table->setAlternatingRowColors(true);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->horizontalHeader()->setStretchLastSection(true);
        table->resizeColumnsToContents();
        layout->addWidget(table, 1);
    } else {
        QString text = QString::fromUtf8(data);
        if (problem.isEmpty() && !cut && (suffix == QLatin1String("json"))) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
            if (error.error == QJsonParseError::NoError)
                text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        }
        auto *edit = new QPlainTextEdit(this);
        edit->setReadOnly(true);
        edit->setAccessibleName(tr("File contents"));
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setPlainText(text);
        layout->addWidget(edit, 1);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 560);
}

} // namespace mrp
