// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace mrp {

Banner::Banner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close->setText(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    m_close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    setAccessibleName(tr("Message"));
    hide();
}

void Banner::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_label->setText(text);
    setAccessibleDescription(text);
    applyColours();
    show();
}

QString Banner::text() const
{
    return m_label->text();
}

void Banner::applyColours()
{
    // Tints of the state hues over the window colour: readable on light and dark palettes.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    const bool dark = base.color(QPalette::Window).lightness() < 128;
    int hue = 210;
    if (m_kind == Kind::Warning)
        hue = 40;
    else if (m_kind == Kind::Error)
        hue = 0;
    QPalette pal = base;
    pal.setColor(QPalette::Window, dark ? QColor::fromHsl(hue, 90, 50) : QColor::fromHsl(hue, 160, 225));
    pal.setColor(QPalette::WindowText, dark ? QColor(235, 235, 235) : QColor(20, 20, 20));
    m_applying = true;
    setPalette(pal);
    m_applying = false;
}

void Banner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ParentChange || (event->type() == QEvent::PaletteChange && !m_applying))
        applyColours();
}

} // namespace mrp
