// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "apptheme.h"
#include "daytona/connectioncheck.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace mrp {

class ApiKeyStore;
class SecretStore;

// The workbench settings kept in QSettings (the API key is not among them: it lives in the
// keychain through an ApiKeyStore).
struct WorkbenchSettings {
    QString backend;              // "" = as the job says, "local", "cloud_sandbox"
    QString profile = QStringLiteral("daytona");
    QString apiUrl;               // empty = Daytona's default
    int concurrency = 0;          // 0 = as the job says
    double maxCostUsd = 0;        // 0 = no cap beyond the job's
    int maxSandboxSeconds = 0;    // 0 = no cap beyond the job's
    bool allowUnisolated = false; // local runs where bubblewrap does not work (macOS, Windows)
    QStringList allowedPaths;     // folders a job may read besides its own (mrp --allow-path)
    ThemeMode theme = ThemeMode::System;

    static WorkbenchSettings load();
    void save() const;
};

// Settings: backend and profile, API URL, the API key (only whether one is set; Set, Replace,
// Remove), Test connection, concurrency, budgets, theme. Applies on OK.
// Test connection runs a ConnectionCheck (the steps of `mrp doctor`) with the profile and API
// URL as they are in the dialog, listing each step with its time; the button stops it.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const WorkbenchSettings &settings, ApiKeyStore *keys, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    WorkbenchSettings settings() const;

    // For tests and keyboard users: the key controls.
    QPushButton *setKeyButton() const { return m_setKey; }
    QPushButton *removeKeyButton() const { return m_removeKey; }
    QPushButton *storeKeyButton() const { return m_storeKey; }
    QLineEdit *keyEdit() const { return m_keyEdit; }
    QLabel *keyStatusLabel() const { return m_keyStatus; }
    QLineEdit *allowedPathsEdit() const { return m_allowedPaths; }
    QPushButton *testConnectionButton() const { return m_test; }
    QTreeWidget *testResults() const { return m_testResults; }
    ConnectionCheck *connectionCheck() const { return m_check; }
    // Where Test connection reads the key; by default the store behind `keys` (DAYTONA_API_KEY
    // still wins). Not owned.
    void setSecretStore(SecretStore *store) { m_secrets = store; }

Q_SIGNALS:
    void connectionTested(mrp::ConnectionCheck::Result result);

private:
    void onKeyStatus(const QString &profile, bool isSet);
    void onKeyFailed(const QString &profile, const QString &message);
    void beginKeyEntry();
    void storeKey();
    void endKeyEntry();
    QString currentProfile() const;
    void toggleConnectionTest();
    void onTestStep(const ConnectionCheck::StepResult &result);
    void onTestFinished(ConnectionCheck::Result result);

    ApiKeyStore *m_keys;
    QComboBox *m_backend;
    QComboBox *m_profile;
    QLineEdit *m_apiUrl;
    QLabel *m_keyStatus;
    QPushButton *m_setKey;
    QPushButton *m_removeKey;
    QLineEdit *m_keyEdit;
    QPushButton *m_storeKey;
    QPushButton *m_cancelKey;
    QPushButton *m_test;
    QPushButton *m_ok = nullptr;
    QTreeWidget *m_testResults;
    ConnectionCheck *m_check;
    SecretStore *m_secrets = nullptr;
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_maxCost;
    QSpinBox *m_maxSeconds;
    QCheckBox *m_allowUnisolated;
    QLineEdit *m_allowedPaths;
    QComboBox *m_theme;
    bool m_keySet = false;
};

} // namespace mrp
