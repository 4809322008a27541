// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "settingsdialog.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace KSyntaxHighlighting {
class Repository;
}

namespace mrp {

class ApiKeyStore;
class SecretStore;
class ArtifactsPage;
class DatasetPage;
class HelpBrowser;
class HistoryPage;
struct RunOptions;
struct RunRecord;
class JobPage;
class RunPage;

// The workbench's one main window: a page list (Job, Dataset, Run, Artifacts, History) beside
// the pages, menus with shortcuts, recent files, window state kept in QSettings, and a status
// bar naming the backend and whether an API key is set. Files and folders dropped on the
// window go to the Dataset page (job files to the Job page).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { JobPageIndex, DatasetPageIndex, RunPageIndex, ArtifactsPageIndex, HistoryPageIndex, PageCount };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a job file in the Job page. Errors show in the page, never as a crash.
    void openJob(const QString &path);

    // For `mrp-workbench --self-test`: checks that the window came up with its pages and
    // returns a process exit code (0 = fine). Prints what it checked to stderr.
    int runSelfTest();

    void showPage(Page page);
    Page currentPage() const;
    // Replaces the key store shown in Settings and the status bar (tests pass a fake; not
    // owned). nullptr = the window's own (memory for the session, or the keychain).
    void setApiKeyStore(ApiKeyStore *store);
    // Keeps the API key in the OS keychain (QtKeychainSecretStore). Without this call keys
    // live in memory for the session (what tests want: no keychain prompts or D-Bus waits).
    void useSystemKeychain();
    // The run store's data folder (empty = default); History and runs use it.
    void setDataDir(const QString &dir);

    JobPage *jobPage() const { return m_jobPage; }
    DatasetPage *datasetPage() const { return m_datasetPage; }
    RunPage *runPage() const { return m_runPage; }
    ArtifactsPage *artifactsPage() const { return m_artifactsPage; }
    HistoryPage *historyPage() const { return m_historyPage; }
    QLabel *backendStatus() const { return m_backendStatus; }
    QLabel *keyStatus() const { return m_keyStatus; }
    QStringList recentFiles() const;
    const WorkbenchSettings &settings() const { return m_settings; }
    void applySettings(const WorkbenchSettings &settings);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void onOpen();
    bool onSave();
    bool onSaveAs();
    void onNew();
    void onRun();
    void onResume();
    RunOptions runOptions() const;
    bool saveAs(const QString &title);
    void setShownRun(const RunRecord &record);
    void showHelp(const QString &page);
    void onExportCsv();
    void onSettings();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void updateTitle();
    void updateStatus();
    bool maybeSave();
    void restoreState();

    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository;
    QListWidget *m_pageList;
    QStackedWidget *m_stack;
    JobPage *m_jobPage;
    DatasetPage *m_datasetPage;
    RunPage *m_runPage;
    ArtifactsPage *m_artifactsPage;
    HistoryPage *m_historyPage;
    QLabel *m_backendStatus;
    QLabel *m_keyStatus;
    QMenu *m_recentMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_resumeAction = nullptr;
    HelpBrowser *m_help = nullptr;
    QString m_resumableRunId;     // the run shown, when it can be resumed
    QString m_shownRunId;         // the run the Run page shows (live or opened from History)
    QAction *m_exportAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    ApiKeyStore *m_keys = nullptr;
    ApiKeyStore *m_defaultKeys = nullptr;   // over m_secrets, owned through it
    SecretStore *m_secrets = nullptr;       // what runs resolve the Daytona key from
    WorkbenchSettings m_settings;
    QString m_dataDir;
    bool m_keyIsSet = false;
    bool m_closeWhenStopped = false;   // quit asked during a run: close once its record is written
};

} // namespace mrp
