// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "mainwindow.h"

#include "apikeystore.h"
#include "codeeditor.h"
#include "data/inputfile.h"
#include "dialogfolder.h"
#include "helpbrowser.h"
#include "artifactspage.h"
#include "datasetpage.h"
#include "historypage.h"
#include "job/jobtextedit.h"
#include "jobpage.h"
#include "secrets/memorysecretstore.h"
#include "secrets/qtkeychainsecretstore.h"
#include "store/runstore.h"
#include "apikeystore.h"
#include "runpage.h"
#include "timeline/timelineview.h"
#include "timeline/timelinezoom.h"

#include <KSyntaxHighlighting/Repository>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QPushButton>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTextStream>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcMainWindow, "mrp.app.mainwindow")

namespace mrp {

namespace {
constexpr int MaxRecentFiles = 8;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_repository(std::make_unique<KSyntaxHighlighting::Repository>())
    , m_pageList(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_jobPage(new JobPage(m_repository.get(), this))
    , m_datasetPage(new DatasetPage(this))
    , m_runPage(new RunPage(this))
    , m_artifactsPage(new ArtifactsPage(this))
    , m_historyPage(new HistoryPage(this))
    , m_backendStatus(new QLabel(this))
    , m_keyStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    m_secrets = new MemorySecretStore(this);
    m_defaultKeys = new ApiKeyStore(m_secrets, m_secrets);
    m_keys = m_defaultKeys;
    m_runPage->setSecretStore(m_secrets);

    const QString pageNames[] = {tr("Job"), tr("Dataset"), tr("Run"), tr("Artifacts"), tr("History")};
    QWidget *pages[] = {m_jobPage, m_datasetPage, m_runPage, m_artifactsPage, m_historyPage};
    for (int i = 0; i < PageCount; ++i) {
        auto *item = new QListWidgetItem(pageNames[i], m_pageList);
        item->setData(Qt::AccessibleTextRole, pageNames[i]);
        item->setSizeHint(QSize(0, fontMetrics().height() * 2 + 4));
        pages[i]->setAccessibleName(tr("%1 page").arg(pageNames[i]));
        m_stack->addWidget(pages[i]);
    }
    m_pageList->setAccessibleName(tr("Pages"));
    m_pageList->setFixedWidth(fontMetrics().horizontalAdvance(tr("Artifacts")) + 48);
    m_pageList->setCurrentRow(0);
    connect(m_pageList, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int index) {
        if (index == HistoryPageIndex)
            m_historyPage->refresh();
    });

    auto *central = new QWidget(this);
    auto *centralLayout = new QHBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_pageList);
    centralLayout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_backendStatus->setAccessibleName(tr("Backend"));
    m_keyStatus->setAccessibleName(tr("API key status"));
    statusBar()->addPermanentWidget(m_backendStatus);
    statusBar()->addPermanentWidget(m_keyStatus);

    createActions();
    createMenus();
    m_runPage->setActions(m_runAction, m_cancelAction, m_resumeAction);

    connect(m_jobPage, &JobPage::jobPathChanged, this, [this](const QString &path) {
        if (!path.isEmpty())
            addRecentFile(path);
        updateTitle();
    });
    connect(m_jobPage, &JobPage::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_jobPage, &JobPage::validationChanged, this, [this](const JobValidation &v) {
        if (v.shardSize > 0)
            m_datasetPage->setShardSize(v.shardSize);
        if (v.concurrency > 0)
            m_datasetPage->setConcurrency(v.concurrency);
        m_datasetPage->setSkipBadRecords(v.skipBadRecords);
        // Previewed only within the job's reach: a job file must not make us show what it may not read.
        if (!v.datasetPath.isEmpty() && v.datasetPath != m_datasetPage->datasetPath() && QFileInfo::exists(v.datasetPath)
            && pathWithinRoots(v.datasetPath, QStringList{QFileInfo(m_jobPage->jobPath()).absolutePath()} + m_settings.allowedPaths))
            m_datasetPage->setDatasetPath(v.datasetPath);
        m_runAction->setEnabled(v.ok && !m_runPage->isRunning());
    });
    // The Dataset page edits the job: each choice becomes an undoable change in the job editor.
    const auto editJob = [this](const QStringList &key, const QString &value) {
        QString error;
        if (!m_jobPage->setJobValue(key, value, &error))
            statusBar()->showMessage(tr("Could not change the job: %1").arg(error), 10000);
    };
    connect(m_datasetPage, &DatasetPage::datasetChosen, this, [this, editJob](const QString &path) {
        editJob({QStringLiteral("dataset"), QStringLiteral("path")}, yamlScalar(m_jobPage->jobRelativePath(path)));
    });
    connect(m_datasetPage, &DatasetPage::shardSizeEdited, this, [editJob](int records) {
        editJob({QStringLiteral("dataset"), QStringLiteral("shard_size")}, QString::number(records));
    });
    connect(m_datasetPage, &DatasetPage::concurrencyEdited, this, [editJob](int slots) {
        editJob({QStringLiteral("policy"), QStringLiteral("max_concurrency_map")}, QString::number(slots));
    });
    connect(m_runPage, &RunPage::runningChanged, this, [this](bool running) {
        if (!running && m_closeWhenStopped) {
            QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
            return;
        }
        m_runAction->setEnabled(!running && m_jobPage->lastValidation().ok);
        m_cancelAction->setEnabled(running);
        m_resumeAction->setEnabled(!running && !m_resumableRunId.isEmpty());
        if (running) {   // the title names a run once it has a record
            m_shownRunId.clear();
            updateTitle();
        }
    });
    connect(m_runPage, &RunPage::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 8000); });
    connect(m_runPage, &RunPage::runRecordReady, this, [this](const RunRecord &record, const QString &dir) {
        m_artifactsPage->setRun(record, dir);
        m_exportAction->setEnabled(true);
        setShownRun(record);
    });
    connect(m_historyPage, &HistoryPage::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 8000); });
    connect(m_artifactsPage, &ArtifactsPage::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 8000); });
    connect(m_historyPage, &HistoryPage::openRequested, this, [this](const RunRecord &record, const QString &dir) {
        if (m_runPage->isRunning()) {
            statusBar()->showMessage(tr("A run is in progress: cancel it or wait for it to end before opening another."), 8000);
            return;
        }
        m_runPage->showRecord(record);
        setShownRun(record);
        m_artifactsPage->setRun(record, dir);
        m_exportAction->setEnabled(true);
        showPage(RunPageIndex);
    });

    m_settings = WorkbenchSettings::load();
    applySettings(m_settings);
    resize(1280, 820);
    restoreState();
    m_jobPage->newJob();
    updateTitle();
}

void MainWindow::setShownRun(const RunRecord &record)
{
    // Runs that stopped early can go on where they stopped (as `mrp run --resume`), and so can
    // one whose process ended without writing its end (interrupted).
    const QString dataDir = m_dataDir.isEmpty() ? RunStore::defaultDataDir() : m_dataDir;
    const QString status = RunStore::currentStatus(dataDir, record.runId, record.status);
    const bool resumable = status == QLatin1String("cancelled") || status == QLatin1String("failed")
        || status == QLatin1String("infrastructure") || status == QLatin1String("interrupted");
    m_resumableRunId = resumable ? record.runId : QString();
    m_shownRunId = record.runId;
    updateTitle();
    m_resumeAction->setEnabled(resumable && !m_runPage->isRunning());
    m_resumeAction->setToolTip(resumable ? tr("Run the shards of run %1 that have no output yet").arg(record.runId)
                                         : tr("Resume a cancelled or failed run"));
}

MainWindow::~MainWindow()
{
    // Background reads (history, dataset scans, validation) use the store and Qt's resources;
    // let them end while the application still exists. They are short and check no UI; a scan
    // of a large dataset is told to stop first.
    m_datasetPage->cancelScan();
    QThreadPool::globalInstance()->waitForDone(5000);
}

void MainWindow::createActions()
{
    m_newAction = new QAction(tr("&New Job"), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::onNew);
    m_openAction = new QAction(tr("&Open Job…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::onOpen);
    m_saveAction = new QAction(tr("&Save Job"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::onSave);
    m_saveAsAction = new QAction(tr("Save Job &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::onSaveAs);
    m_exportAction = new QAction(tr("&Export Run as CSV…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::onExportCsv);
    m_settingsAction = new QAction(tr("Se&ttings…"), this);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::onSettings);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_runAction->setToolTip(tr("Run the job (F5)"));
    m_runAction->setEnabled(false);
    connect(m_runAction, &QAction::triggered, this, &MainWindow::onRun);
    m_cancelAction = new QAction(tr("&Cancel Run"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_cancelAction->setToolTip(tr("Cancel the run: stop dispatching and delete its sandboxes (Shift+F5)"));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, m_runPage, &RunPage::cancelRun);
    m_resumeAction = new QAction(tr("Res&ume Run"), this);
    m_resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_resumeAction->setToolTip(tr("Resume a cancelled or failed run"));
    m_resumeAction->setEnabled(false);
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::onResume);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    rebuildRecentMenu();

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_cancelAction);
    run->addAction(m_resumeAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QString pageNames[] = {tr("&Job"), tr("&Dataset"), tr("&Run"), tr("&Artifacts"), tr("&History")};
    for (int i = 0; i < PageCount; ++i) {
        QAction *a = view->addAction(pageNames[i]);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
    }
    view->addSeparator();
    TimelineZoom *zoom = m_runPage->timelineView()->zoom();
    QAction *zoomIn = view->addAction(tr("Zoom &In on Timeline"));
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    connect(zoomIn, &QAction::triggered, zoom, &TimelineZoom::zoomIn);
    QAction *zoomOut = view->addAction(tr("Zoom &Out on Timeline"));
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    connect(zoomOut, &QAction::triggered, zoom, &TimelineZoom::zoomOut);
    QAction *zoomReset = view->addAction(tr("Show the &Whole Run"));
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(zoomReset, &QAction::triggered, zoom, &TimelineZoom::reset);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // The documentation ships inside the program (docs/*.md, compiled in): no browser needed.
    const struct {
        QString text;
        QString page;
    } docs[] = {
        {tr("&Getting Started"), QStringLiteral("getting-started.md")},
        {tr("The &Job File"), QStringLiteral("job-format.md")},
        {tr("Inside a &Sandbox"), QStringLiteral("run-contract.md")},
        {tr("The &Run Record"), QStringLiteral("run-record.md")},
        {tr("Running on &Daytona"), QStringLiteral("daytona.md")},
        {tr("&Platforms"), QStringLiteral("platforms.md")},
    };
    for (const auto &doc : docs) {
        QAction *a = help->addAction(doc.text);
        const QString page = doc.page;
        connect(a, &QAction::triggered, this, [this, page] { showHelp(page); });
        if (page == QLatin1String("getting-started.md"))
            a->setShortcut(QKeySequence::HelpContents);
    }
    help->addSeparator();
    QAction *about = help->addAction(tr("&About MRP Workbench"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About MRP Workbench"),
                           tr("MRP Workbench %1\nRuns map/reduce/produce evaluation batches in sandboxes.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showHelp(const QString &page)
{
    if (!m_help) {
        m_help = new HelpBrowser(this);
        m_help->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    m_help->showPage(page);
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
}

void MainWindow::showPage(Page page)
{
    m_pageList->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_stack->currentIndex());
}

void MainWindow::setApiKeyStore(ApiKeyStore *store)
{
    if (m_keys)
        m_keys->disconnect(this);
    m_keys = store ? store : m_defaultKeys;
    connect(m_keys, &ApiKeyStore::statusChanged, this, [this](const QString &profile, bool isSet) {
        if (profile == m_settings.profile) {
            m_keyIsSet = isSet;
            updateStatus();
        }
    });
    m_keys->queryStatus(m_settings.profile);
}

void MainWindow::useSystemKeychain()
{
    auto *keychain = new QtKeychainSecretStore(this);
    m_defaultKeys = new ApiKeyStore(keychain, keychain);
    m_secrets = keychain;
    m_runPage->setSecretStore(keychain);
    setApiKeyStore(nullptr);
}

void MainWindow::setDataDir(const QString &dir)
{
    m_dataDir = dir;
    m_historyPage->setDataDir(dir);
}

void MainWindow::applySettings(const WorkbenchSettings &settings)
{
    const bool themeChanged = settings.theme != m_settings.theme;
    m_settings = settings;
    m_datasetPage->setConcurrencyOverride(settings.concurrency);
    if (themeChanged || settings.theme != ThemeMode::System)
        applyTheme(settings.theme);
    setApiKeyStore(m_keys == m_defaultKeys ? nullptr : m_keys);
    updateStatus();
}

void MainWindow::updateStatus()
{
    QString backend;
    if (m_settings.backend == QLatin1String("cloud_sandbox"))
        backend = tr("Backend: Daytona (profile %1)").arg(m_settings.profile);
    else if (m_settings.backend == QLatin1String("local"))
        backend = tr("Backend: local sandboxes");
    else
        backend = tr("Backend: as the job says");
    m_backendStatus->setText(backend);
    m_keyStatus->setText(m_keyIsSet ? tr("API key: set") : tr("API key: not set"));
}

void MainWindow::updateTitle()
{
    const QString path = m_jobPage->jobPath();
    const QString name = path.isEmpty() ? tr("Untitled job") : QFileInfo(path).fileName();
    if (m_shownRunId.isEmpty())
        setWindowTitle(tr("%1[*] — MRP Workbench").arg(name));
    else
        setWindowTitle(tr("%1[*] — run %2 — MRP Workbench").arg(name, m_shownRunId));
    setWindowModified(m_jobPage->isModified());
}

void MainWindow::openJob(const QString &path)
{
    QString error;
    if (!m_jobPage->openJob(path, &error)) {
        statusBar()->showMessage(error, 10000);
        return;
    }
    showPage(JobPageIndex);
}

bool MainWindow::maybeSave()
{
    if (!m_jobPage->isModified())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved Changes"), tr("The job has unsaved changes. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return onSave();
    return answer == QMessageBox::Discard;
}

void MainWindow::onNew()
{
    if (!maybeSave())
        return;
    // A clean slate: the new job to edit, no dataset until it is saved, no earlier run shown.
    m_jobPage->newJob();
    m_datasetPage->clearDataset();
    m_runPage->clearRun();
    setShownRun(RunRecord{});
    showPage(JobPageIndex);
}

void MainWindow::onOpen()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Job"), dialogFolder(), tr("Job files (*.yaml *.yml);;All files (*)"));
    rememberDialogFolder(path);
    if (!path.isEmpty())
        openJob(path);
}

bool MainWindow::onSave()
{
    if (m_jobPage->jobPath().isEmpty())
        return onSaveAs();
    QString error;
    if (!m_jobPage->saveJob(m_jobPage->jobPath(), &error)) {
        QMessageBox::warning(this, tr("Save Job"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1.").arg(m_jobPage->jobPath()), 5000);
    return true;
}

bool MainWindow::onSaveAs()
{
    return saveAs(tr("Save Job As"));
}

bool MainWindow::saveAs(const QString &title)
{
    // A new job brings its operator and sample dataset: suggest a folder of its own.
    const QString suggested = m_jobPage->isUntitled()
        ? QDir(dialogFolder()).filePath(QStringLiteral("my-eval/my-eval.yaml"))
        : m_jobPage->jobPath();
    if (m_jobPage->isUntitled())
        QDir().mkpath(QFileInfo(suggested).absolutePath());
    QString path = QFileDialog::getSaveFileName(this, title, suggested, tr("Job files (*.yaml *.yml)"));
    if (m_jobPage->isUntitled() && QFileInfo(path).absolutePath() != QFileInfo(suggested).absolutePath())
        QDir().rmdir(QFileInfo(suggested).absolutePath());   // only when it is still empty
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    rememberDialogFolder(path);
    QString error;
    if (!m_jobPage->saveJob(path, &error)) {
        QMessageBox::warning(this, tr("Save Job"), error);
        return false;
    }
    return true;
}

RunOptions MainWindow::runOptions() const
{
    RunOptions options;
    options.concurrencyOverride = m_settings.concurrency;
    options.maxCostUsdCap = m_settings.maxCostUsd;
    options.maxSandboxSecondsCap = m_settings.maxSandboxSeconds;
    options.allowUnisolated = m_settings.allowUnisolated;
    for (const QString &folder : std::as_const(m_settings.allowedPaths))
        options.allowedPaths.append(QFileInfo(folder).absoluteFilePath());
    options.apiUrl = QUrl(m_settings.apiUrl.trimmed());
    options.liveOutput = true;
    return options;
}

void MainWindow::onRun()
{
    // The engine reads the job from disk, so what runs must be saved — with the user's say.
    if (m_jobPage->isUntitled()) {
        if (!saveAs(tr("Save the New Job Before Running")))
            return;
    } else if (m_jobPage->isModified()) {
        QMessageBox box(QMessageBox::Question, tr("Unsaved Changes"),
                        tr("The job has unsaved changes. A run uses the saved files: save the changes and run?"),
                        QMessageBox::Cancel, this);
        QPushButton *saveAndRun = box.addButton(tr("&Save and Run"), QMessageBox::AcceptRole);
        box.setDefaultButton(saveAndRun);
        box.exec();
        if (box.clickedButton() != saveAndRun || !onSave())
            return;
    }
    showPage(RunPageIndex);
    if (!m_runPage->startRun(m_jobPage->jobPath(), m_settings.backend, runOptions()))
        statusBar()->showMessage(tr("The run could not start."), 8000);
}

void MainWindow::onResume()
{
    if (m_resumableRunId.isEmpty() || m_runPage->isRunning())
        return;
    RunOptions options = runOptions();
    options.resumeRunId = m_resumableRunId;
    showPage(RunPageIndex);
    if (!m_runPage->startRun(QString(), QString(), options))
        statusBar()->showMessage(tr("The run could not start."), 8000);
}

void MainWindow::onExportCsv()
{
    m_artifactsPage->chooseAndExportCsv();
}

void MainWindow::onSettings()
{
    SettingsDialog dialog(m_settings, m_keys, this);
    if (dialog.exec() != QDialog::Accepted) {
        m_keys->queryStatus(m_settings.profile);
        return;
    }
    const WorkbenchSettings s = dialog.settings();
    s.save();
    applySettings(s);
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(QStringLiteral("ui/recentFiles")).toStringList();
}

void MainWindow::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QStringLiteral("ui/recentFiles"), files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        QAction *a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(files.at(i)).fileName()));
        a->setToolTip(files.at(i));
        const QString path = files.at(i);
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openJob(path);
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::restoreState()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("ui/geometry")).toByteArray());
    QMainWindow::restoreState(s.value(QStringLiteral("ui/windowState")).toByteArray());
    showPage(Page(std::clamp(s.value(QStringLiteral("ui/page"), 0).toInt(), 0, PageCount - 1)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closeWhenStopped && !maybeSave()) {
        event->ignore();
        return;
    }
    if (m_runPage->isRunning()) {
        if (!m_closeWhenStopped) {
            const auto answer = QMessageBox::question(this, tr("Run in Progress"),
                                                      tr("A run is in progress. Cancel it and quit? Its sandboxes are deleted."));
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
            m_closeWhenStopped = true;
            m_runPage->cancelRun();
            // The window stays until the run has ended and its record says so (cancelled):
            // quitting at once would leave it "running" with its sandboxes half deleted.
            statusBar()->showMessage(tr("Cancelling the run; the window closes once its record is written…"));
            event->ignore();
            return;
        }
        // Asked again while the cancel still deletes sandboxes (a slow cloud): the user decides.
        const auto answer = QMessageBox::question(
            this, tr("Quit Without Waiting"),
            tr("The run is still being cancelled: its sandboxes are being deleted. Quit now anyway? The run then "
               "stays recorded as interrupted (resume it later), and sandboxes still alive are removed by the next "
               "run or by `mrp sweep`."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings s;
    s.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    s.setValue(QStringLiteral("ui/windowState"), saveState());
    s.setValue(QStringLiteral("ui/page"), int(currentPage()));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (DatasetPage::canAccept(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile()) {
        const QString path = urls.constFirst().toLocalFile();
        if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))) {
            if (maybeSave())
                openJob(path);
            event->acceptProposedAction();
            return;
        }
    }
    if (m_datasetPage->acceptMime(event->mimeData())) {
        showPage(DatasetPageIndex);
        event->acceptProposedAction();
    }
}

int MainWindow::runSelfTest()
{
    QApplication::processEvents();
    QTextStream err(stderr);
    QStringList problems;
    if (!isVisible())
        problems << QStringLiteral("window not visible");
    if (m_stack->count() != PageCount || m_pageList->count() != PageCount)
        problems << QStringLiteral("pages missing");
    if (m_jobPage->jobEditor()->definitionName() != QLatin1String("YAML"))
        problems << QStringLiteral("YAML highlighting unavailable");
    for (int i = 0; i < PageCount; ++i) {
        showPage(Page(i));
        QApplication::processEvents();
        if (m_stack->currentIndex() != i)
            problems << QStringLiteral("page %1 did not show").arg(i);
    }
    showPage(JobPageIndex);
    if (problems.isEmpty()) {
        err << "self-test: main window up (" << PageCount << " pages)\n";
        return 0;
    }
    err << "self-test: main window did not come up: " << problems.join(QStringLiteral(", ")) << "\n";
    return 1;
}

} // namespace mrp
