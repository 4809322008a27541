// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QDialog>

class QTextBrowser;

namespace mrp {

// A window showing the documentation compiled into the program (docs/*.md at :/mrp/docs/):
// links between pages are followed inside it, web links open in the browser.
class HelpBrowser : public QDialog
{
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget *parent = nullptr);
    // A page by its file name, e.g. "getting-started.md".
    void showPage(const QString &page);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace mrp
