(setq smtpmail-debug-info t
      smtpmail-debug-verb t
      smtpmail-retries 3)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "olivia@example.org")
