(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-servers-requiring-authorization "\\`smtp\\.example\\.org\\'"
      user-mail-address "sybil@example.org")
