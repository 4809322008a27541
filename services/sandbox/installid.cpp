// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "sandbox/installid.h"

#include <QSettings>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace mrp {

QString installId()
{
    QSettings settings;
    QString id = settings.value(u"daytona/installId"_s).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::Id128).left(20);
        settings.setValue(u"daytona/installId"_s, id);
        settings.sync();
    }
    return id;
}

} // namespace mrp
