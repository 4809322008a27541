// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "appidentity.h"
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    mrp::applyApplicationIdentity();
    return mrp::cli::dispatch(QCoreApplication::arguments());
}
