// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QObject>
#include <QString>

namespace mrp {

// What the workbench needs of the keychain for the Daytona API key: whether a key is set,
// set/replace, remove — asynchronously. The key itself never comes back to the GUI.
// Every call ends in exactly one statusChanged() or failed() for that profile.
class ApiKeyStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ApiKeyStore() override = default;

    virtual void queryStatus(const QString &profile) = 0;
    virtual void setKey(const QString &profile, const QString &key) = 0;
    virtual void removeKey(const QString &profile) = 0;
    // A short description of where keys go ("the system keychain", "memory, this session only").
    virtual QString storageDescription() const = 0;

Q_SIGNALS:
    void statusChanged(const QString &profile, bool isSet);
    void failed(const QString &profile, const QString &message);
};

} // namespace mrp
