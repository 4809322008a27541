// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "appidentity.h"
#include "cli.h"
#include "i18n/translations.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    mrp::applyApplicationIdentity();
    mrp::installTranslators(&app);
    return mrp::cli::dispatch(QCoreApplication::arguments());
}
