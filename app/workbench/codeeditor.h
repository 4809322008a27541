// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "editordiagnostic.h"

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace mrp {

class LineNumberArea;

// A plain-text code editor: KSyntaxHighlighting highlighting whose theme follows the palette,
// line numbers, the current line, and diagnostics drawn as wave underlines whose tooltip is the
// message. Indentation is spaces, as YAML requires and Python prefers (two per level in YAML,
// four in Python): Tab indents to the next level (the selected lines, if any), Shift+Tab
// unindents, Enter keeps the line's indentation and adds a level after a ':'. Ctrl+Tab and
// Ctrl+Shift+Tab move the focus on, out of the editor.
// The Repository is shared by the whole application and must outlive the editor.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);
    ~CodeEditor() override;

    // "YAML", "Python"... (KSyntaxHighlighting definition names).
    void setDefinitionName(const QString &name);
    // Picks the definition from a file name ("job.yaml", "op.py").
    void setDefinitionForFileName(const QString &fileName);
    QString definitionName() const;

    void setDiagnostics(const QList<EditorDiagnostic> &diagnostics);
    const QList<EditorDiagnostic> &diagnostics() const { return m_diagnostics; }
    // Moves the cursor to line:column (1-based) and makes it visible.
    void jumpTo(int line, int column);

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

    // The message of the diagnostic underlined at a viewport position (empty = none there).
    QString diagnosticAt(const QPoint &viewportPos) const;

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Files dropped on an editor are the window's to open (a job, a dataset), not text to paste
    // as their URLs: the drop goes on to the window.
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    int indentWidth() const;
    // Adds (levels > 0) or removes (levels < 0) one level of indentation on every line the
    // cursor or its selection touches, as one undo step.
    void indentLines(int levels);
    void applyTheme();
    void updateExtraSelections();
    void updateLineNumberAreaWidth();

    KSyntaxHighlighting::Repository *m_repository;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    LineNumberArea *m_lineNumbers;
    QList<EditorDiagnostic> m_diagnostics;
    bool m_applyingTheme = false;
};

} // namespace mrp
