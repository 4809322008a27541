// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The workbench as a person uses it: the real MainWindow driven only by input events (mouse
// clicks, key presses, typed text, drops carrying real QMimeData, sent to the widget under a
// point as the window system would), and checked only by what the window shows (text of
// visible widgets, found by what they say or by their accessible names). Each journey saves
// screenshots in journeys/<journey>/ under the test's working folder.
//
// Journeys: the first start (F5 on the new job, its outputs); open a job, drop a dataset,
// change the shard size, run, watch a shard's live output, view an artifact, export CSV;
// history: compare two runs and delete one; the first start again in German; a large dataset:
// its reading shown while the job compiles, cancelled with the button and with Esc; quitting
// during a run: the window waits for the cancel, the run is recorded as cancelled, History says so.

#include "historypage.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "i18n/translations.h"
#include "userinput.h"
#include "views/runhistorymodel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QCloseEvent>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTranslator>
#include <QTreeWidget>
#include <QUrl>

#include <functional>

using namespace mrp;
using namespace mrp::test;

namespace {

// Clicks the page of that name in the page list at the window's left.
void clickPage(QWidget *window, const QString &name)
{
    auto *pages = named<QListWidget>(window, QCoreApplication::translate("mrp::MainWindow", "Pages"));
    QVERIFY(pages);
    const auto items = pages->findItems(name, Qt::MatchExactly);
    QVERIFY2(!items.isEmpty(), qPrintable(name));
    click(pages->viewport(), pages->visualItemRect(items.constFirst()).center());
}

void clickRow(QAbstractItemView *view, int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QVERIFY(view);
    const QRect r = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, r.center());
}

// A drop as the window system delivers it: to the widget under the point that takes drops; a
// widget that declines the drag (an editor offered files) passes it on to its parents, as
// QApplication does, up to the window. Enter, move, drop.
bool dropFiles(QWidget *window, const QPoint &windowPos, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    QWidget *under = window->childAt(windowPos);
    for (QWidget *target = under ? under : window; target; target = target->isWindow() ? nullptr : target->parentWidget()) {
        if (!target->acceptDrops())
            continue;
        const QPoint pos = target->mapFrom(window, windowPos);
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            continue;
        QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        return drop.isAccepted();
    }
    return false;
}

// A local job as the journeys write it: the dataset, records per shard, operator op.py's
// map_shard, concat, one JSON output; `extra` is appended (a policy section).
QByteArray localJob(const QByteArray &name, const QByteArray &dataset, int shardSize, const QByteArray &extra = {})
{
    return "version: 1\nname: " + name + "\ndataset:\n  path: " + dataset + "\n  shard_size: " + QByteArray::number(shardSize)
        + "\nmap:\n  language: python\n  operator: op.py\n  entrypoint: map_shard\nreduce:\n  builtin: concat\nproduce:\n"
          "  - { format: json, path: all.json }\nexecution_backend: local\n" + extra;
}

// Writes each file of a job's folder; false when one cannot be written.
bool writeFiles(const QTemporaryDir &dir, const QList<std::pair<QString, QByteArray>> &files)
{
    for (const auto &[name, bytes] : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return false;
    }
    return true;
}

// The job file dragged from a file manager onto the window's page list; true once the window
// names it in its title.
bool openByDrop(QWidget *window, const QString &jobPath)
{
    auto *pages = named<QListWidget>(window, ui("mrp::MainWindow", "Pages"));
    return pages && dropFiles(window, pages->mapTo(window, pages->rect().center()), {jobPath})
        && QTest::qWaitFor([&] { return window->windowTitle().contains(QFileInfo(jobPath).fileName()); }, 5000);
}

} // namespace

class TestJourneys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstStartRunsTheNewJob();
    void datasetDropShardSizeLiveOutputExport();
    void historyCompareAndDelete();
    void firstStartInGerman();
    void largeDatasetProgressAndCancel();
    void quitDuringARun();
    void datasetDroppedOnTheJobEditor();
    void badRecordsAsTheJobTreatsThem();
    void runThatCannotStartSaysWhy();
    void settingsConcurrencyInTheEstimate();
    void newJobAfterARunStartsClean();

private:
    void firstStart(const QString &journey);
    void shot(QWidget *w, const QString &name);
    QString m_journey;
    QTemporaryDir m_data;
    QTemporaryDir m_work;
    std::unique_ptr<ModalWatchdog> m_watchdog;
};

void TestJourneys::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_data.isValid() && m_work.isValid());
    qputenv("MRP_DATA_DIR", m_data.path().toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("mrp-workbench-journeys"));
    QCoreApplication::setApplicationName(QStringLiteral("mrp-workbench-journeys"));
}

void TestJourneys::init()
{
    QSettings().clear();   // a first start: no remembered page, folder or files
    QSettings().setValue(QStringLiteral("ui/lastFolder"), m_work.path());
    m_watchdog = std::make_unique<ModalWatchdog>();
}

void TestJourneys::cleanup()
{
    forgetAnswers();
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *w : widgets)
        w->close();
    m_watchdog.reset();   // after the closes: a question one of them asks cannot hang either
}

void TestJourneys::shot(QWidget *w, const QString &name)
{
    const QString dir = QDir::current().filePath(QStringLiteral("journeys/") + m_journey);
    QDir().mkpath(dir);
    // What the user would see: laid out and painted after the last change.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::processEvents();
    const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
    QVERIFY2(w->grab().save(file), qPrintable(file));
    qInfo("screenshot %s", qPrintable(QDir::current().relativeFilePath(file)));
}

void TestJourneys::firstStart(const QString &journey)
{
    m_journey = journey;
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // A new job, nothing typed: not modified.
    QTRY_VERIFY(w.windowTitle().contains(ui("mrp::MainWindow", "Untitled job")));
    QVERIFY(!w.isWindowModified());
    auto *jobEditor = named<QPlainTextEdit>(&w, ui("mrp::JobPage", "Job file editor"));
    QVERIFY(jobEditor);
    QVERIFY(jobEditor->toPlainText().contains(QLatin1String("inputs.jsonl")));
    // Validated: Run → Run is enabled, and nothing is listed as a problem.
    QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
    QVERIFY(runAction);
    QTRY_VERIFY(runAction->isEnabled());
    QVERIFY(withText<QLabel>(&w, plain(ui("mrp::JobPage", "Pro&blems: none"))));
    shot(&w, QStringLiteral("1-new-job"));

    // F5 asks where to save the new job, then runs it on local sandboxes.
    const QString jobPath = QDir(m_work.path()).filePath(journey + QStringLiteral("/first.yaml"));
    QDir().mkpath(QFileInfo(jobPath).absolutePath());
    answerFileDialog(jobPath);
    press(&w, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(w.windowTitle().contains(QLatin1String("first.yaml")), 5000);
    QVERIFY(!w.isWindowModified());
    auto *summary = named<QLabel>(&w, ui("mrp::RunPage", "Run summary"));
    QVERIFY(summary);
    shot(&w, QStringLiteral("2-running"));
    const QString succeeded = ui("mrp::RunPage", "Run %1 finished: every shard succeeded.").section(QLatin1String("%1"), 1);
    QTRY_VERIFY2_WITH_TIMEOUT(visibleLabels(&w).contains(succeeded), qPrintable(visibleLabels(&w)), 60000);
    // The status bar says how it ended too, not the last phase it passed through.
    QVERIFY2(w.statusBar()->currentMessage().contains(succeeded), qPrintable(w.statusBar()->currentMessage()));
    // The run log speaks the window's language: the engine's lines are events, said here.
    auto *runLog = named<QPlainTextEdit>(&w, ui("mrp::RunPage", "Log of the selected shard"));
    QVERIFY(runLog);
    const QString started = ui("mrp::RunEvent", "run %1 started: %2 shards on %3 (%4)").section(QLatin1String("%1"), 1).section(QLatin1String("%2"), 0, 0);
    const QString reduced = ui("mrp::RunEvent", "reduce ok: %1").section(QLatin1String("%1"), 0, 0);
    QVERIFY2(runLog->toPlainText().contains(started) && runLog->toPlainText().contains(reduced), qPrintable(runLog->toPlainText()));
    shot(&w, QStringLiteral("3-finished"));

    // The outputs: summary.json on the Artifacts page, shown in a window.
    clickPage(&w, ui("mrp::MainWindow", "Artifacts"));
    auto *outputs = named<QTreeWidget>(&w, ui("mrp::ArtifactsPage", "Produced outputs"));
    QVERIFY(outputs);
    QTRY_COMPARE(outputs->topLevelItemCount(), 1);
    QCOMPARE(outputs->topLevelItem(0)->text(0), QStringLiteral("summary.json"));
    clickRow(outputs, 0);
    click(withText<QAbstractButton>(&w, plain(ui("mrp::ArtifactsPage", "Vie&w"))));
    QPointer<QDialog> viewer;
    QTRY_VERIFY((viewer = dialogTitled(QStringLiteral("summary.json"))));
    auto *contents = named<QPlainTextEdit>(viewer, ui("mrp::ArtifactViewer", "File contents"));
    QVERIFY(contents);
    // 40 records: 20 positive, 20 negative, counted by the new job's operator.
    QVERIFY2(contents->toPlainText().contains(QLatin1String("\"positive\": 20")), qPrintable(contents->toPlainText()));
    shot(viewer, QStringLiteral("4-summary"));
    QTest::keyClick(viewer, Qt::Key_Escape);
    QTRY_VERIFY(!viewer || !viewer->isVisible());
    shot(&w, QStringLiteral("5-artifacts"));

    // Help has the getting-started page.
    QMenu *help = nullptr;
    for (QAction *a : w.menuBar()->actions()) {
        if (plain(a->text()) == plain(ui("mrp::MainWindow", "&Help")))
            help = a->menu();
    }
    QVERIFY(help);
    press(&w, Qt::Key_F1);
    QPointer<QDialog> helpWindow;
    QTRY_VERIFY((helpWindow = dialogTitled(ui("mrp::HelpBrowser", "MRP Workbench Help"))));
    auto *page = named<QTextBrowser>(helpWindow, ui("mrp::HelpBrowser", "Help page"));
    QVERIFY(page);
    QTRY_VERIFY(!page->toPlainText().isEmpty());
    QVERIFY2(page->toPlainText().contains(QLatin1String("F5")), qPrintable(page->toPlainText().left(200)));
    shot(helpWindow, QStringLiteral("6-help"));
    QTest::keyClick(helpWindow, Qt::Key_Escape);
}

void TestJourneys::firstStartRunsTheNewJob()
{
    firstStart(QStringLiteral("first-start"));
}

void TestJourneys::datasetDropShardSizeLiveOutputExport()
{
    m_journey = QStringLiteral("dataset-live-export");
    // A job with an operator that talks while it works, and a second dataset to drop.
    const QDir dir(QDir(m_work.path()).filePath(m_journey));
    QDir().mkpath(dir.path());
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write(QStringLiteral("job.yaml"),
          "version: 1\nname: talk\ndataset:\n  path: first.jsonl\n  shard_size: 10\nmap:\n  language: python\n"
          "  operator: talk.py\n  entrypoint: map_shard\nreduce:\n  builtin: concat\nproduce:\n"
          "  - { format: json, path: all.json }\nexecution_backend: local\npolicy:\n  max_concurrency_map: 2\n"
          "  shard_timeout_s: 60\n  max_retries: 0\n");
    write(QStringLiteral("talk.py"),
          "import sys, time\n\ndef map_shard(records):\n    for r in records:\n"
          "        print(f\"working on record {r['id']}\", flush=True)\n        time.sleep(0.4)\n"
          "    return [r['id'] for r in records]\n");
    QByteArray first;
    QByteArray dropped;
    for (int i = 1; i <= 4; ++i)
        first += "{\"id\": " + QByteArray::number(i) + "}\n";
    for (int i = 1; i <= 12; ++i)
        dropped += "{\"id\": " + QByteArray::number(100 + i) + "}\n";
    write(QStringLiteral("first.jsonl"), first);
    write(QStringLiteral("dropped.jsonl"), dropped);

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // Open the job with Ctrl+O.
    answerFileDialog(dir.filePath(QStringLiteral("job.yaml")));
    press(&w, Qt::Key_O, Qt::ControlModifier);
    QTRY_VERIFY(w.windowTitle().contains(QLatin1String("job.yaml")));
    QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
    QVERIFY(runAction);
    auto *jobEditor = named<QPlainTextEdit>(&w, ui("mrp::JobPage", "Job file editor"));
    QVERIFY(jobEditor);
    QVERIFY(jobEditor->toPlainText().contains(QLatin1String("first.jsonl")));

    // The Dataset page: drop the other file on the preview.
    clickPage(&w, ui("mrp::MainWindow", "Dataset"));
    auto *preview = named<QAbstractItemView>(&w, ui("mrp::DatasetPage", "Dataset preview"));
    QVERIFY(preview);
    auto *plan = named<QLabel>(&w, ui("mrp::DatasetPage", "Shard plan"));
    QVERIFY(plan);
    QTRY_VERIFY2(plan->text().contains(QLatin1String("4 records in 1 shards")), qPrintable(plan->text()));
    QVERIFY(dropFiles(&w, preview->mapTo(&w, preview->rect().center()), {dir.filePath(QStringLiteral("dropped.jsonl"))}));
    QTRY_VERIFY2(plan->text().contains(QLatin1String("12 records in 2 shards")), qPrintable(plan->text()));
    shot(&w, QStringLiteral("1-dropped"));

    // Records per shard: 5 (typed, Enter).
    auto *shardSize = named<QSpinBox>(&w, ui("mrp::DatasetPage", "Records per shard"));
    QVERIFY(shardSize);
    click(shardSize);
    QTest::keyClick(shardSize, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(shardSize, QStringLiteral("5"));
    QTest::keyClick(shardSize, Qt::Key_Return);
    QTRY_VERIFY2(plan->text().contains(QLatin1String("12 records in 3 shards")), qPrintable(plan->text()));
    shot(&w, QStringLiteral("2-shard-size"));

    // The job shows both changes, unsaved; Ctrl+Z in the editor undoes the last, Ctrl+Y redoes it.
    clickPage(&w, ui("mrp::MainWindow", "Job"));
    QTRY_VERIFY(jobEditor->toPlainText().contains(QLatin1String("path: dropped.jsonl")));
    QVERIFY(jobEditor->toPlainText().contains(QLatin1String("shard_size: 5")));
    QVERIFY(w.isWindowModified());
    const QString modified = plain(ui("mrp::JobPage", "&Job: %1 (modified)")).arg(QStringLiteral("job.yaml"));
    QVERIFY2(withText<QLabel>(&w, modified), qPrintable(visibleLabels(&w)));
    click(jobEditor->viewport());
    QTest::keyClick(jobEditor, Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(jobEditor->toPlainText().contains(QLatin1String("shard_size: 10")));
    QVERIFY(jobEditor->toPlainText().contains(QLatin1String("path: dropped.jsonl")));
    QTest::keyClick(jobEditor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(jobEditor->toPlainText().contains(QLatin1String("shard_size: 5")));
    shot(&w, QStringLiteral("3-job-changed"));

    // F5 asks before saving; Save and Run.
    QTRY_VERIFY(runAction->isEnabled());
    answerMessageBox(ui("mrp::MainWindow", "&Save and Run"));
    press(&w, Qt::Key_F5);
    QTRY_VERIFY(!w.isWindowModified());
    auto *progress = named<QWidget>(&w, ui("mrp::RunPage", "Run progress"));
    QVERIFY(progress);
    auto *timeline = named<QAbstractItemView>(&w, ui("mrp::TimelineView", "Shard timeline"));
    QVERIFY(timeline);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->model()->rowCount(), 3, 15000);

    // Select the first shard: its output streams into the log while it runs.
    clickRow(timeline, 0);
    auto *log = named<QPlainTextEdit>(&w, ui("mrp::RunPage", "Log of the selected shard"));
    QVERIFY(log);
    QTRY_VERIFY2_WITH_TIMEOUT(log->toPlainText().contains(QLatin1String("working on record 101")), qPrintable(log->toPlainText()), 20000);
    const QString cancel = plain(ui("mrp::MainWindow", "&Cancel Run"));
    auto *cancelButton = withText<QAbstractButton>(&w, cancel);
    QVERIFY(cancelButton);
    QVERIFY2(cancelButton->isEnabled(), "the output arrived while the run was still going");
    shot(&w, QStringLiteral("4-live-output"));
    QTRY_VERIFY2_WITH_TIMEOUT(log->toPlainText().contains(QLatin1String("working on record 105")), qPrintable(log->toPlainText()), 20000);
    const QString succeeded = ui("mrp::RunPage", "Run %1 finished: every shard succeeded.").section(QLatin1String("%1"), 1);
    QTRY_VERIFY2_WITH_TIMEOUT(visibleLabels(&w).contains(succeeded), qPrintable(visibleLabels(&w)), 60000);
    shot(&w, QStringLiteral("5-finished"));

    // The Shards tab counts the records of each shard.
    const auto tabs = w.findChildren<QTabBar *>();
    QTabBar *runTabs = nullptr;
    for (QTabBar *t : tabs) {
        if (shown(t))
            runTabs = t;
    }
    QVERIFY(runTabs);
    int shardsTab = -1;
    for (int i = 0; i < runTabs->count(); ++i) {
        if (plain(runTabs->tabText(i)) == plain(ui("mrp::RunPage", "S&hards")))
            shardsTab = i;
    }
    QVERIFY(shardsTab >= 0);
    click(runTabs, runTabs->tabRect(shardsTab).center());
    auto *table = named<QAbstractItemView>(&w, ui("mrp::RunPage", "Shard table"));
    QVERIFY(table);
    QStringList records;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        records << table->model()->index(r, 2).data().toString();
    QCOMPARE(records, (QStringList{QStringLiteral("5"), QStringLiteral("5"), QStringLiteral("2")}));
    shot(&w, QStringLiteral("6-shards"));

    // Artifacts: view all.json, then export the run as CSV.
    clickPage(&w, ui("mrp::MainWindow", "Artifacts"));
    auto *outputs = named<QTreeWidget>(&w, ui("mrp::ArtifactsPage", "Produced outputs"));
    QVERIFY(outputs);
    QTRY_COMPARE(outputs->topLevelItemCount(), 1);
    const QPoint item = outputs->visualItemRect(outputs->topLevelItem(0)).center();
    QTest::mouseClick(outputs->viewport(), Qt::LeftButton, Qt::NoModifier, item);
    QTest::mouseDClick(outputs->viewport(), Qt::LeftButton, Qt::NoModifier, item);
    QPointer<QDialog> viewer;
    QTRY_VERIFY((viewer = dialogTitled(QStringLiteral("all.json"))));
    auto *contents = named<QPlainTextEdit>(viewer, ui("mrp::ArtifactViewer", "File contents"));
    QVERIFY(contents);
    QVERIFY2(contents->toPlainText().contains(QLatin1String("112")), qPrintable(contents->toPlainText()));
    shot(viewer, QStringLiteral("7-all-json"));
    QTest::keyClick(viewer, Qt::Key_Escape);
    QTRY_VERIFY(!viewer || !viewer->isVisible());

    const QString csv = dir.filePath(QStringLiteral("run.csv"));
    answerFileDialog(csv);
    click(withText<QAbstractButton>(&w, plain(ui("mrp::ArtifactsPage", "E&xport CSV…"))));
    const QString exported = ui("mrp::ArtifactsPage", "Exported %1.").arg(csv);
    QTRY_VERIFY2_WITH_TIMEOUT(w.statusBar()->currentMessage() == exported, qPrintable(w.statusBar()->currentMessage()), 10000);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 4);   // header + 3 shards
    shot(&w, QStringLiteral("8-exported"));
}

void TestJourneys::historyCompareAndDelete()
{
    m_journey = QStringLiteral("history");
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    clickPage(&w, ui("mrp::MainWindow", "History"));
    auto *runs = named<QAbstractItemView>(&w, ui("mrp::HistoryPage", "Past runs"));
    QVERIFY(runs);
    QTRY_VERIFY(runs->model()->rowCount() >= 2);   // the runs of the journeys before
    const int before = runs->model()->rowCount();
    shot(&w, QStringLiteral("1-history"));

    clickRow(runs, 0);
    clickRow(runs, 1, Qt::ControlModifier);
    click(withText<QAbstractButton>(&w, plain(ui("mrp::HistoryPage", "&Compare Two Runs"))));
    auto *comparison = named<QPlainTextEdit>(&w, ui("mrp::HistoryPage", "Comparison of two runs"));
    QVERIFY(comparison);
    QTRY_VERIFY(!comparison->toPlainText().isEmpty());
    shot(&w, QStringLiteral("2-compared"));

    // Open one: the window's title names it (not the run shown before).
    clickRow(runs, 1);
    const QString opened = runs->model()->index(1, 0).data().toString();
    click(withText<QAbstractButton>(&w, plain(ui("mrp::HistoryPage", "&Open Run"))));
    QTRY_VERIFY2(w.windowTitle().contains(opened), qPrintable(w.windowTitle()));
    shot(&w, QStringLiteral("2b-opened"));
    clickPage(&w, ui("mrp::MainWindow", "History"));

    clickRow(runs, 0);
    const QString id = runs->model()->index(0, 0).data().toString();
    answerMessageBox(QStringLiteral("&Yes"));
    click(withText<QAbstractButton>(&w, plain(ui("mrp::HistoryPage", "&Delete Run…"))));
    QTRY_COMPARE(runs->model()->rowCount(), before - 1);
    for (int r = 0; r < runs->model()->rowCount(); ++r)
        QVERIFY(runs->model()->index(r, 0).data().toString() != id);
    shot(&w, QStringLiteral("3-deleted"));
}

void TestJourneys::firstStartInGerman()
{
    // As started with LANGUAGE=de: our catalogue (and Qt's, where installed).
    const int installed = installTranslators(qApp, QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(installed >= 1);
    QVERIFY(ui("mrp::MainWindow", "Artifacts") != QLatin1String("Artifacts"));
    QVERIFY(ui("mrp::RunEvent", "reduce ok: %1") != QLatin1String("reduce ok: %1"));   // the run log too
    firstStart(QStringLiteral("first-start-de"));
    const auto translators = qApp->findChildren<QTranslator *>();
    for (QTranslator *t : translators) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

void TestJourneys::largeDatasetProgressAndCancel()
{
    m_journey = QStringLiteral("large-dataset");
    // About 384 MiB of JSON Lines, under the build folder (the test's working folder): reading
    // it outlasts the checks below on a fast machine.
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("large-dataset-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("large", "large.jsonl", 1000)},
                            {QStringLiteral("op.py"), "def map_shard(records):\n    return len(records)\n"}}));
    {
        QFile f(dir.filePath(QStringLiteral("large.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray block;
        for (qint64 i = 0; f.size() < (384 << 20); ++i) {
            block.clear();
            for (int j = 0; j < 4000; ++j) {
                const QByteArray n = QByteArray::number(i * 4000 + j);
                block += "{\"id\": " + n + ", \"question\": \"What is " + n + " times 7?\", \"tags\": [\"arithmetic\", \"large\"], "
                         "\"notes\": \"" + QByteArray(160, 'n') + "\"}\n";
            }
            QCOMPARE(f.write(block), block.size());
        }
    }
    const QDir runs(m_data.filePath(QStringLiteral("runs")));
    const QStringList runsBefore = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The job file dragged from a file manager onto the window's page list.
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
    QVERIFY(runAction);
    QTRY_VERIFY(runAction->isEnabled());

    // The GUI thread's pulse: a 10 ms timer; the longest gap between two beats is how long the
    // window could not have answered the user.
    QElapsedTimer pulseClock;
    qint64 lastBeat = -1;
    qint64 longestGap = 0;
    QTimer pulse;
    pulse.setInterval(10);
    connect(&pulse, &QTimer::timeout, &w, [&] {
        const qint64 now = pulseClock.elapsed();
        if (lastBeat >= 0)
            longestGap = std::max(longestGap, now - lastBeat);
        lastBeat = now;
    });

    // "Reading the dataset… 12 of 384 MiB" with something read already.
    const QString reading = ui("mrp::RunPage", "Reading the dataset… %1 of %2 MiB");
    const QRegularExpression readingSome(QRegularExpression::escape(reading.section(QLatin1String("%1"), 0, 0))
                                         + QStringLiteral("[1-9][0-9,.\u00a0]*")
                                         + QRegularExpression::escape(reading.section(QLatin1String("%1"), 1).section(QLatin1String("%2"), 0, 0))
                                         + QStringLiteral("38[0-9]")
                                         + QRegularExpression::escape(reading.section(QLatin1String("%2"), 1)));
    const QString cancelled = ui("mrp::RunPage", "Cancelled before the run started: no shard ran and nothing was recorded.");

    const auto compileAndCancel = [&](const QString &how) {
        press(&w, Qt::Key_F5);
        QProgressBar *bar = nullptr;
        QTRY_VERIFY((bar = named<QProgressBar>(&w, ui("mrp::RunPage", "Run progress"))));
        auto *timeline = named<QAbstractItemView>(&w, ui("mrp::TimelineView", "Shard timeline"));
        QVERIFY(timeline);
        QTRY_VERIFY2_WITH_TIMEOUT(readingSome.match(bar->text()).hasMatch(), qPrintable(bar->text()), 30000);
        QVERIFY2(bar->isVisible() && bar->value() > 0, qPrintable(bar->text()));
        QVERIFY2(!visibleLabels(&w).contains(cancelled), qPrintable(visibleLabels(&w)));
        shot(&w, how + QStringLiteral("-1-reading"));
        // While it reads, the window answers at once.
        lastBeat = -1;
        longestGap = 0;
        pulseClock.start();
        pulse.start();
        QTest::qWait(300);
        const QString readAtCancel = bar->text();
        QVERIFY2(readingSome.match(readAtCancel).hasMatch(), qPrintable(readAtCancel));
        QElapsedTimer clock;
        clock.start();
        if (how == u"button") {
            auto *cancelButton = withText<QAbstractButton>(&w, plain(ui("mrp::MainWindow", "&Cancel Run")));
            QVERIFY(cancelButton);
            QVERIFY(cancelButton->isEnabled());
            click(cancelButton);
        } else {
            press(&w, Qt::Key_Escape);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(visibleLabels(&w).contains(cancelled), qPrintable(visibleLabels(&w)), 10000);
        const qint64 cancelMs = clock.elapsed();
        pulse.stop();
        qInfo("%s: cancelled at \"%s\", said so %lld ms later; the GUI thread's longest gap: %lld ms", qPrintable(how),
              qPrintable(readAtCancel), cancelMs, longestGap);
        QVERIFY2(cancelMs < 2000, qPrintable(QString::number(cancelMs)));
        // Reading on the GUI thread would freeze it for seconds; a busy machine's scheduling
        // (several sharding threads on two cores) costs up to about 0.25 s.
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));
        // Nothing ran and nothing was recorded: no shard rows, no run folder, Run enabled again.
        QCOMPARE(bar->text(), ui("mrp::RunPage", "Cancelled"));
        QCOMPARE(timeline->model()->rowCount(), 0);
        QCOMPARE(runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot), runsBefore);
        QTRY_VERIFY(runAction->isEnabled());
        QCOMPARE(w.windowTitle(), ui("mrp::MainWindow", "%1[*] — MRP Workbench").arg(QStringLiteral("job.yaml")));
        shot(&w, how + QStringLiteral("-2-cancelled"));
    };
    compileAndCancel(QStringLiteral("button"));
    if (QTest::currentTestFailed())
        return;
    compileAndCancel(QStringLiteral("escape"));
    if (QTest::currentTestFailed())
        return;

    // History lists no run of it (once it has read the store again).
    QSignalSpy historyRead(w.historyPage(), &HistoryPage::refreshed);
    clickPage(&w, ui("mrp::MainWindow", "History"));
    QVERIFY(historyRead.wait(10000));
    auto *history = named<QAbstractItemView>(&w, ui("mrp::HistoryPage", "Past runs"));
    QVERIFY(history);
    for (int r = 0; r < history->model()->rowCount(); ++r)
        QVERIFY(history->model()->index(r, RunHistoryModel::JobColumn).data().toString() != QLatin1String("large"));
    shot(&w, QStringLiteral("3-history"));
}

void TestJourneys::quitDuringARun()
{
    m_journey = QStringLiteral("quit-during-run");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("quit-during-run-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"),
                             localJob("slow", "data.jsonl", 1, "policy:\n  max_concurrency_map: 2\n  shard_timeout_s: 300\n  max_retries: 0\n")},
                            {QStringLiteral("op.py"), "import time\n\ndef map_shard(records):\n    print('working', flush=True)\n"
                                                      "    time.sleep(120)\n    return len(records)\n"},
                            {QStringLiteral("data.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n"}}));
    const QDir runs(m_data.filePath(QStringLiteral("runs")));
    const QStringList runsBefore = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);

    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
        QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
        QVERIFY(runAction);
        QTRY_VERIFY(runAction->isEnabled());
        press(&w, Qt::Key_F5);
        // The first shard at work: its live output in the log.
        auto *timeline = named<QAbstractItemView>(&w, ui("mrp::TimelineView", "Shard timeline"));
        QVERIFY(timeline);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->model()->rowCount(), 3, 15000);
        clickRow(timeline, 0);
        auto *log = named<QPlainTextEdit>(&w, ui("mrp::RunPage", "Log of the selected shard"));
        QVERIFY(log);
        QTRY_VERIFY2_WITH_TIMEOUT(log->toPlainText().contains(QLatin1String("working")), qPrintable(log->toPlainText()), 30000);
        shot(&w, QStringLiteral("1-running"));

        // The window's close button (the window system's close request) and yes to cancelling
        // the run: the window stays until the run's record is written, then closes by itself.
        answerMessageBox(plain(QCoreApplication::translate("QPlatformTheme", "&Yes")));
        QElapsedTimer clock;
        clock.start();
        QCloseEvent closeRequest;
        QApplication::sendEvent(w.windowHandle(), &closeRequest);
        QVERIFY2(w.isVisible(), "the window closed before the run ended");
        QCOMPARE(w.statusBar()->currentMessage(), ui("mrp::MainWindow", "Cancelling the run; the window closes once its record is written…"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 30000);
        qInfo("the window closed %lld ms after the quit", clock.elapsed());
    }

    const QStringList newRuns = [&] {
        QStringList l = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &r : runsBefore)
            l.removeAll(r);
        return l;
    }();
    QCOMPARE(newRuns.size(), 1);
    QFile record(runs.filePath(newRuns.first() + QStringLiteral("/run.json")));
    QVERIFY(record.open(QIODevice::ReadOnly));
    const QJsonObject run = QJsonDocument::fromJson(record.readAll()).object();
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));

    // Started again, History lists the run as cancelled (not running).
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QSignalSpy historyRead(again.historyPage(), &HistoryPage::refreshed);
    clickPage(&again, ui("mrp::MainWindow", "History"));
    QVERIFY(historyRead.wait(10000) || historyRead.size() > 0);
    auto *history = named<QAbstractItemView>(&again, ui("mrp::HistoryPage", "Past runs"));
    QVERIFY(history);
    QString status;
    for (int r = 0; r < history->model()->rowCount(); ++r) {
        if (history->model()->index(r, RunHistoryModel::JobColumn).data().toString() == QLatin1String("slow"))
            status = history->model()->index(r, RunHistoryModel::StatusColumn).data().toString();
    }
    QCOMPARE(status, ui("mrp::RunHistoryModel", "cancelled"));
    shot(&again, QStringLiteral("2-history"));
}

// A dataset file dropped on the job's editor (where the user happens to be) is the job's new
// dataset, as anywhere on the window: not its file:// address pasted into the YAML.
void TestJourneys::datasetDroppedOnTheJobEditor()
{
    m_journey = QStringLiteral("drop-on-editor");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("drop-on-editor-XXXXXX")));
    QVERIFY(dir.isValid());
    QByteArray dropped;
    for (int i = 0; i < 12; ++i)
        dropped += "{\"id\": " + QByteArray::number(100 + i) + "}\n";
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("drop", "first.jsonl", 10)},
                            {QStringLiteral("op.py"), "def map_shard(records):\n    return len(records)\n"},
                            {QStringLiteral("first.jsonl"), "{\"id\": 1}\n"},
                            {QStringLiteral("dropped.jsonl"), dropped}}));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    clickPage(&w, ui("mrp::MainWindow", "Job"));
    auto *jobEditor = named<QPlainTextEdit>(&w, ui("mrp::JobPage", "Job file editor"));
    QVERIFY(jobEditor);
    const QPoint onEditor = jobEditor->viewport()->mapTo(&w, jobEditor->viewport()->rect().center());
    QVERIFY(dropFiles(&w, onEditor, {dir.filePath(QStringLiteral("dropped.jsonl"))}));

    auto *plan = named<QLabel>(&w, ui("mrp::DatasetPage", "Shard plan"));
    QVERIFY2(plan, "the Dataset page is not shown after the drop");
    QTRY_VERIFY2(plan->text().contains(QLatin1String("12 records in 2 shards")), qPrintable(plan->text()));
    shot(&w, QStringLiteral("1-dropped"));
    clickPage(&w, ui("mrp::MainWindow", "Job"));
    QTRY_VERIFY2(jobEditor->toPlainText().contains(QLatin1String("path: dropped.jsonl")), qPrintable(jobEditor->toPlainText()));
    QVERIFY2(!jobEditor->toPlainText().contains(QLatin1String("file:")), qPrintable(jobEditor->toPlainText()));
    shot(&w, QStringLiteral("2-job"));
}

// The Dataset page speaks of bad records as the job will treat them: with on_bad_record: fail
// (the default) they fail the job; typed into the job as skip, they are left out.
void TestJourneys::badRecordsAsTheJobTreatsThem()
{
    m_journey = QStringLiteral("bad-records");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("bad-records-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("bad", "data.jsonl", 10)},
                            {QStringLiteral("op.py"), "def map_shard(records):\n    return len(records)\n"},
                            {QStringLiteral("data.jsonl"), "{\"id\": 1}\n{not json\n{\"id\": 3}\n"}}));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    clickPage(&w, ui("mrp::MainWindow", "Dataset"));
    auto *plan = named<QLabel>(&w, ui("mrp::DatasetPage", "Shard plan"));
    auto *warnings = named<QPlainTextEdit>(&w, ui("mrp::DatasetPage", "Bad-record warnings"));
    QVERIFY(plan && warnings);
    QTRY_VERIFY2(plan->text().contains(QLatin1String("2 records in 1 shards")), qPrintable(plan->text()));
    QVERIFY2(plan->text().contains(QLatin1String("the job fails on them (on_bad_record: fail)")), qPrintable(plan->text()));
    QVERIFY2(warnings->toPlainText().contains(QLatin1String("data.jsonl:2: bad record:")), qPrintable(warnings->toPlainText()));
    QVERIFY2(!warnings->toPlainText().contains(QLatin1String("skipped")), qPrintable(warnings->toPlainText()));
    shot(&w, QStringLiteral("1-fail"));

    // Typed into the job under dataset, as a user types YAML: at the start of the "path" line,
    // Tab (two spaces in YAML, never a tab character), the key, Enter (the new line keeps the
    // indentation, the moved text loses its own).
    clickPage(&w, ui("mrp::MainWindow", "Job"));
    auto *jobEditor = named<QPlainTextEdit>(&w, ui("mrp::JobPage", "Job file editor"));
    QVERIFY(jobEditor);
    click(jobEditor->viewport());
    QTest::keyClick(jobEditor, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(jobEditor, Qt::Key_Down);
    QTest::keyClick(jobEditor, Qt::Key_Home);
    QTest::keyClick(jobEditor, Qt::Key_Tab);
    QTest::keyClicks(jobEditor, QStringLiteral("on_bad_record: skip"));
    QTest::keyClick(jobEditor, Qt::Key_Return);
    QTRY_VERIFY2(jobEditor->toPlainText().contains(QLatin1String("dataset:\n  on_bad_record: skip\n  path: data.jsonl\n")),
                 qPrintable(jobEditor->toPlainText()));
    QVERIFY(!jobEditor->toPlainText().contains(QLatin1Char('\t')));
    clickPage(&w, ui("mrp::MainWindow", "Dataset"));
    QTRY_VERIFY2_WITH_TIMEOUT(plan->text().contains(QLatin1String("will be skipped (on_bad_record: skip)")), qPrintable(plan->text()), 10000);
    QVERIFY2(warnings->toPlainText().contains(QLatin1String("data.jsonl:2: skipped:")), qPrintable(warnings->toPlainText()));
    shot(&w, QStringLiteral("2-skip"));
}

// A job whose operator Python cannot compile passes the YAML checks, so F5 starts it; the run
// then ends before it opens. The Run page says why instead of "Compiling… Press Esc", the bar
// says it did not start (not "0 of 1 shards"), and the log gives the reason once.
void TestJourneys::runThatCannotStartSaysWhy()
{
    m_journey = QStringLiteral("cannot-start");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("cannot-start-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("broken", "data.jsonl", 10)},
                            {QStringLiteral("op.py"), "def map_shard(records):\nreturn len(records)\n"},
                            {QStringLiteral("data.jsonl"), "{\"id\": 1}\n"}}));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
    QVERIFY(runAction);
    QTRY_VERIFY(runAction->isEnabled());
    press(&w, Qt::Key_F5);
    QProgressBar *bar = nullptr;
    QTRY_VERIFY((bar = named<QProgressBar>(&w, ui("mrp::RunPage", "Run progress"))));
    QTRY_COMPARE_WITH_TIMEOUT(bar->text(), ui("mrp::RunPage", "Not started"), 20000);
    auto *summary = named<QLabel>(&w, ui("mrp::RunPage", "Run summary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QLatin1String("op.py:2")), qPrintable(summary->text()));
    QVERIFY2(!summary->text().contains(QLatin1String("Compiling")), qPrintable(summary->text()));
    // The banner names no run: none was opened (no id, no record, nothing in History).
    QVERIFY2(visibleLabels(&w).contains(ui("mrp::RunPage", "The run did not start: %1").section(QLatin1String("%1"), 0, 0)),
             qPrintable(visibleLabels(&w)));
    QVERIFY2(!visibleLabels(&w).contains(QLatin1String("Run r20")), qPrintable(visibleLabels(&w)));
    auto *log = named<QPlainTextEdit>(&w, ui("mrp::RunPage", "Log of the selected shard"));
    QVERIFY(log);
    QTRY_VERIFY2(log->toPlainText().contains(QLatin1String("op.py:2")), qPrintable(log->toPlainText()));
    QCOMPARE(log->toPlainText().count(QLatin1String("op.py:2")), 1);
    shot(&w, QStringLiteral("1-not-started"));
}

// Sandboxes in parallel set in Settings override the job's for every run: the Dataset page's
// estimate counts with them, and the job's value is not offered for editing meanwhile.
void TestJourneys::settingsConcurrencyInTheEstimate()
{
    m_journey = QStringLiteral("settings-concurrency");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("settings-concurrency-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("estimate", "data.jsonl", 1, "policy:\n  max_concurrency_map: 4\n")},
                            {QStringLiteral("op.py"), "def map_shard(records):\n    return len(records)\n"},
                            {QStringLiteral("data.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n"}}));
    WorkbenchSettings settings;
    settings.concurrency = 1;
    settings.save();

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    clickPage(&w, ui("mrp::MainWindow", "Dataset"));
    auto *plan = named<QLabel>(&w, ui("mrp::DatasetPage", "Shard plan"));
    auto *slots = named<QSpinBox>(&w, ui("mrp::DatasetPage", "Sandboxes in parallel"));
    QVERIFY(plan && slots);
    QTRY_VERIFY2(plan->text().contains(QLatin1String("3 records in 3 shards")), qPrintable(plan->text()));
    QVERIFY2(plan->text().contains(QLatin1String("with 1 sandboxes in parallel")), qPrintable(plan->text()));
    QCOMPARE(slots->value(), 1);
    QVERIFY(!slots->isEnabled());
    shot(&w, QStringLiteral("1-estimate"));
    WorkbenchSettings{}.save();
}

// File ▸ New Job (Ctrl+N) after a run: the new job's editor is shown, the Run page no longer
// shows the earlier job's run, and the Dataset page previews nothing until the job is saved.
void TestJourneys::newJobAfterARunStartsClean()
{
    m_journey = QStringLiteral("new-job");
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("new-job-XXXXXX")));
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir, {{QStringLiteral("job.yaml"), localJob("before", "data.jsonl", 1)},
                            {QStringLiteral("op.py"), "def map_shard(records):\n    return len(records)\n"},
                            {QStringLiteral("data.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n"}}));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openByDrop(&w, dir.filePath(QStringLiteral("job.yaml"))));
    QAction *runAction = menuAction(&w, ui("mrp::MainWindow", "&Run"), ui("mrp::MainWindow", "&Run"));
    QVERIFY(runAction);
    QTRY_VERIFY(runAction->isEnabled());
    press(&w, Qt::Key_F5);
    auto *timeline = named<QAbstractItemView>(&w, ui("mrp::TimelineView", "Shard timeline"));
    QVERIFY(timeline);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->model()->rowCount(), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(runAction->isEnabled(), 30000);   // the run has ended
    shot(&w, QStringLiteral("1-run"));

    auto *pages = named<QListWidget>(&w, ui("mrp::MainWindow", "Pages"));
    QVERIFY(pages);
    press(&w, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY2(pages->currentItem() && pages->currentItem()->text() == ui("mrp::MainWindow", "Job"),
                 qPrintable(pages->currentItem() ? pages->currentItem()->text() : QString()));
    QVERIFY2(!w.windowTitle().contains(QLatin1String("job.yaml")), qPrintable(w.windowTitle()));
    shot(&w, QStringLiteral("2-new-job"));
    QCOMPARE(timeline->model()->rowCount(), 0);
    clickPage(&w, ui("mrp::MainWindow", "Dataset"));
    auto *plan = named<QLabel>(&w, ui("mrp::DatasetPage", "Shard plan"));
    QVERIFY(plan);
    QTRY_COMPARE(plan->text(), ui("mrp::DatasetPage", "No dataset yet."));
    shot(&w, QStringLiteral("3-no-dataset"));
}

QTEST_MAIN(TestJourneys)
#include "tst_journeys.moc"
