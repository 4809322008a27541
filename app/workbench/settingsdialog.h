// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "apptheme.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace mrp {

class ApiKeyStore;

// The workbench settings kept in QSettings (the API key is not among them: it lives in the
// keychain through an ApiKeyStore).
struct WorkbenchSettings {
    QString backend;              // "" = as the job says, "local", "cloud_sandbox"
    QString profile = QStringLiteral("daytona");
    QString apiUrl;               // empty = Daytona's default
    int concurrency = 0;          // 0 = as the job says
    double maxCostUsd = 0;        // 0 = no cap beyond the job's
    int maxSandboxSeconds = 0;    // 0 = no cap beyond the job's
    ThemeMode theme = ThemeMode::System;

    static WorkbenchSettings load();
    void save() const;
};

// Settings: backend and profile, API URL, the API key (only whether one is set; Set, Replace,
// Remove), Test connection, concurrency, budgets, theme. Applies on OK.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const WorkbenchSettings &settings, ApiKeyStore *keys, QWidget *parent = nullptr);

    WorkbenchSettings settings() const;

    // For tests and keyboard users: the key controls.
    QPushButton *setKeyButton() const { return m_setKey; }
    QPushButton *removeKeyButton() const { return m_removeKey; }
    QPushButton *storeKeyButton() const { return m_storeKey; }
    QLineEdit *keyEdit() const { return m_keyEdit; }
    QLabel *keyStatusLabel() const { return m_keyStatus; }
    QPushButton *testConnectionButton() const { return m_test; }

private:
    void onKeyStatus(const QString &profile, bool isSet);
    void onKeyFailed(const QString &profile, const QString &message);
    void beginKeyEntry();
    void storeKey();
    void endKeyEntry();
    QString currentProfile() const;

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
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_maxCost;
    QSpinBox *m_maxSeconds;
    QComboBox *m_theme;
    bool m_keySet = false;
};

} // namespace mrp
