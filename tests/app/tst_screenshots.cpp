// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Saves a screenshot of every page of the main window, in a light and a dark palette, into
// <build>/screenshots/ (for people to look at), and checks each one is not blank.

#include "apptheme.h"
#include "datasetpage.h"
#include "jobpage.h"
#include "mainwindow.h"
#include "runpage.h"
#include "settingsdialog.h"
#include "views/shardfiltermodel.h"
#include "views/shardtablemodel.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
        qputenv("MRP_DATA_DIR", m_data.path().toUtf8());
        m_outDir = QStringLiteral(MRP_BINARY_DIR "/screenshots");
        QVERIFY(QDir().mkpath(m_outDir));
    }

    void pages_data()
    {
        QTest::addColumn<int>("theme");
        QTest::newRow("light") << int(ThemeMode::Light);
        QTest::newRow("dark") << int(ThemeMode::Dark);
    }

    void pages()
    {
        QFETCH(int, theme);
        const QString themeName = themeModeKey(ThemeMode(theme));
        applyTheme(ThemeMode(theme));

        MainWindow w;
        w.setDataDir(m_data.path());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openJob(QStringLiteral(MRP_SOURCE_DIR "/examples/toy.yaml"));
        QSignalSpy validated(w.jobPage(), &JobPage::validationChanged);
        QVERIFY(validated.wait(5000));
        QSignalSpy scanned(w.datasetPage(), &DatasetPage::scanFinished);
        w.datasetPage()->setDatasetPath(QStringLiteral(MRP_SOURCE_DIR "/examples/inputs/reviews.jsonl"));
        QVERIFY(scanned.wait(10000));
        w.runPage()->showSample(400, 9000);
        w.runPage()->timelineView()->setFocus();
        w.runPage()->timelineView()->setCurrentIndex(w.runPage()->filterModel()->index(3, 0));

        const char *names[] = {"job", "dataset", "run", "artifacts", "history"};
        for (int i = 0; i < MainWindow::PageCount; ++i) {
            w.showPage(MainWindow::Page(i));
            QTest::qWait(50);
            save(w.grab(), QStringLiteral("%1-%2.png").arg(QLatin1String(names[i]), themeName));
        }
        // The run page's other tabs.
        auto *tabs = w.runPage()->findChild<QTabWidget *>();
        QVERIFY(tabs);
        w.showPage(MainWindow::RunPageIndex);
        tabs->setCurrentIndex(1);
        QTest::qWait(50);
        save(w.grab(), QStringLiteral("run-shards-%1.png").arg(themeName));
        tabs->setCurrentIndex(2);
        QTest::qWait(50);
        save(w.grab(), QStringLiteral("run-plots-%1.png").arg(themeName));

        SettingsDialog dialog(w.settings(), nullptr, &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        save(dialog.grab(), QStringLiteral("settings-%1.png").arg(themeName));
        applyTheme(ThemeMode::System);
    }

private:
    void save(const QPixmap &pixmap, const QString &name)
    {
        const QImage image = pixmap.toImage();
        QVERIFY(!image.isNull());
        // Not blank: a real page has many distinct colours (text, frames, highlights).
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 8, qPrintable(name));
        QVERIFY(image.save(QDir(m_outDir).filePath(name), "PNG"));
    }

    QTemporaryDir m_data;
    QString m_outDir;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
