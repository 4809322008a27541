// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The workbench's pages end to end: validation as you type (underline + jump), a dataset
// dropped on the Dataset page, the API-key flow through a fake secret store, CSV export
// against a golden file, and a real run on the local backend feeding the live timeline, then
// opened and compared from History.

#include "artifactspage.h"
#include "codeeditor.h"
#include "datasetpage.h"
#include "dialogfolder.h"
#include "views/datasetpreviewmodel.h"
#include "historypage.h"
#include "local/sandboxcgroup.h"
#include "jobpage.h"
#include "mainwindow.h"
#include "secrets/memorysecretstore.h"
#include "views/runhistorymodel.h"
#include "runpage.h"
#include "store/runstore.h"
#include "apikeystore.h"
#include "settingsdialog.h"
#include "shardlogstore.h"
#include "views/shardtablemodel.h"
#include "timeline/timelineview.h"
#include "timeline/timelinezoom.h"

#include <KSyntaxHighlighting/Repository>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSettings>
#include <QTemporaryDir>
#include <QCheckBox>
#include <QMenuBar>
#include <QMultiHash>
#include <QTextBlock>
#include <QTest>
#include <QUrl>
#include <QWheelEvent>

using namespace mrp;

class TestWorkbench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
        qputenv("MRP_DATA_DIR", m_data.path().toUtf8());
    }

    void validationUnderlinesAndJumps()
    {
        MainWindow w;
        JobPage *page = w.jobPage();
        QSignalSpy validated(page, &JobPage::validationChanged);
        page->newJob();
        QVERIFY(validated.wait(5000));
        QVERIFY2(page->lastValidation().diagnostics.isEmpty() || !page->lastValidation().diagnostics.constFirst().message.isEmpty(), "no empty messages");
        const int before = int(page->problemList()->count());

        // A typo in a key on line 5: reported there, underlined, listed.
        QString text = JobPage::jobTemplate();
        text.replace(QStringLiteral("  shard_size: 10"), QStringLiteral("  shard_sise: 10"));
        validated.clear();
        page->jobEditor()->setPlainText(text);
        QVERIFY(validated.wait(5000));
        QVERIFY(page->problemList()->count() > before);
        const QList<EditorDiagnostic> diags = page->jobEditor()->diagnostics();
        auto it = std::find_if(diags.cbegin(), diags.cend(), [](const EditorDiagnostic &d) { return d.line == 5; });
        QVERIFY2(it != diags.cend(), "the unknown key is reported on its line");
        const auto selections = page->jobEditor()->extraSelections();
        QVERIFY(std::any_of(selections.cbegin(), selections.cend(), [](const QTextEdit::ExtraSelection &s) {
            return s.format.underlineStyle() == QTextCharFormat::WaveUnderline && s.cursor.blockNumber() == 4;
        }));
        // Activating the problem moves the cursor to it.
        QListWidgetItem *item = nullptr;
        for (int i = 0; i < page->problemList()->count(); ++i) {
            if (page->problemList()->item(i)->text().contains(QLatin1String(":5:")))
                item = page->problemList()->item(i);
        }
        QVERIFY(item);
        Q_EMIT page->problemList()->itemActivated(item);
        QCOMPARE(page->jobEditor()->textCursor().blockNumber(), 4);

        // Hovering the underline tells what is wrong; elsewhere nothing.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        CodeEditor *editor = page->jobEditor();
        QTextCursor onTypo(editor->document()->findBlockByNumber(4));
        onTypo.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, 4);
        const QString tip = editor->diagnosticAt(editor->cursorRect(onTypo).center());
        QVERIFY2(tip.contains(QLatin1String("shard_sise")) || tip.contains(QLatin1String("shard_size")), qPrintable(tip));
        QTextCursor clean(editor->document()->findBlockByNumber(0));
        QVERIFY(editor->diagnosticAt(editor->cursorRect(clean).center()).isEmpty());

        // Tab indents in the editor; Ctrl+Tab leaves it.
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_Tab, Qt::ControlModifier);
        QTRY_VERIFY(!editor->hasFocus());
    }

    // File dialogs open in a folder that exists: the one chosen last, else the given fallback
    // (the job's folder for an export), else documents, else home; never a missing one (the
    // dialog would fall back to the working directory).
    void dialogFolderExists()
    {
        QTemporaryDir jobFolder, chosen;
        QSettings().remove(QStringLiteral("ui/lastFolder"));
        QCOMPARE(dialogFolder(jobFolder.path()), jobFolder.path());
        QVERIFY(QFileInfo(dialogFolder()).isDir());
        QVERIFY(QFileInfo(dialogFolder(jobFolder.path() + QStringLiteral("/missing"))).isDir());
        rememberDialogFolder(chosen.filePath(QStringLiteral("report.csv")));
        QCOMPARE(dialogFolder(jobFolder.path()), chosen.path());
        QSettings().remove(QStringLiteral("ui/lastFolder"));
    }

    // Indentation by key, as typed into the operator editor (Python: four spaces per level):
    // Enter after a ':' opens a level, Enter keeps it, Shift+Tab closes it, Tab over selected
    // lines indents them all, and no tab character is ever written.
    void editorIndentsWithSpaces()
    {
        KSyntaxHighlighting::Repository repository;
        CodeEditor editor(&repository);
        editor.setDefinitionName(QStringLiteral("Python"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setFocus();
        QTest::keyClicks(&editor, QStringLiteral("def map_shard(records):"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("n = len(records)"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("return n"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClick(&editor, Qt::Key_Backtab, Qt::ShiftModifier);
        QTest::keyClicks(&editor, QStringLiteral("x = 1"));
        QCOMPARE(editor.toPlainText(), QStringLiteral("def map_shard(records):\n    n = len(records)\n    return n\nx = 1"));
        editor.selectAll();
        QTest::keyClick(&editor, Qt::Key_Tab);
        QCOMPARE(editor.toPlainText(),
                 QStringLiteral("    def map_shard(records):\n        n = len(records)\n        return n\n    x = 1"));
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);   // one undo step
        QCOMPARE(editor.toPlainText(), QStringLiteral("def map_shard(records):\n    n = len(records)\n    return n\nx = 1"));
        QVERIFY(!editor.toPlainText().contains(QLatin1Char('\t')));
    }

    // Alt+<letter> reaches one thing: no two visible mnemonics of a window share a letter.
    void mnemonicsAreUnique()
    {
        const auto clashes = [](QWidget *window, const QStringList &extra) {
            QMultiHash<QChar, QString> seen;
            QStringList texts = extra;
            for (QAbstractButton *b : window->findChildren<QAbstractButton *>()) {
                if (b->isVisibleTo(window))
                    texts << b->text();
            }
            for (QLabel *l : window->findChildren<QLabel *>()) {
                if (l->isVisibleTo(window) && l->buddy())
                    texts << l->text();
            }
            for (const QString &t : std::as_const(texts)) {
                const qsizetype amp = t.indexOf(QLatin1Char('&'));
                if (amp >= 0 && amp + 1 < t.size() && t.at(amp + 1) != QLatin1Char('&'))
                    seen.insert(t.at(amp + 1).toLower(), t);
            }
            QStringList out;
            for (const QChar c : seen.uniqueKeys()) {
                if (seen.count(c) > 1)
                    out << QStringList(seen.values(c)).join(QLatin1String(" / "));
            }
            return out;
        };
        MemorySecretStore secrets;
        ApiKeyStore keys(&secrets);
        SettingsDialog dialog(WorkbenchSettings{}, &keys);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QStringList found = clashes(&dialog, {});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String("; "))));

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        for (int page = 0; page < MainWindow::PageCount; ++page) {
            w.showPage(MainWindow::Page(page));
            QCoreApplication::processEvents();
            QWidget *current = nullptr;
            for (QWidget *p : {static_cast<QWidget *>(w.jobPage()), static_cast<QWidget *>(w.datasetPage()), static_cast<QWidget *>(w.runPage()),
                               static_cast<QWidget *>(w.artifactsPage()), static_cast<QWidget *>(w.historyPage())}) {
                if (p->isVisible())
                    current = p;
            }
            QVERIFY(current);
            found = clashes(current, menus);
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("page %1: ").arg(page) + found.join(QLatin1String("; "))));
        }
    }

    void staleValidationsAreDropped()
    {
        JobValidator validator;
        QSignalSpy spy(&validator, &JobValidator::validated);
        validator.requestNow(QStringLiteral("version: 1\nname: a\nbogus_key: 1\n"), QString());
        validator.request(JobPage::jobTemplate(), QString());   // newer text before the first finished
        QVERIFY(spy.wait(5000));
        QTest::qWait(400);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<JobValidation>().generation, validator.generation());
    }

    void dropDatasetOnPage()
    {
        DatasetPage page;
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QAbstractItemModelTester tester(page.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QMimeData mime;
        const QString file = QStringLiteral(MRP_SOURCE_DIR "/examples/inputs/reviews.jsonl");
        mime.setUrls({QUrl::fromLocalFile(file)});
        const QPoint pos(100, 100);
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&page, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy scanned(&page, &DatasetPage::scanFinished);
        QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&page, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(page.datasetPath(), file);
        QVERIFY(scanned.wait(10000));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const int lines = int(f.readAll().trimmed().split('\n').size());
        QCOMPARE(page.previewModel()->rowCount(), std::min(lines, DatasetPage::previewLimit()));
        QVERIFY(page.previewModel()->columns().contains(QStringLiteral("text")));
        QCOMPARE(page.lastScan().records, qint64(lines));
        QVERIFY2(page.planText().contains(QLatin1String("shard")), qPrintable(page.planText()));

        // Something that is not a local file is refused.
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.org/data.jsonl"))});
        QDragEnterEvent enterWeb(pos, Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&page, &enterWeb);
        QVERIFY(!enterWeb.isAccepted());
    }

    // The run settings survive the dialog and the settings file.
    // The selected shard's log keeps the last lines per shard and the last shards.
    void logRingBuffer()
    {
        ShardLogStore store(3, 2);
        for (int i = 0; i < 5; ++i)
            store.append(0, QString::number(i));
        QCOMPARE(store.lines(0), (QStringList{QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}));
        QCOMPARE(store.dropped(0), 2);
        store.append(1, QStringLiteral("x"));
        store.append(2, QStringLiteral("y"));   // evicts shard 0's log
        QVERIFY(store.lines(0).isEmpty());
        QCOMPARE(store.lines(2), QStringList{QStringLiteral("y")});
    }

    // Live output: lines split across chunks come out whole, \r\n ends a line, the unfinished
    // end waits (or is flushed when the shard ends), and a shard keeps only its last characters.
    void liveOutputLines()
    {
        ShardLogStore store(1000, 100, 64, 1 << 20);
        QCOMPARE(store.appendOutput(3, 1, "hello wo"), QStringList());
        QCOMPARE(store.appendOutput(3, 1, "rld\r\nnext line\npart"), (QStringList{QStringLiteral("hello world"), QStringLiteral("next line")}));
        QCOMPARE(store.appendOutput(3, 2, "Traceback\n"), QStringList{QStringLiteral("Traceback")});
        // The runner's digest line is protocol, not output: not shown (on stdout only).
        QCOMPARE(store.appendOutput(6, 1, "MRP-OUTPUT-SHA256 abc\nafter\n"), QStringList{QStringLiteral("after")});
        QCOMPARE(store.appendOutput(6, 2, "MRP-OUTPUT-SHA256 x\n"), QStringList{QStringLiteral("MRP-OUTPUT-SHA256 x")});
        store.appendOutput(6, 1, "MRP-OUTPUT-SHA256 def");
        QCOMPARE(store.flushOutput(6), QStringList());
        QCOMPARE(store.flushOutput(3), QStringList{QStringLiteral("part")});
        QCOMPARE(store.lines(3), (QStringList{QStringLiteral("hello world"), QStringLiteral("next line"), QStringLiteral("Traceback"),
                                              QStringLiteral("part")}));
        // "\xc3\xa4" split between two chunks is one character.
        store.appendOutput(4, 1, "\xc3");
        QCOMPARE(store.appendOutput(4, 1, "\xa4\n"), QStringList{QString::fromUtf8("\xc3\xa4")});
        // 64 characters per shard: the oldest lines go.
        for (int i = 0; i < 20; ++i)
            store.appendOutput(5, 1, QByteArray("line ") + QByteArray::number(i).rightJustified(2, '0') + '\n');
        const QStringList kept = store.lines(5);
        QVERIFY(kept.size() < 20);
        QCOMPARE(kept.constLast(), QStringLiteral("line 19"));
        QVERIFY(store.dropped(5) > 0);
        // Over the total the logs of the shards seen first are dropped.
        ShardLogStore small(1000, 100, 1000, 100);
        small.append(1, QString(60, QLatin1Char('a')));
        small.append(2, QString(60, QLatin1Char('b')));
        QVERIFY(small.lines(1).isEmpty());
        QCOMPARE(small.lines(2).size(), 1);
    }

    void runSettingsRoundTrip()
    {
        QStandardPaths::setTestModeEnabled(true);
        MemorySecretStore secrets;
        ApiKeyStore keys(&secrets);
        WorkbenchSettings settings;
        settings.concurrency = 7;
        settings.maxSandboxSeconds = 90;
        SettingsDialog dialog(settings, &keys);
        QVERIFY(!dialog.settings().allowUnisolated);
        auto *allow = dialog.findChild<QCheckBox *>();
        QVERIFY(allow);
        QVERIFY(!allow->text().isEmpty());
        allow->setChecked(true);
        // The folders a job may read besides its own, typed as the user would.
        QVERIFY(dialog.allowedPathsEdit()->text().isEmpty());
        QTest::keyClicks(dialog.allowedPathsEdit(), QStringLiteral("/data/a") + QDir::listSeparator() + QStringLiteral(" /data/b/ "));
        const WorkbenchSettings edited = dialog.settings();
        QVERIFY(edited.allowUnisolated);
        QCOMPARE(edited.allowedPaths, (QStringList{QStringLiteral("/data/a"), QStringLiteral("/data/b")}));
        QCOMPARE(edited.concurrency, 7);
        QCOMPARE(edited.maxSandboxSeconds, 90);
        edited.save();
        const WorkbenchSettings loaded = WorkbenchSettings::load();
        QVERIFY(loaded.allowUnisolated);
        QCOMPARE(loaded.concurrency, 7);
        QCOMPARE(loaded.allowedPaths, edited.allowedPaths);
        WorkbenchSettings{}.save();
        QVERIFY(!WorkbenchSettings::load().allowUnisolated);
    }

    void keyFlowThroughFakeSecretStore()
    {
        MemorySecretStore secrets;
        ApiKeyStore keys(&secrets);
        WorkbenchSettings settings;
        settings.profile = QStringLiteral("daytona");
        SettingsDialog dialog(settings, &keys);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.setKeyButton()->isEnabled(), 2000);
        QVERIFY(dialog.keyStatusLabel()->text().contains(QLatin1String("No key")));
        QVERIFY(!dialog.removeKeyButton()->isEnabled());

        // Set: the field is a password field and is cleared after storing.
        QTest::mouseClick(dialog.setKeyButton(), Qt::LeftButton);
        QCOMPARE(dialog.keyEdit()->echoMode(), QLineEdit::Password);
        QTest::keyClicks(dialog.keyEdit(), QStringLiteral("dtn_secret_123"));
        QTest::mouseClick(dialog.storeKeyButton(), Qt::LeftButton);
        QVERIFY(dialog.keyEdit()->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.removeKeyButton()->isEnabled(), 2000);
        QVERIFY(dialog.keyStatusLabel()->text().contains(QLatin1String("A key is set")));
        QVERIFY(!dialog.keyStatusLabel()->text().contains(QLatin1String("dtn_secret_123")));
        QCOMPARE(dialog.setKeyButton()->text().remove(QLatin1Char('&')), QStringLiteral("Replace Key…"));
        bool stored = false;
        secrets.read(SecretStore::apiKeyName(QStringLiteral("daytona")), [&](const SecretStore::Result &r) {
            stored = r.ok() && r.secret == QLatin1String("dtn_secret_123");
        });
        QTRY_VERIFY(stored);

        // Remove.
        QTest::mouseClick(dialog.removeKeyButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keyStatusLabel()->text().contains(QLatin1String("No key")), 2000);

        // A failing keychain is reported, not crashed on.
        secrets.setFailure(SecretStore::Status::AccessDenied);
        QTest::mouseClick(dialog.setKeyButton(), Qt::LeftButton);
        QTest::keyClicks(dialog.keyEdit(), QStringLiteral("x"));
        QTest::mouseClick(dialog.storeKeyButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.setKeyButton()->isEnabled(), 2000);
        QVERIFY(!dialog.keyStatusLabel()->text().contains(QLatin1String("A key is set")));

        // The main window's status bar follows the store.
        secrets.setFailure(SecretStore::Status::Ok);
        MainWindow w;
        w.setApiKeyStore(&keys);
        QTRY_COMPARE_WITH_TIMEOUT(w.keyStatus()->text(), QStringLiteral("API key: not set"), 2000);
        keys.setKey(QStringLiteral("daytona"), QStringLiteral("k"));
        QTRY_COMPARE_WITH_TIMEOUT(w.keyStatus()->text(), QStringLiteral("API key: set"), 2000);
    }

    void csvExportMatchesGolden()
    {
        RunRecord r;
        r.runId = QStringLiteral("r20260101-000000-abcdef");
        r.status = QStringLiteral("ok");
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'767'225'600'000, QTimeZone::UTC);
        r.createdAt = t0;
        for (int i = 0; i < 3; ++i) {
            ShardRecord s;
            s.index = i;
            s.shardId = QStringLiteral("shard-%1").arg(i, 5, 10, QLatin1Char('0'));
            s.shardDigest = QString(64, QLatin1Char('a' + i));
            s.state = i == 2 ? ShardState::Failed : ShardState::Done;
            AttemptRecord a;
            a.start = t0.addMSecs(100 * i);
            a.end = t0.addMSecs(100 * i + 900);
            a.phases = {10, 200, 30, 600, i == 2 ? -1 : 70};
            a.exitCode = i == 2 ? 3 : 0;
            a.errorClass = i == 2 ? ErrorClass::OperatorError : ErrorClass::None;
            a.message = i == 2 ? QStringLiteral("ValueError: bad, \"quoted\"") : QString();
            a.costUsd = 0.0001 * (i + 1);
            s.attempts = {a};
            s.costUsd = a.costUsd;
            s.outputDigest = i == 2 ? QString() : QString(64, QLatin1Char('0' + i));
            r.shards.append(s);
        }
        ArtifactsPage page;
        page.setRun(r, m_data.path());
        QSignalSpy done(&page, &ArtifactsPage::exportFinished);
        const QString out = QDir(m_data.path()).filePath(QStringLiteral("export.csv"));
        page.exportCsv(out);
        QVERIFY(done.wait(5000));
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        QFile actual(out);
        QVERIFY(actual.open(QIODevice::ReadOnly));
        const QByteArray bytes = actual.readAll();
        const QString goldenPath = QStringLiteral(MRP_TEST_DATA_DIR "/export_golden.csv");
        // Regenerated only on purpose: MRP_UPDATE_GOLDEN=1 ctest -R app_workbench
        if (qEnvironmentVariableIntValue("MRP_UPDATE_GOLDEN") == 1) {
            QFile g(goldenPath);
            QVERIFY(g.open(QIODevice::WriteOnly));
            g.write(bytes);
        }
        QFile golden(goldenPath);
        QVERIFY2(golden.open(QIODevice::ReadOnly), "golden file missing: run once with MRP_UPDATE_GOLDEN=1");
        QCOMPARE(bytes, golden.readAll());
    }

    void timelineZoomAndPanByKeyboardAndMouse()
    {
        RunPage page;
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showSample(200);
        TimelineView *view = page.timelineView();
        TimelineZoom *zoom = view->zoom();
        QVERIFY(!zoom->mapping().isZoomed());
        QCOMPARE(zoom->mapping().rangeEnd(), page.model()->rangeEnd());
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(zoom->mapping().isZoomed());
        const double start = zoom->mapping().viewStart();
        QTest::keyClick(view, Qt::Key_Right);
        QVERIFY(zoom->mapping().viewStart() > start);
        QTest::keyClick(view, Qt::Key_Left);
        QTest::keyClick(view, Qt::Key_Left);
        QVERIFY(zoom->mapping().viewStart() < start + 1e-9);
        QTest::keyClick(view, Qt::Key_0);
        QVERIFY(!zoom->mapping().isZoomed());

        // Ctrl+wheel over the timeline column zooms around the mouse.
        const int x = view->columnViewportPosition(ShardTableModel::TimelineColumn) + 50;
        const QPoint pos(x, 40);
        const double tUnderMouse = zoom->mapping().timeForX(50);
        QWheelEvent wheel(pos, view->viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(zoom->mapping().isZoomed());
        QVERIFY(qAbs(zoom->mapping().timeForX(50) - tUnderMouse) < 1.0);
        // Dragging pans.
        const double before = zoom->mapping().viewStart();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, pos);
        QMouseEvent move(QEvent::MouseMove, QPointF(pos.x() - 60, pos.y()), view->viewport()->mapToGlobal(QPointF(pos.x() - 60, pos.y())),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &move);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, QPoint(pos.x() - 60, pos.y()));
        QVERIFY(zoom->mapping().viewStart() > before);

        // Every row has an accessible summary.
        const QModelIndex first = view->model()->index(0, ShardTableModel::TimelineColumn);
        QVERIFY(first.data(Qt::AccessibleTextRole).toString().startsWith(QLatin1String("Shard shard-00000")));
        QVERIFY(!view->accessibleName().isEmpty());
    }

    void localRunFeedsTimelineAndHistory()
    {
        MainWindow w;
        w.setDataDir(m_data.path());
        w.openJob(QStringLiteral(MRP_SOURCE_DIR "/examples/toy.yaml"));
        RunPage *run = w.runPage();
        ShardTableModel *model = run->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QSignalSpy finished(run, &RunPage::runFinished);
        QSignalSpy record(run, &RunPage::runRecordReady);
        QVERIFY(run->startRun(QStringLiteral(MRP_SOURCE_DIR "/examples/toy.yaml"), QStringLiteral("local")));
        QVERIFY(run->isRunning());
        QVERIFY(finished.wait(50000));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("ok"));
        QVERIFY(model->rowCount() > 0);
        QVERIFY2(changed.count() > 0, "live updates arrive as dataChanged");
        QCOMPARE(resets.count(), 2);   // clear() at start, then the run's shards
        for (int r = 0; r < model->rowCount(); ++r) {
            const ShardTimeline &s = model->shard(r);
            QCOMPARE(s.state, ShardState::Done);
            QVERIFY(!s.attempts.isEmpty());
            QVERIFY(!s.attempts.constLast().phases.isEmpty());
            QVERIFY(s.durationMs(model->now()) >= 0);
        }
        QVERIFY(model->rangeEnd() > 0);
        // What the sandboxes fence, and what bounds memory (the sandbox as a whole where a cgroup
        // can be made, else each process), is on the page.
        if (const std::shared_ptr<CgroupHost> cgroups = CgroupHost::instance(); cgroups->usable())
            QVERIFY2(run->isolationText().contains(QString(QLatin1String("processes for the sandbox as a whole (") + cgroups->versionName())),
                     qPrintable(run->isolationText()));
        else
            QVERIFY2(run->isolationText().contains(QLatin1String("not for the sandbox as a whole")), qPrintable(run->isolationText()));
        QCOMPARE(record.count(), 1);
        QVERIFY(QFileInfo::exists(record.at(0).at(1).toString()));

        // A second run, then History lists both, opens one and compares them.
        finished.clear();
        QVERIFY(run->startRun(QStringLiteral(MRP_SOURCE_DIR "/examples/toy.yaml"), QStringLiteral("local")));
        QVERIFY(finished.wait(50000));
        HistoryPage *history = w.historyPage();
        QSignalSpy refreshed(history, &HistoryPage::refreshed);
        history->refresh();
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(history->model()->rowCount(), 2);
        const QString a = history->model()->runs().at(0).runId;
        const QString b = history->model()->runs().at(1).runId;
        history->selectRuns({a, b});
        QSignalSpy compared(history, &HistoryPage::compared);
        history->compareSelected();
        QVERIFY(compared.wait(5000));
        QVERIFY2(history->comparisonText().contains(QLatin1String("0 differ")), qPrintable(history->comparisonText()));
        history->selectRuns({a});
        QSignalSpy opened(history, &HistoryPage::openRequested);
        history->openSelected();
        QVERIFY(opened.wait(5000));
        QCOMPARE(w.runPage()->currentRunId(), a);
        QCOMPARE(w.currentPage(), MainWindow::RunPageIndex);
        QVERIFY(w.runPage()->model()->rowCount() > 0);

        // Delete asks first; No keeps the run, Yes removes its rows and its folder.
        RunStore store(m_data.path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(QFileInfo::exists(store.runDir(b)));
        auto *deleteButton = history->findChild<QPushButton *>(QStringLiteral("deleteRunButton"));
        QVERIFY(deleteButton);
        const auto answer = [&](QMessageBox::StandardButton button) -> bool {
            history->selectRuns({b});
            if (!deleteButton->isEnabled())
                return false;
            deleteButton->click();
            auto *box = history->findChild<QMessageBox *>(QStringLiteral("deleteRunConfirmation"));
            if (!box || !box->isVisible() || !box->text().contains(b))
                return false;
            box->button(button)->click();
            return true;
        };
        QSignalSpy deleted(history, &HistoryPage::deleted);
        QVERIFY(answer(QMessageBox::No));
        QTest::qWait(200);
        QCOMPARE(deleted.count(), 0);
        QVERIFY(store.runExists(b));
        QVERIFY(answer(QMessageBox::Yes));
        QVERIFY(deleted.wait(5000));
        QCOMPARE(deleted.at(0).at(0).toString(), b);
        QVERIFY(deleted.at(0).at(1).toBool());
        QVERIFY(!store.runExists(b));
        QVERIFY(!QFileInfo::exists(store.runDir(b)));
        QVERIFY(store.runExists(a));
        QCOMPARE(history->model()->rowCount(), 1);
        QCOMPARE(history->model()->runs().at(0).runId, a);
    }

private:
    QTemporaryDir m_data;
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
