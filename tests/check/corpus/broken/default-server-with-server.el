;; expect: 5:7 warning default-server-ignored
;; emacs: smtpmail-smtp-server "mail.example.net"
(setq smtpmail-smtp-server "mail.example.net")
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(setq smtpmail-default-smtp-server "smtp.example.org")
