;; expect: 3:7 warning no-sender
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice"
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587)
