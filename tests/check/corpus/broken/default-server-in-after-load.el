;; The body of with-eval-after-load runs after smtpmail.el has loaded: too late.
;; expect: 8:39 warning default-server-after-load
;; expect: 7:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'smtpmail)
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(with-eval-after-load 'smtpmail (setq smtpmail-default-smtp-server "smtp.example.org"))
