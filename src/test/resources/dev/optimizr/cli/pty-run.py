"""Runs a command on a new pseudo-terminal, as a person at a terminal would.

usage: python3 pty-run.py COLS ROWS COMMAND [ARG...]

The terminal is COLS x ROWS from the start (set in the child before the command runs, so the command's
first look at its size sees it). What the command writes to the terminal is copied to our stdout byte for
byte (escape sequences and the terminal's own echo included); what arrives on our stdin is typed into the
terminal, so b'\\x03' is the interrupt character, exactly a Ctrl+C (the line discipline turns it into
SIGINT for the foreground process group). Exits with the command's status, 128+N when signal N ended it.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

cols, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvp(command[0], command)

inputs = [master, sys.stdin.fileno()]
while True:
    ready, _, _ = select.select(inputs, [], [])
    if sys.stdin.fileno() in ready:
        typed = os.read(sys.stdin.fileno(), 1024)
        if typed:
            os.write(master, typed)
        else:
            inputs.remove(sys.stdin.fileno())  # the test closed our stdin: keep copying the output
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every process holding the terminal has exited
            data = b""
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
