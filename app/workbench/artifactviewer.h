// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

namespace mrp {

// A read-only window showing one artifact: a CSV file as a table, JSON indented, anything
// else as text. It reads at most maxBytes() of the file and says so when there is more.
class ArtifactViewer : public QDialog
{
    Q_OBJECT
public:
    explicit ArtifactViewer(const QString &path, QWidget *parent = nullptr);

    static qint64 maxBytes() { return 4 * 1024 * 1024; }
    // RFC 4180 rows of CSV text (quoted fields, doubled quotes, CRLF or LF).
    static QList<QStringList> parseCsv(const QString &text);
};

} // namespace mrp
