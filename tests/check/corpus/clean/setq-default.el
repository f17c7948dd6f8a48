(setq-default send-mail-function 'smtpmail-send-it)
(setq-default smtpmail-smtp-server "smtp.example.org")
(setq-default smtpmail-smtp-service 587)
(setq-default user-mail-address "uma@example.org")
