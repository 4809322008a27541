// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QTextStream>

namespace mrp {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("MRP Workbench"));
    auto *label = new QLabel(tr("MRP Workbench"), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1200, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::openJob(const QString &path)
{
    Q_UNUSED(path)
}

int MainWindow::runSelfTest()
{
    QApplication::processEvents();
    QTextStream err(stderr);
    const bool ok = isVisible() && centralWidget() != nullptr;
    err << (ok ? "self-test: main window up\n" : "self-test: main window did not come up\n");
    return ok ? 0 : 1;
}

} // namespace mrp
