// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// A cloud run from the workbench against the Daytona emulator (real HTTP on loopback): the key
// comes from the secret store the Settings dialog writes to, and the Run page's timeline fills
// with the shards' phases as they run. And the same as a person does it, by input events only:
// Settings (backend, API URL, key) -> open a cloud job -> F5 -> Cancel -> no sandbox left.

#include "../emulator/emulatorprocess.h"
#include "userinput.h"

#include "daytona/connectioncheck.h"
#include "mainwindow.h"
#include "secrets/memorysecretstore.h"
#include "secrets/qtkeychainsecretstore.h"
#include "runpage.h"
#include "banner.h"
#include "apikeystore.h"
#include "settingsdialog.h"
#include "views/shardtablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QScopeGuard>
#include <QTimer>
#include <QElapsedTimer>
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QPushButton>
#include <QTreeWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QPlainTextEdit>
#include <QUuid>

using namespace mrp;

class TestWorkbenchEmulator : public QObject
{
    Q_OBJECT

    // A started emulator with DAYTONA_API_URL pointing at it, and a key in `secrets`.
    static bool startEmulator(test::EmulatorProcess *emu, MemorySecretStore *secrets, QString *why)
    {
        qunsetenv("DAYTONA_API_KEY");
        if (!emu->start({QStringLiteral("--create-latency-ms"), QStringLiteral("30"), QStringLiteral("--call-latency-ms"),
                         QStringLiteral("5")},
                        why))
            return false;
        qputenv("DAYTONA_API_URL", emu->apiUrl().toString().toUtf8());
        bool written = false;
        secrets->write(SecretStore::apiKeyName(QStringLiteral("daytona")), QStringLiteral("dtn_check_key"),
                       [&](const SecretStore::Result &r) { written = r.ok(); });
        return QTest::qWaitFor([&] { return written; }, 2000);
    }

    static QList<ConnectionCheck::Step> stepsOf(const QList<ConnectionCheck::StepResult> &results)
    {
        QList<ConnectionCheck::Step> out;
        for (const auto &r : results)
            out << r.step;
        return out;
    }

private Q_SLOTS:
    void connectionCheckRunsEveryStep()
    {
        QStandardPaths::setTestModeEnabled(true);
        test::EmulatorProcess emu;
        MemorySecretStore secrets;
        QString why;
        QVERIFY2(startEmulator(&emu, &secrets, &why), qPrintable(why));

        using S = ConnectionCheck::Step;
        ConnectionCheck check;
        check.setSecretStore(&secrets);
        QSignalSpy steps(&check, &ConnectionCheck::stepFinished);
        QSignalSpy finished(&check, &ConnectionCheck::finished);
        QElapsedTimer wall;
        wall.start();
        check.start();
        QVERIFY(check.isRunning());
        QCOMPARE(steps.count(), 0);   // asynchronous: nothing happens inside start()
        QVERIFY(finished.wait(60000));
        const qint64 wallMs = wall.elapsed();
        QCOMPARE(finished.count(), 1);
        const auto results = check.results();
        for (const auto &r : results)
            qInfo("%-16s %s %5lld ms  %s", qPrintable(ConnectionCheck::stepName(r.step)), r.ok ? "ok  " : "FAIL", r.ms, qPrintable(r.detail));
        QCOMPARE(finished.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Ok);
        QCOMPARE(stepsOf(results), (QList<S>{S::ApiKey, S::ApiUrl, S::ReachApi, S::CreateSandbox, S::RunHelloWorld, S::DeleteSandbox}));
        QCOMPARE(steps.count(), results.size());
        qint64 sum = 0;
        for (const auto &r : results) {
            QVERIFY2(r.ok, qPrintable(ConnectionCheck::stepName(r.step) + QLatin1String(": ") + r.detail));
            QVERIFY(r.ms >= 0);
            sum += r.ms;
        }
        QVERIFY(sum <= wallMs);
        QVERIFY(!results.at(0).detail.contains(QLatin1String("dtn_check_key")));   // never the key
        QCOMPARE(results.at(1).detail, emu.apiUrl().toString());
        QVERIFY(results.at(4).detail.contains(QLatin1String("hello from mrp")));
        QVERIFY(!check.isRunning());
        const QJsonObject stats = emu.stats();
        QCOMPARE(stats.value(QLatin1String("created")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("liveSandboxes")).toInt(), 0);
    }

    void connectionCheckCancelDeletesTheSandbox()
    {
        test::EmulatorProcess emu;
        MemorySecretStore secrets;
        QString why;
        QVERIFY2(startEmulator(&emu, &secrets, &why), qPrintable(why));

        using S = ConnectionCheck::Step;
        ConnectionCheck check;
        check.setSecretStore(&secrets);
        connect(&check, &ConnectionCheck::stepFinished, &check, [&](const ConnectionCheck::StepResult &r) {
            if (r.step == S::CreateSandbox)
                check.cancel();
        });
        QSignalSpy finished(&check, &ConnectionCheck::finished);
        check.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Cancelled);
        const auto results = check.results();
        QCOMPARE(stepsOf(results), (QList<S>{S::ApiKey, S::ApiUrl, S::ReachApi, S::CreateSandbox, S::DeleteSandbox}));
        QVERIFY(results.constLast().ok);
        const QJsonObject stats = emu.stats();
        QCOMPARE(stats.value(QLatin1String("created")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("liveSandboxes")).toInt(), 0);

        // Cancelled before anything was created: finished at once, nothing sent after.
        finished.clear();
        check.start();
        check.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Cancelled);
        QTest::qWait(300);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(emu.stats().value(QLatin1String("created")).toInt(), 1);
    }

    void connectionCheckWithoutKeyIsRefused()
    {
        qunsetenv("DAYTONA_API_KEY");
        MemorySecretStore empty;
        ConnectionCheck check;
        check.setSecretStore(&empty);
        QSignalSpy finished(&check, &ConnectionCheck::finished);
        check.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Refused);
        QCOMPARE(check.results().size(), 1);
        QCOMPARE(check.results().at(0).step, ConnectionCheck::Step::ApiKey);
        QVERIFY(!check.results().at(0).ok);
    }

    void settingsTestConnectionShowsSteps()
    {
        test::EmulatorProcess emu;
        MemorySecretStore secrets;
        QString why;
        QVERIFY2(startEmulator(&emu, &secrets, &why), qPrintable(why));
        ApiKeyStore keys(&secrets);
        WorkbenchSettings settings;
        settings.profile = QStringLiteral("daytona");
        SettingsDialog dialog(settings, &keys);
        dialog.show();
        QVERIFY(dialog.testConnectionButton()->isEnabled());
        QVERIFY(!dialog.testResults()->isVisible());
        QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
        QTest::mouseClick(dialog.testConnectionButton(), Qt::LeftButton);
        QVERIFY(dialog.testResults()->isVisible());
        QVERIFY(dialog.testConnectionButton()->text().remove(QLatin1Char('&')).contains(QLatin1String("Stop")));
        QVERIFY(tested.wait(60000));
        QCOMPARE(tested.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Ok);
        QTreeWidget *list = dialog.testResults();
        QCOMPARE(list->topLevelItemCount(), 7);   // six steps and the summary
        const QStringList names = {QStringLiteral("API key"), QStringLiteral("API URL"), QStringLiteral("reach API"),
                                   QStringLiteral("create sandbox"), QStringLiteral("run hello-world"), QStringLiteral("delete sandbox")};
        for (int i = 0; i < names.size(); ++i) {
            QTreeWidgetItem *item = list->topLevelItem(i);
            QCOMPARE(item->text(0), names.at(i));
            QVERIFY2(item->text(1).endsWith(QLatin1String(" ms")), qPrintable(item->text(1)));
            QVERIFY(!item->data(0, Qt::AccessibleTextRole).toString().isEmpty());
        }
        QVERIFY(list->topLevelItem(6)->text(0).contains(QLatin1String("works")));
        QCOMPARE(dialog.testConnectionButton()->text().remove(QLatin1Char('&')), QStringLiteral("Test Connection"));
        QCOMPARE(emu.stats().value(QLatin1String("liveSandboxes")).toInt(), 0);
        // For people to look at, next to tst_screenshots' pages.
        const QString shots = QStringLiteral(MRP_BINARY_DIR "/screenshots");
        QVERIFY(QDir().mkpath(shots));
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/settings-test-connection.png")));
    }

    // The API URL without its /api (the emulator's root): Test Connection and a run say what to check.
    void apiUrlWithoutApiSaysWhatToCheck()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir data;
        QVERIFY(data.isValid());
        qputenv("MRP_DATA_DIR", data.path().toUtf8());
        test::EmulatorProcess emu;
        MemorySecretStore secrets;
        QString why;
        QVERIFY2(startEmulator(&emu, &secrets, &why), qPrintable(why));
        qunsetenv("DAYTONA_API_URL");
        QUrl root = emu.apiUrl();
        root.setPath(QString());
        const QString said = QStringLiteral("the server has no Daytona API at %1 (404); the API URL usually ends in /api")
                                 .arg(root.toString());

        ApiKeyStore keys(&secrets);
        WorkbenchSettings settings;
        settings.apiUrl = root.toString();
        SettingsDialog dialog(settings, &keys);
        dialog.show();
        QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
        QTest::mouseClick(dialog.testConnectionButton(), Qt::LeftButton);
        QVERIFY(tested.wait(30000));
        QCOMPARE(tested.at(0).at(0).value<ConnectionCheck::Result>(), ConnectionCheck::Result::Failed);
        QTreeWidget *list = dialog.testResults();
        QTreeWidgetItem *reach = list->topLevelItem(2);
        QVERIFY(reach);
        QCOMPARE(reach->text(0), QStringLiteral("reach API (failed)"));
        QVERIFY2(reach->text(2).contains(said), qPrintable(reach->text(2)));
        dialog.close();

        // A run with that URL: its shards fail on the first create, saying the same.
        MainWindow w;
        w.setDataDir(data.path());
        RunPage *run = w.runPage();
        run->setSecretStore(&secrets);
        QSignalSpy finished(run, &RunPage::runFinished);
        RunOptions options;
        options.apiUrl = root;
        QVERIFY(run->startRun(QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml"), QStringLiteral("cloud_sandbox"), options));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("infrastructure"));
        QVERIFY2(run->banner()->text().contains(QStringLiteral("Could not create a sandbox: ") + said), qPrintable(run->banner()->text()));
        QCOMPARE(emu.stats().value(QLatin1String("created")).toInt(), 0);
    }

    // As a person does it, with the real keychain (gnome-keyring's Secret Service in the private
    // D-Bus session the test runs in): Settings (backend, API URL, key) -> open a cloud job -> F5
    // -> Cancel -> no sandbox left; the run found the key typed in Settings through the keychain,
    // and the key is in no file of the test's folders and not in the run record.
    void cloudJourneyByInput()
    {
        using namespace mrp::test;
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QTemporaryDir data;
        QVERIFY(data.isValid());
        qputenv("MRP_DATA_DIR", data.path().toUtf8());
        qunsetenv("DAYTONA_API_KEY");
        qunsetenv("DAYTONA_API_URL");   // the URL must come from Settings
        const QString typedKey = QStringLiteral("dtn_journey_key_") + QUuid::createUuid().toString(QUuid::Id128);
        const QString shots = QDir::current().filePath(QStringLiteral("journeys/cloud"));
        QVERIFY(QDir().mkpath(shots));
        // Only in a throwaway keyring (tests/keychain/with-secret-service.sh), never the user's own.
        const QString keyring = qEnvironmentVariable("MRP_TEST_KEYRING");
        if (keyring.isEmpty()) {
            if (qEnvironmentVariable("MRP_DEV_ENV") == u"root")
                QFAIL("run through tests/keychain/with-secret-service.sh (ctest does): this build environment has gnome-keyring");
            QSKIP("not inside with-secret-service.sh: no throwaway keyring to write the key to");
        }
        ModalWatchdog watchdog;
        const auto forget = qScopeGuard([] { forgetAnswers(); });

        test::EmulatorProcess emu;
        QString why;
        // Slow creates: the run is still provisioning and running when it is cancelled.
        QVERIFY2(emu.start({QStringLiteral("--create-latency-ms"), QStringLiteral("1500"), QStringLiteral("--call-latency-ms"),
                            QStringLiteral("5")},
                           &why),
                 qPrintable(why));

        MainWindow w;
        w.useSystemKeychain();   // as the program starts
        w.setDataDir(data.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));

        // Settings: Daytona, the emulator's URL, a key; OK.
        bool settingsDone = false;
        whenDialog<QDialog>([&](QDialog *dialog) {
            // A failed check returns from here: close the dialog so that the test goes on to fail.
            const auto closeUnlessDone = qScopeGuard([&] {
                if (!settingsDone)
                    dialog->reject();
            });
            auto *backend = named<QComboBox>(dialog, QStringLiteral("Backend"));
            auto *url = named<QLineEdit>(dialog, QStringLiteral("Daytona API URL"));
            QVERIFY(backend && url);
            // Typing the first letter picks the backend, as in any combo box.
            QTest::keyClick(backend, Qt::Key_D);
            QTRY_COMPARE(backend->currentText(), QStringLiteral("Daytona cloud sandboxes"));
            click(url);
            QTest::keyClick(url, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(url, emu.apiUrl().toString());
            QAbstractButton *setKey = nullptr;
            QTRY_VERIFY((setKey = withText<QAbstractButton>(dialog, QStringLiteral("Set Key…"))) && setKey->isEnabled());
            click(setKey);
            auto *key = named<QLineEdit>(dialog, QStringLiteral("New API key"));
            QVERIFY(key);
            QTest::keyClicks(key, typedKey);
            QTest::keyClick(key, Qt::Key_Return);
            auto *status = named<QLabel>(dialog, QStringLiteral("API key status"));
            QVERIFY(status);
            QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QLatin1String("A key is set")), qPrintable(status->text()), 20000);
            QVERIFY(!status->text().contains(typedKey));
            // Enter stored the key and did nothing else: the dialog is open, no connection test runs.
            QVERIFY(dialog->isVisible());
            QVERIFY(withText<QAbstractButton>(dialog, QStringLiteral("Test Connection")));
            QCOMPARE(emu.stats().value(QLatin1String("created")).toInt(), 0);
            QVERIFY(dialog->grab().save(QDir(shots).filePath(QStringLiteral("1-settings.png"))));
            auto *box = dialog->findChild<QDialogButtonBox *>();
            QVERIFY(box);
            settingsDone = true;
            click(box->button(QDialogButtonBox::Ok));
        });
        press(&w, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(settingsDone);
        QTRY_VERIFY_WITH_TIMEOUT(w.keyStatus()->text().contains(QLatin1String("set")) && !w.keyStatus()->text().contains(QLatin1String("not")), 20000);
        QVERIFY(w.backendStatus()->text().contains(QLatin1String("Daytona")));

        // The key went to the Secret Service: another reader of the keychain finds it there.
        QtKeychainSecretStore keychain;
        SecretStore::Result stored;
        bool answered = false;
        keychain.read(SecretStore::apiKeyName(QStringLiteral("daytona")), [&](const SecretStore::Result &r) {
            stored = r;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        if (!keychain.isPersistent()) {
            if (qEnvironmentVariable("MRP_DEV_ENV") == u"root")
                QFAIL("no Secret Service, but this build environment has gnome-keyring");
            QSKIP("no keychain backend on this system: the key stayed in memory");
        }
        QVERIFY2(stored.ok(), qPrintable(stored.message));
        QCOMPARE(stored.secret, typedKey);

        // Open the cloud job (Ctrl+O, typed path), F5, then Cancel (Shift+F5) while it runs.
        answerFileDialog(QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml"));
        press(&w, Qt::Key_O, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(w.windowTitle().contains(QLatin1String("cloud_toy.yaml")), 10000);
        QAction *runAction = menuAction(&w, QStringLiteral("&Run"), QStringLiteral("&Run"));
        QVERIFY(runAction);
        QTRY_VERIFY(runAction->isEnabled());   // validated
        press(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(emu.stats().value(QLatin1String("liveSandboxes")).toInt() > 0, 20000);
        // The run log says where the key came from: the keychain.
        auto *log = named<QPlainTextEdit>(&w, QStringLiteral("Log of the selected shard"));
        QVERIFY(log);
        QVERIFY2(log->toPlainText().contains(QLatin1String("Daytona API key from the keychain")), qPrintable(log->toPlainText()));
        QVERIFY(w.grab().save(QDir(shots).filePath(QStringLiteral("2-running.png"))));
        press(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(visibleLabels(&w).contains(QLatin1String("was cancelled")), qPrintable(visibleLabels(&w)), 60000);
        QVERIFY(w.grab().save(QDir(shots).filePath(QStringLiteral("3-cancelled.png"))));
        // The run went to the URL from Settings, and left nothing behind there.
        const QJsonObject stats = emu.stats();
        QVERIFY2(stats.value(QLatin1String("created")).toInt() > 0, "the run used the emulator named in Settings");
        QCOMPARE(stats.value(QLatin1String("liveSandboxes")).toInt(), 0);

        // The key is in no file: not in the data folder (run store, run record, log), the
        // settings, nor anywhere in the session's home and data folders (the keyring there holds
        // it encrypted).
        const QStringList folders = {data.path(), QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                                     QStandardPaths::writableLocation(QStandardPaths::AppDataLocation), keyring};
        int files = 0;
        bool sawRunJson = false;
        for (const QString &folder : folders) {
            if (folder.isEmpty())
                continue;
            QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.size() > 64 * 1024 * 1024 || !f.open(QIODevice::ReadOnly))
                    continue;
                ++files;
                sawRunJson = sawRunJson || it.fileName() == u"run.json";
                QVERIFY2(!f.readAll().contains(typedKey.toUtf8()), qPrintable(f.fileName() + QStringLiteral(" holds the API key")));
            }
        }
        QVERIFY2(sawRunJson && files > 3, "the run record and the settings were among the files searched");
        QVERIFY2(QFileInfo(QSettings().fileName()).absoluteFilePath().startsWith(keyring + u'/')
                     || QFileInfo(QSettings().fileName()).absoluteFilePath().startsWith(data.path()),
                 qPrintable(QSettings().fileName()));
    }

    void cloudRunFeedsTimeline()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir data;
        QVERIFY(data.isValid());
        qputenv("MRP_DATA_DIR", data.path().toUtf8());
        qunsetenv("DAYTONA_API_KEY");   // the key must come from the secret store

        test::EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({QStringLiteral("--create-latency-ms"), QStringLiteral("30"), QStringLiteral("--call-latency-ms"),
                            QStringLiteral("5")},
                           &why),
                 qPrintable(why));
        qputenv("DAYTONA_API_URL", emu.apiUrl().toString().toUtf8());

        MemorySecretStore secrets;
        bool written = false;
        secrets.write(SecretStore::apiKeyName(QStringLiteral("daytona")), QStringLiteral("dtn_workbench_key"),
                      [&](const SecretStore::Result &r) { written = r.ok(); });
        QTRY_VERIFY(written);

        MainWindow w;
        w.setDataDir(data.path());
        RunPage *run = w.runPage();
        run->setSecretStore(&secrets);
        QAbstractItemModelTester tester(run->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(run->model(), &QAbstractItemModel::dataChanged);
        QSignalSpy finished(run, &RunPage::runFinished);
        QVERIFY(run->startRun(QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml"), QStringLiteral("cloud_sandbox")));
        QVERIFY(finished.wait(90000));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("ok"));
        QVERIFY(run->model()->rowCount() > 0);
        QVERIFY(changed.count() > 0);
        for (int r = 0; r < run->model()->rowCount(); ++r) {
            const ShardTimeline &s = run->model()->shard(r);
            QCOMPARE(s.state, ShardState::Done);
            QVERIFY(!s.attempts.isEmpty());
            // Create, upload, exec and download all took place in a sandbox.
            QVERIFY(s.attempts.constLast().phases.size() >= 4);
        }
        const QJsonObject stats = emu.stats();
        QVERIFY2(!stats.isEmpty(), "the emulator answered its stats");
    }
};

QTEST_MAIN(TestWorkbenchEmulator)
#include "tst_workbench_emulator.moc"
