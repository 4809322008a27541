// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "helpbrowser.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace mrp {

HelpBrowser::HelpBrowser(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("MRP Workbench Help"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setAccessibleName(tr("Help page"));
    auto *back = new QPushButton(tr("&Back"), this);
    auto *home = new QPushButton(tr("&Getting Started"), this);
    back->setEnabled(false);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(home, &QPushButton::clicked, this, [this] { showPage(QStringLiteral("getting-started.md")); });
    connect(m_browser, &QTextBrowser::sourceChanged, this, [this] {
        const QString title = m_browser->documentTitle();
        setWindowTitle(title.isEmpty() ? tr("MRP Workbench Help") : tr("%1 — MRP Workbench Help").arg(title));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *nav = new QHBoxLayout;
    nav->addWidget(back);
    nav->addWidget(home);
    nav->addStretch();
    nav->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addLayout(nav);
    resize(860, 700);
}

void HelpBrowser::showPage(const QString &page)
{
    m_browser->setSource(QUrl(QStringLiteral("qrc:/mrp/docs/") + page), QTextDocument::MarkdownResource);
}

} // namespace mrp
