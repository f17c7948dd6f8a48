;; expect: 10:7 warning default-server-after-load
;; expect: 9:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'use-package)
(use-package smtpmail
  :ensure nil
  :config (setq smtpmail-smtp-service 587))
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(setq smtpmail-default-smtp-server "smtp.example.org")
