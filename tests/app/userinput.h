// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Test helper: a person's input to the real window, and what they read on it. Widgets are
// found by what they say or by their accessible names, only while visible; clicks, key presses
// and typed text go through QTest as the window system would deliver them. Header-only; for
// the journey tests in tests/app.
//
// Modal dialogs run their own event loop inside the call that opened them, so they are
// answered from a timer: whenDialog() acts once the dialog shows. Every wait is bounded: a
// dialog that never shows is a failure after 20 s, one that stays open after its answer is
// answered again (a completion popup that opened late may have taken the Enter) and rejected
// after five tries, and ModalWatchdog rejects any modal dialog left open for 30 s, so a test
// fails instead of hanging in a dialog's exec().

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace mrp::test {

inline QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    return text;
}

inline bool shown(const QWidget *w)
{
    return w && w->isVisible() && w->window()->isVisible();
}

// The visible widget of type T whose text (mnemonic markers removed) contains `text`.
template<class T>
T *withText(QWidget *root, const QString &text)
{
    const auto all = root->findChildren<T *>();
    for (T *w : all) {
        if (shown(w) && plain(w->text()).contains(text))
            return w;
    }
    return nullptr;
}

// The visible widget of type T with this accessible name.
template<class T>
T *named(QWidget *root, const QString &accessibleName)
{
    const auto all = root->findChildren<T *>();
    for (T *w : all) {
        if (shown(w) && w->accessibleName() == accessibleName)
            return w;
    }
    return nullptr;
}

// Every visible label's text (what the user reads), to search and to report.
inline QString visibleLabels(QWidget *root)
{
    QStringList texts;
    const auto labels = root->findChildren<QLabel *>();
    for (QLabel *l : labels) {
        if (shown(l) && !l->text().isEmpty())
            texts << l->text();
    }
    return texts.join(QLatin1String(" | "));
}

inline void click(QWidget *w, QPoint pos = {})
{
    QVERIFY(w);
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, pos.isNull() ? w->rect().center() : pos);
}

// Presses a key in `window` as the user does: with the window active (shortcuts of a window
// act only there).
inline void press(QWidget *window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QWidget *focus = QApplication::focusWidget();
    QTest::keyClick(focus && focus->window() == window ? focus : window, key, modifiers);
}

// The action of a menu in the menu bar, as the user sees it when opening the menu.
inline QAction *menuAction(QMainWindow *window, const QString &menu, const QString &action)
{
    const auto menus = window->menuBar()->actions();
    for (QAction *m : menus) {
        if (plain(m->text()) != plain(menu) || !m->menu())
            continue;
        const auto actions = m->menu()->actions();
        for (QAction *a : actions) {
            if (plain(a->text()) == plain(action))
                return a;
        }
    }
    return nullptr;
}

// What the window says for a source string, in the language installed.
inline QString ui(const char *context, const char *source)
{
    return QCoreApplication::translate(context, source);
}

// The visible top-level dialog whose title contains `title`.
inline QDialog *dialogTitled(const QString &title)
{
    const auto tops = QApplication::topLevelWidgets();
    for (QWidget *w : tops) {
        auto *d = qobject_cast<QDialog *>(w);
        if (d && d->isVisible() && d->windowTitle().contains(title))
            return d;
    }
    return nullptr;
}

// The owner of the answers not given yet: a test's cleanup() ends them (forgetAnswers()), so
// that no answer meant for one test reaches a dialog of the next.
inline QObject *answers()
{
    static QPointer<QObject> owner;
    if (!owner)
        owner = new QObject(qApp);
    return owner;
}

inline void forgetAnswers()
{
    const auto pending = answers()->children();
    for (QObject *o : pending)
        delete o;
}

// Runs `act` on the next modal dialog of type T once it shows (inside the dialog's own event
// loop, as the user's input would arrive). See the header comment for the bounds.
template<class T>
void whenDialog(std::function<void(T *)> act)
{
    struct State {
        QElapsedTimer sinceStart;
        QElapsedTimer sinceAnswer;
        QPointer<T> dialog;
        int answers = 0;
    };
    auto state = std::make_shared<State>();
    state->sinceStart.start();
    auto *timer = new QTimer(answers());
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act, state] {
        const auto done = [timer] {
            timer->stop();
            timer->deleteLater();
        };
        const char *type = T::staticMetaObject.className();
        if (state->answers == 0) {
            auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible()) {
                if (state->sinceStart.elapsed() > 20000) {
                    done();
                    QTest::qFail(qPrintable(QStringLiteral("the expected %1 did not show within 20 s").arg(QLatin1String(type))),
                                 __FILE__, __LINE__);
                }
                return;
            }
            state->dialog = dialog;
        } else if (!state->dialog || !state->dialog->isVisible()) {
            done();   // answered
            return;
        } else if (state->sinceAnswer.elapsed() < 2000) {
            return;   // give the answer time to land
        } else if (state->answers == 5) {
            done();
            // What it showed, for whoever reads the failure: its focus and a picture of it.
            QString seen = state->dialog->windowTitle();
            if (auto *edit = qobject_cast<QLineEdit *>(state->dialog->focusWidget()))
                seen += QStringLiteral("\", its field says \"%1").arg(edit->text());
            const QString shot = QDir::current().filePath(QStringLiteral("journeys/stuck-%1.png").arg(QLatin1String(type)));
            QDir().mkpath(QFileInfo(shot).absolutePath());
            state->dialog->grab().save(shot);
            state->dialog->reject();
            QTest::qFail(qPrintable(QStringLiteral("the %1 \"%2\" stayed open after five answers: rejected (%3)")
                                        .arg(QLatin1String(type), seen, shot)),
                         __FILE__, __LINE__);
            return;
        }
        ++state->answers;
        state->sinceAnswer.start();
        act(state->dialog);
    });
    timer->start();
}

// Types a path into a file dialog's name field and presses Enter.
inline void answerFileDialog(const QString &path)
{
    whenDialog<QFileDialog>([path](QFileDialog *d) {
        auto *edit = d->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!edit)
            edit = qobject_cast<QLineEdit *>(d->focusWidget());
        QVERIFY(edit);
        click(edit);
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(edit, path);
        // The completion list, while open, takes Enter for itself: close it first, as a user would.
        if (QCompleter *c = edit->completer(); c && c->popup() && c->popup()->isVisible())
            QTest::keyClick(c->popup(), Qt::Key_Escape);
        QTest::keyClick(edit, Qt::Key_Return);
    });
}

// Clicks the button saying `text` on the next message box.
inline void answerMessageBox(const QString &text)
{
    whenDialog<QMessageBox>([text](QMessageBox *box) {
        QAbstractButton *button = nullptr;
        const auto buttons = box->buttons();
        for (QAbstractButton *b : buttons) {
            if (plain(b->text()) == plain(text))
                button = b;
        }
        QVERIFY2(button, qPrintable(text));
        click(button);
    });
}

// Rejects a modal dialog that stayed open for 30 s, with a failure naming it: whatever opened
// it (an answer that never came, a message nobody expected) then returns, and the test fails
// instead of hanging. Lives from a test's init() to its cleanup().
class ModalWatchdog : public QObject
{
public:
    ModalWatchdog()
    {
        m_timer.setInterval(250);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { check(); });
        m_timer.start();
    }

private:
    void check()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (modal != m_modal) {
            m_modal = modal;
            m_since.start();
            return;
        }
        if (!modal || m_since.elapsed() < 30000)
            return;
        QString what = QStringLiteral("%1 \"%2\"").arg(QLatin1String(modal->metaObject()->className()), modal->windowTitle());
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            what += QStringLiteral(" saying \"%1\"").arg(box->text());
        m_modal = nullptr;
        if (auto *d = qobject_cast<QDialog *>(modal))
            d->reject();
        else
            modal->close();
        QTest::qFail(qPrintable(what + QStringLiteral(" was still open after 30 s: rejected")), __FILE__, __LINE__);
    }

    QTimer m_timer;
    QPointer<QWidget> m_modal;
    QElapsedTimer m_since;
};

} // namespace mrp::test
