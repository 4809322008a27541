// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "appidentity.h"
#include "mainwindow.h"
#include "i18n/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(main)
};
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    mrp::applyApplicationIdentity();
    mrp::installTranslators(&app);
    QApplication::setApplicationDisplayName(QStringLiteral("MRP Workbench"));
    QApplication::setDesktopFileName(mrp::applicationId());
    QIcon appIcon; // resources/icons, compiled in (the .desktop/.rc/.icns carry it outside the app)
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        appIcon.addFile(QStringLiteral(":/mrp/icons/%1-%2.png").arg(mrp::applicationId()).arg(size), QSize(size, size));
    QApplication::setWindowIcon(appIcon);

    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Run map/reduce/produce evaluation batches in sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      Tr::tr("Open the main window, check it, and quit."));
    parser.addOption(selfTest);
    parser.addPositionalArgument(QStringLiteral("job"), Tr::tr("A job file to open."), QStringLiteral("[job.yaml]"));
    parser.process(app);

    mrp::MainWindow window;
    if (!parser.isSet(selfTest))
        window.useSystemKeychain();
    if (!parser.positionalArguments().isEmpty())
        window.openJob(parser.positionalArguments().constFirst());
    window.show();
    if (parser.isSet(selfTest))
        return window.runSelfTest();
    return QApplication::exec();
}
