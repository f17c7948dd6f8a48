"""Exit codes from sysexits.h, used by both command lines (documented in the README)."""

OK = 0
FINDINGS = 1          # elconf check: findings were reported
USAGE = 64            # EX_USAGE: bad command line
DATAERR = 65          # EX_DATAERR: the input (init file, message) is malformed
NOINPUT = 66          # EX_NOINPUT: an input file is missing or unreadable
NOUSER = 67           # EX_NOUSER: a recipient was refused permanently
UNAVAILABLE = 69      # EX_UNAVAILABLE: the server refused permanently
SOFTWARE = 70         # EX_SOFTWARE: an internal error (a bug: please report it)
OSERR = 71            # EX_OSERR
CANTCREAT = 73        # EX_CANTCREAT: cannot write the queue or an Fcc file
IOERR = 74            # EX_IOERR
TEMPFAIL = 75         # EX_TEMPFAIL: temporary failure; try again later
PROTOCOL = 76         # EX_PROTOCOL: TLS or SMTP protocol failure
NOPERM = 77           # EX_NOPERM: authentication failed
CONFIG = 78           # EX_CONFIG: the configuration cannot send mail
