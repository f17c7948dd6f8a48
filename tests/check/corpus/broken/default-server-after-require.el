;; expect: 7:7 warning default-server-after-load
;; expect: 6:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'smtpmail)
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(setq smtpmail-default-smtp-server "smtp.example.org")
(setq smtpmail-smtp-service 587)
