// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QMainWindow>

namespace mrp {

// The workbench's one main window.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a job file in the Job page. Errors show in the page, never as a crash.
    void openJob(const QString &path);

    // For `mrp-workbench --self-test`: checks that the window came up with its pages and
    // returns a process exit code (0 = fine). Prints what it checked to stderr.
    int runSelfTest();
};

} // namespace mrp
