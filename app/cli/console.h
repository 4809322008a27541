// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The terminal-specific parts of the CLI, one place per OS (docs/platforms.md §4):
// whether a stream is a terminal, reading a line without echo, and Ctrl+C handling.
// POSIX: isatty, termios, SIGINT/SIGTERM/SIGHUP through a self-pipe. Windows: _isatty,
// SetConsoleMode without ENABLE_ECHO_INPUT, SetConsoleCtrlHandler.

#include <QObject>
#include <QString>

namespace mrp::cli {

bool stdinIsTerminal();
bool stderrIsTerminal();

// Reads one line from stdin (without the line end). When stdin is a terminal, `prompt` goes to
// stderr first and the typed text is not echoed.
QString readLineWithoutEcho(const QString &prompt);

// While it exists, the first Ctrl+C (POSIX: SIGINT, SIGTERM or SIGHUP; Windows: CTRL_C, CTRL_BREAK
// and closing the console) emits interrupted() in the event loop; the second one ends the
// process at once with `exitCode`. One at a time; the destructor restores the default
// handling. Lives on the main thread.
class InterruptHandler : public QObject
{
    Q_OBJECT
public:
    explicit InterruptHandler(int exitCode, QObject *parent = nullptr);
    ~InterruptHandler() override;

    bool isActive() const { return m_active; }
    // Emits interrupted(); called in the event loop by the OS glue in console.cpp.
    void interruptFromOs();

Q_SIGNALS:
    void interrupted();

private:
    bool m_active = false;
    bool m_hangupIgnored = false;   // SIGHUP was ignored when we started (nohup): keep it so
};

} // namespace mrp::cli
