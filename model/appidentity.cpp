// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "appidentity.h"

#include <QCoreApplication>

namespace mrp {

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("mrp-workbench"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("mrpworkbench.org"));
    QCoreApplication::setApplicationName(QStringLiteral("mrp-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MRP_VERSION_STRING));
}

QString applicationId()
{
    return QStringLiteral(MRP_APP_ID);
}

} // namespace mrp
