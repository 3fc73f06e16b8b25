// Signal names to numbers (POSIX/Linux), so Process.exitCode can be -N as Python reports it.
const SIGNALS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

/** The signal's number, or undefined for a name this table does not know. */
export function signalNumber(name: string): number | undefined {
  return SIGNALS[name];
}
