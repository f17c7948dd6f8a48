"""smtp: send mail exactly as Emacs 28.2's smtpmail does, with the user's Emacs settings."""
