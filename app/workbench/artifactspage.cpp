// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "artifactspage.h"

#include "artifactviewer.h"
#include "dialogfolder.h"
#include "store/csvexporter.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mrp {

namespace {
// Streams src into dst through QSaveFile in 1 MiB blocks: complete and verified, or absent.
// The result is an error message (empty = ok); progress is in per mille.
void copyWorker(QPromise<QString> &promise, const QString &src, const QString &dst, const QString &expected)
{
    QFile in(src);
    if (!in.open(QIODevice::ReadOnly)) {
        promise.addResult(ArtifactsPage::tr("Could not read %1: %2").arg(src, in.errorString()));
        return;
    }
    QSaveFile out(dst);
    if (!out.open(QIODevice::WriteOnly)) {
        promise.addResult(ArtifactsPage::tr("Could not write %1: %2").arg(dst, out.errorString()));
        return;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 total = std::max<qint64>(1, in.size());
    qint64 done = 0;
    promise.setProgressRange(0, 1000);
    while (!in.atEnd()) {
        if (promise.isCanceled()) {
            out.cancelWriting();
            return;
        }
        const QByteArray block = in.read(1 << 20);
        if (block.isEmpty() && in.error() != QFileDevice::NoError)
            break;
        hash.addData(block);
        if (out.write(block) != block.size()) {
            out.cancelWriting();
            promise.addResult(ArtifactsPage::tr("Could not write %1: %2").arg(dst, out.errorString()));
            return;
        }
        done += block.size();
        promise.setProgressValue(int(done * 1000 / total));
    }
    const QString digest = QString::fromLatin1(hash.result().toHex());
    if (!expected.isEmpty() && digest.compare(expected, Qt::CaseInsensitive) != 0) {
        out.cancelWriting();
        promise.addResult(ArtifactsPage::tr("The copy of %1 does not match its recorded digest; nothing was saved.").arg(src));
        return;
    }
    if (!out.commit()) {
        promise.addResult(ArtifactsPage::tr("Could not write %1: %2").arg(dst, out.errorString()));
        return;
    }
    promise.addResult(QString());
}
} // namespace

ArtifactsPage::ArtifactsPage(QWidget *parent)
    : QWidget(parent)
    , m_files(new QFileSystemModel(this))
    , m_filesView(new QTreeView(this))
    , m_outputs(new QTreeWidget(this))
    , m_title(new QLabel(tr("No run selected. Run a job or open one from History."), this))
    , m_progress(new QProgressBar(this))
    , m_save(new QPushButton(tr("&Save a Copy…"), this))
    , m_cancel(new QPushButton(tr("Cancel Cop&y"), this))
    , m_openFolder(new QPushButton(tr("Open Containing F&older"), this))
    , m_export(new QPushButton(tr("E&xport CSV…"), this))
    , m_view(new QPushButton(tr("Vie&w"), this))
{
    m_files->setReadOnly(true);
    m_filesView->setModel(m_files);
    m_filesView->setAccessibleName(tr("Run files"));
    m_filesView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_outputs->setHeaderLabels({tr("Produced output"), tr("Format"), tr("Size"), tr("SHA-256")});
    m_outputs->setRootIsDecorated(false);
    // Name, format and size as wide as their header or content (never clipped); the digest
    // takes the rest.
    for (int c = 0; c < 3; ++c)
        m_outputs->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_outputs->header()->setStretchLastSection(true);
    m_outputs->setAccessibleName(tr("Produced outputs"));
    m_progress->setRange(0, 1000);
    m_progress->setAccessibleName(tr("Copy progress"));
    m_progress->hide();
    m_cancel->hide();
    for (QPushButton *b : {m_save, m_openFolder, m_export, m_view})
        b->setEnabled(false);
    m_view->setToolTip(tr("Show the selected file (CSV, JSON or text) in a window"));
    connect(m_view, &QPushButton::clicked, this, &ArtifactsPage::onView);
    // Double-click or Enter on a file shows it.
    connect(m_outputs, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        viewFile(item->data(0, Qt::UserRole).toString());
    });
    connect(m_filesView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_files->isDir(index))
            viewFile(m_files->filePath(index));
    });

    connect(m_save, &QPushButton::clicked, this, &ArtifactsPage::onSaveCopy);
    connect(m_cancel, &QPushButton::clicked, this, &ArtifactsPage::cancelCopy);
    connect(m_openFolder, &QPushButton::clicked, this, &ArtifactsPage::onOpenFolder);
    connect(m_export, &QPushButton::clicked, this, &ArtifactsPage::chooseAndExportCsv);
    connect(&m_copy, &QFutureWatcher<QString>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_copy, &QFutureWatcher<QString>::finished, this, [this] {
        m_progress->hide();
        m_cancel->hide();
        m_save->setEnabled(true);
        const bool cancelled = m_copy.isCanceled() || m_copy.future().resultCount() == 0;
        const QString error = cancelled ? QString() : m_copy.result();
        const QString message = cancelled ? tr("Copy cancelled.") : error.isEmpty() ? tr("Copy saved and verified.") : error;
        Q_EMIT statusMessage(message);
        Q_EMIT copyFinished(!cancelled && error.isEmpty(), message);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_view);
    buttons->addWidget(m_save);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_openFolder);
    buttons->addWidget(m_export);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_filesView);
    splitter->addWidget(m_outputs);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
}

ArtifactsPage::~ArtifactsPage()
{
    m_copy.cancel();
    m_copy.waitForFinished();   // at most one block of I/O: the worker checks for cancel per block
}

void ArtifactsPage::setRun(const RunRecord &record, const QString &runDir)
{
    m_record = record;
    m_runDir = runDir;
    m_title->setText(tr("Run %1: files in %2").arg(record.runId, QDir::toNativeSeparators(runDir)));
    m_filesView->setRootIndex(m_files->setRootPath(runDir));
    m_outputs->clear();
    for (const ProducedFile &p : record.produce) {
        auto *item = new QTreeWidgetItem(m_outputs, {p.path, p.format, QLocale().formattedDataSize(p.bytes), p.sha256});
        item->setData(0, Qt::UserRole, QDir(runDir).filePath(QStringLiteral("output/") + p.path));
        item->setData(0, Qt::UserRole + 1, p.sha256);
    }
    m_outputs->resizeColumnToContents(0);
    for (QPushButton *b : {m_save, m_openFolder, m_view})
        b->setEnabled(!runDir.isEmpty());
    m_export->setEnabled(!record.runId.isEmpty());
}

QString ArtifactsPage::selectedFile(QString *sha256) const
{
    if (m_outputs->hasFocus() && m_outputs->currentItem()) {
        *sha256 = m_outputs->currentItem()->data(0, Qt::UserRole + 1).toString();
        return m_outputs->currentItem()->data(0, Qt::UserRole).toString();
    }
    sha256->clear();
    const QModelIndex idx = m_filesView->currentIndex();
    if (idx.isValid() && !m_files->isDir(idx))
        return m_files->filePath(idx);
    if (m_outputs->currentItem()) {
        *sha256 = m_outputs->currentItem()->data(0, Qt::UserRole + 1).toString();
        return m_outputs->currentItem()->data(0, Qt::UserRole).toString();
    }
    return {};
}

void ArtifactsPage::copyFile(const QString &src, const QString &dst, const QString &expectedSha256)
{
    if (m_copy.isRunning())
        return;
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_save->setEnabled(false);
    m_copy.setFuture(QtConcurrent::run(copyWorker, src, dst, expectedSha256));
}

void ArtifactsPage::cancelCopy()
{
    m_copy.cancel();
}

void ArtifactsPage::onSaveCopy()
{
    QString sha;
    const QString src = selectedFile(&sha);
    if (src.isEmpty()) {
        Q_EMIT statusMessage(tr("Select a file first."));
        return;
    }
    const QString dst = QFileDialog::getSaveFileName(this, tr("Save a Copy"), QDir(dialogFolder()).filePath(QFileInfo(src).fileName()));
    rememberDialogFolder(dst);
    if (!dst.isEmpty())
        copyFile(src, dst, sha);
}

void ArtifactsPage::onOpenFolder()
{
    QString sha;
    QString path = selectedFile(&sha);
    const QString dir = path.isEmpty() ? m_runDir : QFileInfo(path).absolutePath();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        Q_EMIT statusMessage(tr("Could not open %1: no file manager is set up to open folders. The path is in the title above; "
                                "copy it from there.").arg(QDir::toNativeSeparators(dir)));
}

void ArtifactsPage::onView()
{
    QString sha;
    const QString path = selectedFile(&sha);
    if (path.isEmpty()) {
        Q_EMIT statusMessage(tr("Select a file first."));
        return;
    }
    viewFile(path);
}

void ArtifactsPage::viewFile(const QString &path)
{
    auto *viewer = new ArtifactViewer(path, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
}

void ArtifactsPage::chooseAndExportCsv()
{
    const QString jobFolder = m_record.jobPath.isEmpty() ? QString() : QFileInfo(m_record.jobPath).absolutePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Run as CSV"),
                                                      QDir(dialogFolder(jobFolder)).filePath(m_record.runId + QStringLiteral(".csv")),
                                                      tr("CSV files (*.csv)"));
    rememberDialogFolder(path);
    if (!path.isEmpty())
        exportCsv(path);
}

void ArtifactsPage::exportCsv(const QString &path)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const QString error = watcher->result();
        const QString message = error.isEmpty() ? tr("Exported %1.").arg(path) : error;
        Q_EMIT statusMessage(message);
        Q_EMIT exportFinished(error.isEmpty(), message);
    });
    const RunRecord record = m_record;
    watcher->setFuture(QtConcurrent::run([record, path] {
        QString error;
        return CsvExporter::writeRun(record, path, &error) ? QString() : error;
    }));
}

} // namespace mrp
