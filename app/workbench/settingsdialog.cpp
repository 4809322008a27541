// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "settingsdialog.h"

#include "apikeystore.h"
#include "apikeystore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mrp {

WorkbenchSettings WorkbenchSettings::load()
{
    QSettings s;
    WorkbenchSettings w;
    s.beginGroup(QStringLiteral("run"));
    w.backend = s.value(QStringLiteral("backend")).toString();
    w.profile = s.value(QStringLiteral("profile"), w.profile).toString();
    w.apiUrl = s.value(QStringLiteral("apiUrl")).toString();
    w.concurrency = s.value(QStringLiteral("concurrency"), 0).toInt();
    w.maxCostUsd = s.value(QStringLiteral("maxCostUsd"), 0.0).toDouble();
    w.maxSandboxSeconds = s.value(QStringLiteral("maxSandboxSeconds"), 0).toInt();
    w.allowUnisolated = s.value(QStringLiteral("allowUnisolated"), false).toBool();
    w.allowedPaths = s.value(QStringLiteral("allowedPaths")).toStringList();
    s.endGroup();
    w.theme = themeModeFromKey(s.value(QStringLiteral("ui/theme")).toString());
    return w;
}

void WorkbenchSettings::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("run"));
    s.setValue(QStringLiteral("backend"), backend);
    s.setValue(QStringLiteral("profile"), profile);
    s.setValue(QStringLiteral("apiUrl"), apiUrl);
    s.setValue(QStringLiteral("concurrency"), concurrency);
    s.setValue(QStringLiteral("maxCostUsd"), maxCostUsd);
    s.setValue(QStringLiteral("maxSandboxSeconds"), maxSandboxSeconds);
    s.setValue(QStringLiteral("allowUnisolated"), allowUnisolated);
    s.setValue(QStringLiteral("allowedPaths"), allowedPaths);
    s.endGroup();
    s.setValue(QStringLiteral("ui/theme"), themeModeKey(theme));
}

SettingsDialog::SettingsDialog(const WorkbenchSettings &settings, ApiKeyStore *keys, QWidget *parent)
    : QDialog(parent)
    , m_keys(keys)
    , m_backend(new QComboBox(this))
    , m_profile(new QComboBox(this))
    , m_apiUrl(new QLineEdit(this))
    , m_keyStatus(new QLabel(this))
    , m_setKey(new QPushButton(this))
    , m_removeKey(new QPushButton(tr("&Remove Key"), this))
    , m_keyEdit(new QLineEdit(this))
    , m_storeKey(new QPushButton(tr("St&ore Key"), this))
    , m_cancelKey(new QPushButton(tr("Cancel"), this))
    , m_test(new QPushButton(tr("Test Co&nnection"), this))
    , m_testResults(new QTreeWidget(this))
    , m_check(new ConnectionCheck(this))
    , m_concurrency(new QSpinBox(this))
    , m_maxCost(new QDoubleSpinBox(this))
    , m_maxSeconds(new QSpinBox(this))
    , m_allowUnisolated(new QCheckBox(tr("Allow unisolated local runs &where isolation is unavailable"), this))
    , m_allowedPaths(new QLineEdit(this))
    , m_theme(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));

    m_backend->addItem(tr("As the job says"), QString());
    m_backend->addItem(tr("Local sandboxes"), QStringLiteral("local"));
    m_backend->addItem(tr("Daytona cloud sandboxes"), QStringLiteral("cloud_sandbox"));
    m_backend->setCurrentIndex(std::max(0, m_backend->findData(settings.backend)));
    m_backend->setAccessibleName(tr("Backend"));

    // Built-in profiles are compiled in; the user may type the name of an override.
    m_profile->setEditable(true);
    const QStringList builtins = QDir(QStringLiteral(":/mrp/profiles")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    for (const QString &f : builtins)
        m_profile->addItem(f.chopped(5));
    m_profile->setCurrentText(settings.profile);
    m_profile->setAccessibleName(tr("Backend profile"));

    m_apiUrl->setText(settings.apiUrl);
    m_apiUrl->setPlaceholderText(QStringLiteral("https://app.daytona.io/api"));
    m_apiUrl->setAccessibleName(tr("Daytona API URL"));
    m_apiUrl->setClearButtonEnabled(true);

    m_keyStatus->setAccessibleName(tr("API key status"));
    m_keyStatus->setText(tr("Checking the keychain…"));
    m_setKey->setText(tr("&Set Key…"));
    m_setKey->setEnabled(false);
    m_removeKey->setEnabled(false);
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Paste the API key"));
    m_keyEdit->setAccessibleName(tr("New API key"));
    m_keyEdit->setVisible(false);
    m_storeKey->setVisible(false);
    m_cancelKey->setVisible(false);
    m_storeKey->setEnabled(false);
    connect(m_keyEdit, &QLineEdit::textChanged, this, [this](const QString &t) { m_storeKey->setEnabled(!t.trimmed().isEmpty()); });
    connect(m_setKey, &QPushButton::clicked, this, &SettingsDialog::beginKeyEntry);
    connect(m_storeKey, &QPushButton::clicked, this, &SettingsDialog::storeKey);
    connect(m_cancelKey, &QPushButton::clicked, this, &SettingsDialog::endKeyEntry);
    connect(m_removeKey, &QPushButton::clicked, this, [this] {
        m_removeKey->setEnabled(false);
        m_keyStatus->setText(tr("Removing the key…"));
        m_keys->removeKey(currentProfile());
    });
    if (keys)
        m_secrets = keys->secretStore();
    m_test->setToolTip(tr("Create a sandbox, run hello-world in it and delete it, timing each step (as \"mrp doctor\" does)"));
    m_test->setAccessibleName(tr("Test connection"));
    m_testResults->setColumnCount(3);
    m_testResults->setHeaderLabels({tr("Step"), tr("Time"), tr("Result")});
    m_testResults->setRootIsDecorated(false);
    m_testResults->setUniformRowHeights(true);
    m_testResults->setAccessibleName(tr("Connection test steps"));
    m_testResults->header()->setStretchLastSection(true);
    m_testResults->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_testResults->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    // Room for the six steps and the summary without scrolling.
    m_testResults->setMinimumHeight(m_testResults->header()->sizeHint().height() + (fontMetrics().height() + 8) * 7
                                    + 2 * m_testResults->frameWidth());
    m_testResults->setVisible(false);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::toggleConnectionTest);
    connect(m_check, &ConnectionCheck::stepFinished, this, &SettingsDialog::onTestStep);
    connect(m_check, &ConnectionCheck::finished, this, &SettingsDialog::onTestFinished);

    m_concurrency->setRange(0, 1000);
    m_concurrency->setSpecialValueText(tr("As the job says"));
    m_concurrency->setValue(settings.concurrency);
    m_concurrency->setAccessibleName(tr("Sandboxes in parallel"));
    m_maxCost->setRange(0, 100000);
    m_maxCost->setDecimals(2);
    m_maxCost->setPrefix(QStringLiteral("$"));
    m_maxCost->setSpecialValueText(tr("No extra cap"));
    m_maxCost->setValue(settings.maxCostUsd);
    m_maxCost->setAccessibleName(tr("Maximum cost per run in US dollars"));
    m_maxSeconds->setRange(0, 10'000'000);
    m_maxSeconds->setSpecialValueText(tr("No extra cap"));
    m_maxSeconds->setSuffix(tr(" s"));
    m_maxSeconds->setValue(settings.maxSandboxSeconds);
    m_maxSeconds->setAccessibleName(tr("Maximum sandbox seconds per run"));
    m_allowUnisolated->setChecked(settings.allowUnisolated);
    m_allowUnisolated->setToolTip(tr("Without bubblewrap (macOS, Windows, some Linux systems) a local run whose "
                                     "policy blocks the network is refused. Checked, it runs anyway, with the "
                                     "operating system's limits only, and its record says so."));

    m_allowedPaths->setText(settings.allowedPaths.join(QDir::listSeparator()));
    m_allowedPaths->setPlaceholderText(tr("Only the job file's folder"));
    m_allowedPaths->setAccessibleName(tr("Folders a job may read besides its own"));
    //: %1 is the character that separates folders in a list, ':' or ';'.
    m_allowedPaths->setToolTip(tr("A job reads its dataset and operators only from its own folder, so a generated job file "
                                  "cannot reach your other files. Folders listed here (separated by '%1') are allowed too; "
                                  "each run's plan records them. The same as 'mrp run --allow-path'.")
                                   .arg(QDir::listSeparator()));

    m_theme->addItem(tr("Follow the system"), QVariant::fromValue(int(ThemeMode::System)));
    m_theme->addItem(tr("Light"), QVariant::fromValue(int(ThemeMode::Light)));
    m_theme->addItem(tr("Dark"), QVariant::fromValue(int(ThemeMode::Dark)));
    m_theme->setCurrentIndex(int(settings.theme));
    m_theme->setAccessibleName(tr("Colour theme"));

    auto *backendBox = new QGroupBox(tr("Backend"), this);
    auto *backendForm = new QFormLayout(backendBox);
    backendForm->addRow(tr("&Backend:"), m_backend);
    backendForm->addRow(tr("&Profile:"), m_profile);
    backendForm->addRow(tr("API &URL:"), m_apiUrl);
    auto *keyButtons = new QHBoxLayout;
    keyButtons->addWidget(m_keyStatus, 1);
    keyButtons->addWidget(m_setKey);
    keyButtons->addWidget(m_removeKey);
    backendForm->addRow(tr("API key:"), keyButtons);
    auto *keyEntry = new QHBoxLayout;
    keyEntry->addWidget(m_keyEdit, 1);
    keyEntry->addWidget(m_storeKey);
    keyEntry->addWidget(m_cancelKey);
    backendForm->addRow(QString(), keyEntry);
    backendForm->addRow(QString(), m_test);
    backendForm->addRow(m_testResults);

    auto *runBox = new QGroupBox(tr("Runs"), this);
    auto *runForm = new QFormLayout(runBox);
    runForm->addRow(tr("Sandboxes in para&llel:"), m_concurrency);
    runForm->addRow(tr("Maximum &cost per run:"), m_maxCost);
    runForm->addRow(tr("Maximum sandbo&x time per run:"), m_maxSeconds);
    runForm->addRow(m_allowUnisolated);
    runForm->addRow(tr("Folders jobs may re&ad:"), m_allowedPaths);

    auto *lookBox = new QGroupBox(tr("Appearance"), this);
    auto *lookForm = new QFormLayout(lookBox);
    lookForm->addRow(tr("&Theme:"), m_theme);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter means OK, or Store Key while a key is typed; never Test Connection, which creates a
    // sandbox (a dialog's push buttons are otherwise default in turn as they get focus).
    for (QPushButton *b : {m_setKey, m_removeKey, m_storeKey, m_cancelKey, m_test})
        b->setAutoDefault(false);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(backendBox);
    layout->addWidget(runBox);
    layout->addWidget(lookBox);
    layout->addStretch();
    layout->addWidget(buttons);

    if (m_keys) {
        connect(m_keys, &ApiKeyStore::statusChanged, this, &SettingsDialog::onKeyStatus);
        connect(m_keys, &ApiKeyStore::failed, this, &SettingsDialog::onKeyFailed);
        m_keys->queryStatus(currentProfile());
    } else {
        m_keyStatus->setText(tr("No keychain is available."));
    }
    connect(m_profile, &QComboBox::currentTextChanged, this, [this] {
        if (m_keys)
            m_keys->queryStatus(currentProfile());
    });
}

SettingsDialog::~SettingsDialog()
{
    if (m_check->isRunning()) {
        // Closed mid-test: the check lives on until it has deleted its sandbox.
        m_check->disconnect(this);
        m_check->setParent(nullptr);
        connect(m_check, &ConnectionCheck::finished, m_check, &QObject::deleteLater);
        m_check->cancel();
    }
}

QString SettingsDialog::currentProfile() const
{
    return m_profile->currentText().trimmed();
}

WorkbenchSettings SettingsDialog::settings() const
{
    WorkbenchSettings w;
    w.backend = m_backend->currentData().toString();
    w.profile = currentProfile();
    w.apiUrl = m_apiUrl->text().trimmed();
    w.concurrency = m_concurrency->value();
    w.maxCostUsd = m_maxCost->value();
    w.maxSandboxSeconds = m_maxSeconds->value();
    w.allowUnisolated = m_allowUnisolated->isChecked();
    for (const QString &folder : m_allowedPaths->text().split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
        if (!folder.trimmed().isEmpty())
            w.allowedPaths.append(QDir::cleanPath(folder.trimmed()));
    }
    w.theme = ThemeMode(m_theme->currentData().toInt());
    return w;
}

void SettingsDialog::onKeyStatus(const QString &profile, bool isSet)
{
    if (profile != currentProfile())
        return;
    m_keySet = isSet;
    m_keyStatus->setText(isSet ? tr("A key is set for profile %1 (stored %2).").arg(profile, m_keys->storageDescription())
                               : tr("No key is set for profile %1.").arg(profile));
    m_setKey->setText(isSet ? tr("R&eplace Key…") : tr("&Set Key…"));
    m_setKey->setEnabled(true);
    m_removeKey->setEnabled(isSet);
}

void SettingsDialog::onKeyFailed(const QString &profile, const QString &message)
{
    if (profile != currentProfile())
        return;
    m_keyStatus->setText(message);
    m_setKey->setEnabled(true);
    m_removeKey->setEnabled(m_keySet);
}

void SettingsDialog::beginKeyEntry()
{
    m_keyEdit->clear();
    m_keyEdit->setVisible(true);
    m_storeKey->setVisible(true);
    m_cancelKey->setVisible(true);
    m_storeKey->setDefault(true);
    m_keyEdit->setFocus(Qt::OtherFocusReason);
}

void SettingsDialog::endKeyEntry()
{
    // Do not keep the key in the widget longer than needed.
    m_keyEdit->clear();
    m_keyEdit->setVisible(false);
    m_storeKey->setVisible(false);
    m_cancelKey->setVisible(false);
    if (m_ok)
        m_ok->setDefault(true);
}

void SettingsDialog::storeKey()
{
    const QString key = m_keyEdit->text().trimmed();
    if (key.isEmpty() || !m_keys)
        return;
    m_keyStatus->setText(tr("Storing the key…"));
    m_setKey->setEnabled(false);
    m_removeKey->setEnabled(false);
    m_keys->setKey(currentProfile(), key);
    endKeyEntry();
}

void SettingsDialog::toggleConnectionTest()
{
    if (m_check->isRunning()) {
        m_test->setEnabled(false);   // until the check has cleaned up (deleted its sandbox)
        m_test->setText(tr("Stopping…"));
        m_check->cancel();
        return;
    }
    m_testResults->clear();
    m_testResults->setVisible(true);
    m_check->setSecretStore(m_secrets);
    m_check->setProfile(currentProfile());
    m_check->setApiUrl(QUrl(m_apiUrl->text().trimmed()));
    m_test->setText(tr("Stop Testi&ng"));
    m_check->start();
}

void SettingsDialog::onTestStep(const ConnectionCheck::StepResult &result)
{
    auto *item = new QTreeWidgetItem(m_testResults);
    const QString name = ConnectionCheck::stepName(result.step);
    item->setText(0, result.ok ? name : tr("%1 (failed)").arg(name));
    item->setText(1, tr("%1 ms").arg(QLocale().toString(result.ms)));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(2, result.detail);
    item->setToolTip(2, result.detail);
    item->setIcon(0, style()->standardIcon(result.ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
    item->setData(0, Qt::AccessibleTextRole,
                  tr("%1: %2 in %3 ms. %4").arg(name, result.ok ? tr("ok") : tr("failed"), QLocale().toString(result.ms), result.detail));
    m_testResults->scrollToItem(item);
}

void SettingsDialog::onTestFinished(ConnectionCheck::Result result)
{
    QString summary;
    switch (result) {
    case ConnectionCheck::Result::Ok:
        summary = tr("The connection works.");
        break;
    case ConnectionCheck::Result::Refused:
        summary = tr("Nothing was sent: set an API key and a valid API URL first.");
        break;
    case ConnectionCheck::Result::Failed:
        summary = tr("The connection test failed; see the failed step.");
        break;
    case ConnectionCheck::Result::Cancelled:
        summary = tr("The connection test was stopped.");
        break;
    }
    auto *item = new QTreeWidgetItem(m_testResults);
    item->setFirstColumnSpanned(true);
    item->setText(0, summary);
    m_testResults->scrollToItem(item);
    m_test->setText(tr("Test Co&nnection"));
    m_test->setEnabled(true);
    Q_EMIT connectionTested(result);
}

} // namespace mrp
