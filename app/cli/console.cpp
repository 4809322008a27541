// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "console.h"

#include "cli.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#if defined(Q_OS_WIN)
#include <QMetaObject>
#include <atomic>
#include <io.h>
#include <mutex>
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <QSocketNotifier>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace mrp::cli {

namespace {

InterruptHandler *s_instance = nullptr; // main thread only

#if defined(Q_OS_WIN)
// The console control handler runs on a thread of its own that the system creates.
std::mutex s_mutex;                     // guards s_target against the destructor
InterruptHandler *s_target = nullptr;
std::atomic<int> s_count{0};
std::atomic<int> s_exitCode{ExitCancelled};

BOOL WINAPI onConsoleControl(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT)
        return FALSE; // closing the console, logoff, shutdown: the default (the process ends)
    if (s_count.fetch_add(1) >= 1)
        std::_Exit(s_exitCode.load());
    std::lock_guard lock(s_mutex);
    if (InterruptHandler *h = s_target)
        QMetaObject::invokeMethod(h, &InterruptHandler::interruptFromOs, Qt::QueuedConnection);
    return TRUE;
}
#else
// SIGINT -> a byte on a pipe -> a socket notifier in the event loop.
int s_pipe[2] = {-1, -1};
volatile std::sig_atomic_t s_count = 0;
volatile std::sig_atomic_t s_exitCode = ExitCancelled;

void onSignal(int)
{
    s_count = s_count + 1;
    if (s_count > 1)
        std::_Exit(s_exitCode);
    const char c = 'x';
    [[maybe_unused]] const auto n = ::write(s_pipe[1], &c, 1);
}
#endif

} // namespace

bool stdinIsTerminal()
{
#if defined(Q_OS_WIN)
    return ::_isatty(::_fileno(stdin)) != 0;
#else
    return ::isatty(STDIN_FILENO) != 0;
#endif
}

bool stderrIsTerminal()
{
#if defined(Q_OS_WIN)
    return ::_isatty(::_fileno(stderr)) != 0;
#else
    return ::isatty(STDERR_FILENO) != 0;
#endif
}

QString readLineWithoutEcho(const QString &prompt)
{
    auto showPrompt = [&prompt] {
        err() << prompt;
        err().flush();
    };
#if defined(Q_OS_WIN)
    const HANDLE in = ::GetStdHandle(STD_INPUT_HANDLE);
    DWORD oldMode = 0;
    const bool console = in != INVALID_HANDLE_VALUE && in != nullptr && ::GetConsoleMode(in, &oldMode);
    if (console) {
        showPrompt();
        ::SetConsoleMode(in, (oldMode & ~DWORD(ENABLE_ECHO_INPUT)) | ENABLE_LINE_INPUT);
    }
#else
    termios oldMode{};
    const bool console = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &oldMode) == 0;
    if (console) {
        showPrompt();
        termios quiet = oldMode;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#endif
    std::string line;
    std::getline(std::cin, line);
    if (console) {
#if defined(Q_OS_WIN)
        ::SetConsoleMode(in, oldMode);
#else
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &oldMode);
#endif
        err() << "\n";
        err().flush();
    }
    if (!line.empty() && line.back() == '\r') // Windows line ends
        line.pop_back();
    return QString::fromStdString(line);
}

InterruptHandler::InterruptHandler(int exitCode, QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
#if defined(Q_OS_WIN)
    s_exitCode = exitCode;
    s_count = 0;
    {
        std::lock_guard lock(s_mutex);
        s_target = this;
    }
    m_active = ::SetConsoleCtrlHandler(onConsoleControl, TRUE) != 0;
#else
    s_exitCode = exitCode;
    s_count = 0;
    if (::pipe(s_pipe) == 0) {
        ::fcntl(s_pipe[0], F_SETFD, FD_CLOEXEC); // not inherited by the commands we start
        ::fcntl(s_pipe[1], F_SETFD, FD_CLOEXEC);
        auto *notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this] {
            char c;
            [[maybe_unused]] const auto n = ::read(s_pipe[0], &c, 1);
            interruptFromOs();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        // A closed terminal (SIGHUP) ends the run like SIGTERM, unless it was ignored (nohup).
        m_hangupIgnored = std::signal(SIGHUP, onSignal) == SIG_IGN;
        if (m_hangupIgnored)
            std::signal(SIGHUP, SIG_IGN);
        m_active = true;
    }
#endif
}

InterruptHandler::~InterruptHandler()
{
#if defined(Q_OS_WIN)
    if (m_active)
        ::SetConsoleCtrlHandler(onConsoleControl, FALSE);
    std::lock_guard lock(s_mutex);
    s_target = nullptr;
#else
    if (m_active) {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGHUP, m_hangupIgnored ? SIG_IGN : SIG_DFL);
        delete findChild<QSocketNotifier *>();
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
        s_pipe[0] = s_pipe[1] = -1;
    }
#endif
    s_instance = nullptr;
}

void InterruptHandler::interruptFromOs()
{
    Q_EMIT interrupted();
}

} // namespace mrp::cli
