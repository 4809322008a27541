// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/runrecord.h"

#include <QFutureWatcher>
#include <QWidget>

class QFileSystemModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;
class QTreeWidget;

namespace mrp {

// The Artifacts page of the run shown: its files (run folder: run.json, logs, plan, outputs)
// and the produced outputs with their digests; save a copy of a file with progress and cancel
// (streamed through QSaveFile, SHA-256 verified when the record knows it), open the containing
// folder, export the run as CSV (the same exporter as `mrp export`), view a CSV, JSON or text
// file in a window (ArtifactViewer).
class ArtifactsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ArtifactsPage(QWidget *parent = nullptr);
    ~ArtifactsPage() override;

    void setRun(const RunRecord &record, const QString &runDir);
    QString runDir() const { return m_runDir; }
    const RunRecord &record() const { return m_record; }

    // Copies src to dst in the background; expectedSha256 (hex) is checked when not empty.
    // Emits copyFinished(ok, message) exactly once, also on cancel.
    void copyFile(const QString &src, const QString &dst, const QString &expectedSha256 = {});
    void cancelCopy();
    // Writes the run's CSV export (background); emits exportFinished(ok, message).
    void exportCsv(const QString &path);
    // Asks where (the last folder chosen, else the job's folder), then exportCsv().
    void chooseAndExportCsv();

    QTreeWidget *outputsView() const { return m_outputs; }

Q_SIGNALS:
    void copyFinished(bool ok, const QString &message);
    void exportFinished(bool ok, const QString &message);
    void statusMessage(const QString &text);

private:
    QString selectedFile(QString *sha256) const;
    void onSaveCopy();
    void onOpenFolder();
    void onView();
    void viewFile(const QString &path);

    QFileSystemModel *m_files;
    QTreeView *m_filesView;
    QTreeWidget *m_outputs;
    QLabel *m_title;
    QProgressBar *m_progress;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QPushButton *m_openFolder;
    QPushButton *m_export;
    QPushButton *m_view;
    QFutureWatcher<QString> m_copy;
    QString m_runDir;
    RunRecord m_record;
};

} // namespace mrp
