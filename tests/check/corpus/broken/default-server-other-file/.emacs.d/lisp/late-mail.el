(setq smtpmail-default-smtp-server "smtp.example.org")
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice@example.org")
