// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "appidentity.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    mrp::applyApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("MRP Workbench"));
    QApplication::setDesktopFileName(mrp::applicationId());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Run map/reduce/produce evaluation batches in sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QApplication::translate("main", "Open the main window, check it, and quit."));
    parser.addOption(selfTest);
    parser.addPositionalArgument(QStringLiteral("job"), QApplication::translate("main", "A job file to open."), QStringLiteral("[job.yaml]"));
    parser.process(app);

    mrp::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openJob(parser.positionalArguments().constFirst());
    window.show();
    if (parser.isSet(selfTest))
        return window.runSelfTest();
    return QApplication::exec();
}
