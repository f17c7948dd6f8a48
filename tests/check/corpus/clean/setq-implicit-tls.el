;; Fastmail with implicit TLS on 465
(setq user-mail-address "alice@example.org")
(setq send-mail-function #'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.fastmail.com")
(setq smtpmail-smtp-service 465)
(setq smtpmail-stream-type 'ssl)
(setq smtpmail-smtp-user "alice@example.org")
