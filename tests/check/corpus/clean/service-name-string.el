(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service "submission"
      user-mail-address "rupert@example.org")
