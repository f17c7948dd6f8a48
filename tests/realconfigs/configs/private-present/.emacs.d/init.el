;;; init.el -*- lexical-binding: t -*-
;; Public dotfiles.  Anything personal is in ~/.private.el (not in git).

(setq user-full-name "Jakub Novák")
(setq user-mail-address "jakub@example.org") ; placeholder, real one in .private.el

(when (file-exists-p "~/.private.el")
  (load "~/.private.el"))

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it)
(setq smtpmail-stream-type 'starttls
      smtpmail-smtp-service 587)

(with-eval-after-load 'smtpmail
  (setq smtpmail-debug-info t))
