(require 'use-package)
;; emacs: smtpmail-smtp-server "smtp.example.org"
;; emacs: smtpmail-smtp-service 587
(use-package smtpmail
  :defer t
  :init
  (setq smtpmail-default-smtp-server "smtp.example.org")
  :custom
  (smtpmail-smtp-service 587)
  (smtpmail-stream-type 'starttls))
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "carol@example.org")
