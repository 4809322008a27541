// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "codeeditor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QToolTip>
#include <QTextBlock>

namespace mrp {

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor *m_editor;
};

CodeEditor::CodeEditor(KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_repository(repository)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
    , m_lineNumbers(new LineNumberArea(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    applyTheme();
    updateLineNumberAreaWidth();
}

CodeEditor::~CodeEditor() = default;

bool CodeEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return !source->hasUrls() && QPlainTextEdit::canInsertFromMimeData(source);
}

int CodeEditor::indentWidth() const
{
    return definitionName() == u"YAML" ? 2 : 4;
}

void CodeEditor::indentLines(int levels)
{
    QTextCursor c = textCursor();
    const QTextBlock first = document()->findBlock(std::min(c.selectionStart(), c.selectionEnd()));
    QTextBlock last = document()->findBlock(std::max(c.selectionStart(), c.selectionEnd()));
    // A selection ending at the start of a line does not take that line in.
    if (c.hasSelection() && last != first && std::max(c.selectionStart(), c.selectionEnd()) == last.position())
        last = last.previous();
    const int width = indentWidth();
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        QTextCursor at(b);
        if (levels > 0) {
            at.insertText(QString(width, u' '));
        } else {
            int n = 0;
            while (n < width && n < b.text().size() && b.text().at(n) == u' ')
                ++n;
            at.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, n);
            at.removeSelectedText();
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (isReadOnly()) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && mods == Qt::NoModifier) {
        // The new line starts where the text of this one does, a level further after a ':'
        // (a YAML mapping, a Python block); the text moved down loses its own leading spaces.
        QTextCursor c = textCursor();
        const QString before = c.block().text().left(c.positionInBlock());
        qsizetype spaces = 0;
        while (spaces < before.size() && before.at(spaces) == u' ')
            ++spaces;
        QString indent(spaces, u' ');
        if (before.trimmed().endsWith(u':'))
            indent += QString(indentWidth(), u' ');
        c.beginEditBlock();
        c.removeSelectedText();
        c.insertBlock();
        const QString after = c.block().text();
        qsizetype lead = 0;
        while (lead < after.size() && after.at(lead) == u' ')
            ++lead;
        c.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, int(lead));
        c.insertText(indent);
        c.endEditBlock();
        setTextCursor(c);
        ensureCursorVisible();
        return;
    }
    if (event->key() == Qt::Key_Tab && mods == Qt::NoModifier) {
        QTextCursor c = textCursor();
        if (c.hasSelection() && document()->findBlock(c.selectionStart()) != document()->findBlock(c.selectionEnd())) {
            indentLines(1);
        } else {
            const int width = indentWidth();
            c.insertText(QString(width - c.positionInBlock() % width, u' '));
        }
        return;
    }
    if (event->key() == Qt::Key_Backtab && (mods == Qt::ShiftModifier || mods == Qt::NoModifier)) {
        indentLines(-1);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void CodeEditor::setDefinitionName(const QString &name)
{
    m_highlighter->setDefinition(m_repository->definitionForName(name));
}

void CodeEditor::setDefinitionForFileName(const QString &fileName)
{
    m_highlighter->setDefinition(m_repository->definitionForFileName(fileName));
}

QString CodeEditor::definitionName() const
{
    return m_highlighter->definition().name();
}

void CodeEditor::applyTheme()
{
    // setPalette below sends another PaletteChange: do not recurse.
    m_applyingTheme = true;
    const KSyntaxHighlighting::Theme theme = m_repository->themeForPalette(palette());
    QPalette pal = palette();
    if (theme.isValid()) {
        pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
        pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
        pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    }
    setPalette(pal);
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    m_applyingTheme = false;
    updateExtraSelections();
    m_lineNumbers->update();
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingTheme) {
        // Our own palette was derived from the previous theme; start again from the
        // inherited one so a switch between light and dark picks the matching theme.
        m_applyingTheme = true;
        setPalette(QPalette());
        m_applyingTheme = false;
        applyTheme();
    }
}

void CodeEditor::setDiagnostics(const QList<EditorDiagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    updateExtraSelections();
}

void CodeEditor::jumpTo(int line, int column)
{
    const QTextBlock block = document()->findBlockByLineNumber(std::max(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor c(block);
    c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(c);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

void CodeEditor::updateExtraSelections()
{
    const KSyntaxHighlighting::Theme theme = m_highlighter->theme();
    QList<QTextEdit::ExtraSelection> selections;

    QTextEdit::ExtraSelection current;
    current.format.setBackground(QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLine)));
    current.format.setProperty(QTextFormat::FullWidthSelection, true);
    current.cursor = textCursor();
    current.cursor.clearSelection();
    selections.append(current);

    const QColor errorColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::MarkError));
    const QColor warningColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::MarkWarning));
    for (const EditorDiagnostic &d : std::as_const(m_diagnostics)) {
        const QTextBlock block = document()->findBlockByLineNumber(std::max(0, d.line - 1));
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(block);
        const QString text = block.text();
        int start = d.column > 0 ? std::min<int>(d.column - 1, text.size()) : 0;
        if (d.column <= 0) {
            while (start < text.size() && text.at(start).isSpace())
                ++start;
        }
        // Underline the word at the column (a key or a value), or the rest of the line.
        int end = start;
        while (end < text.size() && !text.at(end).isSpace() && (end == start || text.at(end) != QLatin1Char(':')))
            ++end;
        if (end == start)
            end = std::max<int>(start + 1, text.size());
        sel.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, start);
        sel.cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, std::min<int>(end, block.length() - 1) - start);
        sel.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        sel.format.setUnderlineColor(d.isWarning ? warningColor : errorColor);
        sel.format.setToolTip(d.hint.isEmpty() ? d.message : tr("%1\n%2").arg(d.message, d.hint));
        selections.append(sel);
    }
    setExtraSelections(selections);
}

QString CodeEditor::diagnosticAt(const QPoint &viewportPos) const
{
    const int position = cursorForPosition(viewportPos).position();
    const QList<QTextEdit::ExtraSelection> selections = extraSelections();
    for (const QTextEdit::ExtraSelection &sel : selections) {
        const QString tip = sel.format.toolTip();
        if (!tip.isEmpty() && position >= sel.cursor.selectionStart() && position <= sel.cursor.selectionEnd())
            return tip;
    }
    return {};
}

bool CodeEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = diagnosticAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

bool CodeEditor::event(QEvent *event)
{
    // Tab belongs to the text; Ctrl+Tab leaves the editor as it leaves other widgets.
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) && (key->modifiers() & Qt::ControlModifier)) {
            // QPlainTextEdit::focusNextPrevChild() refuses in an editable editor: ask QWidget's.
            QWidget::focusNextPrevChild(key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int n = std::max(1, blockCount()); n >= 10; n /= 10)
        ++digits;
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(digits, 2);
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_lineNumbers->setGeometry(QRect(r.left(), r.top(), lineNumberAreaWidth(), r.height()));
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateLineNumberAreaWidth();
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    const KSyntaxHighlighting::Theme theme = m_highlighter->theme();
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder)));
    painter.setFont(font());

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int current = textCursor().blockNumber();
    QSet<int> errorLines;
    for (const EditorDiagnostic &d : std::as_const(m_diagnostics))
        errorLines.insert(d.line - 1);
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            QColor c = QColor::fromRgba(theme.editorColor(number == current ? KSyntaxHighlighting::Theme::CurrentLineNumber
                                                                              : KSyntaxHighlighting::Theme::LineNumbers));
            if (errorLines.contains(number))
                c = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::MarkError));
            painter.setPen(c);
            painter.drawText(QRectF(0, top, m_lineNumbers->width() - 4, fontMetrics().height()), Qt::AlignRight,
                             QString::number(number + 1));
        }
        block = block.next();
        top += height;
        ++number;
    }
}

} // namespace mrp
