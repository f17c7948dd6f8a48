;;; init.el --- use-package style (use-package from ELPA on Emacs 28)

(require 'use-package)

(use-package emacs
  :custom
  (user-full-name "Carol Example")
  (user-mail-address "carol@example.org"))

(use-package smtpmail
  :defer t
  :custom
  (send-mail-function 'smtpmail-send-it)
  (smtpmail-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587)
  :config
  ;; Runs when smtpmail loads, i.e. at the first send.
  (setq smtpmail-smtp-user "carol"))
