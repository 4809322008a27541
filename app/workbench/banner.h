// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace mrp {

// A non-modal message bar for batch-level news (budget warnings, a refused run, an unisolated
// backend): text, a kind that picks the colour, and a close button. Hidden until showMessage().
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };
    explicit Banner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    QString text() const;
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();
    QLabel *m_label;
    QToolButton *m_close;
    Kind m_kind = Kind::Information;
    bool m_applying = false;
};

} // namespace mrp
