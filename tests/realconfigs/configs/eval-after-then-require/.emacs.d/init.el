;;; init.el -*- lexical-binding: t -*-

(with-eval-after-load 'mu4e
  (setq mu4e-maildir "~/mail"
        mu4e-sent-folder "/Sent"
        mu4e-drafts-folder "/Drafts"
        mu4e-trash-folder "/Trash"
        mu4e-compose-dont-reply-to-self t)
  (add-to-list 'mu4e-bookmarks '(:name "Flagged" :query "flag:flagged" :key ?f) t))

(with-eval-after-load 'message
  (setq message-send-mail-function 'smtpmail-send-it
        message-sendmail-envelope-from 'header))

(custom-set-variables
 '(message-send-mail-function 'message-smtpmail-send-it)
 '(smtpmail-smtp-server "smtp.gmx.net")
 '(smtpmail-smtp-service 587))

(setq user-mail-address "jan@gmx.net"
      user-full-name "Jan de Vries")

(add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")
(require 'mu4e)
